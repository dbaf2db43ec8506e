"""Admin-1 region polygons (Ukrainian oblasts, Kyiv City, Crimea, Sevastopol, Russian subjects, neighbours).

A missing, truncated or damaged polygon file is reported as one `DataError` naming the file, what is wrong and
the command that restores it; it is never half-used.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pyogrio

from gazetteer.build import ADMIN1_PATH

from .exc import DataError, one_line

REGION_FIELDS = ["admin1_code", "admin1", "country_code", "label_lat", "label_lon"]
FIX = "restore it with `git checkout -- gazetteer/data/admin1.geojson`, or rebuild it with `make admin1`"


def _fix(path: str) -> str:
    return FIX if Path(path).resolve() == ADMIN1_PATH.resolve() else "give a readable admin-1 polygon file"


@lru_cache(maxsize=4)
def _read(path: str) -> gpd.GeoDataFrame:
    if not Path(path).is_file():
        raise DataError(f"{path}: region polygon file missing ({_fix(path)})")
    try:
        fields = set(pyogrio.read_info(path)["fields"])
        missing = [name for name in REGION_FIELDS if name not in fields]
        if missing:
            raise DataError(f"{path}: region polygons lack the field(s) {', '.join(missing)}; {_fix(path)}")
        frame = pyogrio.read_dataframe(path, columns=REGION_FIELDS)
    except DataError:
        raise
    except Exception as exc:  # GDAL raises several types for a broken file
        raise DataError(f"{path}: region polygons unreadable ({one_line(exc, 160)}); {_fix(path)}") from exc
    polygonal = frame.geometry.notna() & frame.geom_type.isin(["Polygon", "MultiPolygon"])
    if frame.empty or frame["admin1_code"].isna().any() or not polygonal.all():
        raise DataError(f"{path}: region polygons incomplete (empty, unnamed or non-polygon features); "
                        f"{_fix(path)}")
    return frame.set_crs("EPSG:4326", allow_override=True)


def load_regions(path: str | Path = ADMIN1_PATH) -> gpd.GeoDataFrame:
    """The region polygons as a fresh GeoDataFrame (the file is read once per process)."""
    return _read(str(path)).copy()
