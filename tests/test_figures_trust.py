"""Figures an analyst can trust: years, days, times, ages, addresses and units are never casualty counts;
running totals are no incident's figures; real phrasings of counts are read (issue 15)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.incidents.casualties import find_figures, totals, zero_figures
from geomap.incidents.statistics import blank, total_spans


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("Shelling of Kharkiv on 3 August 2024 killed two people.", 2, None),
        ("A 2024 missile strike on Chernihiv killed 18.", 18, None),
        ("On August 3 shelling killed 5 civilians.", 5, None),
        ("At 14:20 a missile hit building No. 12, killing 3 and injuring 9.", 3, 9),
        ("At 9.40 a strike on the 110 brigade's positions killed 4 soldiers.", 4, None),
        ("A strike at 7 a.m. killed 2 people.", 2, None),
        ("A drone strike on Odesa killed a family of four.", 4, None),
        ("Rescuers said the bodies of 8 people were recovered after the strike.", 8, None),
        ("A woman aged 64 was injured when a shell hit house 17.", None, 1),
        ("The strike on a 9 storey block injured 11 residents.", None, 11),
        ("A Shahed-136 drone hit a house, killing 2 people.", 2, None),
        ("An S-300 missile struck the yard at 11:05, wounding 6.", None, 6),
        ("The death toll rose to 17 on Tuesday.", 17, None),
        ("The strike killed 1,085 people, officials said.", 1085, None),
        ("The toll in Odesa has risen to 20 dead and 73 injured, the city's authorities say.", 20, 73),
        ("The number of people killed by the strike has risen to 16, with 43 injured.", 16, 43),
        ("A drone hit an ambulance in Sudzha, killing a paramedic and the driver.", 2, None),
        ("Two missiles hit the district, killing a ten-year-old boy and his 68-year-old grandmother and injuring "
         "about 30 people.", 2, 30),
        ("Artillery shelling wounded two men and a woman.", None, 3),
        ("Another civilian was killed in the town.", 1, None),
        ("A drone hit a block of flats, and seven people were taken to hospital.", None, 7),
        ("A paramedic and an emergency worker are among the dead, and 46 people have been injured.", None, 46),
        ("A 67-year-old woman said the strike killed 2 people.", 2, None),
    ],
)
def test_figures_beside_dates_times_and_addresses(sentence: str, killed: int | None, injured: int | None) -> None:
    assert totals(find_figures(sentence)) == (killed, injured)


@pytest.mark.parametrize(
    ("sentence", "zeros"),
    [
        ("A Russian attack on Sumy killed no one, officials said.", (True, False)),
        ("The drone injured nobody.", (False, True)),
        ("No one was hurt.", (True, True)),
    ],
)
def test_no_one_harmed(sentence: str, zeros: tuple[bool, bool]) -> None:
    assert zero_figures(sentence) == zeros


@pytest.mark.parametrize(
    ("sentence", "total_text"),
    [
        ("A missile strike on Dnipro killed three people; since February 2022, more than 600 civilians have been "
         "killed in the city.", "since February 2022"),
        ("Since the start of the full-scale invasion, 1,085 civilians have been killed in the oblast.", "1,085"),
        ("So far this year 212 people have been injured in the region.", "212"),
        ("Drones struck Kharkiv overnight - the city has lost 40 residents since 2022 - officials said.", "40"),
    ],
)
def test_running_totals_are_found(sentence: str, total_text: str) -> None:
    spans = total_spans(sentence)
    assert any(start <= sentence.index(total_text) < end for start, end in spans)


def test_the_event_clause_keeps_its_figure() -> None:
    sentence = ("A missile strike on Dnipro killed three people; since February 2022, more than 600 civilians have "
                "been killed in the city.")
    assert totals(find_figures(blank(sentence, total_spans(sentence)))) == (3, None)


@pytest.mark.parametrize(
    "sentence",
    ["A missile strike on Dnipro killed three people on Monday.", "Fighting continued near Pokrovsk since dawn."],
)
def test_an_event_is_no_running_total(sentence: str) -> None:
    assert total_spans(sentence) == []


_MONTHS = ["January", "March", "May", "August", "October", "December"]
_PEOPLE = ["people", "civilians", "residents", "soldiers"]


@st.composite
def _sentence_with_distractors(draw: st.DrawFn) -> tuple[str, int, set[int]]:
    """A casualty sentence with a year, a day, a time, an age and an address set around one true figure."""
    count = draw(st.integers(min_value=1, max_value=60))
    year = draw(st.integers(min_value=2014, max_value=2026))
    day = draw(st.integers(min_value=1, max_value=28))
    hour, minute = draw(st.integers(min_value=0, max_value=23)), draw(st.integers(min_value=10, max_value=59))
    age = draw(st.integers(min_value=18, max_value=90))
    house = draw(st.integers(min_value=1, max_value=99))
    month = draw(st.sampled_from(_MONTHS))
    people = draw(st.sampled_from(_PEOPLE))
    pieces = draw(st.permutations([
        f"on {day} {month} {year}",
        f"at {hour}:{minute}",
        f"near building No. {house}",
        f"a {age}-year-old witness said",
    ]))
    verb = draw(st.sampled_from(["killing {n} {p}", "killed {n} {p}", "and {n} {p} were killed"]))
    sentence = (f"A Russian strike hit the street {pieces[0]}, {pieces[1]}, "
                + verb.format(n=count, p=people) + f", {pieces[2]}; {pieces[3]}.")
    return sentence, count, {year, day, hour, minute, house, age} - {count}


@settings(max_examples=300, deadline=None)
@given(_sentence_with_distractors())
def test_no_figure_is_a_year_day_time_age_or_address(case: tuple[str, int, set[int]]) -> None:
    sentence, count, distractors = case
    figures = find_figures(sentence)
    assert not {f.count for f in figures} & distractors, sentence
    assert totals(figures)[0] == count, sentence


def _incidents(gazetteer, body: str):
    from datetime import date

    from geomap.incidents import extract_incidents
    from geomap.models import Article
    from geomap.places import find_places

    article = Article(source="report.md", body=body, date=date(2024, 8, 5))
    return extract_incidents(article, find_places(article, gazetteer), gazetteer)


def test_a_running_total_does_not_silence_the_event(gazetteer) -> None:
    body = ("A missile strike on Dnipro killed three people on Sunday; since February 2022, more than 600 "
            "civilians have been killed in the city.")
    assert [(i.location, i.killed) for i in _incidents(gazetteer, body)] == [("Dnipro", 3)]


def test_a_running_total_alone_is_no_incident(gazetteer) -> None:
    body = "Since the start of the full-scale invasion, 1,085 civilians have been killed in Kharkiv."
    assert _incidents(gazetteer, body) == []


def test_a_year_is_never_a_death_toll(gazetteer) -> None:
    body = "Shelling of Kharkiv on 3 August 2024 killed two people. A 2024 missile strike on Chernihiv killed 18."
    assert sorted((i.location, i.killed) for i in _incidents(gazetteer, body)) == [("Chernihiv", 18), ("Kharkiv", 2)]


def test_a_raion_named_with_its_village_is_context_not_an_incident(gazetteer) -> None:
    body = "Near the village of Novohrodivka in the Pokrovsk district, a Russian drone hit a car, killing the driver."
    found = _incidents(gazetteer, body)
    assert [(i.location, i.killed) for i in found] == [("Novohrodivka", 1)]
