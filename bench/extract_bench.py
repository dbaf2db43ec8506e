"""Extraction speed: documents/second for find_places and for find_places + extract_incidents, on one core.

The corpus is examples/*.md replicated to >= 10,000 documents (each copy gets its own source name and a
shifted date, so nothing is shared between copies but the text). `run()` returns medians of three repeats;
the text-level caches (folded words, common-word look-ups, dates) are warm after the first copy, so a
"first document" figure with cold caches is reported too. Target (issue 4): >= 500 documents/second.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gazetteer import Gazetteer  # noqa: E402
from geomap.incidents import extract_incidents  # noqa: E402
from geomap.models import Article  # noqa: E402
from geomap.places import find_places  # noqa: E402
from geomap.read.articles import read_article  # noqa: E402

DOCUMENTS = 10_000
REPEATS = 3


def corpus(count: int = DOCUMENTS) -> list[Article]:
    """count articles made by replicating the bundled examples."""
    examples = [read_article(p) for p in sorted((ROOT / "examples").glob("*.md"))]
    out = []
    for number in range(count):
        base = examples[number % len(examples)]
        published = base.date + timedelta(days=number % 30) if base.date else None
        out.append(Article(source=f"copy-{number}.md", body=base.body, date=published, title=base.title))
    return out


def _rate(articles: list[Article], gazetteer: Gazetteer, incidents: bool) -> float:
    started = time.perf_counter()
    for article in articles:
        mentions = find_places(article, gazetteer)
        if incidents:
            extract_incidents(article, mentions, gazetteer)
    return len(articles) / (time.perf_counter() - started)


def _cold_ms(article: Article, gazetteer: Gazetteer) -> float:
    from gazetteer.fold import fold
    from geomap.incidents.dates import calendar_date
    from geomap.places.context import common_word

    for cached in (fold, common_word, calendar_date):
        cached.cache_clear()
    started = time.perf_counter()
    extract_incidents(article, find_places(article, gazetteer), gazetteer)
    return (time.perf_counter() - started) * 1000


def run() -> dict:
    """Figures: documents, places docs/s, places + incidents docs/s (medians), cold first document ms."""
    gazetteer = Gazetteer.load()
    articles = corpus()
    cold = _cold_ms(articles[0], gazetteer)
    places = statistics.median(_rate(articles, gazetteer, False) for _ in range(REPEATS))
    both = statistics.median(_rate(articles, gazetteer, True) for _ in range(REPEATS))
    return {
        "documents": len(articles),
        "bytes_per_document": round(sum(len(a.body) for a in articles) / len(articles)),
        "places_docs_per_s": round(places),
        "places_and_incidents_docs_per_s": round(both),
        "first_document_cold_ms": round(cold, 1),
        "target_docs_per_s": 500,
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:36s} {value}")
