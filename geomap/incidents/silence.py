"""Why an article gave no incident, in one phrase: a run says so for every such article instead of dropping
it silently (no event sentence, statistics or background only, text not in English, no place named)."""

from __future__ import annotations

import re

from ..models import Article, Mention
from .sentences import split_sentences
from .statistics import total_spans
from .types import classify

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")
NOT_ENGLISH_SHARE = 0.3  # more Cyrillic letters than this: a Ukrainian or Russian text


def why_no_incidents(article: Article, mentions: list[Mention]) -> str:
    """The reason an article with no incident has none."""
    body = article.body
    letters = len(_LETTER.findall(body[:5000])) or 1
    if len(_CYRILLIC.findall(body[:5000])) / letters > NOT_ENGLISH_SHARE:
        return "the text is not in English: incidents are read from English text only (its places are listed)"
    places = [m for m in mentions if not m.metonymy and m.kind in ("settlement", "admin1")]
    if not places:
        return "no place of Ukraine, Russia or their neighbours is named as a place"
    events = [(s, e) for s, e in split_sentences(body) if classify(body[s:e]) is not None]
    if not events:
        return "no sentence reports a strike, an attack or fighting"
    if all(total_spans(body[s:e]) for s, e in events):
        return "its event sentences are running totals (statistics), not events"
    return "its event sentences are background, denials, or name no place of the event"
