"""Place finding on invented sentences: spelling variants, lists, city vs region, metonymy, organisations."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.models import Article
from geomap.places import find_places


def places(gazetteer, body: str) -> list:
    return find_places(Article(source="t.md", body=body, date=date(2024, 5, 6)), gazetteer)


def by_text(found, text):
    return [m for m in found if m.mention == text]


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("Mikolayiv", "UA-48"),
        ("Kriviy Rih", "UA-12"),
        ("Zaporizhzhya", "UA-23"),
        ("Kharkiv", "UA-63"),
    ],
)
def test_spelling_variants_resolve(gazetteer, spelling, code):
    body = f"A missile struck a warehouse in {spelling} late on Sunday, officials said."
    found = by_text(places(gazetteer, body), spelling)
    assert found and found[0].admin1_code == code and found[0].kind == "settlement"


def test_offsets_index_the_body_and_possessive_is_trimmed(gazetteer):
    body = "Rescuers worked through the night. Kharkiv's mayor said two blocks burned."
    found = places(gazetteer, body)
    kharkiv = by_text(found, "Kharkiv")[0]
    assert body[kharkiv.start : kharkiv.end] == "Kharkiv" and not kharkiv.metonymy


def test_all_caps_dateline(gazetteer):
    found = places(gazetteer, "ODESA, Ukraine (AP) - A drone hit the port overnight.")
    assert by_text(found, "ODESA")[0].admin1_code == "UA-51"


def test_region_list_after_regions_gives_oblasts(gazetteer):
    body = "Drones were launched at five regions -- Kyiv, Sumy, Poltava, Odesa and Kherson, the air force said."
    found = [m for m in places(gazetteer, body) if m.kind != "country"]
    assert [m.admin1_code for m in found] == ["UA-32", "UA-59", "UA-53", "UA-51", "UA-65"]
    assert all(m.kind == "admin1" and m.role == "list" for m in found)


def test_region_list_before_regions(gazetteer):
    found = places(gazetteer, "Shelling went on in the Kharkiv, Sumy and Donetsk regions on Friday.")
    assert [(m.mention, m.admin1_code, m.kind) for m in found] == [
        ("Kharkiv", "UA-63", "admin1"),
        ("Sumy", "UA-59", "admin1"),
        ("Donetsk", "UA-14", "admin1"),
    ]


def test_x_region_is_the_region(gazetteer):
    found = places(gazetteer, "Two villages in Belgorod region lost power after the attack.")
    assert found[0].kind == "admin1" and found[0].admin1_code == "RU-BEL"


def test_city_of_x_is_the_city(gazetteer):
    found = places(gazetteer, "Four people were hurt in Sumy Oblast, two of them in the city of Sumy.")
    assert [(m.kind, m.admin1_code) for m in found] == [("admin1", "UA-59"), ("settlement", "UA-59")]


def test_region_referred_back_and_ground_war_is_region(gazetteer):
    body = (
        "Ukrainian troops pushed deeper into Kursk, where Russia had few units, after crossing into the "
        "Russian region in August."
    )
    kursk = by_text(places(gazetteer, body), "Kursk")[0]
    assert kursk.kind == "admin1" and kursk.admin1_code == "RU-KRS"


@pytest.mark.parametrize(
    "body",
    [
        "Moscow said the talks had failed.",
        "Kyiv's offensive surprised the generals.",
        "A claim Kyiv did not confirm circulated on Monday.",
        "There are concerns in Kyiv about the aid package.",
        "The envoy called on Moscow to withdraw.",
        "Moscow launched its invasion in 2022.",
    ],
)
def test_metonymy(gazetteer, body):
    capital = [m for m in places(gazetteer, body) if m.mention in ("Kyiv", "Moscow")]
    assert capital and capital[0].metonymy


@pytest.mark.parametrize(
    "body",
    [
        "Explosions were heard in Kyiv at dawn.",
        "Authorities in Kyiv said the metro was open.",
        "Kyiv's mayor urged residents to shelter.",
        "A missile strike on Kyiv damaged a school.",
        "Kyiv-based analysts said the front had held.",
    ],
)
def test_not_metonymy(gazetteer, body):
    kyiv = by_text(places(gazetteer, body), "Kyiv")
    assert kyiv and not kyiv[0].metonymy


def test_media_and_people_names_are_not_places(gazetteer):
    body = "The Kyiv Independent quoted President Volodymyr Zelenskiy on the war."
    assert [m for m in places(gazetteer, body) if m.kind != "country"] == []


def test_authority_names_locate_in_their_region(gazetteer):
    body = "The Kharkiv Regional Military Administration reported damage. The Sumy governor said little."
    found = places(gazetteer, body)
    assert [(m.mention, m.kind, m.role, m.admin1_code) for m in found] == [
        ("Kharkiv", "admin1", "organisation", "UA-63"),
        ("Sumy", "admin1", "organisation", "UA-59"),
    ]
    assert not any(m.metonymy for m in found)


def test_facility_named_after_town_keeps_town(gazetteer):
    found = places(gazetteer, "The Mykolaiv Oncology Hospital was hit by cluster munitions.")
    assert by_text(found, "Mykolaiv")[0].kind == "settlement"


def test_common_english_words_are_not_villages(gazetteer):
    body = "Most residents left. Bar owners stayed, and the Sign of peace was painted on a wall."
    assert [m for m in places(gazetteer, body) if m.kind != "country"] == []


def test_demonyms_and_countries(gazetteer):
    found = places(gazetteer, "Russian and Ukrainian officials met in Turkey; Russia and Ukraine disagreed.")
    assert all(m.kind == "country" for m in found)
    assert {m.mention for m in found} == {"Turkey", "Russia", "Ukraine"}


def test_lower_case_terse_text(gazetteer):
    found = places(gazetteer, ">40 vehicle convoy in chertkovo")
    assert found and found[0].name == "Chertkovo" and found[0].country_code == "RU"


def test_region_after_town_picks_namesake(gazetteer):
    found = places(gazetteer, "Shelling damage in Pavlivka, Mykolaiv Oblast")
    assert found[0].admin1_code == "UA-48"


def test_village_named_in_regional_story_uses_article_context(gazetteer):
    body = (
        "Fighting raged across Donetsk Oblast on Tuesday. Russian units attacked near Kurakhove, and "
        "shells fell on Novoselydivka."
    )
    village = [m for m in places(gazetteer, body) if m.mention == "Novoselydivka"]
    assert not village or village[0].admin1_code == "UA-14"


def test_misspelt_repeat_matches_article_name(gazetteer):
    body = (
        "Troops held Sievierodonetsk for weeks. Fighting flared in villages around Sievierdonetsk and in "
        "Sievierodonetsk itself."
    )
    found = places(gazetteer, body)
    typo = by_text(found, "Sievierdonetsk")
    assert typo and typo[0].admin1_code == "UA-09"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Вночі дрони атакували Харків. У Харкові загинули двоє людей.",
         [("Харків", "Kharkiv"), ("Харкові", "Kharkiv")]),
        ("Бои идут под Бахмутом и у Часового Яра.", [("Бахмутом", "Bakhmut"), ("Часового Яра", "Chasiv Yar")]),
        ("В Харьковской области и в Одессе прогремели взрывы.",
         [("Харьковской области", "Kharkiv Oblast"), ("Одессе", "Odesa")]),
    ],
)
def test_inflected_cyrillic_names_are_found_without_their_prepositions(gazetteer, body, expected):
    found = [(m.mention, m.name) for m in places(gazetteer, body) if m.kind != "country"]
    assert found == expected


def test_lower_case_cyrillic_words_are_not_places(gazetteer):
    # "війська" (troops) would read back to "Бійськ" (Biysk) if a lower-case word could be a name
    found = places(gazetteer, "Російські війська обстріляли Херсон.")
    assert [(m.mention, m.name) for m in found if m.kind == "settlement"] == [("Херсон", "Kherson")]


def test_region_list_after_a_colon_with_words_between(gazetteer):
    body = (
        "Russian forces attacked six oblasts over the past day: Sumy, Kharkiv, Donetsk, Zaporizhzhia, Kherson "
        "and Mykolaiv."
    )
    found = [m for m in places(gazetteer, body) if m.kind != "country"]
    assert [m.admin1_code for m in found] == ["UA-59", "UA-63", "UA-14", "UA-23", "UA-65", "UA-48"]
    assert all(m.kind == "admin1" and m.role == "list" for m in found)


def test_a_sentence_end_closes_the_list_opening(gazetteer):
    found = places(gazetteer, "The regions were quiet. Kharkiv, Sumy and Poltava kept their power on.")
    assert all(m.kind == "settlement" for m in found)


def test_a_list_of_cities_gives_each_city_its_own_region(gazetteer):
    # "Zaporizhzhia, Kherson" inside a list is two cities, not a village of Kherson Oblast
    body = "Strikes hit Sumy, Kharkiv, Zaporizhzhia, Kherson and Mykolaiv overnight."
    found = {m.mention: (m.name, m.admin1_code) for m in places(gazetteer, body)}
    assert found["Zaporizhzhia"] == ("Zaporizhzhia", "UA-23")
    assert found["Kherson"][1] == "UA-65" and found["Mykolaiv"][1] == "UA-48"


def test_town_and_city_closing_a_line_is_still_town_and_region(gazetteer):
    found = places(gazetteer, "Russian soldiers moving in Komyshany, Kherson")
    assert [(m.mention, m.kind, m.admin1_code) for m in found] == [
        ("Komyshany", "settlement", "UA-65"),
        ("Kherson", "admin1", "UA-65"),
    ]


@pytest.mark.parametrize(
    ("body", "name", "code"),
    [
        ("Russian forces shelled Stepnohirsk overnight.", "Stepnohirsk", "UA-23"),
        ("Russian troops captured Novomykhailivka, the ministry said.", "Novomykhailivka", "UA-14"),
        ("Ukrainian units liberated Robotyne in August.", "Robotyne", "UA-23"),
        ("The capture of Urozhaine was confirmed by the brigade.", "Urozhaine", "UA-14"),
        ("The battle for Klishchiivka went on for weeks.", "Klishchiivka", "UA-14"),
    ],
)
def test_a_village_as_the_object_of_a_war_verb_or_noun(gazetteer, body, name, code):
    found = [m for m in places(gazetteer, body) if m.kind == "settlement"]
    assert [(m.name, m.admin1_code) for m in found] == [(name, code)]


def test_a_name_joined_to_a_cued_name_shares_its_cue(gazetteer):
    body = "Russian troops tried to break through near Synkivka and Petropavlivka, the military said."
    found = [(m.mention, m.admin1_code) for m in places(gazetteer, body)]
    assert found == [("Synkivka", "UA-63"), ("Petropavlivka", "UA-63")]


def test_a_district_of_the_city_the_sentence_names(gazetteer):
    # the gazetteer's Dniprovskyi district is Kyiv's; this sentence's is Kherson's
    body = "In Kherson, a man died after a drone dropped explosives on his car in the Dniprovskyi district."
    district = [m for m in places(gazetteer, body) if m.mention.startswith("Dniprovskyi")]
    assert district and (district[0].name, district[0].admin1_code) == ("Kherson", "UA-65")


def test_a_district_the_gazetteer_places_in_the_named_city_stays(gazetteer):
    found = places(gazetteer, "In Kyiv, debris fell in the Dniprovskyi district.")
    district = [m for m in found if m.mention.startswith("Dniprovskyi")]
    assert district and district[0].name == "Dniprovskyi" and district[0].admin1_code == "UA-30"


def test_a_raion_named_after_its_town_is_that_town(gazetteer):
    found = places(gazetteer, "Shelling hit Pokrovsk and the Kramatorsk district.")
    assert [(m.mention, m.name) for m in found] == [("Pokrovsk", "Pokrovsk"), ("Kramatorsk", "Kramatorsk")]


def test_calendar_words_are_never_places(gazetteer):
    found = places(gazetteer, "Troops have held the line since Bakhmut fell in May, and again on Sunday.")
    assert [m.mention for m in found] == ["Bakhmut"]


@pytest.mark.parametrize(
    "body",
    [
        "Troops withdrew, handing Moscow its biggest gain in months.",
        "The allies urged Kyiv to hold the line.",
        "Zelensky said the attack showed that Moscow was not interested in peace.",
        "Moscow is ready to talk, the Kremlin said.",
        "The Moscow-installed governor said the bridge was shut.",
        "Officials installed by Moscow ran the port.",
    ],
)
def test_a_capital_as_the_object_of_politics_or_with_a_will_is_its_government(gazetteer, body):
    capitals = [m for m in places(gazetteer, body) if m.mention in ("Moscow", "Kyiv")]
    assert capitals and all(m.metonymy for m in capitals)


@pytest.mark.parametrize("body", ["Drones struck Kyiv overnight.", "Moscow was hit by drones overnight."])
def test_a_capital_under_attack_is_a_place(gazetteer, body):
    capitals = [m for m in places(gazetteer, body) if m.mention in ("Moscow", "Kyiv")]
    assert capitals and not any(m.metonymy for m in capitals)


def test_every_name_of_a_list_of_villages_is_a_place(gazetteer):
    body = "The ministry claimed to have taken five villages, among them Pletenivka, Ohirtseve and Borysivka."
    found = [(m.mention, m.admin1_code) for m in places(gazetteer, body) if m.kind == "settlement"]
    assert found == [("Pletenivka", "UA-63"), ("Ohirtseve", "UA-63"), ("Borysivka", "UA-63")]


def test_a_region_opening_the_sentence_places_its_towns(gazetteer):
    # GeoNames' largest Prymorske is in Odesa Oblast; this sentence's is in Zaporizhzhia Oblast
    body = "Drones hit Odesa. In Zaporizhzhia Oblast, an attack on the village of Prymorske killed a woman."
    town = [m for m in places(gazetteer, body) if m.mention == "Prymorske"]
    assert town and town[0].admin1_code == "UA-23"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Marines hold on across the Dnipro, the brigade said.", []),
        ("Assault groups crossed the Siverskyi Donets-Donbas canal.", []),
        ("Moscow said nothing about the Dnipro apartment building.", ["Dnipro"]),
        ("Shelling hit Kramatorsk, Donetsk Oblast, on Monday.", ["Kramatorsk", "Donetsk Oblast"]),
    ],
)
def test_rivers_that_share_a_town_name(gazetteer, body, expected):
    assert [m.mention for m in places(gazetteer, body) if not m.metonymy] == expected


def test_all_capital_dateline_of_four_letters_is_a_place(gazetteer):
    found = places(gazetteer, "KYIV - Russia fired ballistic missiles at the capital.\nThe LPR - a proxy - said so.")
    assert [(m.mention, m.kind) for m in found if m.kind != "country"] == [("KYIV", "settlement")]


def test_region_list_after_listed_as(gazetteer):
    body = "Air defences downed 36 drones over the oblasts targeted, which it listed as Odesa, Kyiv and Poltava."
    found = [(m.mention, m.admin1_code) for m in places(gazetteer, body)]
    assert found == [("Odesa", "UA-51"), ("Kyiv", "UA-32"), ("Poltava", "UA-53")]


@pytest.mark.parametrize(("name", "several"), [("Donbas", True), ("Donbass", True), ("Kyiv", False),
                                               ("Zaporizhzhia Oblast", False), ("Crimea", False)])
def test_a_name_two_regions_answer_to_places_no_town(gazetteer, name, several):
    from gazetteer import Context
    from geomap.places.find import _names_several_regions

    assert _names_several_regions(gazetteer.resolve(name, Context(kind="admin1"), limit=8)) is several


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Guided bombs fell on Khotin before dawn.", "Khotin"),
        ("Mortar rounds rained down on Yunakivka for an hour.", "Yunakivka"),
        ("In Sumy Oblast, the Krasnopillia community came under fire again.", "Krasnopillya"),
    ],
)
def test_munitions_coming_down_on_a_village_and_a_community_named_after_its_town_are_places(gazetteer, body, name):
    found = [m for m in places(gazetteer, body) if m.kind == "settlement"]
    assert [(m.name, m.admin1_code) for m in found] == [(name, "UA-59")]


def test_a_shelled_name_is_the_town_even_where_the_article_calls_it_a_region(gazetteer):
    body = (
        "Kherson shelled again as troops hold the left bank\n\n"
        "Russian artillery hit the city on Sunday morning, damaging a school and two apartment blocks near the "
        "central market, the city military administration said. Repair crews worked through the afternoon to "
        "restore power to several streets. Officials installed by Moscow in the occupied part of the Kherson region "
        "said Ukrainian troops had tried to cross the river again, and that fighting went on near the islands."
    )  # long enough not to be read as a terse log
    found = [m for m in places(gazetteer, body) if m.mention == "Kherson"]
    assert [m.kind for m in found] == ["settlement", "admin1"]


def test_a_place_cued_under_one_name_is_a_place_under_its_other_name(gazetteer):
    body = (
        "The Russian ministry said its units repelled Ukrainian attacks near Rabotino on Thursday, and that its "
        "aircraft had struck positions in the area for much of the day. Ukrainian officials gave a different "
        "account of the fighting, saying their troops had held every line they took in the summer and had "
        "brought up fresh reserves over the weekend. Robotyne has been fought over since June, and little is "
        "left of the village."
    )  # long enough not to be read as a terse log, where any known name counts
    found = [(m.mention, m.name) for m in places(gazetteer, body)]
    assert found == [("Rabotino", "Robotyne"), ("Robotyne", "Robotyne")]


def test_the_hold_on_a_village_makes_it_a_place(gazetteer):
    found = places(gazetteer, "Ukrainian marines tightened their hold on Krynky after a week of assaults.")
    assert [(m.name, m.admin1_code) for m in found] == [("Krynky", "UA-65")]


@pytest.mark.parametrize(
    "body",
    [
        'Kyiv rejected what its envoy called Moscow\'s "absurd" demands.',
        '"Kiev must recognise the new borders," the Russian envoy said.',
        "Officials warned that Moscow appeared to be stalling for time.",
        "Kyiv made no official comment on the report.",
        "Kyiv has requested an urgent session of the Security Council.",
        "Kiev had once again sacrificed its soldiers, the expert said.",
        "Kyiv and Moscow remain far apart after the talks.",
    ],
)
def test_a_capital_that_acts_speaks_or_negotiates_is_its_government(gazetteer, body):
    capitals = [m for m in places(gazetteer, body) if m.mention in ("Kyiv", "Kiev", "Moscow")]
    assert capitals and all(m.metonymy for m in capitals)


@pytest.mark.parametrize("body", ["Drone strikes on Kyiv and Moscow overnight disrupted flights.",
                                  "Flights from Kyiv and Moscow were cancelled again."])
def test_the_two_capitals_under_attack_or_as_airports_are_places(gazetteer, body):
    capitals = [m for m in places(gazetteer, body) if m.mention in ("Kyiv", "Moscow")]
    assert len(capitals) == 2 and not any(m.metonymy for m in capitals)
