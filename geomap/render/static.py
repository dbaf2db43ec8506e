"""A static PNG map for reports: regions shaded by incidents, incidents on top, region and town labels, a
title with the date range and counts, a scale bar and legends for colours, symbols and marker sizes. The
extent holds every incident and every region with one.

Drawn with matplotlib's Agg canvas directly (no pyplot, no display, safe in threads and on servers).
"""

from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from mpl_toolkits.axes_grid1.anchored_artists import AnchoredSizeBar

from ..export.atomic import atomic_path
from .labels import region_labels, town_labels
from .payload import REGION_MARGIN, country_shapes, map_extent
from .style import MEASURES, NO_DATA_COLOUR, classify, event_colour

log = logging.getLogger(__name__)

SEA = "#d9e6ee"
LAND = "#f4f2ee"


def _marker_sizes(frame: pd.DataFrame) -> np.ndarray:
    hurt = sum(pd.to_numeric(frame[c], errors="coerce").fillna(0).clip(lower=0).to_numpy()
               for c in ("killed", "injured") if c in frame)
    return (4 + 1.6 * np.sqrt(np.asarray(hurt, dtype=float))) ** 2


HALO = [patheffects.withStroke(linewidth=2.5, foreground="white")]
SIZE_KEY = [0, 5, 20, 50]  # killed + injured shown in the marker-size legend
LABEL_AREA = 0.8  # square degrees a region needs for its name on a map 15 degrees wide
SCALE_KM = [10, 20, 50, 100, 200, 500, 1000]


def png_extent(incidents: gpd.GeoDataFrame, regions: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    """The incidents' extent widened to hold every region with an incident, plus a margin."""
    minx, miny, maxx, maxy = map_extent(incidents)
    if "incidents" in regions and len(regions):
        hit = regions[pd.to_numeric(regions["incidents"], errors="coerce").fillna(0) > 0]
        if len(hit):
            rx, ry, rX, rY = hit.total_bounds
            minx, miny, maxx, maxy = min(minx, rx), min(miny, ry), max(maxx, rX), max(maxy, rY)
    pad = max(0.4, 0.04 * max(maxx - minx, maxy - miny))
    return minx - pad, miny - pad, maxx + pad, maxy + pad


def subtitle(incidents: pd.DataFrame) -> str:
    """'N incidents · K killed · J injured · first – last date' for the title."""
    def total(column: str) -> int:
        return int(pd.to_numeric(incidents[column], errors="coerce").fillna(0).clip(lower=0).sum()) \
            if column in incidents else 0
    parts = [f"{len(incidents):,} incident{'s' if len(incidents) != 1 else ''}",
             f"{total('killed'):,} killed", f"{total('injured'):,} injured"]
    dates = sorted(d for d in incidents["date"].dropna().astype(str) if d) if "date" in incidents else []
    if dates:
        parts.append(dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}")
    return " · ".join(parts)


def _labels(ax, codes: set[str], rect: tuple[float, float, float, float]) -> None:
    """Region names and the larger towns: as many towns as the web map shows at a comparable zoom."""
    minx, miny, maxx, maxy = rect
    span = max(maxx - minx, 0.5)
    zoom = int(np.clip(np.log2(360 * 7.3 / span), 4, 12))  # ~730 px wide axes: the web map's zoom
    for name, lat, lon in region_labels(codes):
        if minx < lon < maxx and miny < lat < maxy:
            ax.text(lon, lat, name.upper(), fontsize=6.5, color="#6b7280", ha="center", va="center",
                    fontweight="bold", path_effects=HALO, zorder=5, clip_on=True)
    for name, lat, lon, tier in town_labels(rect):
        if tier <= zoom:
            ax.plot(lon, lat, marker="o", markersize=2.2, color="#374151", zorder=5)
            ax.text(lon, lat, " " + name, fontsize=7 if tier < zoom else 6, color="#1f2937", ha="left",
                    va="center", path_effects=HALO, zorder=5, clip_on=True)


def _scale_bar(ax, rect: tuple[float, float, float, float]) -> None:
    minx, miny, maxx, maxy = rect
    km_per_degree = 111.32 * np.cos(np.radians((miny + maxy) / 2))
    wanted = (maxx - minx) * km_per_degree / 5
    km = max([k for k in SCALE_KM if k <= wanted] or [SCALE_KM[0]])
    bar = AnchoredSizeBar(ax.transData, km / km_per_degree, f"{km:,} km", "lower left", pad=0.6,
                          borderpad=0.8, sep=3, frameon=True, size_vertical=(maxy - miny) / 250,
                          fontproperties={"size": 8})
    bar.patch.set_alpha(0.8)
    ax.add_artist(bar)


def render_png(incidents: gpd.GeoDataFrame, regions: gpd.GeoDataFrame, path: str | Path, *,
               title: str, dpi: int = 150) -> Path:
    """Write a PNG map of the incidents over regions shaded by incident count; returns the path."""
    path = Path(path)
    incidents = incidents.to_crs(4326) if incidents.crs is not None else incidents
    regions = regions.to_crs(4326) if regions.crs is not None else regions
    minx, miny, maxx, maxy = png_extent(incidents, regions)

    figure = Figure(figsize=(10, 7.5), dpi=dpi)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0.01, 0.03, 0.73, 0.87))
    ax.set_facecolor(SEA)
    near = regions.cx[minx - REGION_MARGIN:maxx + REGION_MARGIN, miny - REGION_MARGIN:maxy + REGION_MARGIN]
    counts = (pd.to_numeric(near["incidents"], errors="coerce").fillna(0).to_numpy()
              if "incidents" in near else np.zeros(len(near)))
    classes = classify(counts, MEASURES["incidents"][1])
    fills = [classes.colours[i] if i >= 0 else NO_DATA_COLOUR for i in classes.index]
    if len(near):
        near.plot(ax=ax, color=LAND, edgecolor="none")
        near.plot(ax=ax, color=fills, edgecolor="white", linewidth=0.6, alpha=0.85)
        if "country_code" in near:
            rect = (minx - REGION_MARGIN, miny - REGION_MARGIN, maxx + REGION_MARGIN, maxy + REGION_MARGIN)
            country_shapes(near, rect, tolerance=0.0).boundary.plot(ax=ax, color="#8a857d", linewidth=0.9,
                                                                 zorder=3)

    kinds = []
    points = incidents[incidents.geometry.notna() & ~incidents.geometry.is_empty]
    if len(points):
        precision = pd.to_numeric(points.get("geo_precision"), errors="coerce").fillna(1).to_numpy()
        sizes = _marker_sizes(points)
        types = points["event_type"].fillna("Other").to_numpy()
        xs, ys = points.geometry.x.to_numpy(), points.geometry.y.to_numpy()
        for kind in pd.Series(types).value_counts().index:
            colour = event_colour(kind)
            chosen = types == kind
            town = chosen & (precision < 3)
            region = chosen & (precision >= 3)
            if town.any():
                ax.scatter(xs[town], ys[town], s=sizes[town], c=colour, edgecolors="white", linewidths=0.8,
                           alpha=0.9, zorder=4)
            if region.any():  # whole-region incidents: a dashed ring, never read as a strike on the capital
                ax.scatter(xs[region], ys[region], s=np.maximum(sizes[region], 220), facecolors="#ffffffaa",
                           edgecolors=colour, linewidths=1.6, linestyle="--", zorder=4)
            kinds.append(Line2D([], [], marker="o", linestyle="", markerfacecolor=colour,
                                markeredgecolor="white", markersize=8, label=f"{kind} ({int(chosen.sum())})"))
        if (precision >= 3).any():
            kinds.append(Line2D([], [], marker="o", linestyle="--", markerfacecolor="white",
                                markeredgecolor="#555", color="none", markersize=10,
                                label="whole region, no exact place"))
    if len(near):  # regions too small for their name at this scale (Moldova's raions, Kyiv City) go unnamed
        big = shapely.area(near.geometry.values) >= LABEL_AREA * ((maxx - minx) / 15) ** 2
        _labels(ax, set(near.loc[big, "admin1_code"].dropna()), (minx, miny, maxx, maxy))
    _scale_bar(ax, (minx, miny, maxx, maxy))
    sizes_key = [Line2D([], [], marker="o", linestyle="", markerfacecolor="#9ca3af", markeredgecolor="white",
                        markersize=float(np.sqrt(_marker_sizes(pd.DataFrame({"killed": [k]}))[0])),
                        label=f"{k:,}") for k in SIZE_KEY]
    shades = [Patch(facecolor=colour, edgecolor="#999", label=label)
              for colour, label in zip(classes.colours, classes.labels, strict=True)]
    shades.append(Patch(facecolor=NO_DATA_COLOUR, edgecolor="#999", label="none"))
    first = figure.legend(handles=kinds or [Patch(color="none", label="no incidents")], loc="upper left",
                          bbox_to_anchor=(0.745, 0.9), fontsize=8, frameon=False, title="Incidents",
                          title_fontsize=9, alignment="left")
    second = figure.legend(handles=shades, loc="upper left", bbox_to_anchor=(0.745, 0.55), fontsize=8,
                           frameon=False, title="Incidents per region", title_fontsize=9, alignment="left")
    figure.legend(handles=sizes_key, loc="upper left", bbox_to_anchor=(0.745, 0.27), fontsize=8, frameon=False,
                  title="Marker size: killed + injured", title_fontsize=9, alignment="left", ncols=4,
                  handletextpad=0.3, columnspacing=1.0, labelspacing=1.2)
    figure.add_artist(first)
    figure.add_artist(second)  # a figure keeps only its last legend otherwise
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect(1 / np.cos(np.radians((miny + maxy) / 2)))  # plate carrée looks squashed at 48°N otherwise
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    figure.suptitle(title, fontsize=14, fontweight="bold", x=0.01, y=0.975, ha="left")
    figure.text(0.01, 0.925, subtitle(points), fontsize=10, color="#444", ha="left")
    figure.text(0.99, 0.005, "Boundaries: Natural Earth", ha="right", va="bottom", fontsize=7, color="#666")
    with atomic_path(path) as tmp:
        figure.savefig(tmp, format="png", dpi=dpi, facecolor="white")
    log.info("png: %d incidents -> %s", len(points), path)
    return path
