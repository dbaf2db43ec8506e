"""A static PNG map for reports: regions shaded by incidents, incidents on top, legend and title.

Drawn with matplotlib's Agg canvas directly (no pyplot, no display, safe in threads and on servers).
"""

from __future__ import annotations

import logging
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..export.atomic import atomic_path
from .payload import REGION_MARGIN, country_shapes, map_extent
from .style import MEASURES, NO_DATA_COLOUR, classify, event_colour

log = logging.getLogger(__name__)

SEA = "#d9e6ee"
LAND = "#f4f2ee"


def _marker_sizes(frame: pd.DataFrame) -> np.ndarray:
    hurt = sum(pd.to_numeric(frame[c], errors="coerce").fillna(0).clip(lower=0).to_numpy()
               for c in ("killed", "injured") if c in frame)
    return (4 + 1.6 * np.sqrt(np.asarray(hurt, dtype=float))) ** 2


def render_png(incidents: gpd.GeoDataFrame, regions: gpd.GeoDataFrame, path: str | Path, *,
               title: str, dpi: int = 150) -> Path:
    """Write a PNG map of the incidents over regions shaded by incident count; returns the path."""
    path = Path(path)
    incidents = incidents.to_crs(4326) if incidents.crs is not None else incidents
    regions = regions.to_crs(4326) if regions.crs is not None else regions
    minx, miny, maxx, maxy = map_extent(incidents)
    pad = max(0.6, 0.08 * max(maxx - minx, maxy - miny))
    minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad

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
    shades = [Patch(facecolor=colour, edgecolor="#999", label=label)
              for colour, label in zip(classes.colours, classes.labels, strict=True)]
    shades.append(Patch(facecolor=NO_DATA_COLOUR, edgecolor="#999", label="none"))
    first = figure.legend(handles=kinds or [Patch(color="none", label="no incidents")], loc="upper left",
                          bbox_to_anchor=(0.745, 0.9), fontsize=8, frameon=False, title="Incidents",
                          title_fontsize=9, alignment="left")
    figure.legend(handles=shades, loc="upper left", bbox_to_anchor=(0.745, 0.55), fontsize=8, frameon=False,
                  title="Incidents per region", title_fontsize=9, alignment="left")
    figure.add_artist(first)
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect(1 / np.cos(np.radians((miny + maxy) / 2)))  # plate carrée looks squashed at 48°N otherwise
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    figure.suptitle(title, fontsize=14, fontweight="bold", x=0.01, y=0.965, ha="left")
    figure.text(0.99, 0.005, "Boundaries: Natural Earth", ha="right", va="bottom", fontsize=7, color="#666")
    with atomic_path(path) as tmp:
        figure.savefig(tmp, format="png", dpi=dpi, facecolor="white")
    log.info("png: %d incidents -> %s", len(points), path)
    return path
