"""Relative and calendar dates against the publication date; event versus report dates."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.incidents import dates
from geomap.incidents.dates import SAME_DAY, find_dates

PUBLISHED = date(2024, 11, 11)  # a Monday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The strike happened on November 9.", date(2024, 11, 9)),
        ("A similar strike on Sept. 30 killed two.", date(2024, 9, 30)),
        ("Shelling resumed early on Monday.", date(2024, 11, 11)),
        ("The missile struck the block on Saturday.", date(2024, 11, 9)),
        ("Saturday's strike destroyed the school.", date(2024, 11, 9)),
        ("Rescuers worked overnight in the ruins.", date(2024, 11, 11)),
        ("A drone hit the depot yesterday.", date(2024, 11, 10)),
        ("Over the past day, shelling hit 12 towns.", date(2024, 11, 10)),
        ("A blast on 28 December 2023 damaged the port.", date(2023, 12, 28)),
        ("The attack on December 20 was the largest.", date(2023, 12, 20)),  # the latest December 20 before
    ],
)
def test_event_dates(sentence, expected):
    found = find_dates(sentence, PUBLISHED)
    assert found and found[0].value == expected and found[0].role == "event"


@pytest.mark.parametrize(
    "sentence",
    [
        "The governor said on Sunday that the village had fallen.",
        "The commander on November 9 confirmed the reports.",
    ],
)
def test_report_dates(sentence):
    assert [f.role for f in find_dates(sentence, PUBLISHED)] == ["report"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Fighting has gone on since last week.",
        "The offensive began this summer.",
        "Troops crossed in August.",
    ],
)
def test_vague_spans_give_no_date(sentence):
    assert find_dates(sentence, PUBLISHED) == []


def test_same_day_and_no_publication_date():
    assert find_dates("A barrage the same day hit the capital.", PUBLISHED)[0].role == SAME_DAY
    assert find_dates("It happened on Monday.", None) == []


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("On Sunday, the defence ministry claimed the capture of the village.", "report"),
        ("Late on Saturday, the regional governor said three were hurt.", "report"),
        ("On Sunday, Russian troops captured the village.", "event"),
        ("A drone hit the depot yesterday, the mayor said.", "event"),
    ],
)
def test_opening_date_then_speaker_dates_the_report(sentence, role):
    assert [f.role for f in find_dates(sentence, PUBLISHED)] == [role]


@pytest.mark.parametrize(
    "text",
    ["November 11", "Nov. 11", "Sept. 30", "Sept 30, 2023", "5 June 2024", "5th of June", "31 December",
     "December 31st, 2022", "Feb 29, 2024", "March 3"],
)
def test_plain_dates_agree_with_dateparser(text: str) -> None:
    """The month-day fast path must give what the full parser gives (in the past of publication)."""
    published = date(2024, 11, 12)
    assert dates._plain_date(text, published) == dates._parsed_date(text, published)


def test_impossible_day_is_left_to_the_parser() -> None:
    assert dates._plain_date("February 30", date(2024, 11, 12)) is None
