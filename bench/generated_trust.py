"""Generated articles with known places and figures: how many incidents land in a wrong oblast or carry a wrong
figure (issue 15's measure). Printed by `make eval`; run alone with `.venv/bin/python bench/generated_trust.py`.

Each article puts a strike on a town that has namesakes in other oblasts (its oblast named in the sentence, or
not for the large towns), with figures beside a date, a year, an age, a time and a house number; some add a
village "in the X district" and a paragraph of drones downed over other regions. The expected answer is built
with the article, so every incident can be checked.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gazetteer import Gazetteer  # noqa: E402
from geomap.incidents import extract_incidents  # noqa: E402
from geomap.models import Article  # noqa: E402
from geomap.places import find_places  # noqa: E402

# (town, its oblast's code, the oblast as reports write it, whether the town is large enough to name alone)
TOWNS = [
    ("Kostiantynivka", "UA-14", "Donetsk Oblast", True), ("Pokrovsk", "UA-14", "Donetsk Oblast", True),
    ("Kramatorsk", "UA-14", "Donetsk Oblast", True), ("Kupiansk", "UA-63", "Kharkiv Oblast", True),
    ("Nikopol", "UA-12", "Dnipropetrovsk Oblast", True), ("Kherson", "UA-65", "Kherson Oblast", True),
    ("Sumy", "UA-59", "Sumy Oblast", True), ("Chernihiv", "UA-74", "Chernihiv Oblast", True),
    ("Oleksandrivka", "UA-14", "Donetsk Oblast", False), ("Mykhailivka", "UA-23", "Zaporizhzhia Oblast", False),
    ("Novoselivka", "UA-63", "Kharkiv Oblast", False), ("Andriivka", "UA-59", "Sumy Oblast", False),
    ("Stepove", "UA-23", "Zaporizhzhia Oblast", False), ("Ivanivka", "UA-65", "Kherson Oblast", False),
]
VILLAGES_IN_DISTRICTS = [("Novohrodivka", "Pokrovsk", "UA-14"), ("Prymorske", "Vasylivka", "UA-23")]
OTHER_REGIONS = ["Sumy", "Kharkiv", "Poltava", "Odesa", "Mykolaiv", "Zhytomyr", "Vinnytsia"]
PEOPLE = ["people", "civilians", "residents"]
MONTHS = ["January", "March", "May", "June", "August", "October", "November"]


@dataclass
class Expected:
    place: str
    code: str
    killed: int | None
    injured: int | None


def article(rng: random.Random, number: int) -> tuple[Article, list[Expected]]:
    """One generated article and the incidents it must give."""
    town, code, oblast, large = rng.choice(TOWNS)
    killed, injured = rng.randint(1, 40), rng.randint(1, 90)
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2022, 2025)
    age, hour, minute, house = rng.randint(18, 90), rng.randint(0, 23), rng.randint(10, 59), rng.randint(1, 99)
    where = town if large and rng.random() < 0.5 else f"{town}, {oblast},"
    lead = rng.choice([
        f"On {day} {month} {year}, a Russian missile strike on {where} killed {killed} {rng.choice(PEOPLE)} and "
        f"injured {injured}, officials said.",
        f"A Russian strike hit {where} at {hour}:{minute} on {day} {month} {year}, killing {killed} "
        f"{rng.choice(PEOPLE)} and wounding {injured}.",
        f"Rescuers in {where} said {killed} {rng.choice(PEOPLE)} were killed and {injured} injured when a missile "
        f"hit building No. {house} on {day} {month} {year}.",
    ])
    body = [lead, f"A {age}-year-old woman was among those pulled from the rubble at {hour}:{minute}."]
    expected = [Expected(town, code, killed, injured)]
    if rng.random() < 0.5:
        village, district, district_code = rng.choice(VILLAGES_IN_DISTRICTS)
        body.append(f"Near the village of {village} in the {district} district, a drone hit a car on {day} {month} "
                    f"{year}, killing the driver.")
        expected.append(Expected(village, district_code, 1, None))
    if rng.random() < 0.6:
        regions = rng.sample(OTHER_REGIONS, 2)
        body.append(f"\nOvernight, air defences downed {rng.randint(10, 60)} drones over the {regions[0]} and "
                    f"{regions[1]} regions, the air force said.")
    published = date(year, 12, 28)  # after every event date of the article
    text = " ".join(body)
    return Article(source=f"generated-{number:04d}.md", body=text, date=published), expected


def check(articles: int, seed: int) -> dict[str, int]:
    """Counts of wrong oblasts and wrong figures over the generated articles."""
    gazetteer = Gazetteer.load()
    rng = random.Random(seed)
    counts = {"articles": articles, "expected": 0, "found": 0, "wrong_oblast": 0, "wrong_figure": 0, "missed": 0}
    for number in range(articles):
        item, expected = article(rng, number)
        incidents = extract_incidents(item, find_places(item, gazetteer), gazetteer)
        counts["expected"] += len(expected)
        for want in expected:
            got = [i for i in incidents if i.mention and i.mention.startswith(want.place)]
            if not got:
                counts["missed"] += 1
                continue
            counts["found"] += 1
            incident = got[0]
            if incident.admin1_code != want.code:
                counts["wrong_oblast"] += 1
            if (incident.killed, incident.injured) != (want.killed, want.injured):
                counts["wrong_figure"] += 1
        for incident in incidents:  # a town incident elsewhere is a town moved away or a district counted twice
            if incident.geo_precision < 3 and not any(
                    incident.mention and incident.mention.startswith(w.place) for w in expected):
                counts["wrong_oblast"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    counts = check(args.articles, args.seed)
    for key, value in counts.items():
        print(f"{key:14s} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
