"""The one JSON payload the web map is built from: incidents as compact columns, regions, legend classes.

Columnar with a shared string table (every distinct text once, referenced by index) keeps 100,000 incidents
near 200 bytes each; the page's script turns the columns into markers and popups. All text is data here:
`script_json` makes the payload safe to sit inside a <script> element.
"""

from __future__ import annotations

import json
import math
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..export.geojson import column_values, sources_list
from .labels import label_payload
from .style import COUNTS_NOTE, MAX_CLASSES, MEASURES, NO_DATA_COLOUR, PRECISION_TEXT, class_colours, event_colour

EVIDENCE_MAX = 400  # characters of evidence in a popup; the full sentence is in the GeoJSON and CSV
REGION_TOLERANCE = 0.01  # degrees (~1 km): region outlines simplified as a coverage, shared edges kept
OUTLINE_TOLERANCE = 0.03
REGION_MARGIN = 3.0  # degrees around the incidents: neighbouring regions drawn for context
OUTLINE_MARGIN = 15.0
DEFAULT_BOUNDS = (22.1, 44.3, 40.3, 52.4)  # Ukraine, when there is nothing to frame


class Strings:
    """A string table: each distinct string stored once, referenced by index (-1 for none)."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def add(self, value: Any) -> int:
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
            return -1
        text = str(value)
        found = self._index.get(text)
        if found is None:
            found = self._index[text] = len(self.items)
            self.items.append(text)
        return found

    def column(self, values: list[Any]) -> list[int]:
        """Indices of every value: each distinct value added once (pandas factorize keeps first-seen order)."""
        if len(values) < 256:  # a few values: factorize costs more than it saves
            add = self.add
            return [add(v) for v in values]
        codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
        lookup = np.array([self.add(u) for u in uniques] + [-1], dtype=np.int64)  # code -1 (none) -> -1
        return lookup[codes].tolist()


def script_json(payload: Any) -> str:
    """JSON that cannot end or confuse the <script> element it is embedded in (`</script>`, `<!--`)."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _ints(frame: pd.DataFrame, column: str, missing: int) -> list[int]:
    if column not in frame:
        return [missing] * len(frame)
    values = pd.to_numeric(frame[column], errors="coerce")
    return values.fillna(missing).astype("int64").tolist()


def _coords(values: np.ndarray, decimals: int) -> list[float]:
    return [round(v, decimals) for v in np.nan_to_num(values).tolist()]


def incident_columns(incidents: gpd.GeoDataFrame, strings: Strings) -> tuple[dict[str, Any], list, list]:
    """Compact columns for the markers, the event-type table and the sorted list of dates."""
    xs = shapely.get_x(incidents.geometry.values)
    ys = shapely.get_y(incidents.geometry.values)
    types = column_values(incidents, "event_type")
    type_names = sorted({t or "Other" for t in types}, key=lambda t: (-types.count(t), t))
    type_index = {name: k for k, name in enumerate(type_names)}
    dates = column_values(incidents, "date")
    date_list = sorted({d for d in dates if d})
    date_index = {d: k for k, d in enumerate(date_list)}
    evidence = [e if not e or len(e) <= EVIDENCE_MAX else e[: EVIDENCE_MAX - 1].rstrip() + "…"
                for e in column_values(incidents, "evidence")]
    raw = [tuple(sources_list(many) or ([primary] if primary else [])) for primary, many in
           zip(column_values(incidents, "source"), column_values(incidents, "sources"), strict=True)]
    codes, distinct = pd.factorize(pd.Series(raw, dtype=object)) if raw else ([], [])
    source_sets: dict[tuple[int, ...], int] = {}
    set_of = [source_sets.setdefault(tuple(strings.column(list(names))), len(source_sets)) for names in distinct]
    set_index = [set_of[code] for code in codes]
    columns = {
        "x": _coords(xs, 5), "y": _coords(ys, 5),
        "t": [type_index[t or "Other"] for t in types],
        "u": strings.column(column_values(incidents, "sub_event_type")),
        "d": [date_index.get(d, -1) if d else -1 for d in dates],
        "p": _ints(incidents, "geo_precision", 1),
        "k": _ints(incidents, "killed", -1),
        "j": _ints(incidents, "injured", -1),
        "l": strings.column(column_values(incidents, "location")),
        "m": strings.column(column_values(incidents, "mention")),
        "a": strings.column(column_values(incidents, "admin1")),
        "c": strings.column(column_values(incidents, "admin1_code")),
        "e": strings.column(evidence),
        "s": set_index,
        "id": strings.column(column_values(incidents, "id")),
        "Z": [list(key) for key in source_sets],
    }
    if "url" in incidents:
        columns["w"] = strings.column(column_values(incidents, "url"))
    counts = pd.Series([t or "Other" for t in types]).value_counts() if types else pd.Series(dtype=int)
    type_table = [{"name": name, "colour": event_colour(name), "count": int(counts.get(name, 0))}
                  for name in type_names]
    return columns, type_table, date_list


def _geojson_geometry(geometry: Any, decimals: int) -> dict[str, Any] | None:
    if geometry is None or geometry.is_empty:
        return None
    return json.loads(shapely.to_geojson(shapely.set_precision(geometry, 10.0 ** -decimals)))


def map_extent(incidents: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    """(minx, miny, maxx, maxy) of the incidents, or Ukraine when there are none."""
    points = incidents.geometry[incidents.geometry.notna() & ~incidents.geometry.is_empty]
    if points.empty:
        return DEFAULT_BOUNDS
    minx, miny, maxx, maxy = points.total_bounds
    return float(minx), float(miny), float(maxx), float(maxy)


def region_features(regions: gpd.GeoDataFrame,
                    extent: tuple[float, float, float, float]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The choropleth's FeatureCollection (regions with incidents plus neighbours) and the legend's ramps."""
    regions = regions.to_crs(4326) if regions.crs is not None and regions.crs.to_epsg() != 4326 else regions
    minx, miny, maxx, maxy = extent
    box = shapely.box(minx - REGION_MARGIN, miny - REGION_MARGIN, maxx + REGION_MARGIN, maxy + REGION_MARGIN)
    counts = {m: pd.to_numeric(regions[m], errors="coerce").fillna(0).astype(int) if m in regions
              else pd.Series(0, index=regions.index) for m in MEASURES}
    m = OUTLINE_MARGIN
    wide = shapely.box(minx - m, miny - m, maxx + m, maxy + m)
    hit = set(regions.loc[counts["incidents"] > 0, "country_code"].dropna())
    # every region near the incidents, and the whole of each country hit (within a wide box: not all Russia)
    near = (regions.geometry.intersects(box) | (counts["incidents"] > 0)
            | (regions["country_code"].isin(hit) & regions.geometry.intersects(wide)))
    shown = regions[near]
    geometries = shapely.coverage_simplify(shown.geometry.values, REGION_TOLERANCE) if len(shown) else []
    features = []
    for (idx, region), geometry in zip(shown.iterrows(), geometries, strict=True):
        props = {"c": region.get("admin1_code"), "n": region.get("admin1"), "cc": region.get("country_code")}
        props.update({m: int(counts[m][idx]) for m in MEASURES})
        features.append({"type": "Feature", "properties": props, "geometry": _geojson_geometry(geometry, 3)})
    # the page classifies the filtered figures itself (geomap-core.js ports style.classify); it needs the
    # colours style.classify would give for each number of classes
    legend = {m: {"label": label, "ramps": [class_colours(cmap, k) for k in range(1, MAX_CLASSES + 1)]}
              for m, (label, cmap) in MEASURES.items()}
    return {"type": "FeatureCollection", "features": features}, legend


def country_shapes(regions: gpd.GeoDataFrame, rect: tuple[float, float, float, float],
                   tolerance: float = OUTLINE_TOLERANCE) -> gpd.GeoDataFrame:
    """Country polygons dissolved from the region polygons, clipped to rect (minx, miny, maxx, maxy)."""
    simplified = shapely.coverage_simplify(regions.geometry.values, tolerance)
    frame = gpd.GeoDataFrame({"cc": regions["country_code"].to_numpy()}, geometry=simplified, crs=4326)
    codes, shapes = [], []
    for code, group in frame.groupby("cc"):
        parts = shapely.clip_by_rect(group.geometry.values, *rect)
        shape = shapely.union_all(parts[~shapely.is_empty(parts)], grid_size=0.001)
        if not shape.is_empty:
            codes.append(code)
            shapes.append(shape)
    return gpd.GeoDataFrame({"cc": codes}, geometry=shapes, crs=4326)


def outline_rect(extent: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The rectangle the offline base layer (country outlines) covers around the incidents."""
    minx, miny, maxx, maxy = extent
    return (minx - OUTLINE_MARGIN, max(miny - OUTLINE_MARGIN, -85), maxx + OUTLINE_MARGIN,
            min(maxy + OUTLINE_MARGIN, 85))


def region_index(incidents: gpd.GeoDataFrame, features: list[dict[str, Any]]) -> list[int]:
    """Per incident, the index of its region among the choropleth's features (-1 when none is drawn)."""
    where = {f["properties"]["c"]: k for k, f in enumerate(features)}
    return [where.get(code, -1) for code in column_values(incidents, "admin1_code")]


def outline_features(regions: gpd.GeoDataFrame, extent: tuple[float, float, float, float]) -> dict[str, Any]:
    """Country shapes around the incidents, dissolved from the region polygons: the offline base layer."""
    rect = outline_rect(extent)
    countries = country_shapes(regions, rect)
    features = [{"type": "Feature", "properties": {"cc": code}, "geometry": _geojson_geometry(shape, 3)}
                for code, shape in zip(countries["cc"], countries.geometry, strict=True)]
    return {"type": "FeatureCollection", "features": features}


def build_payload(incidents: gpd.GeoDataFrame, regions: gpd.GeoDataFrame, *, offline: bool,
                  tiles: list[dict[str, Any]]) -> dict[str, Any]:
    """Everything the page's script needs, as one JSON-ready dict."""
    if incidents.crs is not None and incidents.crs.to_epsg() != 4326:
        incidents = incidents.to_crs(4326)
    incidents = incidents[incidents.geometry.notna() & ~incidents.geometry.is_empty]
    strings = Strings()
    columns, types, dates = incident_columns(incidents, strings)
    extent = map_extent(incidents)
    choropleth, legend = region_features(regions, extent)
    columns["r"] = region_index(incidents, choropleth["features"])
    minx, miny, maxx, maxy = extent
    return {
        "S": strings.items,
        "inc": columns,
        "types": types,
        "dates": dates,
        "regions": choropleth,
        "measures": legend,
        "noData": NO_DATA_COLOUR,
        "countsNote": COUNTS_NOTE,
        "precision": {str(k): v for k, v in PRECISION_TEXT.items()},
        "outlines": outline_features(regions, extent) if offline else None,
        "labels": label_payload(choropleth["features"], (minx - REGION_MARGIN, miny - REGION_MARGIN,
                                                          maxx + REGION_MARGIN, maxy + REGION_MARGIN)),
        "tiles": tiles,
        "bounds": [[miny, minx], [maxy, maxx]],
        "offline": offline,
    }
