"""What the index precomputes and the shortcuts fold takes must give what the plain computation gives."""

from __future__ import annotations

import pickle
import re

from hypothesis import given
from hypothesis import strategies as st

from gazetteer import fold
from gazetteer.fold import _REWRITABLE, _fold_once, plain
from gazetteer.matches import is_single, key_matches, known_variants
from gazetteer.model import Place

_DROP = re.compile(r"[\'\u2019\u2018\u02bc\u02b9\u0060\u00b4\"]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_./,()]+")


def _fixed_point(name: str) -> str:
    """fold without its shortcuts: passes until nothing changes."""
    key = _fold_once(plain(name))
    while (again := _fold_once(key)) != key:
        key = again
    return key


def _slow_plain(name: str) -> str:
    from unidecode import unidecode
    return _SEPARATORS.sub(" ", _DROP.sub("", unidecode(name).lower())).strip()


def test_table_gives_what_key_matches_works_out(gazetteer):
    names = gazetteer.index.names
    for key, entries in names.items():
        others = known_variants(names, key)
        if not others and is_single(entries):
            assert key not in gazetteer.index.matches
        forms = {entry[2] for name in (key, *others) for entry in names[name]}
        for written in (*forms, "", key):
            assert gazetteer._lookup(key, written) == key_matches(names, key, others, written), (key, written)


def test_keys_outside_the_index_still_reach_their_variants(gazetteer):
    # a Russian -ovka spelling whose key the index lacks finds the Ukrainian -ivka places at a discount
    names = gazetteer.index.names
    found = 0
    for key in names:
        russian = key[:-4] + "ovka"
        if key.endswith("ivka") and russian not in names and key in known_variants(names, russian):
            matches = gazetteer._lookup(russian, russian)
            assert matches == key_matches(names, russian, known_variants(names, russian), russian)
            assert matches and all(match.endswith(":variant") for _, _, match in matches)
            found += 1
    assert found > 50


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
