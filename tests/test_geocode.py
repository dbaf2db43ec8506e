"""Geocoding table rows: coordinate checks, country and region context, the unresolved report, ACLED tables,
and the `geomap geocode` command."""

from __future__ import annotations

import math
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from geomap.cli import main
from geomap.geocode import check_coordinates, country_code, geocode_rows
from geomap.pipeline import RunOptions, RunSummary, build_frames, collect_incidents, run_geocode
from geomap.read.datecolumn import parse_date_column
from geomap.read.tables import read_incident_table

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(("lat", "lon", "problem"), [
    (49.98, 36.25, None),
    (None, None, None),
    (49.98, None, "only one"),
    (math.nan, 36.25, "not numeric"),
    (95.0, 36.25, "out of range"),
    (49.98, 190.0, "out of range"),
    (36.25, 49.98, "swapped"),  # Kharkiv with the columns exchanged
    (-33.9, 18.4, None),  # Cape Town: far away but a real place, not a swap
])
def test_check_coordinates(lat, lon, problem):
    found = check_coordinates(lat, lon)
    assert found is None if problem is None else problem in found


@pytest.mark.parametrize(("value", "code"), [
    ("Ukraine", "UA"), ("ukraine", "UA"), ("Russia", "RU"), ("Russian Federation", "RU"), ("UKR", "UA"),
    ("804", "UA"), ("643", "RU"), ("UA", "UA"), ("Belarus", "BY"), ("Moldova", "MD"), ("Атлантида", None),
    ("", None), (None, None),
])
def test_country_names_to_iso(value, code):
    assert country_code(value) == code


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-11-11", date(2024, 11, 11)), ("11 November 2024", date(2024, 11, 11)),
    ("11/10/2024", date(2024, 10, 11)), ("2024-11-11 00:00:00", date(2024, 11, 11)), ("", None),
])
def test_table_dates(text, expected):
    assert parse_date_column([text], "t.csv") == [expected]


def test_bad_date_is_an_error():
    assert isinstance(parse_date_column(["2024-13-45"], "t.csv")[0], ValueError)


def _table(tmp_path, text: str) -> pd.DataFrame:
    path = tmp_path / "t.csv"
    path.write_text(text)
    return read_incident_table(path)


def test_rows_with_coordinates_keep_them_and_bad_ones_are_reported(tmp_path, gazetteer):
    frame = _table(tmp_path, "date,place,lat,lon\n2024-11-11,Somewhere,49.5,36.1\n"
                             "2024-11-11,Kharkiv,36.25,49.98\n2024-11-11,Kharkiv,abc,36.2\n")
    incidents, unresolved = geocode_rows(frame, gazetteer)
    assert [(i.lat, i.lon) for i in incidents] == [(49.5, 36.1)]  # kept as given, not looked up
    assert [(u.row, u.kept) for u in unresolved] == [(3, False), (4, False)]
    assert "swapped" in unresolved[0].reason and unresolved[0].value == "36.25,49.98"
    assert "not numeric" in unresolved[1].reason


def test_place_names_use_the_region_and_country_columns(tmp_path, gazetteer):
    columns = {"place": "Town", "date": "Day", "type": "What"}
    frame = read_incident_table(DATA / "plain_incidents.csv", columns)
    incidents, unresolved = geocode_rows(frame, gazetteer)
    by_mention = {i.mention: i for i in incidents}
    assert by_mention["Mykolaiv"].admin1_code == "UA-48" and by_mention["Mykolaiv"].killed == 5
    assert by_mention["Kriviy Rih"].admin1_code == "UA-12" and by_mention["Kriviy Rih"].injured == 7
    assert by_mention["Kursk"].country_code == "RU"
    # unknown town in a known region: on the region, precision 3, and in the report
    assert by_mention["Atlantis"].admin1_code == "UA-63" and by_mention["Atlantis"].geo_precision == 3
    assert by_mention["Sumy"].geo_precision == 3  # a region only
    reasons = {u.row: u for u in unresolved}
    assert reasons[4].kept and "put on Kharkiv Oblast" in reasons[4].reason
    assert not reasons[5].kept and reasons[5].value == "Nowhereville"
    assert reasons[7].kept and "date not understood" in reasons[7].reason
    assert "Nowhereville" not in by_mention


def test_namesake_inside_the_rows_region_is_preferred(tmp_path, gazetteer):
    candidates = gazetteer.resolve("Novoselivka", limit=10)
    regions = [c.admin1_code for c in candidates]
    target = next(code for code in regions[1:] if code != regions[0])
    name = next(c for c in candidates if c.admin1_code == target).admin1
    frame = _table(tmp_path, f"place,region\nNovoselivka,{name}\n")
    incidents, _ = geocode_rows(frame, gazetteer)
    assert incidents[0].admin1_code == target


def test_acled_export_maps_without_options(gazetteer):
    summary = RunSummary()
    incidents = collect_incidents([DATA / "acled_sample.csv"], RunOptions(), gazetteer, summary)
    assert summary.tables == 1 and not summary.unresolved and len(incidents) == 8
    first = incidents[0]
    assert (first.lat, first.lon, first.killed, first.date) == (46.9659, 31.9974, 5, date(2024, 11, 11))
    assert first.event_type == "Explosions/Remote violence" and first.sub_event_type.startswith("Shelling")
    assert first.sources == ["Test Wire", "Example Herald"] and first.id == "UKR900001"
    assert incidents[2].date == date(2024, 11, 11)  # ISO form in the same column
    frame, regions = build_frames(incidents)
    codes = dict(zip(frame["location"], frame["admin1_code"], strict=True))
    assert codes["Mykolaiv"] == "UA-48" and codes["Sudzha"] == "RU-KRS" and codes["Kherson"] == "UA-65"
    assert codes["Kyiv"] == "UA-30" and codes["Belgorod"] == "RU-BEL"
    assert regions.set_index("admin1_code").loc["UA-48", "killed"] == 5


def test_geocode_command_keeps_every_row_and_column_and_writes_a_report(tmp_path):
    table = tmp_path / "in.csv"
    shutil.copy(DATA / "plain_incidents.csv", table)
    output = tmp_path / "out.csv"
    code = main(["geocode", str(table), "-o", str(output), "--columns", "place=Town,date=Day", "-q"])
    assert code == 0
    result = pd.read_csv(output, dtype=str, keep_default_na=False)
    original = pd.read_csv(table, sep=";", dtype=str, keep_default_na=False)
    assert list(result.columns) == [*original.columns, "latitude", "longitude", "admin1", "admin1_code",
                                    "geo_precision", "match", "score", "matched_name"]
    assert len(result) == len(original)
    assert result.loc[:, list(original.columns)].equals(original)
    assert result.loc[0, "admin1_code"] == "UA-48" and result.loc[0, "geo_precision"] == "1"
    assert result.loc[2, "match"] == "region" and result.loc[3, "latitude"] == ""
    report = pd.read_csv(tmp_path / "out.unresolved.csv", dtype=str, keep_default_na=False)
    assert list(report.columns) == ["row", "value", "reason"]
    assert list(report["row"]) == ["4", "5"] and report.loc[1, "value"] == "Nowhereville"


def test_geocode_fills_but_never_overwrites_existing_columns(tmp_path, gazetteer):
    table = tmp_path / "acled.csv"
    shutil.copy(DATA / "acled_sample.csv", table)
    with table.open("a") as handle:  # a row without coordinates, to be geocoded from its name
        handle.write("UKR900009,12 November 2024,2024,1,,Battles,Armed clash,,,,,,,,,804,Europe,Ukraine,"
                     "Kharkiv,,,Kupiansk,,,,Test Wire,,,0,,\n")
    output = tmp_path / "acled.geo.csv"
    summary = run_geocode(table, output, RunOptions(), gazetteer)
    assert summary.unresolved == []
    result = pd.read_csv(output, dtype=str, keep_default_na=False)
    original = pd.read_csv(table, dtype=str, keep_default_na=False)
    assert list(result.columns) == [*original.columns, "admin1_code", "match", "score", "matched_name"]
    assert (result["latitude"][:8] == original["latitude"][:8]).all()
    assert (result["admin1"][:8] == original["admin1"][:8]).all()  # "Zaporizhia" stays as ACLED spelt it
    assert result.loc[8, "latitude"].startswith("49.7") and result.loc[8, "admin1_code"] == "UA-63"
    assert list(result["admin1_code"][:3]) == ["UA-48", "UA-12", "UA-23"]
    assert list(result["match"][:2]) == ["coordinates", "coordinates"] and result.loc[8, "match"] == "exact"


def test_geocode_command_errors_are_one_line(tmp_path, capsys):
    assert main(["geocode", str(tmp_path / "missing.csv"), "-q"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "missing.csv" in err and len(err.splitlines()) == 1
    table = tmp_path / "t.csv"
    table.write_text("date,place\n2024-11-11,Kyiv\n")
    assert main(["geocode", str(table), "-o", str(table), "-q"]) == 1
    assert main(["geocode", str(table), "--columns", "place=Town", "-q"]) == 1
    assert "no column 'Town'" in capsys.readouterr().err


def test_casualty_cells_that_are_no_count_are_reported_and_left_empty(gazetteer, tmp_path):
    path = tmp_path / "counts.csv"
    path.write_text("date,place,killed,injured\n2024-05-02,Kharkiv,-3,lots\n2024-05-02,Sumy,2,\n", encoding="utf-8")
    incidents, unresolved = geocode_rows(read_incident_table(path), gazetteer)
    assert [(i.location, i.killed, i.injured) for i in incidents] == [("Kharkiv", None, None), ("Sumy", 2, None)]
    assert sorted((u.row, u.value, u.kept) for u in unresolved) == [(2, "-3", True), (2, "lots", True)]
    assert all("not a count" in u.reason for u in unresolved)
