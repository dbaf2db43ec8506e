"""A town within a region the text names: "Lukashivka, Chernihiv Oblast" is the Lukashivka of Chernihiv
Oblast, in whatever spelling the gazetteer keeps it ("Buhaivka" / "Buhayivka"); when the region has no such
name, the gazetteer's namesakes elsewhere are not the text's town.

Matching is on the gazetteer's folded keys of that region's settlements: equal keys first, then the closest
key by rapidfuzz ratio. A region holds a few thousand keys, so a lower cutoff than the whole-index fuzzy
search is safe there.
"""

from __future__ import annotations

import weakref

from rapidfuzz import fuzz, process

from gazetteer import Candidate, Context, Gazetteer, fold
from gazetteer.fold import variants
from gazetteer.russian import ukrainian_readings

# Cities with a region's status inside another region: a place in one is in the other's territory too.
ENCLAVES = {"UA-32": ("UA-30",), "UA-43": ("UA-40",)}
REGION_CUTOFF = 84.0  # rapidfuzz ratio (0-100) on folded keys within one region
MIN_KEY = 5  # shorter keys only match exactly

# gazetteer -> admin-1 code -> (folded key -> a written form of it, which resolve() takes; the keys as a list)
_KEYS: weakref.WeakKeyDictionary[Gazetteer, dict[str, tuple[dict[str, str], list[str]]]] = (
    weakref.WeakKeyDictionary()
)


def _region_keys(gazetteer: Gazetteer) -> dict[str, tuple[dict[str, str], list[str]]]:
    keys = _KEYS.get(gazetteer)
    if keys is None:
        forms: dict[str, dict[str, str]] = {}
        places = gazetteer.index.places
        for key, entries in gazetteer.index.names.items():
            for position, _kind, form in entries:
                place = places[position]
                if place.kind == "settlement" and place.admin1_code:
                    forms.setdefault(place.admin1_code, {}).setdefault(key, form)
        keys = _KEYS[gazetteer] = {code: (table, list(table)) for code, table in forms.items()}
    return keys


def within(candidate_code: str | None, code: str) -> bool:
    """True when a place of region `candidate_code` lies in region `code` (Kyiv City in Kyiv Oblast)."""
    return candidate_code == code or candidate_code in ENCLAVES.get(code, ())


def in_region(gazetteer: Gazetteer, name: str, code: str) -> Candidate | None:
    """The settlement of region `code` (or of a city enclaved in it) that `name` spells, exactly or nearly;
    None when it has none."""
    for part in (code, *ENCLAVES.get(code, ())):
        found = _in_one_region(gazetteer, name, part)
        if found is not None:
            return found
    return None


def _in_one_region(gazetteer: Gazetteer, name: str, code: str) -> Candidate | None:
    key = fold(name)
    region = _region_keys(gazetteer).get(code)
    if region is None or not key:
        return None
    forms, keys = region
    form = forms.get(key) or next((forms[other] for other in variants(key) if other in forms), None)
    if form is None:  # a Russian spelling ("Fyodorovka, Donetsk Oblast" is Fedorivka there)
        form = next((forms[other] for reading in ukrainian_readings(name) for other in (fold(reading),
                     *variants(fold(reading))) if other in forms), None)
    # a near spelling only for a name the gazetteer does not know: a known name elsewhere ("Kurakhove, Sumy
    # Oblast") is that town misplaced by the text, not a misspelt village of the region
    if form is None and len(key) >= MIN_KEY and key not in gazetteer.index.names:
        best = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=REGION_CUTOFF)
        if best is not None:
            form = forms[best[0]]
    if form is None:
        return None
    context = Context(admin1_codes=(code,), kind="settlement")
    for candidate in gazetteer.resolve(form, context, limit=20, fuzzy=False):
        if candidate.admin1_code == code and candidate.kind == "settlement":
            return candidate
    return None
