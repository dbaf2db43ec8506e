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
    ("ragged.csv", 'date,place\n2024-11-11,"Kyiv\n', "2: no usable rows: a quote opened on this line is never "
                                                   "closed"),
    ("header.tsv", 'date\t"place\n2024-11-11\tKyiv\n', "1: a quote opened in the header is never closed"),
    ("bytes.csv", "\x00\x01\x02" * 50, "binary file, not text .give a CSV or TSV text table"),
    ("t.parquet", "x", "unsupported table type"),
])
def test_bad_tables_raise_one_line_input_errors(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(InputError, match=message) as error:
        read_incident_table(path)
    assert "\n" not in str(error.value) and str(path) in str(error.value)


def _csv(tmp_path, *lines: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


HEADER = "id,date,place,notes"


def test_an_unclosed_quote_is_named_by_line_and_the_lines_after_it_are_read_again(tmp_path):
    path = _csv(tmp_path, HEADER, "A1,2024-11-11,Odesa,ok", 'A2,2024-11-11,"Kharkiv,opens here',
                "A3,2024-11-12,Sumy,ok", "A4,2024-11-12,Kyiv,ok")
    frame = read_incident_table(path)
    assert list(frame["id"]) == ["A1", "A3", "A4"] and list(frame["row"]) == [2, 4, 5]
    problem = "a quote opened on this line is never closed; row left out, the lines after it read again"
    hint = 'close the quote; a quote inside a cell is written twice: ""'
    assert list(frame.attrs["problems"]) == [(3, problem, hint)]


def test_a_quote_closing_lines_later_is_named_and_the_swallowed_rows_kept(tmp_path):
    path = _csv(tmp_path, HEADER, 'A2,2024-11-11,"Kharkiv,opens here', "A3,2024-11-12,Sumy,ok",
                'A4,2024-11-12,Kyiv",closes here', "A5,2024-11-13,Lviv,ok")
    frame = read_incident_table(path)
    (line, problem, _), = frame.attrs["problems"]
    assert line == 2 and problem.startswith("a quote opened on this line closes only on line 4, running 3 lines")
    assert list(frame["id"]) == ["A3", 'A4', "A5"] and list(frame["row"]) == [3, 4, 5]


def test_a_cell_over_several_lines_is_one_cell(tmp_path):
    path = _csv(tmp_path, HEADER, 'A1,2024-11-11,Odesa,"a note,\nover two lines"', "A2,2024-11-12,Sumy,ok")
    frame = read_incident_table(path)
    assert frame.loc[0, "notes"] == "a note,\nover two lines" and list(frame["row"]) == [2, 4]
    assert list(frame.attrs["problems"]) == []


def test_extra_cells_leave_the_row_out_unless_empty_and_short_rows_are_padded(tmp_path):
    path = _csv(tmp_path, HEADER, "A1,2024-11-11,Kyiv, Ukraine,ok", "A2,2024-11-11,Odesa,ok,,",
                "A3,2024-11-12,Sumy", ",,,", "")
    frame = read_incident_table(path)
    assert list(frame["id"]) == ["A2", "A3"] and frame.loc[1, "notes"] is None
    assert list(frame.attrs["problems"]) == [(2, "row has 5 cells, the header 4; left out",
                                              'quote cells that hold a comma, e.g. "Kyiv, Ukraine"')]


def test_repeated_and_empty_column_names_are_kept_apart(tmp_path):
    raw = read_table_raw(_csv(tmp_path, "date,date,place,", "2024-11-11,2024-11-12,Kyiv,x"))
    assert list(raw.columns) == ["date", "date.1", "place", "Unnamed: 3"]
    assert raw.loc[0, "date.1"] == "2024-11-12"


def test_utf16_tab_separated_text_from_excel_is_read(tmp_path):
    path = tmp_path / "unicode.tsv"
    path.write_bytes("date\tplace\n2024-11-11\tХарків\n".encode("utf-16"))
    assert read_incident_table(path).loc[0, "location"] == "Харків"


@pytest.mark.parametrize(("content", "message"), [
    (b"this is not a workbook", "not an Excel .xlsx workbook (not a zip archive)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
     "an old-style .xls (or password-protected) workbook, not .xlsx"),
    (None, "not a readable Excel workbook (There is no item named '[Content_Types].xml' in the archive)"),
])
def test_xlsx_garbage_is_named_with_what_to_do(tmp_path, content, message):
    import zipfile

    path = tmp_path / "t.xlsx"
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "hi")
    else:
        path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read_table_raw(path)
    assert str(error.value) == f"{path}: {message} (save it again from Excel as .xlsx, or as CSV)"
