"""Read incident tables (CSV, ACLED exports, JSON lines, GeoJSON, Excel) into the incident schema.

Columns are recognised by common names (ACLED's `event_date`, `location`, `admin1`, `latitude`...; plain
`date`, `place`, `lat`, `lon`, `killed`...); `columns={"location": "Town"}` maps others.
"""

from __future__ import annotations

import csv
import logging
from pathlib import Path

import pandas as pd

from ..exc import InputError

log = logging.getLogger(__name__)

TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".geojson", ".xlsx"}

# Schema field -> accepted column names (compared case-insensitively, spaces and dashes as underscores).
ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("event_date", "date", "day", "event_day"),
    "location": ("location", "place", "town", "city", "settlement", "village", "place_name"),
    "admin1": ("admin1", "region", "oblast", "province", "admin_1", "state"),
    "country": ("country", "country_code", "iso", "iso2"),
    "latitude": ("latitude", "lat", "y"),
    "longitude": ("longitude", "lon", "lng", "long", "x"),
    "killed": ("fatalities", "killed", "deaths", "dead", "fatalities_count"),
    "injured": ("injured", "wounded", "injuries"),
    "event_type": ("event_type", "event", "type", "category"),
    "sub_event_type": ("sub_event_type", "subtype", "sub_type"),
    "notes": ("notes", "evidence", "description", "text", "summary"),
    "source": ("source", "sources", "url", "link"),
    "geo_precision": ("geo_precision", "precision"),
    "id": ("event_id_cnty", "id", "event_id", "uid"),
}


def _norm(name: str) -> str:
    return str(name).strip().lower().replace(" ", "_").replace("-", "_")


def _field_of(name: str) -> str | None:
    """The schema field a user's name stands for: 'place' -> 'location', 'lat' -> 'latitude'."""
    key = _norm(name)
    if key in ALIASES:
        return key
    return next((field for field, names in ALIASES.items() if key in names), None)


def recognise_columns(header: list[str], explicit: dict[str, str] | None = None) -> dict[str, str]:
    """Map schema fields to the table's own column names."""
    by_norm = {_norm(column): column for column in header}
    mapping: dict[str, str] = {}
    for field, names in ALIASES.items():
        for name in names:
            if name in by_norm:
                mapping[field] = by_norm[name]
                break
    for name, column in (explicit or {}).items():
        field = _field_of(name)
        if field is None:
            raise InputError("--columns", f"unknown field {name!r}", hint=f"fields: {', '.join(ALIASES)}")
        if column not in header:
            raise InputError("--columns", f"no column {column!r} in the table", hint=f"columns: {', '.join(header)}")
        mapping[field] = column
    return mapping


def read_table_raw(path: str | Path) -> pd.DataFrame:
    """The table as strings, whatever its format."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError(path, "no such file")
    try:
        if suffix in (".csv", ".tsv"):
            return pd.read_csv(path, dtype=str, keep_default_na=False, sep="\t" if suffix == ".tsv" else ",",
                               encoding="utf-8-sig", on_bad_lines="error", quoting=csv.QUOTE_MINIMAL)
        if suffix in (".jsonl", ".ndjson"):
            return pd.read_json(path, lines=True, dtype=False).astype(object)
        if suffix == ".xlsx":
            return pd.read_excel(path, dtype=str).fillna("")
        if suffix == ".geojson":
            import geopandas as gpd

            frame = gpd.read_file(path)
            frame["longitude"], frame["latitude"] = frame.geometry.x, frame.geometry.y
            return pd.DataFrame(frame.drop(columns="geometry"))
    except (pd.errors.ParserError, ValueError, UnicodeDecodeError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(path, f"cannot read the table: {first}") from exc
    raise InputError(path, f"unsupported table type {suffix!r}", hint="use .csv, .tsv, .jsonl, .geojson or .xlsx")


def read_incident_table(path: str | Path, columns: dict[str, str] | None = None) -> pd.DataFrame:
    """Read a table and return it with schema field names (missing fields as empty columns)."""
    raw = read_table_raw(path)
    if raw.empty:
        raise InputError(path, "the table has no rows")
    mapping = recognise_columns([str(c) for c in raw.columns], columns)
    if "location" not in mapping and not {"latitude", "longitude"} <= set(mapping) and "admin1" not in mapping:
        raise InputError(path, "no place column (location/place/town) and no latitude/longitude columns",
                         hint="name them, or map them with --columns location=YourColumn")
    frame = pd.DataFrame({field: raw[column] for field, column in mapping.items()})
    for field in ALIASES:
        if field not in frame:
            frame[field] = None
    frame["row"] = range(2, len(frame) + 2)  # spreadsheet line numbers (header is line 1)
    frame["table"] = str(path)
    log.info("%s: %d rows; columns %s", path, len(frame), ", ".join(f"{k}={v}" for k, v in mapping.items()))
    return frame
