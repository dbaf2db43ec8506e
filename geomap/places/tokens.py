"""Split text into word tokens with exact character offsets and the gazetteer's folded key of each.

What a word's token needs besides its offsets (folded key, case, lower-case form) is computed once per
distinct word and kept in a bounded dictionary: news text repeats its words, so most tokens cost a look-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gazetteer import fold

# A word: letters with inner apostrophes ("Bil'shovyk"); digits and underscores split words.
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\u02bc\u00b4`][^\W\d_]+)*")
_POSSESSIVE = ("'s", "\u2019s", "\u02bcs")
# Characters after which the next word starts a sentence (or a heading, a caption, a quote).
_OPENERS = set('.!?:;\n"\u201c\u2018([\u2014|#*>')
_CACHE_MAX = 200_000
# word -> (folded key, capitalised, all capitals, lower case)
_WORDS: dict[str, tuple[str, bool, bool, str]] = {}


@dataclass(slots=True)
class Token:
    """One word of the text; `end` excludes a possessive "'s", which `possessive` records."""

    text: str
    start: int
    end: int
    key: str
    possessive: bool
    initial: bool  # first word of a sentence, line or quotation
    capitalised: bool = False  # first letter upper case
    upper: bool = False  # two or more letters, all upper case ("LPR", "ODESA")
    lower: str = ""  # the word in lower case


def word_info(word: str) -> tuple[str, bool, bool, str]:
    """(folded key, capitalised, all capitals, lower case) of a word, cached."""
    info = _WORDS.get(word)
    if info is None:
        if len(_WORDS) >= _CACHE_MAX:
            _WORDS.clear()
        info = _WORDS[word] = (fold(word), word[:1].isupper(), len(word) > 1 and word.isupper(), word.lower())
    return info


def clear_cache() -> None:
    """Forget the per-word cache (benchmarks measure cold runs with it)."""
    _WORDS.clear()


def tokenize(text: str) -> list[Token]:
    """Word tokens of text, in order, possessives split off ("Kharkiv's" -> "Kharkiv")."""
    tokens: list[Token] = []
    append = tokens.append
    last = 0
    for match in _WORD.finditer(text):
        word = match.group()
        start, end = match.span()
        possessive = len(word) > 3 and word.endswith(_POSSESSIVE)
        if possessive:
            word, end = word[:-2], end - 2
        if start - last == 1 and text[last] == " " and tokens:
            initial = False  # the common case: one space after the previous word
        else:
            between = text[last:start]
            gap = between.strip(" \t")
            initial = not tokens or (gap[-1:] in _OPENERS if gap else False) or "\n" in between
        key, capitalised, upper, lower = _WORDS.get(word) or word_info(word)
        append(Token(word, start, end, key, possessive, initial, capitalised, upper, lower))
        last = match.end()
    return tokens


def joinable(text: str, left: Token, right: Token) -> bool:
    """True when two tokens may belong to one name: only a space or a hyphen between them."""
    if left.possessive:
        return False
    gap = text[left.end : right.start]
    return len(gap) <= 2 and gap.strip(" -\u2010\u2011") == "" and "\n" not in gap
