"""What the index precomputes and the shortcuts fold takes must give what the plain computation gives."""

from __future__ import annotations

import math
import pickle
import re
import struct

from hypothesis import given
from hypothesis import strategies as st

from gazetteer import fold
from gazetteer.build import IndexData
from gazetteer.fold import _REWRITABLE, _fold_once, plain
from gazetteer.matches import default_order, is_single, key_matches, known_variants
from gazetteer.model import Place
from gazetteer.resolve import Gazetteer, round4

_DROP = re.compile(r"[\'\u2019\u2018\u02bc\u02b9\u0060\u00b4\"]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_./,()]+")


def _fixed_point(name: str) -> str:
    """fold without its shortcuts: passes until nothing changes."""
    key = _fold_once(plain(name))
    while (again := _fold_once(key)) != key:
        key = again
    return key


def _fixed_point_of_plain(text: str) -> str:
    key = _fold_once(text)
    while (again := _fold_once(key)) != key:
        key = again
    return key


def _slow_plain(name: str) -> str:
    from unidecode import unidecode
    return _SEPARATORS.sub(" ", _DROP.sub("", unidecode(name).lower())).strip()


def test_table_gives_what_key_matches_works_out(gazetteer):
    """The build's table holds what the resolver would work out, in the order the default context ranks it."""
    names, places, priors = gazetteer.index.names, gazetteer.index.places, gazetteer.index.priors
    for key, entries in names.items():
        others = known_variants(names, key)
        if not others and is_single(entries):
            assert key not in gazetteer.index.matches
        forms = {entry[2] for name in (key, *others) for entry in names[name]}
        for written in (*forms, "", key):
            expected = default_order(key_matches(names, key, others, written), places, priors)
            assert gazetteer._lookup(key, written) == expected, (key, written)


def test_keys_outside_the_index_still_reach_their_variants(gazetteer):
    # a Russian -ovka spelling whose key the index lacks finds the Ukrainian -ivka places at a discount
    names = gazetteer.index.names
    found = 0
    for key in names:
        russian = key[:-4] + "ovka"
        if key.endswith("ivka") and russian not in names and key in known_variants(names, russian):
            matches = gazetteer._lookup(russian, russian)
            assert matches == default_order(key_matches(names, russian, known_variants(names, russian), russian),
                                            gazetteer.index.places, gazetteer.index.priors)
            assert matches and all(match.endswith(":variant") for _, _, match in matches)
            found += 1
    assert found > 50


def test_spellings_map_to_the_key_fold_gives(gazetteer):
    keys = gazetteer.index.keys
    assert len(keys) > 50_000
    for key, entries in gazetteer.index.names.items():
        for _, _, form in entries:
            assert keys[form] == key
    for form, key in keys.items():  # fold reads the plain form only: any name with this form folds to key
        assert _fixed_point_of_plain(form) == key, form


def test_fold_shortcuts_reach_the_fixed_point(gazetteer):
    forms = {entry[2] for entries in gazetteer.index.names.values() for entry in entries}
    for form in forms:
        assert fold(form) == _fixed_point(form), form
        assert not _REWRITABLE.search(fold(form)) or _fold_once(fold(form)) == fold(form)


@given(st.text(alphabet="abcdeghijkloqstuwxyz -'", max_size=16))
def test_fold_equals_fixed_point_on_any_latin_text(name):
    assert fold(name) == _fixed_point(name)
    assert plain(name) == _slow_plain(name)


@given(st.text(max_size=12))
def test_plain_shortcut_on_any_text(name):
    assert plain(name) == _slow_plain(name)


def test_place_pickles_as_itself():
    place = Place("gn:1", "Lyman", 48.98, 37.8, "UA", "UA-14", "settlement", 20_000)
    assert pickle.loads(pickle.dumps(place)) == place


def _same_float(a: float, b: float) -> bool:
    return a == b and math.copysign(1, a) == math.copysign(1, b) or (math.isnan(a) and math.isnan(b))


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_round4_is_round_on_any_float(x):
    assert _same_float(round4(x), round(x, 4))


@given(st.floats(min_value=0.0, max_value=3.0))
def test_round4_is_round_on_scores(x):
    assert _same_float(round4(x), round(x, 4))


def test_round4_next_to_ties():
    # the doubles around d.dddd5, where rounding is decided by the last bits
    for digits in range(0, 30_000, 7):
        tie = (digits + 0.5) / 10_000
        bits = struct.unpack("<q", struct.pack("<d", tie))[0]
        for step in range(-4, 5):
            x = struct.unpack("<d", struct.pack("<q", bits + step))[0]
            assert _same_float(round4(x), round(x, 4)), x


def test_an_index_without_the_build_tables_resolves_the_same(gazetteer):
    index = gazetteer.index
    bare = IndexData(version=index.version, stamp=index.stamp, countries=index.countries, places=index.places,
                     names=index.names, admin1_names=index.admin1_names, sources=index.sources,
                     admin1_index=index.admin1_index, common_words=index.common_words)
    other = Gazetteer(bare)
    for name in ("Ivanovka", "Mikhailovka", "Kharkov", "Donbas", "Zaporozhye", "у Харкові", "Bakhmut", "Kyiv"):
        assert ([(c.id, c.score, c.match, c.reasons) for c in other.resolve(name)]
                == [(c.id, c.score, c.match, c.reasons) for c in gazetteer.resolve(name)]), name


def test_default_answers_equal_a_full_ranking(gazetteer):
    """Reading the build's order gives what ranking every match gives: the top five of many namesakes."""
    from gazetteer import Context

    # a region prior no place has adds nothing, but takes the full ranking (a Context equal to the default would
    # be read as the default)
    anywhere = Context(region_prior=(("ZZ-99", 1.0),))
    for name in ("Novomykhailivka", "Andriivka", "Oleksandrivka", "Pryluky", "Kyiv", "Stepne", "Pavlivka"):
        fast = [(c.id, c.score, c.match, c.reasons) for c in gazetteer.resolve(name)]
        full = [(c.id, c.score, c.match, c.reasons) for c in gazetteer.resolve(name, anywhere)]
        assert fast == full, name
