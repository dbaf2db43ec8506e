"""Turn pipeline dataclasses into the GeoPandas frames that join, aggregate, render and export share.

The column lists below are the output schema; renderers and writers rely on them.
"""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd
import pandas as pd
from shapely import points

from .models import Incident

INCIDENT_COLUMNS = [
    "id", "source", "date", "event_type", "sub_event_type", "location", "mention", "admin1", "admin1_code",
    "country_code", "geo_precision", "killed", "injured", "evidence",
]
REGION_COLUMNS = ["admin1_code", "admin1", "country_code", "incidents", "killed", "injured"]
CRS = "EPSG:4326"


def incidents_frame(incidents: Iterable[Incident]) -> gpd.GeoDataFrame:
    """A GeoDataFrame of incidents in the output schema; points in lon/lat (EPSG:4326)."""
    rows = [incident.to_dict() for incident in incidents]
    frame = pd.DataFrame(rows, columns=[*INCIDENT_COLUMNS, "sources", "lat", "lon"])
    frame["sources"] = frame["sources"].map(lambda s: s if isinstance(s, list) else [])
    for column in ("killed", "injured", "geo_precision"):
        frame[column] = pd.array(frame[column], dtype="Int64")
    geometry = points(frame["lon"].astype(float).to_numpy(), frame["lat"].astype(float).to_numpy())
    return gpd.GeoDataFrame(frame.drop(columns=["lat", "lon"]), geometry=geometry, crs=CRS)
