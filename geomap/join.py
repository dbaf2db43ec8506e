"""Join incidents to admin-1 regions.

Rules, in order:
1. Where the gazetteer already knows an incident's admin-1 (a named place), that wins over the polygon:
   Natural Earth's Kyiv City polygon is about twice the city and swallows Bucha and Irpin (Kyiv Oblast).
2. Otherwise the point is joined to the polygon that contains it (the first region in the table's order when
   polygons overlap).
3. Points that fall just outside every polygon (Kherson on the Dnipro, coastal towns, simplified outlines)
   go to the nearest polygon within NEAREST_KM kilometres.

Speed: small inputs use a shapely STRtree over prepared polygons. Large inputs (GRID_MIN_POINTS and more)
use a grid of cells over the points' extent: a cell lying wholly inside one region answers every point in it
by an array lookup, and only points in cells that straddle a boundary get an exact point-in-polygon test.
The region geometry itself is never simplified, so maps keep their full outlines.
"""

from __future__ import annotations

import hashlib
import logging
from collections import OrderedDict
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

log = logging.getLogger(__name__)

NEAREST_KM = 10.0
EQUAL_AREA = "EPSG:3035"  # metres, good enough across Europe for a few-km nearest search
GRID_MIN_POINTS = 50_000  # below this, building a grid costs more than it saves
GRID_MAX_CELLS = 50_000
BLOCK = 4  # cells per side of the blocks classified first
_CELL_SIZES = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0)  # degrees; the smallest whose grid stays under GRID_MAX_CELLS
_OUTSIDE, _BOUNDARY = -1, -2


def join_regions(incidents: gpd.GeoDataFrame, regions: gpd.GeoDataFrame,
                 nearest_km: float = NEAREST_KM) -> gpd.GeoDataFrame:
    """Return incidents with admin1_code, admin1 and country_code filled from the regions where missing."""
    result = incidents.copy()
    for column in ("admin1_code", "admin1", "country_code"):
        if column not in result:
            result[column] = None
    table = regions.reset_index(drop=True)
    codes = table["admin1_code"].to_numpy(dtype=object)
    names = table["admin1"].to_numpy(dtype=object)
    countries = table["country_code"].to_numpy(dtype=object)
    # code -> its first row (a code given twice counts as its first region)
    first_of_code = pd.Series(np.arange(len(codes))).groupby(codes, sort=False).first()

    # region_of[i]: the region row incident i belongs to, -1 while unknown (integer arrays: fast at 1e6 rows)
    code_col = result["admin1_code"].to_numpy(dtype=object).copy()
    region_of = np.full(len(result), -1, dtype=np.int64)
    present = np.flatnonzero(pd.notna(code_col))
    if len(present):
        at = first_of_code.index.get_indexer(code_col[present])
        region_of[present] = np.where(at >= 0, first_of_code.to_numpy()[np.maximum(at, 0)], -1)
    known = region_of >= 0
    geometry = np.asarray(result.geometry.values)
    xs, ys = shapely.get_x(geometry), shapely.get_y(geometry)  # NaN for missing and non-point geometry
    usable = np.isfinite(xs) & np.isfinite(ys)
    todo = np.flatnonzero(~known & usable)
    if len(todo):
        region_of[todo] = locate_points(xs[todo], ys[todo], table.geometry.values)
        code_col[todo] = None
        outside = todo[region_of[todo] < 0]
        if len(outside) and nearest_km > 0:
            lost = gpd.GeoDataFrame(geometry=geometry[outside], index=outside, crs=result.crs)
            near = gpd.sjoin_nearest(lost.to_crs(EQUAL_AREA), _projected(table), how="inner",
                                     max_distance=nearest_km * 1000)
            near = near[~near.index.duplicated(keep="first")]
            region_of[near.index.to_numpy()] = near["index_right"].to_numpy(dtype=np.int64)
            log.debug("%d points joined to a region within %.0f km", len(near), nearest_km)
    found = np.flatnonzero(~known & (region_of >= 0))
    code_col[found] = codes[region_of[found]]
    result["admin1_code"] = pd.Series(code_col, index=result.index, dtype=object)
    joined = region_of >= 0
    for column, lookup in (("admin1", names), ("country_code", countries)):
        values = result[column].to_numpy(dtype=object).copy()
        fill = np.flatnonzero(joined & pd.isna(values))
        values[fill] = lookup[region_of[fill]]
        result[column] = pd.Series(values, index=result.index, dtype=object)
    return result


def _projected(regions: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return regions[["admin1_code", "geometry"]].to_crs(EQUAL_AREA)


def locate_points(x: np.ndarray, y: np.ndarray, polygons: np.ndarray,
                  grid_min_points: int | None = None) -> np.ndarray:
    """Index of the first polygon strictly containing each point (x = lon, y = lat), -1 where none."""
    grid_min_points = GRID_MIN_POINTS if grid_min_points is None else grid_min_points
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) == 0:
        return np.empty(0, dtype=np.int64)
    if len(x) < grid_min_points:
        return _locate_exact(x, y, polygons, np.arange(len(x)))
    grid = _grid_for(polygons, x, y)
    return grid.locate(x, y)


def _locate_exact(x: np.ndarray, y: np.ndarray, polygons: np.ndarray, which: np.ndarray) -> np.ndarray:
    result = np.full(len(x), _OUTSIDE, dtype=np.int64)
    tree = _tree(polygons)
    point_index, polygon_index = tree.query(shapely.points(x[which], y[which]), predicate="within")
    _first_per_point(result, which[point_index], polygon_index)
    return result


def _first_per_point(result: np.ndarray, points: np.ndarray, polygons: np.ndarray) -> None:
    """result[p] = the lowest polygon index paired with p."""
    if len(points) == 0:
        return
    order = np.lexsort((polygons, points))
    points, polygons = points[order], polygons[order]
    first = np.r_[True, points[1:] != points[:-1]]
    result[points[first]] = polygons[first]


_TREES: OrderedDict[str, shapely.STRtree] = OrderedDict()
_GRIDS: OrderedDict[tuple, _Grid] = OrderedDict()


def _key(polygons: np.ndarray) -> str:
    """A content key for a set of polygons (callers pass fresh copies of the same regions)."""
    digest = hashlib.blake2b(digest_size=16)
    for wkb in shapely.to_wkb(polygons):
        digest.update(wkb)
    return digest.hexdigest()


def _remember(cache: OrderedDict, key, make, size: int = 4):
    if key in cache:
        cache.move_to_end(key)
        return cache[key]
    cache[key] = value = make()
    while len(cache) > size:
        cache.popitem(last=False)
    return value


def _tree(polygons: np.ndarray) -> shapely.STRtree:
    def make() -> shapely.STRtree:
        prepared = np.array(polygons, dtype=object).copy()
        shapely.prepare(prepared)
        return shapely.STRtree(prepared)

    return _remember(_TREES, _key(polygons), make)


@dataclass
class _Grid:
    """Cells over an extent: each holds a polygon index (wholly inside it), -1 (touches none) or -2
    (straddles a boundary; candidates in `candidates[start[c]:start[c+1]]`)."""

    polygons: np.ndarray
    x0: float
    y0: float
    cell: float
    nx: int
    ny: int
    value: np.ndarray
    start: np.ndarray
    candidates: np.ndarray

    def locate(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        cx = np.floor((x - self.x0) / self.cell)
        cy = np.floor((y - self.y0) / self.cell)
        ok = (cx >= 0) & (cx < self.nx) & (cy >= 0) & (cy < self.ny) & np.isfinite(x) & np.isfinite(y)
        cells = np.where(ok, cy * self.nx + cx, 0).astype(np.int64)
        result = np.where(ok, self.value[cells], _OUTSIDE).astype(np.int64)
        hard = np.flatnonzero(result == _BOUNDARY)
        result[hard] = _OUTSIDE
        if len(hard) == 0:
            return result
        # Expand each boundary point into (point, candidate polygon) pairs, then test per polygon.
        hard_cells = cells[hard]
        counts = self.start[hard_cells + 1] - self.start[hard_cells]
        pair_point = np.repeat(hard, counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        pair_polygon = self.candidates[np.repeat(self.start[hard_cells], counts) + offsets]
        order = np.argsort(pair_polygon, kind="stable")
        pair_point, pair_polygon = pair_point[order], pair_polygon[order]
        inside = np.zeros(len(pair_point), dtype=bool)
        cuts = np.flatnonzero(np.diff(pair_polygon)) + 1
        for begin, end in zip(np.r_[0, cuts], np.r_[cuts, len(pair_polygon)], strict=True):
            chosen = pair_point[begin:end]
            inside[begin:end] = shapely.contains_xy(self.polygons[pair_polygon[begin]], x[chosen], y[chosen])
        _first_per_point(result, pair_point[inside], pair_polygon[inside])
        return result


def _grid_for(polygons: np.ndarray, x: np.ndarray, y: np.ndarray) -> _Grid:
    """A grid over the points' extent (clipped to the polygons'), snapped so that it can be reused."""
    finite = np.isfinite(x) & np.isfinite(y)
    if not finite.any():
        return _remember(_GRIDS, (_key(polygons), "empty"),
                         lambda: _build_grid(polygons, 0.0, 0.0, 1.0, 1, 1))
    px0, py0, px1, py1 = x[finite].min(), y[finite].min(), x[finite].max(), y[finite].max()
    bx0, by0, bx1, by1 = shapely.total_bounds(polygons)
    x0, y0, x1, y1 = max(px0, bx0), max(py0, by0), min(px1, bx1), min(py1, by1)
    if x0 > x1 or y0 > y1:
        x0, y0, x1, y1 = bx0, by0, bx0, by0  # no point near any polygon: a one-cell grid
    cell = next((size for size in _CELL_SIZES
                 if ((x1 - x0) / size + 2) * ((y1 - y0) / size + 2) <= GRID_MAX_CELLS), _CELL_SIZES[-1])
    gx0, gy0 = np.floor(x0 / cell) * cell, np.floor(y0 / cell) * cell
    nx, ny = int(np.floor((x1 - gx0) / cell)) + 1, int(np.floor((y1 - gy0) / cell)) + 1
    return _remember(_GRIDS, (_key(polygons), gx0, gy0, nx, ny, cell),
                     lambda: _build_grid(polygons, gx0, gy0, cell, nx, ny))


def _build_grid(polygons: np.ndarray, x0: float, y0: float, cell: float, nx: int, ny: int) -> _Grid:
    """Classify the cells: blocks of BLOCK x BLOCK cells first, then only the cells of blocks on a boundary
    (a block inside one region, or touching none, says the same of each of its cells)."""
    tree = _tree(polygons)
    geometries = tree.geometries
    bx, by = -(-nx // BLOCK), -(-ny // BLOCK)
    block_value = _classify(tree, geometries, _boxes(x0, y0, cell * BLOCK, np.arange(bx * by), bx))[0]
    ix, iy = np.meshgrid(np.arange(nx), np.arange(ny), indexing="xy")
    value = block_value[(iy.ravel() // BLOCK) * bx + ix.ravel() // BLOCK]
    todo = np.flatnonzero(value == _BOUNDARY)
    todo_value, box_hit, polygon_hit = _classify(tree, geometries, _boxes(x0, y0, cell, todo, nx))
    value[todo] = todo_value
    counts = np.zeros(nx * ny, dtype=np.int64)
    np.add.at(counts, todo[box_hit], 1)
    order = np.lexsort((polygon_hit, box_hit))
    start = np.zeros(nx * ny + 1, dtype=np.int64)
    start[1:] = np.cumsum(counts)
    log.debug("region grid: %d x %d cells of %.2f deg, %d on boundaries", nx, ny, cell,
              int((value == _BOUNDARY).sum()))
    return _Grid(geometries, x0, y0, cell, nx, ny, value, start, polygon_hit[order])


def _boxes(x0: float, y0: float, size: float, cells: np.ndarray, width: int) -> np.ndarray:
    ix, iy = cells % width, cells // width
    return shapely.box(x0 + ix * size, y0 + iy * size, x0 + (ix + 1) * size, y0 + (iy + 1) * size)


def _classify(tree: shapely.STRtree, geometries: np.ndarray,
              boxes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each box's value (the one polygon it lies in, _OUTSIDE, or _BOUNDARY) and its (box, polygon) hits."""
    box_hit, polygon_hit = tree.query(boxes, predicate="intersects")
    counts = np.bincount(box_hit, minlength=len(boxes))
    value = np.where(counts > 0, _BOUNDARY, _OUTSIDE).astype(np.int64)
    single = np.flatnonzero(counts[box_hit] == 1)  # touching one polygon only: inside it, or on its edge
    inside = shapely.within(boxes[box_hit[single]], geometries[polygon_hit[single]])
    value[box_hit[single[inside]]] = polygon_hit[single[inside]]
    return value, box_hit, polygon_hit
