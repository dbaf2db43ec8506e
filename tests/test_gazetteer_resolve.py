"""Resolver behaviour: every spelling family of issue 3, renamed places, the known traps, context, fuzzy."""

from __future__ import annotations

import pytest

from gazetteer import Context, fold
from gazetteer.resolve import km


def _best(gazetteer, name, **context):
    found = gazetteer.best(name, Context(**context) if context else None)
    assert found is not None, name
    return found


@pytest.mark.parametrize("name", ["Zaporizhzhia Oblast", "Zaporizhzhya region", "Zaporizhia region",
                                  "Запорізька область", "Запорізької області", "Запорожская область",
                                  "Запорожской области", "Zaporozhskaya oblast"])
def test_oblast_by_every_common_name(gazetteer, name):
    hit = _best(gazetteer, name)
    assert (hit.kind, hit.admin1_code) == ("admin1", "UA-23")


@pytest.mark.parametrize(("name", "code"), [("Kursk region", "RU-KRS"), ("Курской области", "RU-KRS"),
                                            ("Donetsk oblast", "UA-14"), ("Belgorod Oblast", "RU-BEL"),
                                            ("Krasnodar Krai", "RU-KDA"),
                                            ("Краснодарского края", "RU-KDA"),
                                            ("Kharkivshchyna", "UA-63"), ("Донеччина", "UA-14"),
                                            ("Kyiv region", "UA-32"), ("Chechnya", "RU-CE"),
                                            ("Crimea", "UA-43"), ("DPR", "UA-14"),
                                            ("Lugansk region", "UA-09")])
def test_regions_of_ukraine_and_russia(gazetteer, name, code):
    hit = _best(gazetteer, name)
    assert (hit.kind, hit.admin1_code) == ("admin1", code)


def test_donbas_gives_both_regions_as_candidates(gazetteer):
    found = gazetteer.resolve("Donbas")
    assert [c.admin1_code for c in found[:2]] == ["UA-14", "UA-09"]
    assert all(c.kind == "admin1" and c.match == "alternate" for c in found[:2])
    assert [c.admin1_code for c in gazetteer.resolve("Донбасс")[:2]] == ["UA-14", "UA-09"]


@pytest.mark.parametrize("name", ["Kriviy Rih", "Kryvyy Rih", "Kryvyi Rih", "Krivoy Rog", "Кривий Ріг",
                                  "Кривой Рог", "KRYVYI RIH", "Kryvyi-Rih"])
def test_transliteration_variants_meet(gazetteer, name):
    hit = _best(gazetteer, name)
    assert hit.id == "gn:703845" and hit.admin1_code == "UA-12"


@pytest.mark.parametrize(("a", "b"), [("Kriviy Rih", "Kryvyy Rih"), ("Zaporizhzhia", "Zaporizhzhya"),
                                      ("Kharkiv", "Harkiv"), ("Sievierodonetsk", "Severodonetsk"),
                                      ("Ivano-Frankivsk", "Ivano Frankivsk"), ("Mar'inka", "Marinka"),
                                      ("Khmelnytskyi", "Khmelnitsky"), ("Urozhaynoye", "Urozhaine"),
                                      ("Odessa", "Odesa"), ("Кривий Ріг", "Kryvyi Rih")])
def test_fold_keys(a, b):
    assert fold(a) == fold(b)


def test_fold_keeps_different_places_apart():
    assert fold("Kyiv") != fold("Kherson")
    assert fold("Pokrovsk") != fold("Pokrov")


@pytest.mark.parametrize(("old", "new_id"), [("Dnipropetrovsk", "gn:709930"), ("Artemivsk", "gn:713174"),
                                             ("Artemovsk", "gn:713174"), ("Kirovohrad", "gn:705812"),
                                             ("Krasnoarmiisk", "gn:704422"), ("Krasnoarmeysk", "gn:704422"),
                                             ("Stakhanov", "gn:692975"), ("Illichivsk", "gn:707688"),
                                             ("Dniprodzerzhynsk", "gn:709932"),
                                             ("Krasnyi Lyman", "gn:704204"),
                                             ("Sievierodonetsk", "gn:691999")])
def test_renamed_places_resolve_under_old_names(gazetteer, old, new_id):
    assert _best(gazetteer, old).id == new_id


def test_renamed_places_resolve_under_new_names(gazetteer):
    for name, place_id in (("Dnipro", "gn:709930"), ("Bakhmut", "gn:713174"), ("Kropyvnytskyi", "gn:705812"),
                           ("Toretsk", "gn:709354"), ("Pokrovsk", "gn:704422")):
        hit = _best(gazetteer, name)
        assert hit.id == place_id and hit.match == "exact"


def test_dzerzhynsk_is_toretsk_with_ukrainian_context(gazetteer):
    assert _best(gazetteer, "Dzerzhynsk", countries=("UA",)).id == "gn:709354"
    assert _best(gazetteer, "Dzerzhinsk", countries=("UA",)).id == "gn:709354"
    assert _best(gazetteer, "Dzerzhinsk", admin1_codes=("UA-14",)).id == "gn:709354"
    # without context the Russian spelling is the Russian city of 230,000
    assert _best(gazetteer, "Dzerzhinsk").admin1_code == "RU-NIZ"


def test_pokrovsk_is_the_donetsk_town_not_engels(gazetteer):
    found = gazetteer.resolve("Pokrovsk", limit=5)
    assert found[0].id == "gn:704422" and found[0].match == "exact"
    engels = [c for c in found if c.name == "Engels"]
    assert engels and engels[0].match == "alternate" and engels[0].score < found[0].score


def test_sloviansk_is_not_nikopol(gazetteer):
    for name in ("Sloviansk", "Slov'yansk", "Слов'янськ", "Slavyansk"):
        found = gazetteer.resolve(name, limit=10)
        assert found[0].id == "gn:693468"
        assert all(c.id != "gn:700051" for c in found), name


@pytest.mark.parametrize(("name", "city", "region"), [("Kyiv", "gn:703448", "a1:UA-32"),
                                                      ("Kursk", "gn:538560", "a1:RU-KRS"),
                                                      ("Kharkiv", "gn:706483", "a1:UA-63"),
                                                      ("Kherson", "gn:706448", "a1:UA-65")])
def test_bare_name_is_the_city_and_kind_admin1_the_region(gazetteer, name, city, region):
    assert _best(gazetteer, name).id == city
    assert _best(gazetteer, name, kind="admin1").id == region
    assert _best(gazetteer, name, kind="settlement").id == city


def test_kyiv_city_and_oblast_are_apart(gazetteer):
    assert _best(gazetteer, "Kyiv").admin1_code == "UA-30"
    assert _best(gazetteer, "Kyiv Oblast").admin1_code == "UA-32"
    assert _best(gazetteer, "Kyiv City").admin1_code == "UA-30"
    assert _best(gazetteer, "Київська область").admin1_code == "UA-32"


def test_context_prefers_the_region_named_nearby(gazetteer):
    # many villages are called Andriivka; the one near Bakhmut wins once Donetsk Oblast is named
    plain = _best(gazetteer, "Andriivka")
    near = _best(gazetteer, "Andriivka", admin1_codes=("UA-14",))
    assert near.admin1_code == "UA-14" and "region" in near.reasons
    assert plain.id != near.id or plain.admin1_code == "UA-14"


def test_context_prefers_points_already_resolved(gazetteer):
    bakhmut = (48.594, 37.999)
    hit = _best(gazetteer, "Andriivka", near=(bakhmut,))
    assert km(hit.lat, hit.lon, *bakhmut) < 20
    reason = next(r for r in hit.reasons if r.startswith("near:"))
    assert int(reason[5:-2]) == round(km(hit.lat, hit.lon, *bakhmut))


def test_near_points_past_the_radius_neither_score_nor_give_a_reason(gazetteer):
    vladivostok = (43.116, 131.882)
    far = _best(gazetteer, "Bakhmut", near=(vladivostok,))
    plain = _best(gazetteer, "Bakhmut", countries=("UA", "RU"))
    assert far.id == plain.id and far.score == plain.score
    assert not any(r.startswith("near:") for r in far.reasons)


def test_context_bbox_and_country(gazetteer):
    crimea_box = (32.4, 44.3, 36.7, 46.3)
    assert _best(gazetteer, "Urozhaynoye", bbox=crimea_box).admin1_code == "UA-43"
    assert _best(gazetteer, "Urozhaine", admin1_codes=("UA-14",)).admin1_code == "UA-14"
    assert _best(gazetteer, "Lyman", countries=("RU",)).country_code == "RU"


def test_candidate_says_what_it_is(gazetteer):
    hit = _best(gazetteer, "Bakhmut")
    assert hit.kind == "settlement" and hit.country_code == "UA" and hit.admin1_code == "UA-14"
    assert hit.admin1 == "Donetsk Oblast" and hit.population > 50_000
    assert hit.geonameid == 713174 and hit.match == "exact"
    assert list(hit.to_dict()) == ["query", "name", "lat", "lon", "country_code", "admin1", "admin1_code",
                                   "kind", "population", "id", "score", "match"]
    region = _best(gazetteer, "Donetsk Oblast")
    assert region.kind == "admin1" and region.geonameid is None and region.id == "a1:UA-14"


def test_match_labels(gazetteer):
    assert _best(gazetteer, "Bakhmut").match == "exact"
    assert _best(gazetteer, "Artemivsk").match == "alternate"
    assert _best(gazetteer, "Bakhmutt").match == "folded"
    assert _best(gazetteer, "Kramatorks").match == "fuzzy"


def test_supplement_villages(gazetteer):
    for name, code in (("Robotyne", "UA-23"), ("Работино", "UA-23"), ("Klishchiivka", "UA-14"),
                       ("Neskuchne", "UA-14"), ("Synkivka", "UA-63")):
        hit = _best(gazetteer, name)
        assert hit.admin1_code == code and hit.id.startswith("sup:"), name


def test_fuzzy_misspelling_prefers_similarity(gazetteer):
    hit = _best(gazetteer, "Sievierdonetsk")
    assert hit.match == "fuzzy" and hit.id == "gn:691999"  # Sievierodonetsk, renamed Siverskodonetsk in 2024
    assert km(hit.lat, hit.lon, 48.95, 38.49) < 5
    assert 0 < hit.score < _best(gazetteer, "Sievierodonetsk").score


def test_fuzzy_never_for_short_or_common_words(gazetteer):
    assert not gazetteer.fuzzy_allowed(fold("Bahmt"))  # too short to guess at
    assert all(c.match != "fuzzy" for c in gazetteer.resolve("Sumyy"))
    for word in ("Northern", "Ukrainian", "Russian", "Ministry", "Defence", "Kremlin", "soldiers"):
        assert all(c.match != "fuzzy" for c in gazetteer.resolve(word)), word
    assert gazetteer.resolve("Kyvi") == [] or gazetteer.resolve("Kyvi")[0].match != "fuzzy"
    assert gazetteer.resolve("Kramatorks", fuzzy=False) == []


@pytest.mark.parametrize("name", ["Nowhereville", "Qwertyuiop", "", "   ", "12345", "—"])
def test_unknown_names_give_nothing(gazetteer, name):
    assert gazetteer.resolve(name) == []
    assert gazetteer.best(name) is None


def test_limit_and_order(gazetteer):
    found = gazetteer.resolve("Novoselivka", limit=4)
    assert len(found) == 4
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert gazetteer.resolve("Novoselivka", limit=0) == []


def test_lookup_helpers(gazetteer):
    assert "Kriviy Rih" in gazetteer and "Nowhereville" not in gazetteer
    assert gazetteer.has_key(fold("Bakhmut"))
    assert gazetteer.admin1_place("UA-14").name == "Donetsk Oblast"
    assert gazetteer.admin1_name("UA-23") == "Zaporizhzhia Oblast"
    assert gazetteer.place("gn:713174").name == "Bakhmut"
    assert gazetteer.place("gn:0") is None
    assert gazetteer.stats()["places"] == len(gazetteer)
