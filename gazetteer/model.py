"""Plain data types of the gazetteer: a place in the index and a ranked candidate answer."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# Ids of places whose point is their hromada's centre, not their own (settlements from the codifier).
APPROXIMATE_PREFIX = "kt:"


def is_approximate(place_id: str | None) -> bool:
    """True for the id of a place whose point is its hromada's (or raion's) centre, a few km from the place."""
    return place_id is not None and place_id.startswith(APPROXIMATE_PREFIX)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlon = math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class Place:
    """One entry of the index: a settlement (GeoNames or supplement) or an admin-1 region (Natural Earth)."""

    id: str  # "gn:703448", "sup:robotyne", "a1:UA-48"
    name: str
    lat: float
    lon: float
    country_code: str
    admin1_code: str | None  # ISO 3166-2
    kind: str  # "settlement" | "admin1"
    population: int = 0

    def __reduce__(self) -> tuple:
        # pickled as a call of _restore_place: unpickling the index's ~59k places takes about half the time it
        # takes through the generated __setstate__, and 60% of a constructor call's (older pickles still load)
        return _restore_place, (self.id, self.name, self.lat, self.lon, self.country_code, self.admin1_code,
                                self.kind, self.population)

    @property
    def approximate(self) -> bool:
        """True when the point is the centre of the place's hromada (or raion), a few km from the place."""
        return is_approximate(self.id)


_new_object = object.__new__
_set_id, _set_name, _set_lat, _set_lon, _set_country_code, _set_admin1_code, _set_kind, _set_population = (
    getattr(Place, name).__set__
    for name in ("id", "name", "lat", "lon", "country_code", "admin1_code", "kind", "population"))


def _restore_place(place_id: str, name: str, lat: float, lon: float, country_code: str, admin1_code: str | None,
                   kind: str, population: int) -> Place:
    """Place(...) for unpickling, the slots filled directly: the frozen dataclass's __init__ goes through
    object.__setattr__ once per field, most of the time it takes to load the index's places."""
    place = _new_object(Place)
    _set_id(place, place_id)
    _set_name(place, name)
    _set_lat(place, lat)
    _set_lon(place, lon)
    _set_country_code(place, country_code)
    _set_admin1_code(place, admin1_code)
    _set_kind(place, kind)
    _set_population(place, population)
    return place


@dataclass(slots=True)
class Candidate:
    """A ranked answer to a query: the place, its admin-1 region, the score and why it matched."""

    query: str
    name: str
    lat: float
    lon: float
    country_code: str
    admin1: str | None
    admin1_code: str | None
    kind: str
    population: int
    id: str
    score: float
    match: str | None  # "exact", "alternate", "folded", "fuzzy" (None only in the CLI's "not found" rows)
    reasons: list[str] = field(default_factory=list)

    @property
    def approximate(self) -> bool:
        """True when the point is the centre of the place's hromada (or raion), a few km from the place."""
        return is_approximate(self.id)

    @property
    def geonameid(self) -> int | None:
        """The GeoNames id when the place comes from GeoNames, else None."""
        return int(self.id[3:]) if self.id.startswith("gn:") else None

    def to_dict(self) -> dict:
        """JSON-ready dict in the CLI's field order (built field by field: asdict's deep copy is 5x slower)."""
        return {"query": self.query, "name": self.name, "lat": self.lat, "lon": self.lon,
                "country_code": self.country_code, "admin1": self.admin1, "admin1_code": self.admin1_code,
                "kind": self.kind, "population": self.population, "id": self.id, "score": self.score,
                "match": self.match}
