"""Base scores of the places one folded key names, and the population prior of each place: the parts of a
resolve's score that do not depend on the caller, shared by the index build and the resolver.

How a name matched sets its base score: a main or press name above an alternate above a bare region stem above
a regional alias; spelt exactly as written above a folded spelling; a Russian/Ukrainian variant key a little
lower; an alternate that two other places bear as their main name (a former or generic name) lower still.

For every key of the index the build works these out once (`match_table`): the matches of a folded spelling,
and, for each spelling of the key that changes them, the matches when the name is written exactly so. The
resolver then answers a known key with two dict look-ups; `key_matches` is the same computation for keys the
index does not hold (only their variant keys name places). This module is part of the index's input stamp, so
a change of a score here rebuilds the index.
"""

from __future__ import annotations

import math

from .fold import variants
from .model import Place

# How a name of a place was found; the resolver ranks main names above alternates above bare region stems
# ("Kharkiv" naming Kharkiv Oblast) and regional aliases ("Donbas").
MAIN, ALTERNATE, STEM, ALIAS = "main", "alternate", "stem", "alias"
# A former or Russian-language name the press still uses for a Ukrainian place ("Artemovsk" for Bakhmut):
# ranked as high as a main name, so a small Russian namesake does not win on the main-name bonus alone.
PRESS = "press"
# The main name of a settlement known only from the codifier: ranked like a main name, but not counted among
# the main names that make another place's alternate "generic" (thousands of villages share a few names).
CODIFIER = "codifier"

# Base score of a match: (kind of name, spelled exactly as written) -> (score, match label).
BASE: dict[tuple[str, bool], tuple[float, str]] = {
    (MAIN, True): (1.0, "exact"),
    (MAIN, False): (0.94, "folded"),
    (CODIFIER, True): (1.0, "exact"),
    (CODIFIER, False): (0.94, "folded"),
    (PRESS, True): (1.0, "alternate"),
    (PRESS, False): (0.94, "folded"),
    (ALTERNATE, True): (0.95, "alternate"),
    (ALTERNATE, False): (0.9, "folded"),
    (STEM, True): (0.8, "alternate"),
    (STEM, False): (0.75, "folded"),
}
# The same by kind: kind -> (score and label when folded, when spelt exactly); regional aliases are not in it.
_KIND_BASE: dict[str, tuple[tuple[float, str], tuple[float, str]]] = {
    kind: (BASE[kind, False], BASE[kind, True]) for kind in (MAIN, CODIFIER, PRESS, ALTERNATE, STEM)}
# An alternate name that two or more other places bear as their main name is usually a former or generic name
# ("Aleksandrovka" among Donetsk's GeoNames alternates): it ranks lower.
GENERIC_ALTERNATE_PENALTY = 0.1
VARIANT_PENALTY = 0.05  # a Russian/Ukrainian variant key (Mikhailovka -> Mykhailivka)
ALIAS_BASE = 0.85  # a regional alias ("Donbas"); each later region in its list ranks 0.01 lower
POPULATION_WEIGHT = 0.04  # per decade of population: 0.24 for a city of a million, 0.11 for 500 people
MIN_POPULATION = 500  # a cities500 settlement without a figure counts as the smallest the list holds
CODIFIER_POPULATION = 100  # a village cities500 lacks has mostly fewer than 500 people
ADMIN1_PRIOR = 6 * POPULATION_WEIGHT  # an oblast or krai weighs like a city of a million; cities with admin-1
# status get 0

COUNTRY_BONUS = 0.2  # a place in one of the caller's countries
HOME_COUNTRIES = ("UA", "RU")  # the countries of the default context
# A city of another country this large (every capital near Ukraine is) is what its name means in a report
# ("talks in Berlin", "a flight to Baku"): its prior carries the home-country bonus, so a Russian village
# "Berlin" or a Ukrainian "Sofiivka" does not take its name when nothing in the text says otherwise.
WORLD_CITY_POPULATION = 300_000

Names = dict[str, tuple[tuple[int, str, str], ...]]  # folded key -> (place position, kind, plain form)
Matches = tuple[tuple[int, float, str], ...]  # (place position, base score, match label)


def collect(names: Names, key: str, written: str | None, penalty: float, note: str, best: dict[int, tuple[float, str]],
            mains: set[int] | frozenset[int] = frozenset()) -> None:
    """Add the places one folded key names to best (position -> (base, label)), keeping the higher base (the
    first on a tie); mains holds the places that bear the name (or its variants) as their main name."""
    generic = len(mains) >= 2  # without two main-name holders no alternate is generic
    for position, kind, form in names.get(key, ()):
        pair = _KIND_BASE.get(kind)
        if pair is None:
            base, match = ALIAS_BASE - 0.01 * int(kind[len(ALIAS):] or 0), "alternate"
        else:
            base, match = pair[form == written]
            if generic and kind == ALTERNATE and len(mains) - (position in mains) >= 2:
                base -= GENERIC_ALTERNATE_PENALTY
        if penalty:
            base -= penalty
        held = best.get(position)
        if base > (held[0] if held is not None else 0.0):
            best[position] = (base, match + note if note else match)


def key_matches(names: Names, key: str, others: tuple[str, ...], written: str | None) -> Matches:
    """(place position, base score, match label) of every place the folded key names, and, a little lower,
    of the places its variant keys `others` name; written is the plain form of the name as the caller wrote it."""
    entries = names.get(key, ())
    if not others and is_single(entries):
        # one place, one spelling (most keys): no generic alternates (they need three entries), no merging
        position, kind, form = entries[0]
        base, match = _KIND_BASE[kind][form == written]
        return ((position, base, match),) if base > 0.0 else ()
    best: dict[int, tuple[float, str]] = {}
    keys = (key, *others)
    # an alternate is generic when two other places bear the name as main name: needs three entries at least
    mains = ({entry[0] for name in keys for entry in names.get(name, ()) if entry[1] == MAIN}
             if sum(len(names.get(name, ())) for name in keys) >= 3 else frozenset())
    collect(names, key, written, 0.0, "", best, mains)
    for other in others:
        collect(names, other, written, VARIANT_PENALTY, ":variant", best, mains)
    return tuple((position, base, match) for position, (base, match) in best.items())


def is_single(entries: tuple[tuple[int, str, str], ...]) -> bool:
    """True for a key's entries that are one name of one place, and not a regional alias."""
    return len(entries) == 1 and entries[0][1] in _KIND_BASE


def known_variants(names: Names, key: str) -> tuple[str, ...]:
    """The variant keys of key (fold.variants, in its order) that name places."""
    return tuple(other for other in variants(key) if other in names)


def match_table(names: Names) -> dict[str, tuple[Matches, dict[str, Matches] | None]]:
    """For every key but the single ones (one entry, `is_single`, and no variant keys that name places, whose
    matches take no work): (its matches when written in none of its spellings, {spelling: matches} for each plain
    spelling of the key or of its variant keys that gives other matches, or None when none does)."""
    table: dict[str, tuple[Matches, dict[str, Matches] | None]] = {}
    shared: dict = {}  # one object per distinct match and label, so the pickle stays small
    for key, entries in names.items():
        others = known_variants(names, key)
        if not others and is_single(entries):
            continue
        folded = _shared(key_matches(names, key, others, None), shared)  # None: written in no spelling
        exact = {}
        for form in dict.fromkeys(entry[2] for name in (key, *others) for entry in names[name]):
            found = key_matches(names, key, others, form)
            if found != folded:
                exact[form] = _shared(found, shared)
        table[key] = (folded, exact or None)
    return table


def population_priors(places: list[Place], admin1_names: dict[str, str]) -> list[float]:
    """What each place's size adds to its score: POPULATION_WEIGHT per decade of population, ADMIN1_PRIOR for a
    region (0 for a city with admin-1 status, which has its own population entry), COUNTRY_BONUS more for a large
    city of another country (WORLD_CITY_POPULATION)."""
    admin1_cities = {code for code, name in admin1_names.items()
                     if not any(word in name for word in ("Oblast", "Krai", "Republic", "Okrug"))}
    log10 = math.log10
    codifier = POPULATION_WEIGHT * log10(1 + CODIFIER_POPULATION)
    return [(0.0 if place.admin1_code in admin1_cities else ADMIN1_PRIOR) if place.kind == "admin1"
            else codifier if place.approximate
            else POPULATION_WEIGHT * log10(1 + max(place.population, MIN_POPULATION))
            + (COUNTRY_BONUS if place.population >= WORLD_CITY_POPULATION and place.country_code not in HOME_COUNTRIES
               else 0.0)
            for place in places]


def default_order(found: Matches, places: list[Place], priors: list[float]) -> Matches:
    """found in the order the default context ranks it: score (base, prior, home-country bonus), then larger
    population, then id. The build stores every key's matches so, and a default query reads its top rows
    without ranking them all ("Novomykhailivka" names dozens of villages)."""
    def rank(row: tuple[int, float, str]) -> tuple:
        position, base, match = row
        place = places[position]
        score = (base + (priors[position] * 0.25 if match == "fuzzy" else priors[position])
                 + (COUNTRY_BONUS if place.country_code in HOME_COUNTRIES else 0.0))
        return -score, -place.population, place.id, position

    return tuple(sorted(found, key=rank)) if len(found) > 1 else found


def order_table(table: dict[str, tuple[Matches, dict[str, Matches] | None]], places: list[Place],
                priors: list[float]) -> dict[str, tuple[Matches, dict[str, Matches] | None]]:
    """match_table's matches, each in default_order."""
    return {key: (default_order(folded, places, priors),
                  {form: default_order(found, places, priors) for form, found in exact.items()} if exact else None)
            for key, (folded, exact) in table.items()}


def _shared(found: Matches, shared: dict) -> Matches:
    return tuple(shared.setdefault(row, (row[0], row[1], shared.setdefault(row[2], row[2]))) for row in found)
