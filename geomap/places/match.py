"""Candidate spans: every run of 1-4 tokens whose folded key names a place in the gazetteer, longest first.

Single words use the token's cached key; a phrase is folded whole (fold() is cached and owns the rules for
spaces and hyphens) and only when its first and last words are capitalised, so prose costs few fold calls.
"""

from __future__ import annotations

from dataclasses import dataclass

from gazetteer import Gazetteer, fold
from gazetteer.russian import may_be_russian

from .context import locative_before
from .countries import COUNTRY_KEYS
from .tokens import Token, joinable

MAX_WORDS = 4
# Lower-case words allowed inside a multi-word name ("Rostov-on-Don", "Komsomolsk-na-Amure").
_INNER = {"on", "na", "nad", "pod", "de", "del", "am", "an", "der", "upon", "of"}


@dataclass(slots=True)
class Span:
    """Tokens first..last (inclusive) of a candidate name and its folded key."""

    first: int
    last: int
    start: int
    end: int
    key: str
    country: bool = False


def find_spans(text: str, tokens: list[Token], gazetteer: Gazetteer, lower_case: bool = False) -> list[Span]:
    """Longest-match candidate spans, left to right, not overlapping; lower_case lets phrases start in lower
    case (terse event logs)."""
    spans: list[Span] = []
    count = len(tokens)
    has_key = gazetteer.has_key
    i = 0
    while i < count:
        found = None
        head = tokens[i]
        if not head.capitalised and _cyrillic(head.text):
            i += 1  # Ukrainian and Russian capitalise every place name: "війська" (troops) is not "Бійськ"
            continue
        if not lower_case and not head.capitalised and not (
            (head.key in COUNTRY_KEYS or has_key(head.key)) and locative_before(tokens, i, text)
        ):
            i += 1  # outside terse text a lower-case name (one word) needs a preposition before it (find._judge)
            continue
        # A phrase needs a capitalised first word (any first word in terse text): others try one word only.
        longest = min(MAX_WORDS, count - i) if lower_case or head.capitalised else 1
        for n in range(longest, 0, -1):
            last = i + n - 1
            if n > 1:
                tail = tokens[last]
                if not lower_case and not tail.capitalised:
                    continue
                if not all(joinable(text, tokens[j], tokens[j + 1]) for j in range(i, last)):
                    continue
                if head.key in _INNER and not head.capitalised or tail.key in _INNER and not tail.capitalised:
                    continue
                key = fold(text[head.start : tail.end])
            else:
                key = head.key
            if key in COUNTRY_KEYS:
                found = Span(i, last, head.start, tokens[last].end, key, country=True)
                break
            if n > 1 and (len(tokens[last].text) < 2 or len(head.text) < 2):
                continue  # "в Харьковской области и": one-letter prepositions and conjunctions fold into names
            if has_key(key) or (
                (_cyrillic(head.text) or head.capitalised and _russian(tokens, i, last))
                and gazetteer.knows(text[head.start : tokens[last].end])
            ):
                # a Cyrillic name may be inflected ("у Харкові", "під Бахмутом"), a Russian one may have its own
                # ordinal ("Novosyolovka Vtoraya"): the gazetteer reads them back
                found = Span(i, last, head.start, tokens[last].end, key)
                break
        if found:
            spans.append(found)
            i = found.last + 1
        else:
            i += 1
    return spans


def _russian(tokens: list[Token], first: int, last: int) -> bool:
    """A name with a word a Russian reading changes ("Novosyolovka Vtoraya", "Zelyonoye"): worth a look-up
    of its Ukrainian readings."""
    return any(may_be_russian(tokens[j].text) for j in range(first, last + 1))


def _cyrillic(word: str) -> bool:
    """A word written in Cyrillic, told by its first letter: called for nearly every token, where
    gazetteer.inflect.is_cyrillic's search of the whole word would cost more."""
    return "\u0400" <= word[0] <= "\u04ff"
