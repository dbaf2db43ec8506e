"""RFC 7946 GeoJSON for incidents (points) and regions (polygons), written to load unchanged in QGIS and GDAL.

RFC 7946: lon/lat order, WGS 84 and so no `crs` member, exterior rings counter-clockwise (right-hand rule),
coordinates rounded (5 decimals, about 1 m, for points; 4, about 10 m, for polygons). `sources` is
written as a JSON array of strings; missing killed/injured as JSON null.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..frames import INCIDENT_COLUMNS, PROVENANCE_COLUMNS, REGION_COLUMNS, output_columns
from .atomic import atomic_path

POINT_DECIMALS = 5
POLYGON_DECIMALS = 4
INCIDENT_PROPERTIES = [*INCIDENT_COLUMNS, *PROVENANCE_COLUMNS, "sources"]  # then any kept table columns
INTEGER_COLUMNS = ("geo_precision", "killed", "injured", "incidents")


def plain(value: Any) -> Any:
    """A JSON-ready Python value: numpy scalars to int/float/bool, NaN/NA/NaT to None, arrays to lists."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (list, tuple, np.ndarray)):
        return [plain(item) for item in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if hasattr(value, "isoformat"):  # date / datetime / Timestamp
        return value.isoformat()[:10] if not getattr(value, "hour", 0) else value.isoformat()
    return value if isinstance(value, str) else str(value)


def sources_list(value: Any) -> list[str]:
    """The `sources` cell as a list of strings, whatever container it arrived in."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return [str(item) for item in value]


def column_values(frame: pd.DataFrame, column: str) -> list[Any]:
    """One column as a list of plain values (vectorised: 100,000 rows in milliseconds)."""
    if column not in frame:
        return [None] * len(frame)
    series = frame[column]
    if column == "sources":
        return [sources_list(v) for v in series]
    if column in INTEGER_COLUMNS:
        numbers = pd.to_numeric(series, errors="coerce").astype("Int64")
        return numbers.astype(object).where(numbers.notna(), None).tolist()
    if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
        values = series.astype(object).where(series.notna(), None).tolist()
        if all(v is None or isinstance(v, str) for v in values):
            return values
        return [plain(v) for v in values]
    return [plain(v) for v in series.tolist()]


def records(frame: pd.DataFrame, columns: Iterable[str]) -> list[dict[str, Any]]:
    """Rows of `frame` as dicts of plain values over `columns` (missing columns become None)."""
    columns = list(columns)
    if not columns:
        return [{} for _ in range(len(frame))]
    data = [column_values(frame, column) for column in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*data, strict=True)]


def _rounded(coords: Any, decimals: int) -> Any:
    """Round nested coordinate lists; `round` gives the shortest repr, so 30.5 stays 30.5 in the file."""
    if coords and isinstance(coords[0], (int, float)):
        return [round(float(c), decimals) for c in coords]
    return [_rounded(c, decimals) for c in coords]


def rfc7946_geometry(geometry: Any, decimals: int) -> dict[str, Any] | None:
    """A GeoJSON geometry dict; polygons snapped to the output grid (kept valid), exteriors ccw."""
    if geometry is None or geometry.is_empty:
        return None
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        geometry = shapely.set_precision(geometry, 10.0 ** -decimals)
        geometry = shapely.orient_polygons(geometry, exterior_cw=False)
        if geometry.is_empty:
            return None
    mapping = shapely.geometry.mapping(geometry)
    return {"type": mapping["type"], "coordinates": _rounded(json.loads(json.dumps(mapping["coordinates"])),
                                                             decimals)}


def feature_collection(frame: gpd.GeoDataFrame, columns: list[str], decimals: int) -> dict[str, Any]:
    """A FeatureCollection dict of `frame` in WGS 84 with the given property columns."""
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    if decimals == POINT_DECIMALS:  # points: cheap path, no shapely round trip per feature
        xs, ys = shapely.get_x(frame.geometry.values), shapely.get_y(frame.geometry.values)
        geometries = [None if math.isnan(x) or math.isnan(y) else
                      {"type": "Point", "coordinates": [round(float(x), decimals), round(float(y), decimals)]}
                      for x, y in zip(xs, ys, strict=True)]
    else:
        geometries = [rfc7946_geometry(g, decimals) for g in frame.geometry]
    features = [{"type": "Feature", "properties": props, "geometry": geom}
                for props, geom in zip(records(frame, columns), geometries, strict=True)]
    return {"type": "FeatureCollection", "features": features}


def _write(collection: dict[str, Any], path: str | Path) -> Path:
    path = Path(path)
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8") as handle:
        # dumps then one write: json.dump streams thousands of tiny writes and is several times slower
        handle.write(json.dumps(collection, ensure_ascii=False, separators=(",", ":"), allow_nan=False))
        handle.write("\n")
    return path


def write_incidents_geojson(incidents: gpd.GeoDataFrame, path: str | Path) -> Path:
    """incidents.geojson: one Point feature per incident with every schema column, the provenance and the
    table columns kept through (`frames.output_columns`) as properties."""
    if not all(g is None or g.geom_type == "Point" for g in incidents.geometry):
        raise ValueError("write_incidents_geojson expects Point geometries")
    return _write(feature_collection(incidents, output_columns(incidents), POINT_DECIMALS), path)


def write_regions_geojson(regions: gpd.GeoDataFrame, path: str | Path) -> Path:
    """regions.geojson: admin-1 polygons with the per-region incident, killed and injured counts."""
    return _write(feature_collection(regions, REGION_COLUMNS, POLYGON_DECIMALS), path)
