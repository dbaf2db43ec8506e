"""How often a fuzzy answer is right, by its score: the data behind geomap.places.resolve.FUZZY_TRUSTED.

Misspellings a journalist makes (a letter dropped, doubled, swapped with its neighbour, or a vowel changed)
are made from the names of settlements of the war's theatre in the index; each is resolved with fuzzy
matching and no context, and counted right when the top answer has the name it was made from (which
namesake is the context's choice, not the match's) or lies within 25 km of the place. Common English words
that name no place are resolved the same way: any fuzzy answer for them is wrong. The table gives the
precision of fuzzy answers by score, so the trusted score is read off data, not guessed.

Usage: .venv/bin/python bench/fuzzy_calibration.py [--names 3000] [--seed 7]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gazetteer import Gazetteer, fold  # noqa: E402
from gazetteer.model import km  # noqa: E402
from geomap.places.resolve import FUZZY_TRUSTED  # noqa: E402
from geomap.places.theatre import in_theatre  # noqa: E402

VOWELS = "aeiouy"


def misspell(name: str, rng: random.Random) -> str:
    """One typo of the kinds reports make: drop, double, swap or change a vowel (never the first letter)."""
    i = rng.randrange(1, len(name) - 1)
    kind = rng.choice(("drop", "double", "swap", "vowel"))
    if kind == "drop":
        return name[:i] + name[i + 1 :]
    if kind == "double":
        return name[:i] + name[i] + name[i:]
    if kind == "swap":
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    vowels = [j for j, ch in enumerate(name) if ch in VOWELS and j > 0]
    if not vowels:
        return name[:i] + name[i + 1 :]
    j = rng.choice(vowels)
    return name[:j] + rng.choice([v for v in VOWELS if v != name[j]]) + name[j + 1 :]


def outcomes(gazetteer: Gazetteer, names: int, seed: int) -> list[tuple[float, bool]]:
    """(score, right) of every fuzzy top answer for typos of theatre places and for common English words."""
    rng = random.Random(seed)
    places = [p for p in gazetteer.index.places if p.kind == "settlement" and len(p.name) >= 6
              and p.name.isascii() and in_theatre(p.admin1_code, p.country_code)]
    rows: list[tuple[float, bool]] = []
    for place in rng.sample(places, min(names, len(places))):
        query = misspell(place.name, rng)
        found = gazetteer.resolve(query, limit=1)
        if found and found[0].match == "fuzzy":
            top = found[0]
            right = fold(top.name) == fold(place.name) or km(top.lat, top.lon, place.lat, place.lon) <= 25
            rows.append((top.score, right))
    from wordfreq import top_n_list

    for word in top_n_list("en", 20000)[2000:2000 + names]:
        if len(word) >= 6 and word.isalpha():
            found = gazetteer.resolve(word.capitalize(), limit=1)
            if found and found[0].match == "fuzzy":
                rows.append((found[0].score, False))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=3000, help="typos to make (and English words to try)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--seeds", type=int, default=3, help="runs with seeds seed, seed+1, ...")
    args = parser.parse_args(argv)
    gazetteer = Gazetteer.load()
    rows = [row for seed in range(args.seed, args.seed + args.seeds) for row in outcomes(gazetteer, args.names, seed)]
    print(f"{len(rows)} fuzzy answers; below {FUZZY_TRUSTED} a name is left unresolved")
    print("score from  answers  precision")
    bins: dict[float, list[bool]] = {}
    for score, right in rows:
        bins.setdefault(math.floor(score * 20) / 20, []).append(right)
    for low in sorted(bins):
        print(f"{low:10.2f} {len(bins[low]):8d} {sum(bins[low]) / len(bins[low]):10.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
