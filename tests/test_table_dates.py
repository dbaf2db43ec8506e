"""Table dates are read per column with one day order: 08/13/2024 fixes the column month-first, so 08/01/2024
beside it is 1 August; a column where every date reads both ways is read day-first with a warning."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from geomap.geocode import geocode_rows
from geomap.read.datecolumn import column_day_first, parse_date_column
from geomap.read.tables import read_incident_table


@pytest.mark.parametrize(("values", "expected"), [
    (["08/13/2024", "08/01/2024"], [date(2024, 8, 13), date(2024, 8, 1)]),  # month-first column
    (["13/08/2024", "08/01/2024"], [date(2024, 8, 13), date(2024, 1, 8)]),  # day-first column
    (["01.08.2024", "31.07.2024"], [date(2024, 8, 1), date(2024, 7, 31)]),
    (["2024-08-01", "13 August 2024", "2024-08-13T00:00:00"], [date(2024, 8, 1), date(2024, 8, 13),
                                                               date(2024, 8, 13)]),
    (["8/1/2024", "12/31/2024"], [date(2024, 8, 1), date(2024, 12, 31)]),
    (["2/24/22", "3/1/22"], [date(2022, 2, 24), date(2022, 3, 1)]),  # two-digit years
    (["2022-02-24 00:00:00.000", "24 February 2022"], [date(2022, 2, 24), date(2022, 2, 24)]),
    ([None, "", "08/13/2024"], [None, None, date(2024, 8, 13)]),
])
def test_one_order_for_the_whole_column(values, expected, caplog):
    caplog.set_level(logging.WARNING)
    assert parse_date_column(values, "t.csv: column 'date'") == expected
    assert not caplog.records


def test_a_column_that_reads_both_ways_is_day_first_with_a_warning(caplog):
    caplog.set_level(logging.WARNING)
    assert parse_date_column(["08/01/2024", "03/02/2024"], "reports.csv: column 'Day'") == [
        date(2024, 1, 8), date(2024, 2, 3)]
    assert len(caplog.records) == 1
    message = caplog.records[0].getMessage()
    assert "reports.csv" in message and "'Day'" in message and "day-first" in message


def test_a_column_that_votes_both_ways_follows_the_majority_and_says_so(caplog):
    caplog.set_level(logging.WARNING)
    assert column_day_first(["13/08/2024", "14/08/2024", "08/15/2024", "01/02/2024"], "t.csv") is True
    assert "mix day-first" in caplog.records[0].getMessage()


def test_values_that_are_not_dates_are_errors_not_guesses():
    parsed = parse_date_column(["2024-08-01", "yesterday", "2024-13-45"], "t.csv")
    assert parsed[0] == date(2024, 8, 1)
    assert isinstance(parsed[1], ValueError) and isinstance(parsed[2], ValueError)


def test_table_rows_get_the_columns_order(tmp_path, gazetteer, caplog):
    path = tmp_path / "us_desk.csv"
    path.write_text("Date,place,lat,lon\n08/13/2024,Kharkiv,49.9935,36.2304\n08/01/2024,Sumy,50.9077,34.7981\n"
                    "08/02/2024,Odesa,46.4825,30.7233\nsoon,Kyiv,50.45,30.52\n", encoding="utf-8")
    incidents, unresolved = geocode_rows(read_incident_table(path), gazetteer)
    assert [i.date for i in incidents] == [date(2024, 8, 13), date(2024, 8, 1), date(2024, 8, 2), None]
    assert [(u.row, u.kept) for u in unresolved] == [(5, True)] and "date not understood" in unresolved[0].reason


def test_an_ambiguous_table_column_is_named_in_the_warning(tmp_path, gazetteer, caplog):
    caplog.set_level(logging.WARNING)
    path = tmp_path / "ambiguous.csv"
    path.write_text("When,place,lat,lon\n08/01/2024,Kharkiv,49.9935,36.2304\n09/01/2024,Sumy,50.9077,34.7981\n",
                    encoding="utf-8")
    incidents, _ = geocode_rows(read_incident_table(path, {"date": "When"}), gazetteer)
    assert [i.date for i in incidents] == [date(2024, 1, 8), date(2024, 1, 9)]
    messages = [r.getMessage() for r in caplog.records if "both day-first and month-first" in r.getMessage()]
    assert len(messages) == 1 and "ambiguous.csv" in messages[0] and "'When'" in messages[0]
