"""One GeoPackage with two layers, `incidents` and `regions`, for QGIS/ArcGIS users (written with pyogrio)."""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from ..frames import REGION_COLUMNS, output_columns
from .atomic import atomic_path
from .geojson import sources_list


def _layer(frame: gpd.GeoDataFrame, columns: list[str]) -> gpd.GeoDataFrame:
    """The frame with exactly `columns` + geometry, in EPSG:4326; lists flattened to "; "-joined text."""
    frame = frame.to_crs(4326) if frame.crs is not None else frame.set_crs(4326)
    out = pd.DataFrame(index=frame.index)
    for column in columns:
        if column not in frame:
            out[column] = None
        elif column == "sources":
            out[column] = ["; ".join(sources_list(v)) for v in frame[column]]
        elif column in ("geo_precision", "killed", "injured", "incidents"):
            out[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
        elif column == "score":
            out[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
        else:
            out[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return gpd.GeoDataFrame(out, geometry=frame.geometry.values, crs="EPSG:4326")


def write_gpkg(incidents: gpd.GeoDataFrame, regions: gpd.GeoDataFrame, path: str | Path) -> Path:
    """Write `incidents` (points) and `regions` (polygons with counts) as layers of one GeoPackage."""
    path = Path(path)
    with atomic_path(path) as tmp:
        # GDAL wants a .gpkg name (it warns on atomic_path's ".tmp"): write beside tmp, then move onto it.
        work = tmp.with_name(tmp.name + ".gpkg")
        try:
            points = _layer(incidents, output_columns(incidents))
            pyogrio.write_dataframe(points, work, layer="incidents", driver="GPKG",
                                    geometry_type="Point", promote_to_multi=False)
            pyogrio.write_dataframe(_layer(regions, REGION_COLUMNS), work, layer="regions", driver="GPKG",
                                    geometry_type="MultiPolygon", promote_to_multi=True)
            os.replace(work, tmp)
        finally:
            work.unlink(missing_ok=True)
    return path
