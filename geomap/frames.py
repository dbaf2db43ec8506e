"""Turn pipeline dataclasses into the GeoPandas frames that join, aggregate, render and export share.

The column lists below are the output schema; renderers and writers rely on them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields

import geopandas as gpd
import pandas as pd
from shapely import points

from .models import Incident

INCIDENT_COLUMNS = [
    "id", "source", "date", "event_type", "sub_event_type", "location", "mention", "admin1", "admin1_code",
    "country_code", "geo_precision", "killed", "injured", "evidence",
]
# Where each incident comes from: the outlet and link of the report, the gazetteer's score and name of its place,
# and why it was read so (rule ids and model scores, "; "-separated), so wrong rows can be found and filtered.
PROVENANCE_COLUMNS = ["outlet", "url", "score", "matched_name", "reasons"]
REGION_COLUMNS = ["admin1_code", "admin1", "country_code", "incidents", "killed", "injured"]
CRS = "EPSG:4326"
_FIELDS = [f.name for f in fields(Incident) if f.name != "attributes"]


def incidents_frame(incidents: Iterable[Incident]) -> gpd.GeoDataFrame:
    """A GeoDataFrame of incidents in the output schema; points in lon/lat (EPSG:4326).

    Columns: INCIDENT_COLUMNS, PROVENANCE_COLUMNS, `sources`, then every table column kept through
    (`Incident.attributes`, in the order first seen; empty for incidents that lack it)."""
    rows = []
    extra: dict[str, None] = {}
    for incident in incidents:  # fields read directly: asdict deep-copies every attribute dict, 3x slower
        row = {name: getattr(incident, name) for name in _FIELDS}
        row["date"] = incident.date.isoformat() if incident.date else None
        row["reasons"] = "; ".join(incident.reasons)
        extra.update(dict.fromkeys(incident.attributes))
        row.update(incident.attributes)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[*INCIDENT_COLUMNS, *PROVENANCE_COLUMNS, "sources", *extra, "lat", "lon"])
    frame["score"] = pd.to_numeric(frame["score"], errors="coerce").astype(float)
    frame["sources"] = frame["sources"].map(lambda s: s if isinstance(s, list) else [])
    for column in ("killed", "injured", "geo_precision"):
        frame[column] = pd.array(frame[column], dtype="Int64")
    geometry = points(frame["lon"].astype(float).to_numpy(), frame["lat"].astype(float).to_numpy())
    return gpd.GeoDataFrame(frame.drop(columns=["lat", "lon"]), geometry=geometry, crs=CRS)


def output_columns(frame: pd.DataFrame) -> list[str]:
    """The property columns an export writes: the schema, provenance, `sources`, then the kept table columns."""
    base = [*INCIDENT_COLUMNS, *PROVENANCE_COLUMNS, "sources"]
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    return base + [c for c in frame.columns if c not in base and c != geometry]
