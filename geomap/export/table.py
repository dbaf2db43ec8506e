"""incidents.csv: incidents under ACLED's column names where a field has an ACLED twin, safe to open in Excel.

ACLED twins: event_date, event_type, sub_event_type, admin1, location, latitude, longitude, geo_precision,
fatalities (= killed), notes (= evidence), source. Ours: id, injured, admin1_code, country_code, mention,
`sources` (every source after merging, joined with "; " as ACLED joins its sources), then the provenance
(outlet, url, score, matched_name) and every table column kept through (actor1, admin2, extra_...).
"""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely

from ..frames import PROVENANCE_COLUMNS, output_columns
from .atomic import atomic_path
from .geojson import POINT_DECIMALS, records

# (CSV column, frame column); latitude/longitude come from the geometry.
CSV_COLUMNS: list[tuple[str, str | None]] = [
    ("id", "id"),
    ("event_date", "date"),
    ("event_type", "event_type"),
    ("sub_event_type", "sub_event_type"),
    ("country_code", "country_code"),
    ("admin1", "admin1"),
    ("admin1_code", "admin1_code"),
    ("location", "location"),
    ("latitude", None),
    ("longitude", None),
    ("geo_precision", "geo_precision"),
    ("source", "source"),
    ("notes", "evidence"),
    ("fatalities", "killed"),
    ("injured", "injured"),
    ("mention", "mention"),
    ("sources", "sources"),
    *((column, column) for column in PROVENANCE_COLUMNS),
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: Any) -> Any:
    """Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_incidents_csv(incidents: gpd.GeoDataFrame, path: str | Path) -> Path:
    """Write incidents.csv (UTF-8, comma-separated, header row, empty cell for a missing value)."""
    path = Path(path)
    frame = incidents
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    named = {column for _, column in CSV_COLUMNS if column}
    columns = CSV_COLUMNS + [(c, c) for c in output_columns(frame) if c not in named]
    rows = records(frame, [column for _, column in columns if column])
    xs, ys = shapely.get_x(frame.geometry.values), shapely.get_y(frame.geometry.values)
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([name for name, _ in columns])
        for row, x, y in zip(rows, xs, ys, strict=True):
            cells = []
            for name, column in columns:
                if name == "latitude":
                    value = None if math.isnan(y) else round(float(y), POINT_DECIMALS)
                elif name == "longitude":
                    value = None if math.isnan(x) else round(float(x), POINT_DECIMALS)
                elif column == "sources":
                    value = "; ".join(row["sources"])
                else:
                    value = row[column]
                cells.append("" if value is None else defuse(value))
            writer.writerow(cells)
    return path
