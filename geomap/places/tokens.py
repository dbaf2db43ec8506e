"""Split text into word tokens with exact character offsets and the gazetteer's folded key of each."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gazetteer import fold

# A word: letters with inner apostrophes ("Bil'shovyk"); digits and underscores split words.
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\u02bc\u00b4`][^\W\d_]+)*")
_POSSESSIVE = ("'s", "\u2019s", "\u02bcs")
# Characters after which the next word starts a sentence (or a heading, a caption, a quote).
_OPENERS = set('.!?:;\n"\u201c\u2018([\u2014|#*>')


@dataclass(slots=True)
class Token:
    """One word of the text; `end` excludes a possessive "'s", which `possessive` records."""

    text: str
    start: int
    end: int
    key: str
    possessive: bool
    initial: bool  # first word of a sentence, line or quotation

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def upper(self) -> bool:
        return len(self.text) > 1 and self.text.isupper()

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokenize(text: str) -> list[Token]:
    """Word tokens of text, in order, possessives split off ("Kharkiv's" -> "Kharkiv")."""
    tokens: list[Token] = []
    last = 0
    for match in _WORD.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        possessive = len(word) > 3 and word.endswith(_POSSESSIVE)
        if possessive:
            word, end = word[:-2], end - 2
        gap = text[last:start].strip(" \t")
        initial = not tokens or (gap[-1:] in _OPENERS if gap else False) or "\n" in text[last:start]
        if gap.endswith(("--", "- ")) and not tokens:
            initial = True
        tokens.append(Token(word, start, end, fold(word), possessive, initial))
        last = match.end()
    return tokens


def joinable(text: str, left: Token, right: Token) -> bool:
    """True when two tokens may belong to one name: only a space or a hyphen between them."""
    if left.possessive:
        return False
    gap = text[left.end : right.start]
    return len(gap) <= 2 and gap.strip(" -\u2010\u2011") == "" and "\n" not in gap
