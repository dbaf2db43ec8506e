"""render_png: a PNG for reports, drawn headless."""

from __future__ import annotations

from matplotlib.image import imread

from geomap.render.sample import tiny_frames
from geomap.render.static import render_png


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
