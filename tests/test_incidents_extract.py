"""Incidents from invented reports: one per event and place, region lists, duplicates, no-event sentences."""

from __future__ import annotations

from datetime import date

import pytest

from geomap.incidents import extract_incidents
from geomap.incidents.sentences import split_sentences
from geomap.models import Article
from geomap.places import find_places


def incidents(gazetteer, body: str, published: date = date(2024, 3, 4)):  # a Monday
    article = Article(source="report.md", body=body, date=published)
    return extract_incidents(article, find_places(article, gazetteer), gazetteer)


def test_town_strike_with_figures_date_and_sources(gazetteer):
    found = incidents(gazetteer, "A Russian missile hit a school in Poltava on Saturday, killing three people.")
    assert len(found) == 1
    strike = found[0]
    assert (strike.location, strike.admin1_code, strike.geo_precision) == ("Poltava", "UA-53", 1)
    assert (strike.event_type, strike.sub_event_type) == (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    )
    assert (strike.killed, strike.injured, strike.date) == (3, None, date(2024, 3, 2))
    assert strike.sources == ["report.md"] and "Poltava" in strike.evidence


def test_multi_region_drone_attack_gives_region_incidents_on_label_points(gazetteer):
    body = "Overnight, Russia sent 50 drones at four regions -- Sumy, Poltava, Kharkiv and Odesa."
    found = incidents(gazetteer, body)
    assert [i.admin1_code for i in found] == ["UA-59", "UA-53", "UA-63", "UA-51"]
    assert all(i.geo_precision == 3 and i.sub_event_type == "Air/drone strike" for i in found)
    label = gazetteer.admin1_place("UA-63")
    assert (found[2].lat, found[2].lon) == (label.lat, label.lon)


def test_summary_and_full_paragraph_merge_with_best_figures(gazetteer):
    body = (
        "Summary: at least four people were killed in a strike on Sumy.\n\n"
        "In Sumy, a guided bomb hit a dormitory on Sunday. Six people were killed and 14 others were "
        "wounded, the regional governor said."
    )
    found = incidents(gazetteer, body)
    assert len(found) == 1
    assert (found[0].killed, found[0].injured, found[0].date) == (6, 14, date(2024, 3, 3))


def test_following_sentence_without_place_adds_figures(gazetteer):
    body = "Kherson came under artillery fire during the day. Two people were killed and nine were hurt."
    found = incidents(gazetteer, body)
    assert [(i.location, i.killed, i.injured) for i in found] == [("Kherson", 2, 9)]


def test_no_event_sentences(gazetteer):
    body = (
        "The EU envoy travelled to Kyiv for talks. Moscow said it was ready to negotiate. "
        "Officials in Lviv discussed the budget, and Kyiv has called on Moscow to free prisoners."
    )
    assert incidents(gazetteer, body) == []


def test_region_framing_a_town_is_one_town_incident(gazetteer):
    body = "A drone struck Chernihiv Oblast, where two people were injured in the town of Nizhyn."
    found = incidents(gazetteer, body)
    assert [(i.location, i.injured, i.geo_precision) for i in found] == [("Nizhyn", 2, 1)]


def test_region_with_own_figures_is_kept(gazetteer):
    body = (
        "One person was killed in Kurakhove, in Donetsk Oblast, and three more were injured across the "
        "region, the governor said."
    )
    found = incidents(gazetteer, body)
    assert [(i.admin1_code, i.geo_precision, i.killed, i.injured) for i in found] == [
        ("UA-14", 1, 1, None),
        ("UA-14", 3, None, 3),
    ]


def test_capture_is_a_battle_and_landmarks_are_skipped(gazetteer):
    body = "Russian forces captured the village of Toshkivka, 25 km south of Sievierodonetsk, on Sunday."
    found = incidents(gazetteer, body)
    assert [(i.location, i.event_type, i.date) for i in found] == [("Toshkivka", "Battles", date(2024, 3, 3))]


def test_troop_build_up_is_a_strategic_development(gazetteer):
    found = incidents(gazetteer, "Russia is massing troops in Belgorod Oblast, Ukrainian intelligence said.")
    assert [(i.event_type, i.admin1_code, i.geo_precision) for i in found] == [("Strategic developments", "RU-BEL", 3)]


def test_dateline_is_not_an_event_place(gazetteer):
    found = incidents(gazetteer, "LONDON (Reuters) - Fighting went on near Pokrovsk on Sunday.")
    assert [(i.location, i.geo_precision) for i in found] == [("Pokrovsk", 2)]


def test_sentences_split_on_abbreviations_correctly():
    text = "Gen. Smith spoke on Sept. 30 in Kyiv. A blast followed.\nNew line here"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Gen. Smith spoke on Sept. 30 in Kyiv.",
        "A blast followed.",
        "New line here",
    ]


def test_events_of_two_days_at_one_place_stay_apart(gazetteer):
    body = (
        "Russian forces captured Vuhledar on Monday after a long siege.\n\n"
        "Heavy fighting had gone on in Vuhledar on Sunday, the General Staff said."
    )
    found = incidents(gazetteer, body)
    assert sorted((i.location, i.date, i.event_type) for i in found) == [
        ("Vuhledar", date(2024, 3, 3), "Battles"),
        ("Vuhledar", date(2024, 3, 4), "Battles"),
    ]


def test_undated_summary_joins_the_dated_paragraph_of_its_place(gazetteer):
    body = (
        "Key events: a strike on Sumy killed two people; fighting went on near Vuhledar.\n\n"
        "In Sumy, a missile hit a school on Saturday. Two people were killed. In Sumy on Sunday, a drone "
        "damaged a bakery, injuring four."
    )
    found = sorted(incidents(gazetteer, body), key=lambda i: (i.location, i.date))
    sumy = [(i.date, i.killed, i.injured) for i in found if i.location == "Sumy"]
    assert sumy == [(date(2024, 3, 2), 2, None), (date(2024, 3, 3), None, 4)]


def test_a_name_that_only_places_the_town_is_no_incident_of_its_own(gazetteer):
    body = (
        "At least 21 people were killed when Russian artillery struck a school in Merefa, near Kharkiv, "
        "and 25 were wounded."
    )
    found = incidents(gazetteer, body)
    assert [(i.location, i.killed, i.injured) for i in found] == [("Merefa", 21, 25)]


def test_casualties_named_by_age_or_trade(gazetteer):
    body = (
        "Russian shelling of Kupiansk killed a 70-year-old man on Sunday. "
        "In Odesa, a drone strike damaged the port and wounded a security guard."
    )
    found = {i.location: (i.killed, i.injured) for i in incidents(gazetteer, body)}
    assert found == {"Kupiansk": (1, None), "Odesa": (None, 1)}


def test_withdrawal_from_a_town_is_a_battle_there_and_since_is_background(gazetteer):
    body = "Troops withdrew from Avdiivka on Saturday, Moscow's biggest gain since Bakhmut fell."
    found = incidents(gazetteer, body)
    assert [(i.location, i.event_type) for i in found] == [("Avdiivka", "Battles")]


def test_a_district_of_the_named_city_is_the_city_incident(gazetteer):
    body = (
        "The main target was Kyiv, where at least 28 people were killed, most of them when a missile destroyed "
        "part of a building in the Solomianskyi district."
    )
    assert [(i.location, i.killed) for i in incidents(gazetteer, body)] == [("Kyiv", 28)]


def test_a_figure_belongs_to_the_place_before_it_when_another_place_follows(gazetteer):
    body = "Drones also hit Odesa, injuring 17, and the city of Bila Tserkva in Kyiv Oblast, where a depot burned."
    found = {i.location: i.injured for i in incidents(gazetteer, body)}
    assert found == {"Odesa": 17, "Bila Tserkva": None}


def test_the_lead_dates_the_reports_after_it_that_give_no_date(gazetteer):
    body = (
        "Russia fired more than 40 missiles at Ukrainian cities on Saturday, killing at least 30 people. "
        "In Dnipro, seven people were killed. Shelling of Nikopol on Monday wounded two."
    )
    found = {i.location: i.date for i in incidents(gazetteer, body)}
    assert found == {"Dnipro": date(2024, 3, 2), "Nikopol": date(2024, 3, 4)}


def test_an_undated_sentence_continues_the_date_of_its_paragraph(gazetteer):
    body = (
        "Russian shelling killed four civilians across the south on Friday.\n\n"
        "On Sunday, Russia launched 30 attack drones at the north. "
        "Air defences shot down 22 of the drones over the Sumy and Chernihiv oblasts.\n\n"
        "Artillery also hit Kherson, wounding a woman."
    )
    found = {i.location: i.date for i in incidents(gazetteer, body)}
    assert found["Sumy Oblast"] == found["Chernihiv Oblast"] == date(2024, 3, 3)  # the paragraph's Sunday
    assert found["Kherson"] == date(2024, 3, 1)  # a new paragraph: back to the lead's Friday


def test_an_outright_no_casualties_is_zero_and_a_new_clause_keeps_figures_at_home(gazetteer):
    body = (
        "The town of Kupiansk came under mortar fire; no casualties were reported there. "
        "Drones pounded Nikopol, injuring a 36-year-old man in the city itself and cutting power in nearby Marhanets."
    )
    found = {i.location: (i.killed, i.injured) for i in incidents(gazetteer, body)}
    assert found["Kupiansk"] == (0, 0)
    assert found["Nikopol"] == (None, 1) and found["Marhanets"] == (None, None)


def test_a_neighbours_capital_without_place_words_is_its_government(gazetteer):
    body = "Warsaw, the main transit hub for Western weapons, welcomed the deal. Officials in Warsaw met on Monday."
    found = find_places(Article(source="r.md", body=body, date=date(2024, 3, 4)), gazetteer)
    assert [m.metonymy for m in found if m.mention == "Warsaw"] == [True, False]


def test_apposition_hospitals_and_residents(gazetteer):
    body = (
        "A 70-year-old man was killed in Hremiach, a village near Novhorod-Siverskyi, when a drone hit his house. "
        "The wounded were taken to hospitals in Chernihiv. "
        "Residents of Saky, on the western coast of Crimea, reported a series of loud blasts."
    )
    assert [(i.location, i.killed) for i in incidents(gazetteer, body)] == [("Hremiach", 1), ("Saki", None)]


def test_a_dateline_with_its_date_is_no_event_place(gazetteer):
    body = "MOSCOW, September 1 - The Russian Defence Ministry said its aircraft struck Kharkiv."
    assert [i.location for i in incidents(gazetteer, body)] == ["Kharkiv"]


def test_firing_on_a_region_and_hitting_its_villages_are_strikes_there(gazetteer):
    body = ("Russian forces fired on the Sumy region 90 times on Sunday, hitting 12 settlements, among them "
            "Yunakivka and Khotin.")
    found = {i.location: i.event_type for i in incidents(gazetteer, body)}
    assert found["Yunakivka"] == found["Khotin"] == "Explosions/Remote violence"


def test_a_district_takes_the_city_the_article_named_before_it(gazetteer):
    body = (
        "Russian artillery hit Kherson on Sunday, wounding three people.\n\n"
        "One of the shells landed near a school in the Dniprovskyi district."
    )
    found = incidents(gazetteer, body)
    assert [(i.location, i.admin1_code) for i in found] == [("Kherson", "UA-65")]


def test_a_sentence_about_years_ago_is_background(gazetteer):
    body = "Residents of Kharkiv, which Russian troops tried to capture two years ago, say the shelling is heavier now."
    assert incidents(gazetteer, body) == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Shelling hit Velykyi Burluk, a town near the border with the Belgorod region.", ["Velykyi Burluk"]),
        ("Mortar rounds landed in Yunakivka, across the border from the Russian town of Sudzha.", ["Yunakivka"]),
        ("Nikopol, directly opposite Enerhodar on the reservoir, was shelled again on Monday.", ["Nikopol"]),
        ("The Romanian defence ministry said no drone had entered its airspace over Tulcea county.", []),
    ],
)
def test_a_border_an_opposite_shore_and_a_denied_strike_give_no_incident_there(gazetteer, body, expected):
    assert [i.location for i in incidents(gazetteer, body)] == expected


def test_an_axis_of_advance_is_no_place_of_events(gazetteer):
    body = "Russian forces kept up assaults in the Pokrovsk, Kurakhove and Vuhledar directions on Monday."
    assert incidents(gazetteer, body) == []
    assert incidents(gazetteer, "Fighting went on along the Kupiansk axis overnight.") == []


def test_positional_engagements_are_battles(gazetteer):
    found = incidents(gazetteer, "Positional engagements continued near Robotyne and Verbove on Monday.")
    assert [(i.location, i.event_type) for i in found] == [("Robotyne", "Battles"), ("Verbove", "Battles")]


def test_people_leaving_a_town_were_there(gazetteer):
    found = incidents(gazetteer, "A man trying to leave Vovchansk was shot dead by soldiers on Friday.")
    assert [(i.location, i.event_type) for i in found] == [("Vovchansk", "Violence against civilians")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The bombs that hit Kharkiv on Sunday were dropped by jets flying over the Belgorod region.", ["Kharkiv"]),
        ("Missiles launched from Crimea struck Odesa overnight.", ["Odesa"]),
    ],
)
def test_where_an_attack_came_from_is_not_where_it_struck(gazetteer, body, expected):
    assert [i.location for i in incidents(gazetteer, body)] == expected


def test_figures_elsewhere_in_the_region_are_the_regions_own_incident(gazetteer):
    body = "Shelling killed two people in Kostiantynivka on Saturday. Nine were wounded elsewhere in the region."
    found = [(i.admin1_code, i.geo_precision, i.killed, i.injured) for i in incidents(gazetteer, body)]
    assert found == [("UA-14", 1, 2, None), ("UA-14", 3, None, 9)]  # the town, then the region's label point


def test_improving_positions_is_a_battle(gazetteer):
    found = incidents(gazetteer, "Russian troops improved their positions near Synkivka on Thursday.")
    assert [(i.location, i.event_type) for i in found] == [("Synkivka", "Battles")]


@pytest.mark.parametrize(
    "body",
    [
        "Earlier, Russian troops captured Bakhmut in May 2023 and Avdiivka in February 2024.",
        "The shelling recalled the spring of 2022, when Russian troops attacked Chernihiv every day.",
    ],
)
def test_a_month_season_or_year_long_past_without_a_day_is_background(gazetteer, body):
    assert incidents(gazetteer, body, published=date(2024, 10, 3)) == []


def test_a_new_event_keeps_its_place_beside_a_past_year(gazetteer):
    body = "Shelling of Kharkiv on Monday killed two people, the deadliest attack since May 2023."
    found = incidents(gazetteer, body, published=date(2024, 10, 3))
    assert [(i.location, i.killed) for i in found] == [("Kharkiv", 2)]


def test_a_name_joined_to_a_landmark_is_one_too(gazetteer):
    assert incidents(gazetteer, "Cruise missiles were moving towards Dnipro and Kramatorsk.") == []


def test_a_sentence_whose_names_only_locate_its_speakers_still_dates_the_story(gazetteer):
    body = (
        "Russian forces struck border communities 90 times on Sunday, officials in the Sumy region said.\n\n"
        "Shelling damaged a school in Khotin."
    )
    assert [(i.location, i.date) for i in incidents(gazetteer, body)] == [("Khotin", date(2024, 3, 3))]


def test_the_outskirts_of_a_town_are_near_it(gazetteer):
    found = incidents(gazetteer, "On Saturday, ground fighting reached the northern outskirts of Vovchansk.")
    assert [(i.location, i.geo_precision) for i in found] == [("Vovchansk", 2)]


def test_people_treated_for_wounds_after_a_strike_are_its_injured(gazetteer):
    body = "Falling fragments damaged cars in Shebekino on Sunday. Two women were treated for cuts."
    assert [(i.location, i.injured) for i in incidents(gazetteer, body)] == [("Shebekino", 2)]
