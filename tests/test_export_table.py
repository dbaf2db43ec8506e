"""incidents.csv: ACLED column names, our extra columns, formula injection defused."""

from __future__ import annotations

import csv

import pytest

from geomap.export.table import CSV_COLUMNS, defuse, write_incidents_csv
from geomap.render.sample import tiny_frames

ACLED_TWINS = ["event_date", "event_type", "sub_event_type", "admin1", "location", "latitude", "longitude",
               "geo_precision", "fatalities", "notes", "source"]


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    incidents, _ = tiny_frames(hostile=True)
    path = write_incidents_csv(incidents, tmp_path_factory.mktemp("csv") / "incidents.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_header_has_acled_names_and_ours(rows):
    header = list(rows[0])
    assert header == [name for name, _ in CSV_COLUMNS]
    for name in [*ACLED_TWINS, "injured", "admin1_code", "country_code", "mention", "id"]:
        assert name in header


def test_values(rows):
    by_id = {row["id"]: row for row in rows}
    first = by_id["t1"]
    assert first["event_date"] == "2024-03-02"
    assert (first["latitude"], first["longitude"]) == ("49.9935", "36.2304")
    assert first["fatalities"] == "3" and first["injured"] == "12"
    assert first["sources"] == "kharkiv-report.md; wire-2024-03-02.md"
    assert by_id["t2"]["fatalities"] == ""  # unknown, not zero
    assert by_id["t3"]["geo_precision"] == "3"


def test_formula_injection_defused(rows):
    by_id = {row["id"]: row for row in rows}
    assert by_id["t2"]["mention"].startswith("'=HYPERLINK")
    assert by_id["t4"]["notes"].startswith("'@SUM")
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@")), value


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+7", "'+7"), ("-2", "'-2"), ("@A1", "'@A1"), ("\tx", "'\tx"),
    ("Kharkiv", "Kharkiv"), (3, 3), (-36.5, -36.5), (None, None),
])
def test_defuse(value, expected):
    assert defuse(value) == expected
