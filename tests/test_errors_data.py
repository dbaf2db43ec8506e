"""Built data that is missing or damaged: the gazetteer index is rebuilt, the region polygons are reported with the
command that restores them. Only temporary copies are damaged, never the real files."""

from __future__ import annotations

import logging
import pickle
import shutil

import pytest

from gazetteer.build import ADMIN1_PATH
from gazetteer.exc import IndexCorruptError
from gazetteer.index import default_path, load_index
from geomap import regions as regions_module
from geomap.cli import main
from geomap.exc import DataError

TABLE = "id,date,location,latitude,longitude\nA1,2024-11-11,Mykolaiv,46.9659,31.9974\n"


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(TABLE, encoding="utf-8")
    return path


def test_a_corrupt_gazetteer_index_is_rebuilt_during_a_run(tmp_path, table, monkeypatch, caplog):
    damaged = tmp_path / "index.pkl"
    data = default_path().read_bytes()
    damaged.write_bytes(data[: len(data) // 3])  # cut short, as by a full disk
    monkeypatch.setenv("GAZETTEER_INDEX", str(damaged))
    with pytest.raises(IndexCorruptError, match=r"index\.pkl: gazetteer index corrupt; run `gazetteer build`"):
        load_index(damaged, rebuild=False)
    with caplog.at_level(logging.INFO):
        assert main(["batch", str(table), "--out", str(tmp_path / "o"), "--no-cache", "-q"]) == 0
    assert any("unreadable gazetteer index" in r.getMessage() and "rebuilt" in r.getMessage()
               for r in caplog.records)
    with damaged.open("rb") as handle:
        assert pickle.load(handle).version  # a whole index again


def test_a_pickle_of_something_else_is_not_taken_for_the_index(tmp_path):
    other = tmp_path / "index.pkl"
    other.write_bytes(pickle.dumps({"not": "an index"}))
    with pytest.raises(IndexCorruptError, match="run `gazetteer build`"):
        load_index(other, rebuild=False)


@pytest.mark.parametrize(("damage", "problem"), [
    (lambda p: p.unlink(), "region polygon file missing"),
    (lambda p: p.write_bytes(p.read_bytes()[:5000]), "region polygons unreadable"),
    (lambda p: p.write_text("not json at all"), "region polygons unreadable"),
    (lambda p: p.write_text('{"type": "FeatureCollection", "features": []}'), "region polygons"),
    (lambda p: p.write_text('{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
                            '{"name":"x"},"geometry":{"type":"Point","coordinates":[30,50]}}]}'),
     "region polygons lack the field(s) admin1_code, admin1, country_code, label_lat, label_lon"),
])
def test_damaged_region_polygons_are_one_line_with_the_fix(tmp_path, damage, problem):
    copy = tmp_path / "admin1.geojson"
    shutil.copy(ADMIN1_PATH, copy)
    damage(copy)
    with pytest.raises(DataError) as caught:
        regions_module.load_regions(copy)
    message = str(caught.value)
    assert message.startswith(f"{copy}: {problem}") and "\n" not in message
    assert "admin-1 polygon file" in message  # what to do


def test_the_real_file_names_the_command_that_restores_it(monkeypatch, tmp_path):
    missing = tmp_path / "gone.geojson"
    monkeypatch.setattr(regions_module, "ADMIN1_PATH", missing)
    with pytest.raises(DataError, match=r"git checkout -- gazetteer/data/admin1\.geojson.*make admin1"):
        regions_module.load_regions(missing)


def test_damaged_polygons_stop_a_run_with_one_line_and_no_outputs(tmp_path, table, gazetteer, monkeypatch,
                                                                  capsys):
    monkeypatch.setattr("gazetteer.Gazetteer.load", classmethod(lambda cls, *a, **k: gazetteer))
    broken = tmp_path / "admin1.geojson"
    broken.write_text("{")
    monkeypatch.setattr("geomap.pipeline.load_regions", lambda: regions_module.load_regions(broken))
    out = tmp_path / "o"
    assert main(["batch", str(table), "--out", str(out), "--no-cache", "-q"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {broken}: region polygons unreadable")
    assert not (out / "incidents.geojson").exists()


@pytest.mark.parametrize(("content", "problem"), [
    ('{"type": "FeatureCollection", "features": [', "not a GeoJSON feature collection"),
    ('{"type": "FeatureCollection", "features": []}', "no regions"),
    ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"admin1": "X"}}]}',
     "feature 0 lacks admin1_code"),
])
def test_gazetteer_build_names_the_damage_and_the_fix(monkeypatch, tmp_path, content, problem):
    from gazetteer import build
    from gazetteer.exc import DataSourceError

    damaged = tmp_path / "admin1.geojson"
    damaged.write_text(content, encoding="utf-8")
    monkeypatch.setattr(build, "ADMIN1_PATH", damaged)
    with pytest.raises(DataSourceError) as caught:
        build.load_admin1()
    message = str(caught.value)
    assert problem in message and "make admin1" in message and "\n" not in message
