"""Provenance on every incident: the outlet and url of its report (front matter or table columns), the
gazetteer's score and name of its place, and no local absolute path in the published outputs."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pandas as pd
import pyogrio
import pytest

from geomap.geocode import geocode_rows
from geomap.pipeline import RunOptions, run_batch, run_geocode
from geomap.provenance import display_path, web_url
from geomap.read.tables import read_incident_table

ARTICLE = """---
source: Kharkiv Regional Desk
url: https://news.example.org/2024/08/13/kharkiv-strike
date: 2024-08-13
---
A Russian missile struck a residential building in Kharkiv on Tuesday, killing three people, the governor said.
"""


@pytest.fixture()
def run(tmp_path, gazetteer, monkeypatch):
    """A batch run over one article and one table, from inside the work folder (as an analyst runs it)."""
    work = tmp_path / "work"
    (work / "reports").mkdir(parents=True)
    (work / "reports" / "kharkiv.md").write_text(ARTICLE, encoding="utf-8")
    table = work / "desk.csv"
    table.write_text("date,place,region,killed,outlet,source_url,notes,Desk note\n"
                     "2024-08-13,Sumy,Sumy,2,Suspilne,https://suspilne.example/sumy-1,A drone hit a bus stop,"
                     "second source pending\n"
                     "2024-08-14,Kriviy Rih,,,,javascript:alert(1),Shelling overnight,\n", encoding="utf-8")
    monkeypatch.chdir(work)
    out = work / "out"
    run_batch([work / "reports", table.resolve()], RunOptions(out_dir=out, gpkg=True, cache=False), gazetteer)
    return out


def test_a_bad_table_url_is_said_once_per_column(tmp_path, gazetteer, caplog):
    caplog.set_level(logging.WARNING)
    table = tmp_path / "links.csv"
    table.write_text("place,lat,lon,link\nKharkiv,49.99,36.23,javascript:alert(1)\nSumy,50.9,34.8,ftp://x\n"
                     "Odesa,46.48,30.72,https://ok.example/a\n", encoding="utf-8")
    incidents, _ = geocode_rows(read_incident_table(table), gazetteer)
    assert [i.url for i in incidents] == [None, None, "https://ok.example/a"]
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1 and "'link'" in messages[0] and "2 urls" in messages[0]


def test_outlet_url_and_score_reach_every_output(run):
    features = json.loads((run / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    props = {f["properties"]["mention"]: f["properties"] for f in features}
    article = props["Kharkiv"]
    assert article["outlet"] == "Kharkiv Regional Desk"
    assert article["url"] == "https://news.example.org/2024/08/13/kharkiv-strike"
    assert article["matched_name"] == "Kharkiv" and article["score"] > 0
    sumy = props["Sumy"]
    assert (sumy["outlet"], sumy["url"]) == ("Suspilne", "https://suspilne.example/sumy-1")
    assert sumy["matched_name"] == "Sumy" and isinstance(sumy["score"], float)
    assert props["Kriviy Rih"]["url"] is None  # not a web address: never a link
    assert props["Kriviy Rih"]["source"] == "desk.csv:3"  # relative, though the table was given absolute
    table = pd.read_csv(run / "incidents.csv", dtype=str, keep_default_na=False).set_index("mention")
    assert table.loc["Kharkiv", "url"] == article["url"] and table.loc["Sumy", "outlet"] == "Suspilne"
    assert float(table.loc["Kriviy Rih", "score"]) > 0 and table.loc["Kriviy Rih", "matched_name"] == "Kryvyy Rih"
    layer = pyogrio.read_dataframe(run / "geomap.gpkg", layer="incidents").set_index("mention")
    assert layer.loc["Kharkiv", "url"] == article["url"] and layer.loc["Sumy", "score"] == sumy["score"]
    assert layer.loc["Sumy", "extra_desk_note"] == "second source pending"  # articles and tables in one layer
    assert pd.isna(layer.loc["Kharkiv", "extra_desk_note"]) and article["extra_desk_note"] is None


def test_no_absolute_path_in_the_published_outputs(run):
    work = str(run.parent)
    for name in ("incidents.geojson", "incidents.csv", "regions.geojson"):
        assert work not in (run / name).read_text(encoding="utf-8")


def test_display_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "tables" / "a.csv") == "tables/a.csv"
    assert display_path(Path("/elsewhere/secret/b.csv")) == "b.csv"
    assert display_path("rel/c.csv") == "rel/c.csv"


@pytest.mark.parametrize(("value", "kept"), [
    ("https://example.org/a?b=1", True), ("http://example.org", True), ("javascript:alert(1)", False),
    ("file:///etc/passwd", False), ("example.org/a", False), ("", False), (None, False),
])
def test_only_web_urls_are_kept(value, kept, caplog):
    caplog.set_level(logging.WARNING)
    assert web_url(value, "t.csv:2") == (value if kept else None)
    assert bool(caplog.records) is (not kept and bool(value))


def test_geocoded_rows_carry_score_and_matched_name(tmp_path, gazetteer):
    table = tmp_path / "places.csv"
    table.write_text("place,lat,lon\nMikolayiv,,\nKharkiv,49.9935,36.2304\nNowhereville,,\n", encoding="utf-8")
    output = tmp_path / "places.geocoded.csv"
    run_geocode(table, output, RunOptions(), gazetteer)
    result = pd.read_csv(output, dtype=str, keep_default_na=False)
    assert result.loc[0, "matched_name"] == "Mykolayiv" and float(result.loc[0, "score"]) > 0
    assert result.loc[1, ["score", "matched_name"]].tolist() == ["", ""]  # given as coordinates
    assert result.loc[2, ["score", "matched_name"]].tolist() == ["", ""]  # not found
    incidents, _ = geocode_rows(read_incident_table(table), gazetteer)
    assert incidents[0].matched_name == "Mykolayiv" and incidents[0].score == pytest.approx(
        float(result.loc[0, "score"]), abs=1e-3)


def test_provenance_survives_the_article_cache(tmp_path, gazetteer):
    (tmp_path / "kharkiv.md").write_text(ARTICLE, encoding="utf-8")
    options = RunOptions(out_dir=tmp_path / "out", progress=False)
    run_batch([tmp_path / "kharkiv.md"], options, gazetteer)
    again = run_batch([tmp_path / "kharkiv.md"], options, gazetteer)
    assert again.cached == 1
    props = json.loads((tmp_path / "out" / "incidents.geojson").read_text(encoding="utf-8"))["features"][0][
        "properties"]
    assert props["outlet"] == "Kharkiv Regional Desk" and props["url"].startswith("https://news.example.org/")
    assert props["score"] > 0 and props["matched_name"] == "Kharkiv"
