"""render_png: a PNG for reports, drawn headless."""

from __future__ import annotations

from matplotlib.image import imread

from geomap.render.sample import tiny_frames
from geomap.render.static import png_extent, render_png, subtitle


def test_png_written(tmp_path):
    incidents, regions = tiny_frames()
    path = render_png(incidents, regions, tmp_path / "map.png", title="Five incidents")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = imread(path)
    assert image.shape[0] > 500 and image.shape[1] > 800
    assert image[..., :3].std() > 0.05  # not a blank canvas


def test_png_without_incidents(tmp_path):
    incidents, regions = tiny_frames()
    path = render_png(incidents.iloc[0:0], regions, tmp_path / "empty.png", title="Nothing found")
    assert path.stat().st_size > 10_000


def test_png_title_counts_and_dates():
    incidents, _ = tiny_frames()
    assert subtitle(incidents) == "5 incidents · 4 killed · 16 injured · 2024-03-02 – 2024-03-07"
    assert subtitle(incidents.iloc[:1]) == "1 incident · 3 killed · 12 injured · 2024-03-02"


def test_png_extent_holds_every_region_with_incidents():
    incidents, regions = tiny_frames()
    minx, miny, maxx, maxy = png_extent(incidents, regions)
    hit = regions[regions["incidents"] > 0]
    rx, ry, rX, rY = hit.total_bounds
    assert minx <= rx and miny <= ry and maxx >= rX and maxy >= rY  # Odesa Oblast's south-west tip too
    assert set(hit["admin1_code"]) == {"UA-63", "UA-51", "UA-14", "UA-65"}
