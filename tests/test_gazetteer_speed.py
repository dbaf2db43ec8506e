"""The shortcuts that make resolving and `gazetteer resolve -` fast give the answers of the slow way, on random
queries of every kind: names as the index spells them, respelt, upper-cased, misspelt, Cyrillic and inflected."""

from __future__ import annotations

import json
import random
from dataclasses import asdict

import pytest

from gazetteer import Context
from gazetteer.cli import place_json

# a region prior no place has: it adds nothing to any score, but sends resolve through the full ranking
FULL_RANKING = Context(region_prior=(("ZZ-99", 1.0),))


def _queries(gazetteer, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    places = gazetteer.index.places
    out = []
    for place in rng.sample(places, count):
        name = place.name
        kind = rng.randrange(6)
        if kind == 1:
            name = name.replace("y", "i").replace("kh", "h").replace("ia", "ya")
        elif kind == 2:
            name = name.upper()
        elif kind == 3 and len(name) > 6:
            cut = rng.randrange(2, len(name) - 1)
            name = name[:cut] + name[cut + 1 :]  # a letter dropped: fuzzy
        elif kind == 4:
            name = name + "ом" if rng.random() < 0.5 else "у " + name + "і"  # Cyrillic cases, or not a name at all
        elif kind == 5:
            name = name.replace("ivka", "ovka").replace("e", "yo", 1)  # Russian spellings
        out.append(name)
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_the_default_context_ranks_as_the_full_ranking(gazetteer, seed):
    for name in _queries(gazetteer, 1500, seed):
        fast = [asdict(c) for c in gazetteer.resolve(name)]
        full = [asdict(c) for c in gazetteer.resolve(name, FULL_RANKING)]
        assert fast == full, name


def test_a_place_line_is_the_json_encoder_s(gazetteer):
    encode = json.JSONEncoder(ensure_ascii=False).encode
    fragments: dict[str, str] = {}
    for name in _queries(gazetteer, 3000, 3) + ['Kyiv "centre"', "Львів\\", "Sudzha\t"]:
        for candidate in gazetteer.resolve(name, limit=3):
            assert place_json(candidate, fragments) == encode(candidate.to_dict()), name


def test_a_restored_place_is_the_constructed_one():
    import pickle

    from gazetteer.model import Place, _restore_place

    fields = ("gn:1", "Lyman", 48.98, 37.8, "UA", "UA-14", "settlement", 20_000)
    place, restored = Place(*fields), _restore_place(*fields)
    assert restored == place and hash(restored) == hash(place) and repr(restored) == repr(place)
    assert pickle.loads(pickle.dumps(place)) == place
    with pytest.raises(AttributeError):
        restored.name = "Other"  # still frozen
    older = pickle.dumps(place, protocol=0).replace(b"_restore_place", b"Place")  # a pickle made before: Place()
    assert pickle.loads(older) == place
