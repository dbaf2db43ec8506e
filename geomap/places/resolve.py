"""Pick the place a name means, using what the article says elsewhere: confident names first, then the rest
with their regions and points as gazetteer Context (a village named in a Donetsk story is the Donetsk one)."""

from __future__ import annotations

import weakref
from dataclasses import replace

from gazetteer import Candidate, Context, Gazetteer

HOME = ("UA", "RU")
BIGGER = 20  # a namesake this many times larger, scored close, is the one reports mean
CLOSE = 0.2
CACHE_MAX = 100_000
# Fuzzy answers scored below this (without context) are right 9-16% of the time, those above it 70-93%
# (bench/fuzzy_calibration.py on 9,000 typos of theatre names and English words): below it a name is unresolved.
FUZZY_TRUSTED = 0.5
# Per gazetteer: (name, want, context, fuzzy) -> ranked candidates. Reports name the same places over and
# over, and a look-up with context costs a gazetteer query or two; weak keys let a replaced index go.
_CACHES: weakref.WeakKeyDictionary[Gazetteer, dict] = weakref.WeakKeyDictionary()


def candidates(
    gazetteer: Gazetteer, name: str, want: str | None, context: Context, fuzzy: bool = False
) -> list[Candidate]:
    """Ranked candidates for a name whose kind the words may have fixed ("admin1", "settlement" or None)."""
    cache = _CACHES.get(gazetteer)
    if cache is None:
        cache = _CACHES[gazetteer] = {}
    key = (name, want, context, fuzzy)
    found = cache.get(key)
    if found is None:
        if len(cache) >= CACHE_MAX:
            cache.clear()
        found = cache[key] = tuple(_candidates(gazetteer, name, want, context, fuzzy))
    return list(found)


def clear_cache() -> None:
    """Forget cached look-ups (benchmarks measure cold runs with it)."""
    _CACHES.clear()


def _candidates(gazetteer: Gazetteer, name: str, want: str | None, context: Context, fuzzy: bool) -> list[Candidate]:
    if want == "admin1":
        region_context = replace(context, kind="admin1")
        for query in (f"{name} Oblast", name):
            found = [c for c in gazetteer.resolve(query, region_context, limit=8, fuzzy=fuzzy) if c.kind == "admin1"]
            if found:
                return found
    found = gazetteer.resolve(name, context, limit=8, fuzzy=fuzzy)
    if want == "settlement":
        found.sort(key=lambda c: c.kind != "settlement")
    return _prefer_large(found)


def _prefer_large(found: list[Candidate]) -> list[Candidate]:
    """Lift a much larger namesake that scores close to the top (Zaporizhzhia the city, not the hamlet)."""
    if len(found) < 2 or found[0].kind != "settlement":
        return found
    top = found[0]
    for other in found[1:]:
        if (
            other.kind == "settlement"
            and other.score >= top.score - CLOSE
            and other.population >= BIGGER * max(top.population, 1)
            and other.admin1_code == top.admin1_code
        ):
            return [other] + [c for c in found if c is not other]
    return found


def confident(found: list[Candidate]) -> bool:
    """One clear answer: a region, a large city, a lone candidate at home, or a wide score margin."""
    if not found:
        return False
    top = found[0]
    if top.kind == "admin1" or top.population >= 100_000:
        return True
    home = [c for c in found if c.country_code in HOME]
    return len(home) <= 1 or top.score - found[1].score >= 0.15


def article_context(chosen: list[Candidate]) -> Context:
    """Context from the confident places of an article: their regions and points."""
    codes = tuple(dict.fromkeys(c.admin1_code for c in chosen if c.admin1_code))
    near = tuple(dict.fromkeys((c.lat, c.lon) for c in chosen if c.kind == "settlement"))[:12]
    return Context(admin1_codes=codes, near=near)
