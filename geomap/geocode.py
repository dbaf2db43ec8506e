"""Geocode incident-table rows with the gazetteer, using each row's admin-1 and country as context.

Rows with coordinates keep them after a check (range; swapped lat/lon inside UA/RU is reported, not fixed).
Rows that cannot be placed are returned with the reason, for a report an analyst can fix.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import date

import pandas as pd

from gazetteer import Context, Gazetteer

from .models import PRECISION_REGION, PRECISION_TOWN, Incident
from .taxonomy import normalise_event

log = logging.getLogger(__name__)

# Rough box around Ukraine and European Russia, to spot swapped coordinates.
_UA_RU_BOX = (20.0, 41.0, 70.0, 70.0)  # min_lon, min_lat, max_lon, max_lat


@dataclass(slots=True)
class Unresolved:
    """A row that could not be placed, and why."""

    table: str
    row: int
    value: str
    reason: str


def _number(value) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip().replace(",", ".")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return math.nan
    return number


def _count(value) -> int | None:
    number = _number(value)
    if number is None or math.isnan(number) or number < 0:
        return None
    return int(number)


def _in_box(lat: float, lon: float) -> bool:
    min_lon, min_lat, max_lon, max_lat = _UA_RU_BOX
    return min_lat <= lat <= max_lat and min_lon <= lon <= max_lon


def check_coordinates(lat: float | None, lon: float | None) -> str | None:
    """None when the pair is usable, else the reason it is not."""
    if lat is None and lon is None:
        return None
    if lat is None or lon is None or math.isnan(lat) or math.isnan(lon):
        return "latitude/longitude not numeric or only one given"
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return f"coordinates out of range ({lat}, {lon})"
    if not _in_box(lat, lon) and _in_box(lon, lat):
        return f"latitude and longitude look swapped ({lat}, {lon}): fix the columns"
    return None


def _parse_date(value) -> date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or not str(value).strip():
        return None
    parsed = pd.to_datetime(str(value).strip(), errors="coerce", dayfirst=False)
    return None if pd.isna(parsed) else parsed.date()


def _clean(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def geocode_rows(frame: pd.DataFrame, gazetteer: Gazetteer,
                 countries: tuple[str, ...] = ("UA", "RU")) -> tuple[list[Incident], list[Unresolved]]:
    """Turn table rows into incidents; rows that cannot be placed come back as Unresolved."""
    incidents: list[Incident] = []
    unresolved: list[Unresolved] = []
    for record in frame.to_dict("records"):
        table, row = record["table"], int(record["row"])
        place, region = _clean(record.get("location")), _clean(record.get("admin1"))
        lat, lon = _number(record.get("latitude")), _number(record.get("longitude"))
        problem = check_coordinates(lat, lon)
        if problem:
            unresolved.append(Unresolved(table, row, f"{record.get('latitude')},{record.get('longitude')}", problem))
            continue
        country = (_clean(record.get("country")) or "").upper()
        region_hit = gazetteer.best(region, Context(countries=countries, kind="admin1")) if region else None
        context = Context(countries=(country,) if len(country) == 2 else countries,
                          admin1_codes=(region_hit.admin1_code,) if region_hit and region_hit.kind == "admin1" else ())
        hit = None
        if lat is None:
            if place:
                hit = gazetteer.best(place, context)
            elif region_hit and region_hit.kind == "admin1":
                hit = region_hit
            if hit is None:
                unresolved.append(Unresolved(table, row, place or region or "", "place not found in the gazetteer"
                                             if place or region else "no place and no coordinates"))
                continue
            lat, lon = hit.lat, hit.lon
        event_type, sub_event_type = normalise_event(_clean(record.get("event_type")),
                                                     _clean(record.get("sub_event_type")))
        precision = _count(record.get("geo_precision"))
        if precision not in (1, 2, 3):
            precision = PRECISION_REGION if hit is not None and hit.kind == "admin1" else PRECISION_TOWN
        source = _clean(record.get("source")) or f"{table}:{row}"
        incidents.append(Incident(
            source=source, date=_parse_date(record.get("date")), event_type=event_type,
            sub_event_type=sub_event_type, location=hit.name if hit else place, mention=place or region,
            lat=lat, lon=lon, admin1=hit.admin1 if hit else None,
            admin1_code=hit.admin1_code if hit else None, country_code=hit.country_code if hit else None,
            geo_precision=precision, killed=_count(record.get("killed")), injured=_count(record.get("injured")),
            evidence=_clean(record.get("notes")) or "", sources=[source], id=_clean(record.get("id"))))
    return incidents, unresolved
