"""The data build: admin-1 extract and gazetteer index hold what the pipeline relies on."""

from __future__ import annotations

import json

from gazetteer.build import ADMIN1_PATH


def test_admin1_extract_has_every_ukrainian_region_with_iso_codes():
    features = json.loads(ADMIN1_PATH.read_text(encoding="utf-8"))["features"]
    ua = {f["properties"]["admin1_code"]: f["properties"] for f in features if f["properties"]["country_code"] == "UA"}
    assert len(ua) == 27  # 24 oblasts, Kyiv City, Crimea, Sevastopol
    assert ua["UA-43"]["country_code"] == "UA" and ua["UA-40"]["country_code"] == "UA"
    assert ua["UA-30"]["admin1"] == "Kyiv City" and ua["UA-32"]["admin1"] == "Kyiv Oblast"


def test_admin1_extract_fixes_natural_earth_moscow_swap():
    features = json.loads(ADMIN1_PATH.read_text(encoding="utf-8"))["features"]
    by_code = {f["properties"]["admin1_code"]: f["properties"] for f in features}
    assert by_code["RU-MOW"]["name_ru"] == "Москва"
    assert by_code["RU-MOS"]["admin1"] == "Moscow Oblast"
    ru = [code for code in by_code if code.startswith("RU-")]
    assert len(ru) >= 83


def test_index_covers_ukraine_and_russia(gazetteer):
    places = gazetteer.index.places
    by_country = {}
    for place in places:
        by_country[place.country_code] = by_country.get(place.country_code, 0) + 1
    assert by_country["UA"] > 5000 and by_country["RU"] > 5000
    settlements = [p for p in places if p.kind == "settlement" and p.country_code == "UA"]
    missing_region = [p for p in settlements if not p.admin1_code]
    assert len(missing_region) / len(settlements) < 0.01
