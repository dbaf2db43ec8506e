"""The cheap pre-tests that let the incident extractors skip a scan give the same answers as the scans."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.incidents.casualties import find_figures, totals, zero_figures
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


def _any_case_patterns():
    from geomap.incidents import casualties, dates, extract
    from geomap.incidents.folding import AnyCase

    modules = (extract, casualties, dates)
    return [value for module in modules for value in vars(module).values() if isinstance(value, AnyCase)]


_PHRASES = [
    "25 km south of the ",
    "some 10 kilometres (6 miles) north-west of ",
    "officials in ",
    "troops withdrew from the ",
    "Russian forces were pushed back from ",
    "shelling near the village of ",
    "killed across the region on Monday",
    "injuring a man in the city and cutting power in nearby ",
    ", a village near ",
    " and three were wounded in ",
    "over the past 24 hours",
    "the governor of ",
    "the ministry said on ",
    ", officials said on Sunday",
    "Early on ",
    "No one was killed or hurt",
    "nobody was injured and no deaths were reported",
    "the attack passed without casualties",
]


def _variants(text: str) -> list[str]:
    return [
        text,
        text.upper(),
        text.title(),
        text.swapcase(),
        text.replace("s", "\u017f"),  # the long s: not ASCII, so the IGNORECASE pattern decides
        text.upper().replace("K", "\u212a"),  # the Kelvin sign
        "\u201c" + text,
    ]


@pytest.mark.parametrize("phrase", _PHRASES)
def test_any_case_agrees_with_ignorecase(phrase):
    import re

    for pattern in _any_case_patterns():
        ignore_case = re.compile(pattern.pattern, re.IGNORECASE)
        for text in _variants(phrase):
            assert pattern.search(text) == (ignore_case.search(text) is not None), (pattern.pattern, text)
            assert pattern.match(text) == (ignore_case.match(text) is not None), (pattern.pattern, text)
            assert pattern.search_lowered(text, text.lower()) == pattern.search(text), (pattern.pattern, text)


@pytest.mark.parametrize("pattern", [r"\bKyiv\b", r"[A-Z]+", "\u017f", r"\u017f", r"\x41"])
def test_any_case_refuses_what_lower_casing_would_change(pattern):
    from geomap.incidents.folding import AnyCase

    with pytest.raises(ValueError):
        AnyCase(pattern)


@pytest.mark.parametrize(
    ("sentence", "zeros"),
    [
        ("No one was hurt in the strike.", (True, True)),
        ("NO ONE WAS INJURED.", (False, True)),
        ("NOBODY WAS KILLED OR INJURED.", (True, True)),
        ("The attack passed without casualties.", (True, True)),
        ("No ca\u017fualties were reported.", (True, True)),  # not ASCII: the long s still spells "s"
        ("Troops moved north of the town; now nothing is known.", (False, False)),  # "no" but no harm word
    ],
)
def test_zero_figures_with_and_without_pre_tests(sentence, zeros):
    assert zero_figures(sentence) == zeros
