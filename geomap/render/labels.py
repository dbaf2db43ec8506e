"""Place labels for the offline base map: region names at their label points and the larger towns.

Region label points come from gazetteer/data/admin1.geojson (Natural Earth's label_lat/label_lon). Towns are
the gazetteer index's settlements of at least TOWN_MIN people, derived once from the index and kept beside it
(`map-towns.json`, rebuilt when the index changes), so a map build does not unpickle the whole index.
"""

from __future__ import annotations

import json
import logging
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np

from gazetteer.exc import GazetteerError
from gazetteer.index import default_path, load_index

from ..regions import load_regions

log = logging.getLogger(__name__)

TOWN_MIN = 10_000
# smallest population shown from each zoom level up: cities first, towns of TOWN_MIN from zoom 10
TOWN_TIERS = [(500_000, 5), (100_000, 7), (40_000, 8), (20_000, 9), (TOWN_MIN, 10)]
MAX_ZOOM = 13  # a town still crowded by a larger one at this zoom is not labelled
LABEL_BOX = (90, 16)  # pixels a label is given around its point (width, height): labels closer collide
CACHE_NAME = "map-towns.json"


def _key(index: Path) -> str:
    stat = index.stat()
    return f"{stat.st_mtime_ns}:{stat.st_size}"


def _derive(index: Path) -> list[list[Any]]:
    data = load_index(index)
    towns = [[p.name, round(p.lat, 4), round(p.lon, 4), int(p.population)] for p in data.places
             if p.kind == "settlement" and p.population >= TOWN_MIN]
    return sorted(towns, key=lambda t: -t[3])


@lru_cache(maxsize=2)
def _towns_for(index: str, key: str) -> tuple[tuple[Any, ...], ...]:
    cache = Path(index).with_name(CACHE_NAME)
    try:
        saved = json.loads(cache.read_text(encoding="utf-8"))
        if saved.get("key") == key:
            return tuple(tuple(t) for t in saved["towns"])
    except (OSError, ValueError, KeyError, AttributeError):
        pass
    towns = _derive(Path(index))
    try:
        cache.write_text(json.dumps({"key": key, "towns": towns}, ensure_ascii=False), encoding="utf-8")
    except OSError as exc:  # a read-only install still draws labels, it only derives them each time
        log.debug("town labels not cached: %s", exc)
    return tuple(tuple(t) for t in towns)


def all_towns() -> list[tuple[Any, ...]]:
    """(name, lat, lon, population) of every settlement of TOWN_MIN or more, largest first."""
    index = default_path()
    try:
        return list(_towns_for(str(index), _key(index)))
    except (OSError, GazetteerError) as exc:
        log.warning("map labels: no town names (gazetteer index unreadable: %s)", exc)
        return []


def town_tier(population: int) -> int:
    """The zoom level from which a town of this population is labelled."""
    return next(zoom for low, zoom in TOWN_TIERS if population >= low)


def declutter(towns: list[list[Any]]) -> list[list[Any]]:
    """Each town (name, lat, lon, zoom; largest first) from the zoom at which no larger town's label overlaps it."""
    kept: list[list[Any]] = []
    lats, lons, zooms = np.empty(len(towns)), np.empty(len(towns)), np.empty(len(towns))
    for name, lat, lon, zoom in towns:
        k = len(kept)
        stretch = 1 / max(math.cos(math.radians(lat)), 0.1)  # Web Mercator: a degree of latitude is taller
        dx, dy = np.abs(lons[:k] - lon), np.abs(lats[:k] - lat) * stretch
        while zoom <= MAX_ZOOM:
            pixels = 256 * 2 ** zoom / 360  # pixels per degree of longitude at this zoom
            crowded = (zooms[:k] <= zoom) & (dx * pixels < LABEL_BOX[0]) & (dy * pixels < LABEL_BOX[1])
            if not crowded.any():
                break
            zoom += 1
        if zoom <= MAX_ZOOM:
            lats[k], lons[k], zooms[k] = lat, lon, zoom
            kept.append([name, lat, lon, zoom])
    return kept


def region_labels(codes: set[str]) -> list[list[Any]]:
    """[name, lat, lon] at Natural Earth's label point of each region in `codes`."""
    regions: gpd.GeoDataFrame = load_regions()
    points = regions[regions["admin1_code"].isin(codes)]
    return [[str(name), round(float(lat), 3), round(float(lon), 3)]
            for name, lat, lon in zip(points["admin1"], points["label_lat"], points["label_lon"], strict=True)
            if lat == lat and lon == lon]


def town_labels(rect: tuple[float, float, float, float]) -> list[list[Any]]:
    """[name, lat, lon, zoom] of the towns inside rect (minx, miny, maxx, maxy), decluttered, largest first."""
    minx, miny, maxx, maxy = rect
    return declutter([[name, lat, lon, town_tier(pop)] for name, lat, lon, pop in all_towns()
                      if minx <= lon <= maxx and miny <= lat <= maxy])


def label_payload(features: list[dict[str, Any]], rect: tuple[float, float, float, float]) -> dict[str, Any]:
    """Region labels for the choropleth's regions and town labels inside rect (minx, miny, maxx, maxy)."""
    return {"regions": region_labels({f["properties"]["c"] for f in features}), "towns": town_labels(rect)}
