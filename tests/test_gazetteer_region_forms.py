"""Name forms reports use that the index lacked: adjectival oblast names (OCHA/HRMMU's "Donetska, Kharkivska and
Sumska oblasts", Russian "Kurskaya oblast"), and the capitals and large cities of nearby countries, each resolved
in its own region or country."""

from __future__ import annotations

import pytest

from gazetteer.build import adjectival_names

# (sentence, the name in it as a reader would take it out, the admin-1 region it names)
ADJECTIVAL = [
    ("Civilian casualties were recorded in Donetska, Kharkivska and Sumska oblasts.", "Donetska", "UA-14"),
    ("Civilian casualties were recorded in Donetska, Kharkivska and Sumska oblasts.", "Kharkivska", "UA-63"),
    ("Civilian casualties were recorded in Donetska, Kharkivska and Sumska oblasts.", "Sumska", "UA-59"),
    ("HRMMU verified 12 civilian deaths in Zaporizka oblast in May.", "Zaporizka oblast", "UA-23"),
    ("Shelling of Khersonska oblast continued along the Dnipro river.", "Khersonska", "UA-65"),
    ("OCHA reported damage to water systems in Dnipropetrovska and Mykolaivska oblasts.", "Dnipropetrovska",
     "UA-12"),
    ("OCHA reported damage to water systems in Dnipropetrovska and Mykolaivska oblasts.", "Mykolaivska", "UA-48"),
    ("Evacuations from Luhanska oblast were no longer possible.", "Luhanska oblast", "UA-09"),
    ("Air strikes hit Odeska and Kyivska oblasts overnight.", "Odeska", "UA-51"),
    ("Air strikes hit Odeska and Kyivska oblasts overnight.", "Kyivska", "UA-32"),
    ("Power cuts were announced for Chernihivska oblast.", "Chernihivska oblast", "UA-74"),
    ("The governor of Kurskaya oblast announced new evacuations.", "Kurskaya oblast", "RU-KRS"),
    ("Drones were shot down over Belgorodskaya and Bryanskaya oblasts, the ministry said.", "Belgorodskaya",
     "RU-BEL"),
    ("Drones were shot down over Belgorodskaya and Bryanskaya oblasts, the ministry said.", "Bryanskaya", "RU-BRY"),
    ("The Donetskaya oblast 'administration' installed by Moscow reported shelling.", "Donetskaya oblast", "UA-14"),
    ("Residents of Voronezhskaya oblast were warned of drone attacks.", "Voronezhskaya oblast", "RU-VOR"),
    ("A fire broke out at a depot in Rostovskaya oblast.", "Rostovskaya oblast", "RU-ROS"),
]

NEARBY = [
    ("Talks were held in Vilnius ahead of the NATO summit.", "Vilnius", "LT"),
    ("Ministers met in Riga to discuss sanctions.", "Riga", "LV"),
    ("Tallinn hosted the donors' conference.", "Tallinn", "EE"),
    ("Flights from Tbilisi were cancelled.", "Tbilisi", "GE"),
    ("Prisoner exchange talks took place in Istanbul.", "Istanbul", "TR"),
    ("Ankara offered to mediate a grain deal.", "Ankara", "TR"),
    ("The Bulgarian government in Sofia approved the shipment.", "Sofia", "BG"),
    ("Helsinki closed its border crossings with Russia.", "Helsinki", "FI"),
    ("A donors' meeting was held in Berlin.", "Berlin", "DE"),
    ("The crashed airliner had taken off from Baku.", "Baku", "AZ"),
    ("Protests were held in Yerevan.", "Yerevan", "AM"),
    ("Migrants arrived in Astana from Russia.", "Astana", "KZ"),
    ("The summit opened in Prague.", "Prague", "CZ"),
    ("The IAEA in Vienna said the plant had lost power.", "Vienna", "AT"),
    ("Chisinau reported drone debris on Moldovan territory.", "Chisinau", "MD"),
    ("Leaders gathered in Warsaw.", "Warsaw", "PL"),
    ("Lukashenko spoke in Minsk.", "Minsk", "BY"),
    ("The talks moved to Riyadh.", "Riyadh", "SA"),
    ("Envoys met in London and Paris.", "London", "GB"),
    ("Envoys met in London and Paris.", "Paris", "FR"),
    ("Missiles were supplied by Tehran.", "Tehran", "IR"),
]


@pytest.mark.parametrize(("sentence", "name", "code"), ADJECTIVAL)
def test_adjectival_oblast_names_resolve_to_the_region(gazetteer, sentence, name, code):
    assert name in sentence
    best = gazetteer.best(name)
    assert best is not None and best.kind == "admin1" and best.admin1_code == code, best


@pytest.mark.parametrize(("sentence", "name", "country"), NEARBY)
def test_capitals_and_cities_of_nearby_countries_resolve_in_their_country(gazetteer, sentence, name, country):
    assert name in sentence
    best = gazetteer.best(name)
    assert best is not None and best.kind == "settlement" and best.country_code == country, best


def test_adjectival_names_are_romanised_per_language():
    record = {"country_code": "UA", "name_uk": "Запорізька область", "name_ru": "Запорожская область"}
    assert adjectival_names(record) == ["Zaporizka oblast", "Zaporizka", "Zaporozhskaya oblast", "Zaporozhskaya"]
    # a curated Ukrainian name replaces Natural Earth's bare city name for Kyiv Oblast
    kyiv = {"country_code": "UA", "name_uk": "Київ", "name_ru": "Киев"}
    assert adjectival_names(kyiv, ["Київська область"]) == ["Kyivska oblast", "Kyivska"]
    assert adjectival_names({"country_code": "PL", "name_uk": "Мазовецьке воєводство"}) == []
