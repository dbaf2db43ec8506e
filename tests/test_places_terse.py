"""Place finding in terse one-line event logs (invented lines): lower case, typos, no verbs, "X, Y Oblast"."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.models import Article
from geomap.places import find_places


def places(gazetteer, body: str) -> list:
    found = find_places(Article(source="log.txt", body=body, date=date(2022, 4, 2)), gazetteer)
    return [m for m in found if m.kind != "country" and not m.metonymy]


def first_settlement(gazetteer, body: str):
    return next((m for m in places(gazetteer, body) if m.kind == "settlement"), None)


@pytest.mark.parametrize(
    ("line", "name", "code"),
    [
        ("russian tanks rolling through Hostomel, Kyiv Oblast", "Hostomel", "UA-32"),
        ("two tanks destroyed in Velika Pisarivka, Sumy Oblast", "Velyka Pysarivka", "UA-59"),
        ("Damaged houses in Staryi Saltiv, Kharkiv oblast", "Staryi Saltiv", "UA-63"),
        ("Burned cars in Visokopilya, Kherson Oblast", "Vysokopillya", "UA-65"),  # a spelling of its own
    ],
)
def test_town_then_region(gazetteer, line, name, code):
    town = first_settlement(gazetteer, line)
    assert town is not None and (town.name, town.admin1_code) == (name, code)


def test_region_without_such_town_gives_no_wrong_namesake(gazetteer):
    # Kurakhove is a Donetsk town: the line puts it in Sumy Oblast, so no Donetsk point, only the region
    found = places(gazetteer, "Shelling of Kurakhove, Sumy Oblast")
    assert [(m.kind, m.admin1_code) for m in found] == [("admin1", "UA-59")]


def test_city_and_region_name_closing_the_line_is_the_region(gazetteer):
    found = places(gazetteer, "Convoy spotted near Kupiansk, Kharkiv")
    assert [(m.mention, m.kind, m.admin1_code) for m in found] == [
        ("Kupiansk", "settlement", "UA-63"),
        ("Kharkiv", "admin1", "UA-63"),
    ]


def test_list_of_cities_is_not_a_town_region_pair(gazetteer):
    found = places(gazetteer, "Rockets hit Sumy, Kharkiv and Poltava")
    assert all(m.kind == "settlement" for m in found) and len(found) == 3


@pytest.mark.parametrize(
    "line",
    ["Staromaiorske under fire", "Staromaiorske being shelled again", "Staromaiorske after the night's strikes"],
)
def test_line_opening_with_a_village(gazetteer, line):
    town = first_settlement(gazetteer, line)
    assert town is not None and town.name == "Staromaiorske" and town.admin1_code == "UA-14"


def test_misspelt_line_opening(gazetteer):
    town = first_settlement(gazetteer, "Novomihailivka being shelled")
    assert town is not None and town.admin1_code == "UA-14"


def test_direction_of_a_village(gazetteer):
    town = first_settlement(gazetteer, "artillery strikes to the north of Bohorodychne")
    assert town is not None and town.name == "Bohorodychne"


@pytest.mark.parametrize(
    "line",
    [
        "Civilian car burning in Kyiv's Obolon neighbourhood",
        "smoke over Kyiv's Sviatoshyn district after a drone strike",
    ],
)
def test_district_of_a_city_places_the_event_in_the_city(gazetteer, line):
    kyiv = [m for m in places(gazetteer, line) if m.mention == "Kyiv"]
    assert kyiv and kyiv[0].kind == "settlement" and kyiv[0].admin1_code == "UA-30"


def test_unknown_word_matches_a_town_in_the_theatre(gazetteer):
    town = first_settlement(gazetteer, "Kramatorks railway station hit")
    assert town is not None and town.name == "Kramatorsk"


@pytest.mark.parametrize(
    "line",
    [
        "Zelenskiy visits troops",
        "Antonivsky bridge shelled",  # a facility's adjective, not a village
        "Volodymyr Zelenskiy speaks to soldiers",
    ],
)
def test_people_and_facilities_are_not_places(gazetteer, line):
    assert [m for m in places(gazetteer, line) if m.kind == "settlement"] == []


def test_lower_case_line_with_typos(gazetteer):
    town = first_settlement(gazetteer, "russian soliders moving in komyshany, kherson")
    assert town is not None and town.admin1_code == "UA-65"
