"""geomap.gpkg: one GeoPackage, layers `incidents` and `regions`, readable by GDAL."""

from __future__ import annotations

import pyogrio

from geomap.export.gpkg import write_gpkg
from geomap.render.sample import tiny_frames


def test_gpkg_layers(tmp_path):
    incidents, regions = tiny_frames()
    path = write_gpkg(incidents, regions, tmp_path / "geomap.gpkg")
    layers = {name: kind for name, kind in pyogrio.list_layers(path)}
    assert layers == {"incidents": "Point", "regions": "MultiPolygon"}
    points = pyogrio.read_dataframe(path, layer="incidents")
    assert len(points) == len(incidents) and points.crs.to_epsg() == 4326
    assert points.loc[points["id"] == "t1", "sources"].iloc[0] == "kharkiv-report.md; wire-2024-03-02.md"
    assert points.loc[points["id"] == "t2", "killed"].isna().all()
    polygons = pyogrio.read_dataframe(path, layer="regions")
    assert len(polygons) == len(regions)
    assert polygons["incidents"].sum() == len(incidents)
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_gpkg_rewrite_replaces(tmp_path):
    incidents, regions = tiny_frames()
    path = tmp_path / "geomap.gpkg"
    write_gpkg(incidents, regions, path)
    write_gpkg(incidents.iloc[:2], regions, path)
    assert len(pyogrio.read_dataframe(path, layer="incidents")) == 2
