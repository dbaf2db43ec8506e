"""Settlements from the Ukrainian codifier (KATOTTG): placement near the hromada's centre, ranking below
surveyed places, the cues running text needs, and geo_precision 2 wherever they are used."""

from __future__ import annotations

from datetime import date

import pytest

from gazetteer import Context, fold
from gazetteer.katottg import CodifierSettlement, iso_code, locate, read_codifier
from geomap.geocode import geocode_rows
from geomap.incidents import extract_incidents
from geomap.models import PRECISION_NEAR, Article
from geomap.places import find_places
from geomap.read.tables import read_incident_table


@pytest.mark.parametrize(("level1", "code"), [
    ("UA05000000000010236", "UA-05"), ("UA44000000000018893", "UA-09"), ("UA01000000000013043", "UA-43"),
    ("UA80000000000093317", "UA-30"), ("UA85000000000065278", "UA-40"), ("UA73000000000044923", "UA-77"),
    ("UA63000000000041885", "UA-63"),
])
def test_first_level_codes_map_to_iso(level1, code):
    assert iso_code(level1) == code


def test_codifier_lists_every_settlement():
    settlements = read_codifier()
    assert 29_000 < len(settlements) < 31_000
    assert {s.category for s in settlements} <= {"M", "T", "C", "X"}
    assert sum(s.category == "M" for s in settlements) > 400  # cities
    assert len({s.admin1_code for s in settlements}) == 25  # 24 oblasts and Crimea; Kyiv and Sevastopol are cities


def _settlement(name: str, hromada: str, raion: str = "R1", code: str | None = None) -> CodifierSettlement:
    return CodifierSettlement(code=code or f"{hromada}-{name}", name=name, category="C", admin1_code="UA-63",
                              raion=raion, hromada=hromada)


def test_locate_places_unknown_villages_on_the_median_of_known_ones():
    settlements = [_settlement("Альфа", "H1"), _settlement("Бета", "H1"), _settlement("Гамма", "H1"),
                   _settlement("Дельта", "H1"),  # unknown: goes to H1's median point
                   _settlement("Епсилон", "H2"),  # unknown, H2 has no anchor: goes to the raion's point
                   _settlement("Ас", "H1")]  # too short to be matched in text
    known = {(fold("Альфа"), "UA-63"): [(50.0, 36.0)], (fold("Бета"), "UA-63"): [(50.2, 36.2)],
             (fold("Гамма"), "UA-63"): [(50.1, 36.5)]}
    placed, figures = locate(settlements, known)
    by_name = {item.settlement.name: item for item in placed}
    assert set(by_name) == {"Дельта", "Епсилон"}
    assert (by_name["Дельта"].lat, by_name["Дельта"].lon, by_name["Дельта"].anchor) == (50.1, 36.2, "hromada")
    assert by_name["Епсилон"].anchor == "raion"
    assert figures["in_geonames"] == 3 and figures["short_name"] == 1


def test_a_namesake_far_away_does_not_hide_the_village():
    settlements = [_settlement("Альфа", "H1"), _settlement("Бета", "H1"), _settlement("Дельта", "H1")]
    known = {(fold("Альфа"), "UA-63"): [(50.0, 36.0)], (fold("Бета"), "UA-63"): [(50.2, 36.2)],
             (fold("Дельта"), "UA-63"): [(48.0, 39.0)]}  # another Delta of the oblast, 300 km away
    placed, _ = locate(settlements, known)
    assert [item.settlement.name for item in placed] == ["Дельта"]


def test_codifier_village_resolves_in_latin_and_cyrillic(gazetteer):
    for name in ("Sulyhivka", "Сулигівка"):
        top = gazetteer.best(name, Context(admin1_codes=("UA-63",)))
        assert top is not None and top.admin1_code == "UA-63" and top.approximate
        assert top.id.startswith("kt:") and top.kind == "settlement"


def test_surveyed_namesake_in_the_texts_region_wins(gazetteer):
    top = gazetteer.best("Pryluky", Context(admin1_codes=("UA-74", "UA-23")))
    assert top is not None and not top.approximate and top.admin1_code == "UA-74"


def test_inflected_city_beats_a_village_spelt_like_it(gazetteer):
    assert gazetteer.best("Харькове").name == "Kharkiv"


def _article(body: str) -> Article:
    return Article(source="report.txt", body=body, date=date(2024, 5, 2))


def test_running_text_needs_a_place_cue_for_codifier_villages(gazetteer):
    said = find_places(_article("Sulyhivka said the figures were wrong."), gazetteer)
    assert [m for m in said if m.kind == "settlement"] == []
    shelled = find_places(_article("Russian artillery shelled Sulyhivka, Kharkiv Oblast, on Tuesday."), gazetteer)
    assert [(m.mention, m.admin1_code) for m in shelled if m.kind == "settlement"] == [("Sulyhivka", "UA-63")]


def test_codifier_village_incident_is_near_precision(gazetteer):
    article = _article("A Russian drone struck a house in Sulyhivka, Kharkiv Oblast, killing two people.")
    incidents = extract_incidents(article, find_places(article, gazetteer), gazetteer)
    village = [i for i in incidents if i.location == "Sulyhivka"]
    assert village and village[0].geo_precision == PRECISION_NEAR and village[0].killed == 2


def test_table_row_on_a_codifier_village_is_near_precision(gazetteer, tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("date,place,admin1,killed\n2024-05-02,Sulyhivka,Kharkiv Oblast,1\n"
                    "2024-05-02,Kharkiv,Kharkiv Oblast,2\n", encoding="utf-8")
    incidents, unresolved = geocode_rows(read_incident_table(path), gazetteer)
    assert [(i.location, i.geo_precision) for i in incidents] == [("Sulyhivka", 2), ("Kharkiv", 1)]
    assert unresolved == []
