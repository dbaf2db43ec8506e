"""Admin-1 region polygons (Ukrainian oblasts, Kyiv City, Crimea, Sevastopol, Russian subjects, neighbours)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pyogrio

from gazetteer.build import ADMIN1_PATH

from .exc import DataError

REGION_FIELDS = ["admin1_code", "admin1", "country_code", "label_lat", "label_lon"]


@lru_cache(maxsize=4)
def _read(path: str) -> gpd.GeoDataFrame:
    try:
        frame = pyogrio.read_dataframe(path, columns=REGION_FIELDS)
    except Exception as exc:  # GDAL raises several types for a missing or broken file
        raise DataError(f"{path}: region polygons unreadable ({exc}); run `make admin1` to regenerate") from exc
    if frame.empty or frame["admin1_code"].isna().any():
        raise DataError(f"{path}: region polygons incomplete; run `make admin1` to regenerate")
    return frame.set_crs("EPSG:4326", allow_override=True)


def load_regions(path: str | Path = ADMIN1_PATH) -> gpd.GeoDataFrame:
    """The region polygons as a fresh GeoDataFrame (the file is read once per process)."""
    return _read(str(path)).copy()
