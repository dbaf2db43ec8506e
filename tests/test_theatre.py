"""The war-theatre prior: a village name nothing in the text places is read as the namesake near the front,
while a region the text names, or a much larger town elsewhere, still decides."""

from __future__ import annotations

from datetime import date

from gazetteer import Context
from geomap.models import Article
from geomap.places import find_places
from geomap.places.theatre import WAR_THEATRE


def towns(gazetteer, body: str) -> list:
    found = find_places(Article(source="t.md", body=body, date=date(2023, 3, 2)), gazetteer)
    return [m for m in found if m.kind == "settlement"]


def test_region_prior_reranks_namesakes(gazetteer):
    plain = gazetteer.best("Kalynivka", Context())
    tipped = gazetteer.best("Kalynivka", Context(region_prior=(("UA-14", 0.06),)))
    assert plain.admin1_code != "UA-14"
    assert tipped.admin1_code == "UA-14" and "prior" in tipped.reasons


def test_prior_never_outweighs_a_region_the_text_names(gazetteer):
    context = Context(admin1_codes=("UA-48",), region_prior=WAR_THEATRE)
    assert gazetteer.best("Kalynivka", context).admin1_code == "UA-48"


def test_bare_village_name_is_the_front_line_namesake(gazetteer):
    found = towns(gazetteer, "Mortar rounds landed in Kalynivka overnight, the brigade said.")
    assert found and found[0].admin1_code == "UA-14"


def test_named_region_decides_over_the_theatre(gazetteer):
    found = towns(gazetteer, "Mortar rounds landed in Kalynivka, Mykolaiv Oblast, overnight.")
    assert found and found[0].admin1_code == "UA-48"


def test_a_much_larger_town_elsewhere_keeps_its_name(gazetteer):
    found = towns(gazetteer, "Air raid sirens sounded in Oleksandriia on Tuesday morning.")
    assert found and found[0].admin1_code == "UA-35"


def test_over_is_a_place_cue(gazetteer):
    found = towns(gazetteer, "Two attack helicopters were filmed in the sky over Kalynivka.")
    assert [m.mention for m in found] == ["Kalynivka"]
