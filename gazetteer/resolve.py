"""Resolve a place name to ranked candidates: exact, alternate, folded and fuzzy matches, weighed by
population, kind and the caller's context (countries, regions named nearby, a box, points already found).

Ranking: how the name matched (main name > press name > alternate > folded spelling > bare region stem >
fuzzy) plus a population prior plus the context bonuses. The spellings of one folded key differ by little, so
a city a thousand times larger outranks a hamlet whose name happens to be spelt exactly as written; a region
named nearby still outweighs that. Russian/Ukrainian variant keys (-ovka / -ivka) join at a small discount;
Cyrillic names in another grammatical case ("у Харкові") are tried in their dictionary form when nothing
matches as written. Fuzzy matches rank by similarity first and only then by population, and are tried only
when nothing else matches.

The parts of a score that do not depend on the caller (base scores by key and spelling, population priors) are
worked out by the index build (matches.py), so a query mostly folds its name, reads two dicts and ranks.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from .build import IndexData
from .fold import fold, plain, variants
from .index import load_index
from .inflect import is_cyrillic, nominatives
from .matches import (
    COUNTRY_BONUS,
    HOME_COUNTRIES,
    MAIN,
    POPULATION_WEIGHT,
    collect,
    default_order,
    key_matches,
    known_variants,
    match_table,
    order_table,
    population_priors,
)
from .model import APPROXIMATE_PREFIX, Candidate, Place, km
from .russian import ukrainian_readings

FUZZY_MIN_LENGTH = 6  # folded keys shorter than this never match fuzzily
FUZZY_CUTOFF = 88.0  # rapidfuzz ratio (0-100) on folded keys
FUZZY_LIMIT = 8  # keys kept per fuzzy block

INFLECTED_PENALTY = 0.08  # a Cyrillic name taken back to its dictionary form (Бахмуте -> Бахмут)
RUSSIAN_PENALTY = 0.05  # a Russian spelling read as Ukrainian (Novosyolovka Vtoraya -> Novoselivka Druha)
DOMINANT_RATIO = 10  # an inflected form is kept when its place is 10x larger than any other form's
KIND_BONUS = 0.4
REGION_BONUS = 0.25
BBOX_BONUS = 0.25
NEAR_BONUS, NEAR_KM = 0.25, 300.0
_LOOKUP_CACHE_MAX = 200_000


@dataclass(frozen=True)
class Context:
    """What the caller knows around a name; every field is optional and only re-ranks candidates."""

    countries: tuple[str, ...] = HOME_COUNTRIES
    admin1_codes: tuple[str, ...] = ()  # regions named nearby in the same text
    bbox: tuple[float, float, float, float] | None = None  # (min_lon, min_lat, max_lon, max_lat)
    near: tuple[tuple[float, float], ...] = ()  # (lat, lon) of places already resolved in the text
    kind: str | None = None  # "settlement" or "admin1" when the words around the name say which
    # ((admin-1 code, bonus), ...): where the caller expects places to lie before reading the text (a war's
    # theatre); a tie-break among namesakes, well below a region the text names
    region_prior: tuple[tuple[str, float], ...] = ()
    extra: dict = field(default_factory=dict, compare=False, hash=False)


DEFAULT_CONTEXT = Context()


class Gazetteer:
    """Offline place-name resolver over the built index (GeoNames cities500 + Natural Earth admin-1)."""

    def __init__(self, index: IndexData):
        self.index = index
        self._places = index.places
        self._names = index.names
        self._keys = index.keys
        # the base scores of the keys' matches and the places' priors, made by the build (or here, for an index
        # put together some other way)
        self._lookup_cache: dict[tuple[str, str], tuple[tuple[int, float, str], ...]] = {}
        self._variant_cache: dict[str, bool] = {}  # key -> whether a variant key of it names a place
        self._priors = (index.priors if len(index.priors) == len(index.places)
                        else population_priors(index.places, index.admin1_names))
        self._matches = (index.matches if index.matches or not index.names
                         else order_table(match_table(index.names), index.places, self._priors))
        # read for every ranked match: Place.approximate of each place, without a property call per place
        self._approximate = [place.id.startswith(APPROXIMATE_PREFIX) for place in index.places]
        self._fuzzy_blocks: dict[str, tuple[list[int], list[str]]] | None = None
        self._by_id: dict[str, int] | None = None

    @classmethod
    def load(cls, path: Path | str | None = None) -> Gazetteer:
        """Load the index (building it once when missing, corrupt or stale)."""
        return cls(load_index(path))

    def clear_cache(self) -> None:
        """Forget the look-ups worked out for keys outside the build's table (benchmarks measure cold runs)."""
        self._lookup_cache.clear()
        self._variant_cache.clear()

    # -- lookups ---------------------------------------------------------------------------------------

    def __contains__(self, name: str) -> bool:
        return fold(name) in self._names

    def __len__(self) -> int:
        return len(self._places)

    def has_key(self, key: str) -> bool:
        """True when an already folded key, or its Russian/Ukrainian variant (-ovka / -ivka), names a place."""
        names = self._names
        if key in names:
            return True
        known = self._variant_cache.get(key)
        if known is None:  # text asks about the same words over and over; variants() costs a call and a scan
            if len(self._variant_cache) >= _LOOKUP_CACHE_MAX:
                self._variant_cache.clear()
            known = self._variant_cache[key] = any(other in names for other in variants(key))
        return known

    def knows(self, name: str) -> bool:
        """True when resolve(name, fuzzy=False) would find something: the name as written, its variant keys,
        (Cyrillic only) its dictionary form ("у Харкові"), or its reading as a Russian spelling. Cheaper than
        resolving."""
        key = fold(name)
        if key and self.has_key(key):
            return True
        if is_cyrillic(name) and any(fold(form) in self._names for form in nominatives(name)):
            return True
        return any(self.has_key(fold(reading)) for reading in ukrainian_readings(name))

    def admin1_name(self, code: str | None) -> str | None:
        """Display name of an ISO 3166-2 code ("UA-23" -> "Zaporizhzhia Oblast")."""
        return self.index.admin1_names.get(code) if code else None

    def admin1_place(self, code: str) -> Place | None:
        """The admin-1 region entry (label point) of an ISO 3166-2 code."""
        position = self.index.admin1_index.get(code)
        return self._places[position] if position is not None else None

    def place(self, place_id: str) -> Place | None:
        """The place with an index id ("gn:703448", "a1:UA-48", "sup:robotyne"), or None."""
        if self._by_id is None:
            self._by_id = {place.id: position for position, place in enumerate(self._places)}
        position = self._by_id.get(place_id)
        return self._places[position] if position is not None else None

    def stats(self) -> dict[str, int]:
        """Counts of the index: places by source and country, name keys."""
        return dict(self.index.counts)

    # -- resolving -------------------------------------------------------------------------------------

    def resolve(self, name: str, context: Context | None = None, *, limit: int = 5,
                fuzzy: bool = True) -> list[Candidate]:
        """Ranked candidates for a name, best first; an empty list when nothing matches."""
        if not isinstance(name, str):
            return []
        if context is None or context is not DEFAULT_CONTEXT and context == DEFAULT_CONTEXT:
            context = DEFAULT_CONTEXT  # a fresh Context() takes the default's fast paths below
        written = plain(name)
        key = self._keys.get(written) or fold(name)  # a spelling of the index has its key at hand
        if not key:
            return []
        matches = self._lookup(key, written)
        ordered = True  # _lookup gives its matches in the default context's order
        if (not matches or all(self._approximate[row[0]] for row in matches)) and is_cyrillic(name):
            # "Харькове" is Kharkiv's locative before it is a village of that name: both readings compete
            matches, ordered = (*matches, *self._inflected(name)), False
        if not matches:
            matches, ordered = self._russian(name), False
        if not matches and fuzzy and self.fuzzy_allowed(key):
            matches, ordered = self._fuzzy(key), False
        if not matches:
            return []
        priors = self._priors
        places = self._places
        if context.admin1_codes and len(matches) > 1:
            matches = _prefer_surveyed(matches, places, self._approximate, context.admin1_codes)
        # score = base + prior + bonus; a fuzzy match counts a quarter of the prior
        if context is DEFAULT_CONTEXT:  # the only bonus is for the home countries
            home = DEFAULT_CONTEXT.countries
            if len(matches) == 1 or ordered:  # the usual answer: nothing to rank, or ranked by the build
                # _candidate's work inlined (the label's reasons read from a cache): the same Candidates
                out = []
                admin1_names = self.index.admin1_names
                for position, base, match in matches[:max(limit, 0)]:
                    place = places[position]
                    home_place = place.country_code in home
                    score = (base + (priors[position] * 0.25 if match == "fuzzy" else priors[position])
                             + (COUNTRY_BONUS if home_place else 0.0))
                    label, reasons = _LABELS.get(match) or _label(match)
                    code = place.admin1_code
                    out.append(Candidate(name, place.name, place.lat, place.lon, place.country_code,
                                         admin1_names.get(code) if code else None, code, place.kind,
                                         place.population, place.id, round4(score), label,
                                         [*reasons, "country"] if home_place else list(reasons)))
                return out
            ranked = [(-(base + (priors[position] * 0.25 if match == "fuzzy" else priors[position])
                         + (COUNTRY_BONUS if (place := places[position]).country_code in home else 0.0)),
                       -place.population, place.id, position, place, match, None)
                      for position, base, match in matches]
        else:
            prior = _prior_map(context.region_prior) if context.region_prior else {}
            ranked = []
            for position, base, match in matches:
                place = places[position]
                bonus, reasons = _context_terms(place, context, prior)  # once: the score and the reasons
                ranked.append((-(base + (priors[position] * 0.25 if match == "fuzzy" else priors[position]) + bonus),
                               -place.population, place.id, position, place, match, reasons))
        ranked.sort()  # positions are unique: rows never compare past them
        return [self._candidate(name, row[4], row[5], context, -row[0], row[6]) for row in ranked[:max(limit, 0)]]

    def best(self, name: str, context: Context | None = None, **kwargs) -> Candidate | None:
        """The top candidate, or None."""
        found = self.resolve(name, context, limit=1, **kwargs)
        return found[0] if found else None

    def fuzzy_allowed(self, key: str) -> bool:
        """Fuzzy matching is for misspelt names: never short keys, digits or common English words."""
        return (len(key) >= FUZZY_MIN_LENGTH and key.isalpha() and key not in self.index.common_words)

    def _lookup(self, key: str, written: str) -> tuple[tuple[int, float, str], ...]:
        """(place position, base score, match label) of every place the folded key names, and, a little lower,
        of the places its Russian/Ukrainian variant keys name (matches.key_matches). A key of the index reads
        them from the table the build made (or, naming one place once, takes them straight from its entry); any
        other key works them out (cached)."""
        known = self._matches.get(key)
        if known is not None:
            folded, exact = known
            return exact.get(written, folded) if exact is not None else folded
        if key in self._names:  # a key the table leaves out: one name of one place, no variant keys
            return key_matches(self._names, key, (), written)
        cached = self._lookup_cache.get((key, written))
        if cached is not None:
            return cached
        result = default_order(key_matches(self._names, key, known_variants(self._names, key), written),
                               self._places, self._priors)
        if len(self._lookup_cache) >= _LOOKUP_CACHE_MAX:
            self._lookup_cache.clear()
        self._lookup_cache[key, written] = result
        return result

    def _inflected(self, name: str) -> tuple[tuple[int, float, str], ...]:
        """Matches of a Cyrillic name read as an inflected form ("під Бахмутом" -> Бахмут).

        Each dictionary form that names places is a reading; readings whose largest place is the same place
        agree. Kept: the one reading, or the reading whose largest place is DOMINANT_RATIO times larger than
        any other reading's; otherwise nothing (the guess would be a coin toss)."""
        priors = self._priors
        readings: dict[int, dict[int, tuple[float, str]]] = {}  # largest place -> matches of its readings
        seen: set[str] = set()
        for form in nominatives(name):
            key = fold(form)
            if key in seen or key not in self._names:
                continue
            seen.add(key)
            found: dict[int, tuple[float, str]] = {}
            mains = {entry[0] for entry in self._names[key] if entry[1] == MAIN}
            collect(self._names, key, "", INFLECTED_PENALTY, ":inflected", found, mains)  # never exact
            largest = max(found, key=lambda position: (priors[position], -position))
            merged = readings.setdefault(largest, {})
            for position, (base, match) in found.items():
                if base > merged.get(position, (0.0, ""))[0]:
                    merged[position] = (base, match)
        if not readings:
            return ()
        order = sorted(readings, key=lambda position: priors[position], reverse=True)
        if len(order) > 1 and priors[order[0]] - priors[order[1]] < POPULATION_WEIGHT * math.log10(DOMINANT_RATIO):
            return ()
        return tuple((position, base, match) for position, (base, match) in readings[order[0]].items())

    def _russian(self, name: str) -> tuple[tuple[int, float, str], ...]:
        """Matches of a Russian spelling read towards Ukrainian (russian.py), a little below a folded match;
        never exact, as the name was not written that way."""
        best: dict[int, tuple[float, str]] = {}
        for reading in ukrainian_readings(name):
            for position, base, match in self._lookup(fold(reading), ""):
                base -= RUSSIAN_PENALTY
                if base > best.get(position, (0.0, ""))[0]:
                    best[position] = (base, f"{match.partition(':')[0]}:russian")
        return tuple((position, base, match) for position, (base, match) in best.items())

    def _fuzzy(self, key: str) -> tuple[tuple[int, float, str], ...]:
        """Places whose folded names are within the fuzzy cutoff of key, scored by similarity.

        Only keys sharing the first two letters or the last three letters, and of a length that can reach the
        cutoff, are compared: that keeps a query near 0.1 ms instead of a scan of every key."""
        blocks = self._fuzzy_blocks if self._fuzzy_blocks is not None else self._make_fuzzy_blocks()
        # ratio >= cutoff needs |len - len'| <= (1 - cutoff/100) * (len + len')
        slack = (100 - FUZZY_CUTOFF) / 100
        low = math.ceil(len(key) * (1 - slack) / (1 + slack))
        high = math.floor(len(key) * (1 + slack) / (1 - slack))
        similar: dict[str, float] = {}
        for block in (f"^{key[:2]}", f"{key[-3:]}$"):
            lengths, keys = blocks.get(block, ((), ()))
            choices = keys[bisect_left(lengths, low):bisect_right(lengths, high)]
            for other, similarity, _ in process.extract(key, choices, scorer=fuzz.ratio, limit=FUZZY_LIMIT,
                                                        score_cutoff=FUZZY_CUTOFF):
                similar[other] = similarity
        best: dict[int, float] = {}
        for other, similarity in similar.items():
            strength = (similarity - FUZZY_CUTOFF) / (100 - FUZZY_CUTOFF)
            for position, kind, _form in self._names[other]:
                base = 0.3 + 0.4 * strength - (0.0 if kind == MAIN else 0.01)
                if base > best.get(position, 0.0):
                    best[position] = base
        return tuple((position, base, "fuzzy") for position, base in best.items())

    def _make_fuzzy_blocks(self) -> dict[str, tuple[list[int], list[str]]]:
        grouped: dict[str, list[str]] = {}
        for key in self._names:
            if len(key) < FUZZY_MIN_LENGTH - 1:
                continue
            grouped.setdefault(f"^{key[:2]}", []).append(key)
            grouped.setdefault(f"{key[-3:]}$", []).append(key)
        blocks = {}
        for block, keys in grouped.items():
            keys.sort(key=len)
            blocks[block] = ([len(k) for k in keys], keys)
        self._fuzzy_blocks = blocks
        return blocks

    def _candidate(self, query: str, place: Place, match: str, context: Context, score: float,
                   context_reasons: list[str] | None = None) -> Candidate:
        """The Candidate of a ranked place; `context_reasons` are _context_terms' reasons, None for the default
        context, whose only reason is the country."""
        if ":" in match:
            match, _, note = match.partition(":")
            reasons = [match, note] if note else [match]
        else:
            reasons = [match]
        if context_reasons is not None:
            reasons += context_reasons
        elif place.country_code in DEFAULT_CONTEXT.countries:
            reasons.append("country")
        code = place.admin1_code
        return Candidate(query, place.name, place.lat, place.lon, place.country_code,
                         self.index.admin1_names.get(code) if code else None, code, place.kind,
                         place.population, place.id, round4(score), match, reasons)


_LABELS: dict[str, tuple[str, tuple[str, ...]]] = {}  # match label -> (match, its reasons); a handful of labels


def _label(match: str) -> tuple[str, tuple[str, ...]]:
    """The match and reasons of a label as _candidate reads them ("folded:variant" -> folded, [folded, variant])."""
    head, _, note = match.partition(":")
    parsed = _LABELS[match] = (head, (head, note) if note else (head,))
    return parsed


def round4(x: float) -> float:
    """round(x, 4), about twice as fast for the scores resolve gives (positive, not within 1e-10 of a tie).

    round() rounds the exact binary value of x to four decimals, halves to even, and returns the double nearest
    that decimal. x * 10000 is within 1.2e-7 of that value's 10^4-fold below 10^9, so when its fraction is not
    within 1e-6 of a half it rounds to the same integer D, and D / 10000 (one correctly rounded division) is the
    same nearest double. Anything else goes to round()."""
    y = x * 10000.0
    if 0.0 < y < 1e9 and abs(y - math.floor(y) - 0.5) > 1e-6:
        return math.floor(y + 0.5) / 10000.0
    return round(x, 4)


def _prefer_surveyed(matches: tuple[tuple[int, float, str], ...], places: list[Place], approximate: list[bool],
                     admin1_codes: tuple[str, ...]) -> tuple[tuple[int, float, str], ...]:
    """Drop codifier villages (placed at their hromada's centre) when a surveyed place of the same name lies
    in a region the text names: "Pryluky" in a Chernihiv story is the city, not a namesake village elsewhere.
    `approximate[position]` is the place's Place.approximate."""
    surveyed = [row for row in matches if not approximate[row[0]]]
    if not surveyed or len(surveyed) == len(matches):
        return matches
    if any(places[row[0]].admin1_code in admin1_codes for row in surveyed):
        return tuple(surveyed)
    return matches


def _context_terms(place: Place, context: Context, prior: dict[str, float]) -> tuple[float, list[str]]:
    """What the caller's context adds to a place's score, and the reasons it adds ("kind", "country", "region",
    "bbox", "near:12km", "prior"), each only where it added something; `prior` is the context's region prior
    as a dict (_prior_map), made once per query."""
    bonus = 0.0
    reasons: list[str] = []
    code = place.admin1_code
    if context.kind and place.kind == context.kind:
        bonus += KIND_BONUS
        reasons.append("kind")
    if context.countries and place.country_code in context.countries:
        bonus += COUNTRY_BONUS
        reasons.append("country")
    if code and code in context.admin1_codes:
        bonus += REGION_BONUS
        reasons.append("region")
    if context.bbox and _in_bbox(place, context.bbox):
        bonus += BBOX_BONUS
        reasons.append("bbox")
    if context.near:
        nearest = _nearest_within(place, context.near)
        if nearest < NEAR_KM:  # past it the bonus is 0
            bonus += NEAR_BONUS * (1 - nearest / NEAR_KM)
            reasons.append(f"near:{nearest:.0f}km")
    if code and (weight := prior.get(code)):
        bonus += weight
        reasons.append("prior")
    return bonus, reasons


@lru_cache(maxsize=64)
def _prior_map(region_prior: tuple[tuple[str, float], ...]) -> dict[str, float]:
    return dict(region_prior)


def _in_bbox(place: Place, bbox: tuple[float, float, float, float]) -> bool:
    min_lon, min_lat, max_lon, max_lat = bbox
    return min_lon <= place.lon <= max_lon and min_lat <= place.lat <= max_lat


# A great circle is never shorter than its latitude difference: a point this many degrees of latitude away is
# farther than _NEAR_EXACT_KM, which is past NEAR_KM (where the near bonus is already 0) by a margin for rounding.
_NEAR_EXACT_KM = NEAR_KM + 1.0
_NEAR_LATITUDE = _NEAR_EXACT_KM / (6371.0088 * math.pi / 180)


def _nearest_within(place: Place, points: tuple[tuple[float, float], ...]) -> float:
    """The distance to the nearest point when it is under _NEAR_EXACT_KM, else at least that (inf when no
    point is close in latitude): what the near bonus needs, without trigonometry for far points."""
    lat, lon = place.lat, place.lon
    nearest = math.inf
    for point_lat, point_lon in points:
        if -_NEAR_LATITUDE < point_lat - lat < _NEAR_LATITUDE:
            distance = km(lat, lon, point_lat, point_lon)
            if distance < nearest:
                nearest = distance
    return nearest


_km = km  # the earlier private name
