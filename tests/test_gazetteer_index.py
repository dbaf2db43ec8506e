"""Index life cycle: a corrupt or stale pickle is noticed and rebuilt; the sources are checked."""

from __future__ import annotations

import pickle
import shutil

import pytest

from gazetteer import build
from gazetteer.exc import DataSourceError, IndexCorruptError, IndexMissingError
from gazetteer.fold import fold
from gazetteer.index import default_path, load_index
from gazetteer.resolve import Gazetteer, km


@pytest.fixture()
def index_copy(tmp_path, gazetteer, monkeypatch):
    path = tmp_path / "index.pkl"
    shutil.copyfile(default_path(), path)
    monkeypatch.setenv("GAZETTEER_INDEX", str(path))
    return path


def test_env_var_points_at_the_copy(index_copy):
    assert default_path() == index_copy
    assert Gazetteer.load().best("Bakhmut").admin1_code == "UA-14"


def test_corrupt_pickle_is_rebuilt(index_copy, caplog):
    index_copy.write_bytes(b"not a pickle at all")
    with pytest.raises(IndexCorruptError):
        load_index(index_copy, rebuild=False)
    index = load_index(index_copy)  # rebuilds (a few seconds)
    assert len(index.places) > 20_000
    assert pickle.loads(index_copy.read_bytes()).stamp == index.stamp


def test_truncated_pickle_is_rebuilt(index_copy, monkeypatch, gazetteer):
    index_copy.write_bytes(index_copy.read_bytes()[:1000])
    monkeypatch.setattr(build, "build_index", lambda countries: gazetteer.index)
    assert load_index(index_copy) is gazetteer.index


def test_stale_index_is_rebuilt(index_copy, monkeypatch, gazetteer):
    stale = pickle.loads(index_copy.read_bytes())
    stale.stamp = "0000000000000000"
    index_copy.write_bytes(pickle.dumps(stale))
    with pytest.raises(IndexCorruptError, match="out of date"):
        load_index(index_copy, rebuild=False)
    calls = []
    monkeypatch.setattr(build, "build_index", lambda countries: calls.append(countries) or gazetteer.index)
    load_index(index_copy)
    assert calls == [gazetteer.index.countries]
    assert pickle.loads(index_copy.read_bytes()).stamp == gazetteer.index.stamp


def test_other_version_is_rebuilt(index_copy, monkeypatch, gazetteer):
    old = pickle.loads(index_copy.read_bytes())
    old.version = 1
    index_copy.write_bytes(pickle.dumps(old))
    monkeypatch.setattr(build, "build_index", lambda countries: gazetteer.index)
    assert load_index(index_copy).version == build.INDEX_VERSION


def test_missing_index(tmp_path):
    with pytest.raises(IndexMissingError):
        load_index(tmp_path / "absent.pkl", rebuild=False)


def test_stamp_changes_with_sources(monkeypatch, tmp_path):
    before = build.input_stamp(("UA",))
    changed = tmp_path / "supplement.csv"
    changed.write_text(build.SUPPLEMENT_PATH.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    monkeypatch.setattr(build, "SUPPLEMENT_PATH", changed)
    assert build.input_stamp(("UA",)) != before


def test_bad_supplement_is_a_data_error(tmp_path):
    bad = tmp_path / "supplement.csv"
    bad.write_text("name,alternatenames,lat,lon,country_code,admin1_code,population\nX,,north,30,UA,UA-14,1\n",
                   encoding="utf-8")
    with pytest.raises(DataSourceError, match="supplement.csv:2"):
        build.read_supplement(bad)


def test_supplement_villages_are_not_in_cities500_and_lie_in_their_region(gazetteer, regions):
    from shapely.geometry import Point

    by_code = regions.set_index("admin1_code").geometry
    for row in build.read_supplement():
        key = fold(row["name"])
        lat, lon = float(row["lat"]), float(row["lon"])
        duplicates = [p for position, kind, _ in gazetteer.index.names.get(key, ())
                      if (p := gazetteer.index.places[position]).id.startswith("gn:")
                      and km(p.lat, p.lon, lat, lon) < 10]
        assert not duplicates, f"{row['name']} is already in cities500: {duplicates}"
        assert by_code[row["admin1_code"]].buffer(0.05).contains(Point(lon, lat)), row["name"]


def test_overrides_are_applied(gazetteer):
    nikopol = gazetteer.index.places[gazetteer.index.admin1_index["UA-12"]]
    assert nikopol.kind == "admin1"
    for position, _kind, _form in gazetteer.index.names[fold("Slov'yansk")]:
        assert gazetteer.index.places[position].id != "gn:700051"  # Nikopol lost the wrong alternate
    assert "sevastopol" not in gazetteer.index.common_words and "northern" in gazetteer.index.common_words
