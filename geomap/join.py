"""Join incidents to admin-1 regions.

Rules, in order:
1. Where the gazetteer already knows an incident's admin-1 (a named place), that wins over the polygon:
   Natural Earth's Kyiv City polygon is about twice the city and swallows Bucha and Irpin (Kyiv Oblast).
2. Otherwise the point is joined to the polygon that contains it (geopandas sjoin, spatial index).
3. Points that fall just outside every polygon (Kherson on the Dnipro, coastal towns, simplified outlines)
   go to the nearest polygon within NEAREST_KM kilometres.
"""

from __future__ import annotations

import logging

import geopandas as gpd
import pandas as pd

log = logging.getLogger(__name__)

NEAREST_KM = 10.0
EQUAL_AREA = "EPSG:3035"  # metres, good enough across Europe for a few-km nearest search


def join_regions(incidents: gpd.GeoDataFrame, regions: gpd.GeoDataFrame,
                 nearest_km: float = NEAREST_KM) -> gpd.GeoDataFrame:
    """Return incidents with admin1_code, admin1 and country_code filled from the regions where missing."""
    result = incidents.copy()
    for column in ("admin1_code", "admin1", "country_code"):
        if column not in result:
            result[column] = None
        result[column] = result[column].astype(object)
    names = regions.set_index("admin1_code")["admin1"]
    countries = regions.set_index("admin1_code")["country_code"]

    known = result["admin1_code"].notna() & result["admin1_code"].isin(names.index)
    todo = result.index[~known & result.geometry.notna() & ~result.geometry.is_empty]
    if len(todo):
        points = result.loc[todo, ["geometry"]]
        hits = gpd.sjoin(points, regions[["admin1_code", "geometry"]], how="left", predicate="within")
        hits = hits[~hits.index.duplicated(keep="first")]
        codes = hits["admin1_code"]
        result.loc[todo, "admin1_code"] = codes.reindex(todo).astype(object).where(codes.reindex(todo).notna(), None)
        outside = [i for i in todo if pd.isna(result.at[i, "admin1_code"])]
        if outside and nearest_km > 0:
            near = gpd.sjoin_nearest(result.loc[outside, ["geometry"]].to_crs(EQUAL_AREA),
                                     _projected(regions), how="left", max_distance=nearest_km * 1000)
            near = near[~near.index.duplicated(keep="first")]["admin1_code"].dropna()
            result.loc[near.index, "admin1_code"] = near.astype(object)
            log.debug("%d points joined to a region within %.0f km", len(near), nearest_km)
    has_code = result["admin1_code"].notna()
    result.loc[has_code, "admin1"] = result.loc[has_code, "admin1"].where(
        result.loc[has_code, "admin1"].notna(), result.loc[has_code, "admin1_code"].map(names))
    result.loc[has_code, "country_code"] = result.loc[has_code, "country_code"].where(
        result.loc[has_code, "country_code"].notna(), result.loc[has_code, "admin1_code"].map(countries))
    return result


def _projected(regions: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return regions[["admin1_code", "geometry"]].to_crs(EQUAL_AREA)
