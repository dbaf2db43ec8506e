"""Candidate spans: every run of 1-4 tokens whose folded key names a place in the gazetteer, longest first.

Single words use the token's cached key; a phrase is folded whole (fold() is cached and owns the rules for
spaces and hyphens) and only when its first and last words are capitalised, so prose costs few fold calls.
"""

from __future__ import annotations

from dataclasses import dataclass

from gazetteer import Gazetteer, fold

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
    joins = [joinable(text, tokens[j], tokens[j + 1]) for j in range(count - 1)]
    caps = [t.capitalised for t in tokens]
    i = 0
    while i < count:
        found = None
        for n in range(min(MAX_WORDS, count - i), 0, -1):
            last = i + n - 1
            if n > 1:
                if not lower_case and not (caps[i] and caps[last]):
                    continue
                if not all(joins[i:last]):
                    continue
                if tokens[i].key in _INNER and not caps[i] or tokens[last].key in _INNER and not caps[last]:
                    continue
                key = fold(text[tokens[i].start : tokens[last].end])
            else:
                key = tokens[i].key
            if key in COUNTRY_KEYS:
                found = Span(i, last, tokens[i].start, tokens[last].end, key, country=True)
                break
            if gazetteer.has_key(key):
                found = Span(i, last, tokens[i].start, tokens[last].end, key)
                break
        if found:
            spans.append(found)
            i = found.last + 1
        else:
            i += 1
    return spans
