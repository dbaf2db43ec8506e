"""The fast join path (grid of cells + exact test on boundary cells) answers exactly as the exact path."""

from __future__ import annotations

import numpy as np

from geomap.frames import incidents_frame
from geomap.join import join_regions, locate_points
from geomap.models import Incident


def test_grid_equals_exact_point_in_polygon(regions):
    rng = np.random.default_rng(7)
    x = np.r_[rng.uniform(21.0, 41.0, 60_000), rng.uniform(-180, 180, 2_000), np.nan]
    y = np.r_[rng.uniform(43.5, 53.5, 60_000), rng.uniform(40, 82, 2_000), 50.0]
    polygons = regions.geometry.values
    grid = locate_points(x, y, polygons, grid_min_points=1)
    exact = locate_points(x, y, polygons, grid_min_points=10**9)
    assert (grid == exact).all()
    assert (grid >= 0).mean() > 0.5 and grid[-1] == -1


def test_large_join_keeps_the_contract(regions, monkeypatch):
    from geomap import join

    monkeypatch.setattr(join, "GRID_MIN_POINTS", 1_000)
    rng = np.random.default_rng(3)
    lat, lon = rng.uniform(46.0, 52.0, 5_000), rng.uniform(23.0, 40.0, 5_000)
    incidents = [Incident(source="t", date=None, event_type="Battles", sub_event_type=None, location=None,
                          mention=None, lat=float(a), lon=float(b), admin1=None, admin1_code=None,
                          country_code=None, geo_precision=1) for a, b in zip(lat, lon, strict=True)]
    incidents[0].lat, incidents[0].lon = 46.63695, 32.61458  # Kherson on the river: nearest region
    incidents[1].lat, incidents[1].lon, incidents[1].admin1_code = 50.52175, 30.25055, "UA-32"  # Irpin named
    joined = join_regions(incidents_frame(incidents), regions)
    assert joined.loc[0, "admin1_code"] == "UA-65"
    assert joined.loc[1, "admin1_code"] == "UA-32" and joined.loc[1, "admin1"] == "Kyiv Oblast"
    coded = joined["admin1_code"].notna()
    assert coded.mean() > 0.9 and joined.loc[coded, "country_code"].notna().all()


def test_block_classification_equals_classifying_every_cell(regions):
    """Blocks inside one region or touching none pass their value to their cells without a test of each."""
    from geomap import join

    polygons = regions.geometry.values
    grid = join._build_grid(polygons, 29.0, 45.0, 0.1, 90, 70)
    tree = join._tree(polygons)
    every = join._classify(tree, tree.geometries, join._boxes(29.0, 45.0, 0.1, np.arange(90 * 70), 90))[0]
    assert (grid.value == every).all()
    assert {join._BOUNDARY, join._OUTSIDE} <= set(every.tolist()) and (every >= 0).any()
