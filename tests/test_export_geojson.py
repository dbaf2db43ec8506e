"""incidents.geojson and regions.geojson: RFC 7946 as QGIS/GDAL read it."""

from __future__ import annotations

import json

import pyogrio
import pytest
import shapely
from shapely.geometry import shape

from geomap.export.geojson import write_incidents_geojson, write_regions_geojson
from geomap.frames import INCIDENT_COLUMNS, PROVENANCE_COLUMNS, REGION_COLUMNS
from geomap.render.sample import tiny_frames


@pytest.fixture(scope="module")
def frames():
    return tiny_frames(hostile=True)


def _digits(number: float) -> int:
    text = repr(number)
    return len(text.split(".")[1]) if "." in text else 0


def test_incidents_geojson_is_rfc7946(frames, tmp_path):
    incidents, _ = frames
    path = write_incidents_geojson(incidents, tmp_path / "incidents.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert len(data["features"]) == len(incidents)
    first = data["features"][0]
    assert first["geometry"]["type"] == "Point"
    lon, lat = first["geometry"]["coordinates"]
    assert (lon, lat) == (36.2304, 49.9935)  # lon first
    for feature in data["features"]:
        assert set(feature["properties"]) == {*INCIDENT_COLUMNS, *PROVENANCE_COLUMNS, "sources"}
        assert all(_digits(c) <= 5 for c in feature["geometry"]["coordinates"])
        assert isinstance(feature["properties"]["sources"], list)


def test_incidents_geojson_nulls_and_types(frames, tmp_path):
    incidents, _ = frames
    path = write_incidents_geojson(incidents, tmp_path / "incidents.geojson")
    props = {f["properties"]["id"]: f["properties"] for f in json.loads(path.read_text())["features"]}
    assert props["t2"]["killed"] is None and props["t2"]["injured"] == 4
    assert props["t5"]["killed"] is None and props["t5"]["injured"] is None
    assert props["t3"]["geo_precision"] == 3 and isinstance(props["t3"]["geo_precision"], int)
    assert props["t1"]["sources"] == ["kharkiv-report.md", "wire-2024-03-02.md"]
    assert "NaN" not in path.read_text()


def test_incidents_geojson_reads_in_gdal(frames, tmp_path):
    incidents, _ = frames
    path = write_incidents_geojson(incidents, tmp_path / "incidents.geojson")
    back = pyogrio.read_dataframe(path)
    assert len(back) == len(incidents)
    assert back.crs.to_epsg() == 4326
    assert list(back["id"]) == list(incidents["id"])
    assert back.loc[back["id"] == "t1", "killed"].iloc[0] == 3
    assert back.loc[back["id"] == "t2", "killed"].isna().all()


def test_regions_geojson_rings_counter_clockwise_and_rounded(frames, tmp_path):
    _, regions = frames
    path = write_regions_geojson(regions, tmp_path / "regions.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "crs" not in data and len(data["features"]) == len(regions)
    for feature in data["features"]:
        assert set(feature["properties"]) == set(REGION_COLUMNS)
        geometry = shape(feature["geometry"])
        polygons = getattr(geometry, "geoms", [geometry])
        for polygon in polygons:
            assert polygon.exterior.is_ccw
            assert all(not ring.is_ccw for ring in polygon.interiors)
            assert all(_digits(c) <= 4 for xy in polygon.exterior.coords for c in xy)
        assert shapely.is_valid(geometry)
    kharkiv = next(f for f in data["features"] if f["properties"]["admin1_code"] == "UA-63")
    assert kharkiv["properties"]["incidents"] == 1 and kharkiv["properties"]["killed"] == 3
    back = pyogrio.read_dataframe(path)
    assert len(back) == len(regions) and back["incidents"].sum() == len(frames[0])


def test_empty_incidents_write_an_empty_collection(frames, tmp_path):
    incidents, _ = frames
    path = write_incidents_geojson(incidents.iloc[0:0], tmp_path / "empty.geojson")
    assert json.loads(path.read_text()) == {"type": "FeatureCollection", "features": []}
