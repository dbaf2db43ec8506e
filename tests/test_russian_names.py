"""Russian spellings of Ukrainian places: ё read as е or і, ordinal and size words, -ovka in a first word."""

from __future__ import annotations

from datetime import date

import pytest

from gazetteer.russian import is_qualifier, may_be_russian, ukrainian_readings
from geomap.models import Article
from geomap.places import find_places


def places(gazetteer, body: str) -> list:
    return find_places(Article(source="t.md", body=body, date=date(2023, 3, 2)), gazetteer)


@pytest.mark.parametrize(
    ("russian", "reading"),
    [
        ("Novosyolovka Vtoraya", "novoselivka druha"),
        ("Новосёловка Вторая", "novoselivka druha"),
        ("Velikaya Novosyolka", "velikaya novosilka"),
        ("Fyodorovka", "fedorovka"),
        ("Novoselovka Pervaya", "novoselivka persha"),
    ],
)
def test_readings_include_the_ukrainian_form(russian, reading):
    assert reading in ukrainian_readings(russian)


def test_a_name_without_russian_traits_has_no_reading():
    assert ukrainian_readings("Kyiv") == ()
    assert ukrainian_readings("Bakhmut") == ()
    assert not may_be_russian("Kyiv") and not may_be_russian("Lyman") and may_be_russian("Zelyonoye")
    assert is_qualifier("Vtoraya") and is_qualifier("Bolshoye") and not is_qualifier("Nova")


@pytest.mark.parametrize(
    ("russian", "name", "code"),
    [
        ("Novosyolovka Vtoraya", "Novoselivka Druha", "UA-14"),
        ("Velikaya Novosyolka", "Velyka Novosilka", "UA-14"),
    ],
)
def test_resolver_reads_a_russian_spelling_when_nothing_matches_as_written(gazetteer, russian, name, code):
    top = gazetteer.best(russian)
    assert top is not None and (top.name, top.admin1_code) == (name, code)
    assert "russian" in top.reasons and top.match != "fuzzy"


def test_a_name_matching_as_written_is_not_read_as_russian(gazetteer):
    top = gazetteer.best("Kramatorsk")
    assert top is not None and "russian" not in top.reasons


def test_two_word_russian_name_is_one_mention(gazetteer):
    body = "An anti-tank missile hit a parked truck near Novosyolovka Vtoraya before dawn."
    found = [m for m in places(gazetteer, body) if m.kind == "settlement"]
    assert [(m.mention, m.name, m.admin1_code) for m in found] == [
        ("Novosyolovka Vtoraya", "Novoselivka Druha", "UA-14")
    ]


def test_russian_spelling_inside_a_named_region(gazetteer):
    # GeoNames knows a "Fëdorovka" in Bashkortostan; the text's region makes it Fedorivka of Donetsk Oblast
    body = "Russian troops advanced near Fyodorovka in Donetsk Oblast, the general staff said."
    town = [m for m in places(gazetteer, body) if m.kind == "settlement"]
    assert town and town[0].mention == "Fyodorovka" and town[0].admin1_code == "UA-14"
