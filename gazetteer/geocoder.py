"""A geopy geocoder over the offline gazetteer, so geopy users switch with one line:

    >>> from gazetteer.geocoder import OfflineGazetteer
    >>> geolocator = OfflineGazetteer()          # instead of Nominatim(user_agent=...)
    >>> geolocator.geocode("Kriviy Rih").raw["admin1_code"]
    'UA-12'

No request ever leaves the machine: the geocoder's adapter refuses to fetch anything.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderQueryError, GeocoderServiceError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from .model import Candidate
from .resolve import Context, Gazetteer

__all__ = ["OfflineGazetteer"]


class _NoNetworkAdapter(BaseSyncAdapter):
    """geopy adapter that refuses every request: the offline geocoder never needs one."""

    def get_json(self, url, *, timeout, headers):
        raise GeocoderServiceError(f"offline gazetteer: no network request allowed ({url})")

    def get_text(self, url, *, timeout, headers):
        raise GeocoderServiceError(f"offline gazetteer: no network request allowed ({url})")


class OfflineGazetteer(Geocoder):
    """geopy `Geocoder` answering from the offline index; `Location.raw` is the candidate dict."""

    def __init__(self, gazetteer: Gazetteer | None = None, *,
                 country_codes: Iterable[str] | str | None = None,
                 user_agent: str | None = None, timeout=DEFAULT_SENTINEL, **_ignored):
        super().__init__(user_agent=user_agent or "geomap-gazetteer", timeout=timeout,
                         adapter_factory=_NoNetworkAdapter)
        self.gazetteer = gazetteer or Gazetteer.load()
        self.country_codes = _codes(country_codes)

    def geocode(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL, limit: int | None = None,
                country_codes: Iterable[str] | str | None = None, featuretype: str | None = None,
                context: Context | None = None, fuzzy: bool = True):
        """Locations for a place name (best first), or None when nothing matches.

        `query` is a name, or a dict with "city"/"settlement" and optionally "state"/"region" (a region
        named around the place) and "country" (ISO alpha-2 codes). `country_codes` and `featuretype`
        ("settlement", "city" or "state"/"admin1") re-rank as in Nominatim. `timeout` is accepted for
        interface compatibility and ignored."""
        name, context = self._query(query, context, country_codes, featuretype)
        found = self.gazetteer.resolve(name, context, limit=1 if exactly_one else (limit or 10), fuzzy=fuzzy)
        if not found:
            return None
        locations = [_location(candidate) for candidate in found]
        return locations[0] if exactly_one else locations

    def reverse(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL, limit: int | None = None,
                max_km: float = 25.0):
        """The settlement(s) nearest a point ("lat, lon", (lat, lon) or Point) within max_km, or None."""
        point = Point(query)
        places = []
        cos_lat = math.cos(math.radians(point.latitude))
        for place in self.gazetteer.index.places:
            if place.kind != "settlement" or abs(place.lat - point.latitude) > 1:
                continue
            dx = (place.lon - point.longitude) * cos_lat * 111.2
            dy = (place.lat - point.latitude) * 111.2
            distance = math.hypot(dx, dy)
            if distance <= max_km:
                places.append((distance, -place.population, place.id, place))
        if not places:
            return None
        places.sort()
        keep = places[:1 if exactly_one else (limit or 10)]
        locations = [_location(self._as_candidate(place, distance)) for distance, _p, _i, place in keep]
        return locations[0] if exactly_one else locations

    def _as_candidate(self, place, distance: float) -> Candidate:
        return Candidate(query=f"{place.lat},{place.lon}", name=place.name, lat=place.lat, lon=place.lon,
                         country_code=place.country_code,
                         admin1=self.gazetteer.admin1_name(place.admin1_code),
                         admin1_code=place.admin1_code, kind=place.kind, population=place.population,
                         id=place.id, score=round(max(0.0, 1 - distance / 100), 4), match="reverse")

    def _query(self, query, context, country_codes, featuretype) -> tuple[str, Context]:
        base = context or Context()
        countries = _codes(country_codes) or self.country_codes or base.countries
        admin1_codes = base.admin1_codes
        if isinstance(query, dict):
            name = query.get("city") or query.get("settlement") or query.get("state") or query.get("region")
            if query.get("country"):
                countries = _codes(query["country"])
            region = query.get("state") or query.get("region")
            if region and name != region:
                hit = self.gazetteer.best(region, Context(countries=countries, kind="admin1"))
                if hit and hit.kind == "admin1":
                    admin1_codes = (*admin1_codes, hit.admin1_code)
            if featuretype is None and name == region:
                featuretype = "admin1"
        else:
            name = query
        if not isinstance(name, str) or not name.strip():
            raise GeocoderQueryError("offline gazetteer: the query must be a non-empty place name")
        kind = {"city": "settlement", "settlement": "settlement", "state": "admin1",
                "admin1": "admin1", None: base.kind}.get(featuretype, base.kind)
        return name.strip(), Context(countries=countries, admin1_codes=admin1_codes, bbox=base.bbox,
                                     near=base.near, kind=kind)


def _codes(value: Iterable[str] | str | None) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    return tuple(code.strip().upper() for code in value if code.strip())


def _location(candidate: Candidate) -> Location:
    parts = [candidate.name]
    if candidate.admin1 and candidate.admin1 != candidate.name:
        parts.append(candidate.admin1)
    parts.append(candidate.country_code)
    return Location(", ".join(parts), Point(candidate.lat, candidate.lon), candidate.to_dict())
