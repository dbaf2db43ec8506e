"""Towns stay where the text puts them: context from another paragraph, a region list about interceptions or
population alone never moves a named town to a namesake elsewhere (issue 15)."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.models import Article
from geomap.places import find_places


def _places(gazetteer, body: str) -> dict[str, str]:
    article = Article(source="report.md", body=body, date=date(2024, 8, 5))
    return {m.mention: m.admin1_code for m in find_places(article, gazetteer) if not m.metonymy}


def test_a_drone_list_in_another_paragraph_does_not_move_a_town(gazetteer):
    body = ("In Kostiantynivka, a missile hit a supermarket on Monday, killing four people.\n"
            "Overnight, air defences downed 23 drones over the Sumy and Kharkiv regions, the air force said.")
    assert _places(gazetteer, body)["Kostiantynivka"] == "UA-14"


def test_a_region_in_the_same_paragraph_still_decides_a_namesake(gazetteer):
    body = "In Kharkiv Oblast, Russian shelling hit the village of Kostiantynivka on Monday."
    assert _places(gazetteer, body)["Kostiantynivka"] == "UA-63"


@pytest.mark.parametrize(
    ("body", "name", "code"),
    [
        ("Russian forces shelled Seversk on Monday, the governor said.", "Seversk", "UA-14"),
        ("Fighting continued near Dzerzhinsk, the ministry said.", "Dzerzhinsk", "UA-14"),
        # Kamianske (Dnipropetrovsk) or the Crimean Kamenskoye, both read in the theatre; never Kamchatka
        ("Fighting continued near Kamenskoye, the ministry said.", "Kamenskoye", ("UA-12", "UA-43")),
        # evidence for the far namesake: its region, or a place near it
        ("In Tomsk Oblast, a fire broke out at a plant in Seversk.", "Seversk", "RU-TOM"),
        ("A plant in Dzerzhinsk, near Nizhny Novgorod, was hit by a drone.", "Dzerzhinsk", "RU-NIZ"),
    ],
)
def test_a_far_namesake_needs_evidence_from_the_text(gazetteer, body, name, code):
    assert _places(gazetteer, body)[name] in ((code,) if isinstance(code, str) else code)


@pytest.mark.parametrize(
    "body",
    ["Units of the Vostok group of forces took the village, the ministry said.",
     "The Dnepr grouping repelled four attacks near the river."],
)
def test_a_grouping_named_after_a_place_is_no_place(gazetteer, body):
    assert not [m for m in _places(gazetteer, body) if m in ("Vostok", "Dnepr")]


def test_a_bare_name_of_a_grouping_stays_a_place(gazetteer):
    assert "Dnepr" in _places(gazetteer, "Russian drones struck Dnepr overnight.")
