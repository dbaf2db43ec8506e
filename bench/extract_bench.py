"""Extraction speed: documents/second for find_places and for find_places + extract_incidents, on one core.

Two corpora, both of about the bundled example's size per document:
- "replicated": examples/*.md copied to DOCUMENTS documents (own source name, shifted date). Every copy has
  the same words, so the per-word caches (folded keys, common-word look-ups, gazetteer look-ups, dates) are
  warm after the first copy: this is the flattering figure.
- "varied": articles assembled from sentence templates written for this benchmark, each filled with towns and
  regions drawn at random from the gazetteer, numbers, weekdays and dates. Each repeat draws a new corpus
  (its own seed) and starts with the text caches cleared, so its figure includes the cold look-ups.
Each figure is the median of REPEATS runs (the machine is shared and noisy). Target: >= 500 documents/second.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date, timedelta
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
REPEATS = 5
TARGET = 500

# Sentence templates for the varied corpus: {town}, {town2} settlements, {region} an oblast's short name,
# {n}/{m} small numbers, {day} a weekday, {date} a calendar date. Written for this benchmark.
EVENT_TEMPLATES = (
    "A Russian drone hit an apartment block in {town} on {day}, killing {n} people and injuring {m}.",
    "Shelling damaged a school and two houses in {town}, {region} Oblast, the regional governor said.",
    "Ukrainian forces repelled an assault near {town} overnight, the General Staff reported on {day}.",
    "Russian troops captured the village of {town}, about 20 km north of {town2}, on {date}.",
    "In {town}, a guided bomb struck a warehouse; {n} workers were hurt.",
    "Fighting continued around {town} as both sides brought up reinforcements.",
    "A missile attack on {town} left {n} dead, officials said on {day}.",
    "Explosions were heard in {town} early in the morning, and power went out in parts of the city.",
    "Russian forces shelled {town} and {town2} in {region} Oblast {n} times over the past day.",
    "The governor of {region} Oblast said {m} civilians were wounded when artillery struck {town}.",
    "Troops were seen massing near {town}, a local channel said, sharing photos of a convoy.",
    "Ukraine said it had retaken {town} after weeks of heavy battles.",
    "russian convoy moving through {town_lower} towards {town2}",
    "Destroyed bridge near {town}, {region} Oblast",
)
FILLER_TEMPLATES = (
    "Residents of {town} queued for water at a pump near the market.",
    "The mayor of {town} asked people to stay in shelters until the alert ended.",
    "Officials in {region} Oblast said repairs to the grid would take several days.",
    "The talks planned for {day} were postponed, a spokesman told reporters.",
    "Humanitarian groups delivered food to villages along the river.",
    "Schools in the region moved classes online for the rest of the week.",
    "Aid workers said roads out of {town} were open again by the evening.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def corpus(count: int = DOCUMENTS) -> list[Article]:
    """count articles made by replicating the bundled examples."""
    examples = [read_article(p) for p in sorted((ROOT / "examples").glob("*.md"))]
    out = []
    for number in range(count):
        base = examples[number % len(examples)]
        published = base.date + timedelta(days=number % 30) if base.date else None
        out.append(Article(source=f"copy-{number}.md", body=base.body, date=published, title=base.title))
    return out


def place_pool(gazetteer: Gazetteer) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """(town name, admin-1 code) of Ukrainian and Russian settlements, and a short name per admin-1 code."""
    towns = [
        (place.name, place.admin1_code)
        for place in gazetteer.index.places
        if place.kind == "settlement" and place.country_code in ("UA", "RU") and place.admin1_code
        and place.name.replace("-", "").replace(" ", "").isalpha()
    ]
    regions = {}
    for place in gazetteer.index.places:
        if place.kind == "admin1" and place.country_code in ("UA", "RU") and place.name.endswith(" Oblast"):
            regions[place.admin1_code] = place.name[: -len(" Oblast")]
    return towns, regions


def varied_corpus(gazetteer: Gazetteer, count: int = DOCUMENTS, seed: int = 0) -> list[Article]:
    """count articles of 9-14 sentences from the templates, each filled with fresh places and figures."""
    rng = random.Random(seed)
    towns, regions = place_pool(gazetteer)
    region_codes = sorted(regions)
    start = date(2023, 1, 1)
    out = []
    for number in range(count):
        published = start + timedelta(days=rng.randrange(700))
        sentences = []
        for _ in range(rng.randint(9, 14)):
            templates = EVENT_TEMPLATES if rng.random() < 0.65 else FILLER_TEMPLATES
            town, code = rng.choice(towns)
            town2, _ = rng.choice(towns)
            day = published - timedelta(days=rng.randrange(1, 25))
            sentences.append(
                rng.choice(templates).format(
                    town=town,
                    town_lower=town.lower(),
                    town2=town2,
                    region=regions.get(code) or regions[rng.choice(region_codes)],
                    n=rng.randint(1, 12),
                    m=rng.choice(("two", "five", "eleven", "dozens", "14", "at least 30")),
                    day=rng.choice(WEEKDAYS),
                    date=f"{MONTHS[day.month - 1]} {day.day}",
                )
            )
        paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
        out.append(Article(source=f"varied-{seed}-{number}.md", body="\n\n".join(paragraphs), date=published))
    return out


def _clear_caches(gazetteer: Gazetteer) -> None:
    """Empty every text-level cache of the gazetteer and the extractors."""
    from gazetteer import russian
    from gazetteer.fold import fold, plain, variants
    from geomap.incidents.dates import calendar_date
    from geomap.places import context, resolve, tokens

    for cached in (fold, plain, variants, calendar_date, context.common_word):
        cached.cache_clear()
    if hasattr(russian.may_be_russian, "cache_clear"):
        russian.may_be_russian.cache_clear()
    for module in (resolve, tokens):
        if hasattr(module, "clear_cache"):  # absent in older versions of the extractors
            module.clear_cache()
    if hasattr(gazetteer, "clear_cache"):
        gazetteer.clear_cache()
    else:  # older versions had no public way to empty the look-up cache
        gazetteer._lookup_cache.clear()


def _rate(articles: list[Article], gazetteer: Gazetteer, incidents: bool) -> float:
    started = time.perf_counter()
    for article in articles:
        mentions = find_places(article, gazetteer)
        if incidents:
            extract_incidents(article, mentions, gazetteer)
    return len(articles) / (time.perf_counter() - started)


def _cold_rate(gazetteer: Gazetteer, seed: int, incidents: bool, count: int) -> float:
    articles = varied_corpus(gazetteer, count, seed)
    _clear_caches(gazetteer)
    return _rate(articles, gazetteer, incidents)


def _cold_ms(article: Article, gazetteer: Gazetteer) -> float:
    _clear_caches(gazetteer)
    started = time.perf_counter()
    extract_incidents(article, find_places(article, gazetteer), gazetteer)
    return (time.perf_counter() - started) * 1000


def run(count: int = DOCUMENTS, repeats: int = REPEATS) -> dict:
    """Figures: places and places + incidents docs/s on both corpora (medians), cold first document ms."""
    gazetteer = Gazetteer.load()
    articles = corpus(count)
    cold = _cold_ms(articles[0], gazetteer)
    replicated_places = statistics.median(_rate(articles, gazetteer, False) for _ in range(repeats))
    replicated_both = statistics.median(_rate(articles, gazetteer, True) for _ in range(repeats))
    varied_places = statistics.median(_cold_rate(gazetteer, seed, False, count) for seed in range(repeats))
    varied_both = statistics.median(_cold_rate(gazetteer, seed, True, count) for seed in range(repeats))
    sample = varied_corpus(gazetteer, 200, 99)
    return {
        "documents": len(articles),
        "repeats": repeats,
        "replicated_bytes_per_document": round(sum(len(a.body) for a in articles) / len(articles)),
        "varied_bytes_per_document": round(sum(len(a.body) for a in sample) / len(sample)),
        "replicated_places_docs_per_s": round(replicated_places),
        "replicated_places_and_incidents_docs_per_s": round(replicated_both),
        "varied_places_docs_per_s": round(varied_places),
        "varied_places_and_incidents_docs_per_s": round(varied_both),
        "first_document_cold_ms": round(cold, 1),
        "target_docs_per_s": TARGET,
    }


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=DOCUMENTS)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    args = parser.parse_args()
    for key, value in run(args.documents, args.repeats).items():
        print(f"{key:44s} {value}")
