"""Split text into word tokens with exact character offsets and the gazetteer's folded key of each.

What a word's token needs besides its offsets (possessive split, folded key, case, lower-case form) is computed
once per distinct word and kept in a bounded dictionary: news text repeats its words, so most tokens cost a
look-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gazetteer import fold

# A word: letters with inner apostrophes ("Bil'shovyk"); digits and underscores split words. _GAP_WORD pairs
# each word with the run of non-letters before it, so that one findall() call covers the text gap by gap.
_LETTERS = r"[^\W\d_]+(?:['\u2019\u02bc\u00b4`][^\W\d_]+)*"
_GAP_WORD = re.compile(rf"([\W\d_]*)({_LETTERS})")
_POSSESSIVE = ("'s", "\u2019s", "\u02bcs")
# Characters after which the next word starts a sentence (or a heading, a caption, a quote).
_OPENERS = set('.!?:;\n"\u201c\u2018([\u2014|#*>')
_CACHE_MAX = 200_000
# word as matched -> (word without its possessive, possessive, folded key, capitalised, all capitals, lower case)
_WORDS: dict[str, tuple[str, bool, str, bool, bool, str]] = {}


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


def word_info(matched: str) -> tuple[str, bool, str, bool, bool, str]:
    """(word, possessive, folded key, capitalised, all capitals, lower case) of a word as the pattern matched
    it, possessive "'s" split off ("Kharkiv's" -> "Kharkiv", True, ...), cached."""
    info = _WORDS.get(matched)
    if info is None:
        if len(_WORDS) >= _CACHE_MAX:
            _WORDS.clear()
        possessive = len(matched) > 3 and matched.endswith(_POSSESSIVE)
        word = matched[:-2] if possessive else matched
        info = _WORDS[matched] = (word, possessive, fold(word), word[:1].isupper(), len(word) > 1 and word.isupper(),
                                  word.lower())
    return info


def clear_cache() -> None:
    """Forget the per-word cache (benchmarks measure cold runs with it)."""
    _WORDS.clear()


def tokenize(text: str) -> list[Token]:
    """Word tokens of text, in order, possessives split off ("Kharkiv's" -> "Kharkiv")."""
    tokens: list[Token] = []
    append = tokens.append
    words = _WORDS
    end_of_match = 0
    # the gaps and words findall gives tile the text from its start: a gap takes every non-letter, a word ends
    # before one, so each word starts where its gap ends
    for gap, word in _GAP_WORD.findall(text):
        start = end_of_match + len(gap)
        end_of_match = start + len(word)
        word, possessive, key, capitalised, upper, lower = words.get(word) or word_info(word)
        end = end_of_match - 2 if possessive else end_of_match
        if gap == " " and tokens:
            initial = False  # the common case: one space after the previous word
        else:
            rest = gap.strip(" \t")
            initial = not tokens or (rest[-1:] in _OPENERS if rest else False) or "\n" in gap
        append(Token(word, start, end, key, possessive, initial, capitalised, upper, lower))
    return tokens


def joinable(text: str, left: Token, right: Token) -> bool:
    """True when two tokens may belong to one name: only a space or a hyphen between them."""
    if left.possessive:
        return False
    gap = text[left.end : right.start]
    return len(gap) <= 2 and gap.strip(" -\u2010\u2011") == "" and "\n" not in gap
