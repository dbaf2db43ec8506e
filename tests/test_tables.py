"""Reading incident tables: column recognition (ACLED and plain names), --columns, formats, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from geomap.exc import InputError
from geomap.read.tables import read_incident_table, read_table_raw, recognise_columns

DATA = Path(__file__).parent / "data"
PLAIN_COLUMNS = {"place": "Town", "date": "Day", "type": "What"}
ACLED_HEADER = (DATA / "acled_sample.csv").read_text().splitlines()[0].split(",")  # the real column set


def test_acled_columns_are_recognised_without_options():
    mapping = recognise_columns(ACLED_HEADER)
    assert mapping == {
        "date": "event_date", "location": "location", "admin1": "admin1", "country": "country",
        "latitude": "latitude", "longitude": "longitude", "killed": "fatalities", "event_type": "event_type",
        "sub_event_type": "sub_event_type", "notes": "notes", "source": "source",
        "geo_precision": "geo_precision", "id": "event_id_cnty"}
    assert len(ACLED_HEADER) == 31


def test_plain_names_any_case_and_spacing():
    mapping = recognise_columns(["Date", "Place", "Lat", "LON", "Killed", "Injured", "Event Type"])
    assert mapping == {"date": "Date", "location": "Place", "latitude": "Lat", "longitude": "LON",
                       "killed": "Killed", "injured": "Injured", "event_type": "Event Type"}


def test_explicit_columns_win_and_take_the_column_from_another_field():
    mapping = recognise_columns(["Day", "Town", "place", "Dead"],
                                {"place": "Town", "date": "day", "killed": "Dead"})
    assert mapping["location"] == "Town" and mapping["date"] == "Day" and mapping["killed"] == "Dead"
    # 'region' would be recognised as admin1; mapping it to the location removes it from admin1
    mapping = recognise_columns(["region"], {"location": "region"})
    assert mapping == {"location": "region"}


@pytest.mark.parametrize(("columns", "message"), [
    ({"town_name": "Town"}, "unknown field 'town_name'"),
    ({"place": "Village"}, "no column 'Village'"),
])
def test_explicit_column_errors_name_the_table(columns, message):
    with pytest.raises(InputError, match=message) as error:
        recognise_columns(["Town", "Day"], columns, "t.csv")
    assert str(error.value).startswith("t.csv:")


def test_acled_fixture_reads_in_the_schema():
    frame = read_incident_table(DATA / "acled_sample.csv")
    assert len(frame) == 8
    first = frame.iloc[0]
    assert first["date"] == "11 November 2024" and first["location"] == "Mykolaiv"
    assert first["latitude"] == "46.9659" and first["killed"] == "5" and first["id"] == "UKR900001"
    assert first["country"] == "Ukraine" and first["row"] == 2
    assert frame["injured"].isna().all()  # ACLED has no injured column


def test_semicolon_csv_and_explicit_columns(tmp_path):
    frame = read_incident_table(DATA / "plain_incidents.csv", PLAIN_COLUMNS)
    assert list(frame["location"][:2]) == ["Mykolaiv", "Kriviy Rih"]
    assert frame.loc[1, "injured"] == "7" and frame.loc[0, "injured"] is None
    assert frame.loc[0, "admin1"] == "Mykolaiv" and frame.loc[5, "country"] == "Russian Federation"


def test_cp1251_csv_is_decoded(tmp_path):
    path = tmp_path / "cyr.csv"
    path.write_bytes("date,place\n2024-11-11,Харків\n".encode("cp1251"))
    assert read_incident_table(path).loc[0, "location"] == "Харків"


def test_jsonl_rows_keep_their_line_numbers(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"date": "2024-11-11", "place": "Odesa", "killed": 2}) + "\n\n"
                    + json.dumps({"date": "2024-11-12", "place": "Sumy", "killed": None}) + "\n")
    frame = read_incident_table(path)
    assert list(frame["row"]) == [1, 3]
    assert frame.loc[0, "killed"] == "2" and frame.loc[1, "killed"] is None


def test_jsonl_bad_line_is_reported_with_its_number(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text('{"place": "Odesa"}\n{"place": \n')
    with pytest.raises(InputError, match=r"t.jsonl:2: not JSON"):
        read_table_raw(path)


def test_geojson_points_give_coordinates(tmp_path):
    path = tmp_path / "t.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.25, 49.98]},
         "properties": {"date": "2024-11-11", "event": "strike", "lat": "wrong"}},
        {"type": "Feature", "geometry": None, "properties": {"date": "2024-11-12", "place": "Sumy"}}]}))
    frame = read_incident_table(path)
    assert frame.loc[0, "latitude"] == "49.98" and frame.loc[0, "longitude"] == "36.25"
    assert frame.loc[1, "latitude"] is None and frame.loc[1, "location"] == "Sumy"


def test_xlsx_with_dates_and_numbers(tmp_path):
    pytest.importorskip("openpyxl")
    path = tmp_path / "t.xlsx"
    pd.DataFrame({"Day": pd.to_datetime(["2024-11-11"]), "Town": ["Kharkiv"], "Killed": [3.0]}).to_excel(
        path, index=False)
    frame = read_incident_table(path, {"date": "Day", "place": "Town"})
    assert frame.loc[0, "date"].startswith("2024-11-11") and frame.loc[0, "killed"] == "3"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.csv", "", "empty"),
    ("header.csv", "date,place\n", "no rows"),
    ("noplace.csv", "date,killed\n2024-11-11,3\n", "no place column"),
    ("ragged.csv", 'date,place\n2024-11-11,"Kyiv\n', "cannot read"),
    ("t.parquet", "x", "unsupported table type"),
])
def test_bad_tables_raise_one_line_input_errors(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(InputError, match=message) as error:
        read_incident_table(path)
    assert "\n" not in str(error.value) and str(path) in str(error.value)
