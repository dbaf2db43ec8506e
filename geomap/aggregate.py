"""Counts and casualties per admin-1 region, for the choropleth and regions.geojson."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from .frames import REGION_COLUMNS


def aggregate_regions(incidents: gpd.GeoDataFrame, regions: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Every region with its number of incidents and summed killed/injured (zero where none)."""
    if len(incidents):
        stats = incidents.groupby("admin1_code").agg(
            incidents=("admin1_code", "size"),
            killed=("killed", lambda s: int(pd.to_numeric(s, errors="coerce").fillna(0).sum())),
            injured=("injured", lambda s: int(pd.to_numeric(s, errors="coerce").fillna(0).sum())),
        )
    else:
        stats = pd.DataFrame(columns=["incidents", "killed", "injured"])
    merged = regions.merge(stats, how="left", left_on="admin1_code", right_index=True)
    for column in ("incidents", "killed", "injured"):
        merged[column] = merged[column].fillna(0).astype(int)
    return gpd.GeoDataFrame(merged[[*REGION_COLUMNS, "geometry"]], geometry="geometry", crs=regions.crs)
