"""Resolve a place name to ranked candidates: exact, alternate, folded and fuzzy matches, weighed by
population, kind and the caller's context (countries, regions named nearby, a box, points already found)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from .build import MAIN, IndexData
from .fold import fold, plain
from .index import load_index
from .model import Candidate, Place

FUZZY_MIN_LENGTH = 6  # folded keys shorter than this never match fuzzily
FUZZY_CUTOFF = 88.0


@dataclass(frozen=True)
class Context:
    """What the caller knows around a name; every field is optional and only re-ranks candidates."""

    countries: tuple[str, ...] = ("UA", "RU")
    admin1_codes: tuple[str, ...] = ()  # regions named nearby in the same text
    bbox: tuple[float, float, float, float] | None = None  # (min_lon, min_lat, max_lon, max_lat)
    near: tuple[tuple[float, float], ...] = ()  # (lat, lon) of places already resolved in the text
    kind: str | None = None  # "settlement" or "admin1" when the words around the name say which
    extra: dict = field(default_factory=dict, compare=False, hash=False)


DEFAULT_CONTEXT = Context()


class Gazetteer:
    """Offline place-name resolver over the built index (GeoNames cities500 + Natural Earth admin-1)."""

    def __init__(self, index: IndexData):
        self.index = index
        self._keys = list(index.names)

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """Load the index (building it once when missing or stale)."""
        return cls(load_index(path))

    def __contains__(self, name: str) -> bool:
        return fold(name) in self.index.names

    def has_key(self, key: str) -> bool:
        """True when an already folded key names at least one place."""
        return key in self.index.names

    def admin1_name(self, code: str | None) -> str | None:
        return self.index.admin1_names.get(code) if code else None

    def admin1_place(self, code: str) -> Place | None:
        """The admin-1 region entry (label point) of an ISO 3166-2 code."""
        for index, _kind, _name in self.index.names.get(fold(self.index.admin1_names.get(code, "")), ()):
            place = self.index.places[index]
            if place.kind == "admin1" and place.admin1_code == code:
                return place
        return None

    def resolve(self, name: str, context: Context | None = None, *, limit: int = 5,
                fuzzy: bool = True) -> list[Candidate]:
        """Ranked candidates for a name, best first; an empty list when nothing matches."""
        context = context or DEFAULT_CONTEXT
        key = fold(name)
        if not key:
            return []
        written = plain(name)
        scored: dict[int, tuple[float, str]] = {}
        for index, kind, form in self.index.names.get(key, ()):
            if form == written:
                match, base = ("exact", 1.0) if kind == MAIN else ("alternate", 0.9)
            else:
                match, base = ("folded", 0.85) if kind == MAIN else ("folded", 0.8)
            if base > scored.get(index, (0.0, ""))[0]:
                scored[index] = (base, match)
        if not scored and fuzzy and len(key) >= FUZZY_MIN_LENGTH:
            for other, similarity, _ in process.extract(key, self._keys, scorer=fuzz.ratio, limit=5,
                                                        score_cutoff=FUZZY_CUTOFF):
                for index, kind, _form in self.index.names[other]:
                    base = 0.7 * similarity / 100 * (1.0 if kind == MAIN else 0.95)
                    if base > scored.get(index, (0.0, ""))[0]:
                        scored[index] = (base, "fuzzy")
        candidates = [self._candidate(name, self.index.places[i], base, match, context)
                      for i, (base, match) in scored.items()]
        candidates.sort(key=lambda c: (-c.score, -c.population, c.id))
        return candidates[:limit]

    def best(self, name: str, context: Context | None = None, **kwargs) -> Candidate | None:
        """The top candidate, or None."""
        found = self.resolve(name, context, limit=1, **kwargs)
        return found[0] if found else None

    def _candidate(self, query: str, place: Place, base: float, match: str, context: Context) -> Candidate:
        score, reasons = base, [match]
        if place.kind == "settlement":
            score += 0.02 * math.log10(1 + place.population)  # up to ~0.14 for a city of millions
        if context.kind and place.kind == context.kind:
            score += 0.3
            reasons.append("kind")
        if context.countries and place.country_code in context.countries:
            score += 0.2
            reasons.append("country")
        if place.admin1_code and place.admin1_code in context.admin1_codes:
            score += 0.25
            reasons.append("region")
        if context.bbox:
            min_lon, min_lat, max_lon, max_lat = context.bbox
            if min_lon <= place.lon <= max_lon and min_lat <= place.lat <= max_lat:
                score += 0.25
                reasons.append("bbox")
        if context.near:
            distance = min(_km(place.lat, place.lon, lat, lon) for lat, lon in context.near)
            score += 0.2 * max(0.0, 1 - distance / 300)
            reasons.append(f"near:{distance:.0f}km")
        return Candidate(query=query, name=place.name, lat=place.lat, lon=place.lon,
                         country_code=place.country_code, admin1=self.admin1_name(place.admin1_code),
                         admin1_code=place.admin1_code, kind=place.kind, population=place.population,
                         id=place.id, score=round(score, 4), match=match, reasons=reasons)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
