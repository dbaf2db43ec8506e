"""The cheap pre-tests that let the incident extractors skip a scan give the same answers as the scans."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.incidents.casualties import find_figures, totals
from geomap.incidents.dates import find_dates

PUBLISHED = date(2024, 11, 11)  # a Monday


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("SHELLING HIT THE TOWN ON SATURDAY.", [date(2024, 11, 9)]),  # upper case passes the lower-case pre-test
        ("Saturday\u2019s strike killed two.", [date(2024, 11, 9)]),  # not ASCII: scanned in full
        ("A blast on 5 SEPT 2023 and another yesterday.", [date(2023, 9, 5), date(2024, 11, 10)]),
        ("The attack over the past 24 hours was the largest.", [date(2024, 11, 10)]),
        ("Troops advanced near the river.", []),  # no stem: nothing to find
        ("A drone hit on November 9\u2014the third that week.", [date(2024, 11, 9)]),
    ],
)
def test_dates_found_with_and_without_pre_tests(sentence, values):
    assert [f.value for f in find_dates(sentence, PUBLISHED)] == values


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("A STRIKE ON THE MARKET KILLED FIVE PEOPLE.", 5, None),  # upper-case number words still count
        ("Twenty-One people were killed and 170 were wounded.", 21, 170),  # a hyphenated number word
        ("The shelling killed a 70-year-old man.", 1, None),  # the figure is the "a" before the age
        ("The drone hit a car, killing the driver.", 1, None),  # "the" before one person
        ("21 others, including four teenagers, were wounded.", None, 21),  # the aside is no figure of its own
        ("Drones struck 14 settlements overnight.", None, None),  # no casualty stem: not split into words
    ],
)
def test_figures_with_and_without_pre_tests(sentence, killed, injured):
    assert totals(find_figures(sentence)) == (killed, injured)
