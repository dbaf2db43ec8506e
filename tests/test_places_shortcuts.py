"""The shortcuts that keep place finding fast give the answers of the slow ways they replace."""

from __future__ import annotations

import random

import pytest
from wordfreq import get_frequency_list, zipf_frequency

from gazetteer.fold import variants
from gazetteer.model import km
from gazetteer.resolve import NEAR_KM, _nearest_within
from geomap.places.context import COMMON_ZIPF, common_word


def _words_around_the_cut() -> list[str]:
    """English words from the bands just above and just below the common-word frequency, and some rare ones."""
    bands = [band for band in get_frequency_list("en") if band]
    cut = next(i for i, band in enumerate(bands) if zipf_frequency(band[0], "en") < COMMON_ZIPF)
    words = [w for band in bands[cut - 3 : cut + 3] for w in band[:40]]
    return words + [w for band in bands[cut + 200 : cut + 203] for w in band[:20]]


@pytest.mark.parametrize("word", [*_words_around_the_cut(), "Bar", "MOST", "Police", "Kharkiv", "Bil'shovyk",
                                  "café", "Київ", "Novomikhailovka", "the"])
def test_common_word_agrees_with_wordfreq(word):
    assert common_word(word) == (zipf_frequency(word.lower(), "en") >= COMMON_ZIPF)


def test_variant_answers_are_remembered_not_changed(gazetteer):
    keys = ["novoselovka", "pokrovskoe", "zelenoe", "kharkiv", "nowhereville", "troops", "andreevka"]
    slow = [key in gazetteer._names or any(v in gazetteer._names for v in variants(key)) for key in keys]
    gazetteer.clear_cache()
    assert [gazetteer.has_key(key) for key in keys] == slow
    assert [gazetteer.has_key(key) for key in keys] == slow  # from the cache


def test_nearest_within_is_exact_inside_the_radius_and_says_far_outside():
    rng = random.Random(7)
    for _ in range(5000):
        lat, lon = rng.uniform(44, 56), rng.uniform(22, 50)
        points = tuple((rng.uniform(44, 56), rng.uniform(22, 50)) for _ in range(rng.randint(1, 12)))
        exact = min(km(lat, lon, p_lat, p_lon) for p_lat, p_lon in points)

        class Where:  # _nearest_within reads only a place's point
            pass

        place = Where()
        place.lat, place.lon = lat, lon
        found = _nearest_within(place, points)
        if exact < NEAR_KM + 1:
            assert found == exact
        else:
            assert found >= NEAR_KM + 1


@pytest.mark.parametrize("name", ["Kharkiv", "Andriivka", "Novoselovka", "Kryvyi Rih", "Харкові", "Pokrovsk"])
def test_a_fresh_default_context_ranks_as_no_context(gazetteer, name):
    from gazetteer import Context

    assert gazetteer.resolve(name, Context(), limit=8) == gazetteer.resolve(name, limit=8)


def _tokens_the_slow_way(text: str) -> list[tuple]:
    """Each word found on its own with finditer, possessive split off, initial from the gap before it."""
    import re

    out, last = [], 0
    for match in re.finditer(r"[^\W\d_]+(?:['\u2019\u02bc\u00b4`][^\W\d_]+)*", text):
        word, start, end = match.group(), match.start(), match.end()
        possessive = len(word) > 3 and word.endswith(("'s", "\u2019s", "\u02bcs"))
        if possessive:
            word, end = word[:-2], end - 2
        gap = text[last:start].strip(" \t")
        initial = not out or (gap[-1:] in set('.!?:;\n"\u201c\u2018([\u2014|#*>') if gap else False) or (
            "\n" in text[last:start])
        out.append((word, start, end, possessive, initial))
        last = match.end()
    return out


def test_tokens_tile_the_text_as_a_word_by_word_scan_would():
    from geomap.places.tokens import tokenize

    rng = random.Random(3)
    texts = ["Kharkiv's  mayor\n\n'quoted' \u2014 Bil'shovyk\u2019s 5km x_y \u041a\u0438\u0457\u0432. Its's", "", "'''"]
    texts += ["".join(rng.choice("ab A'\u2019\u02bc\u00b4`s.\n\t-_1\u042f,;:\"( ") for _ in range(rng.randint(0, 60)))
              for _ in range(3000)]
    for text in texts:
        found = [(t.text, t.start, t.end, t.possessive, t.initial) for t in tokenize(text)]
        assert found == _tokens_the_slow_way(text), text


def test_sentence_bounds_agree_with_searching_the_text_each_time():
    from geomap.places.find import _sentence_bounds

    def searched(text: str, offset: int) -> tuple[int, int]:
        start = max(text.rfind(". ", 0, offset), text.rfind("\n", 0, offset)) + 1
        ends = [i for i in (text.find(". ", offset), text.find("\n", offset)) if i != -1]
        return start, min(ends) if ends else len(text)

    rng = random.Random(11)
    for _ in range(2000):
        text = "".join(rng.choice("ab. \n.") for _ in range(rng.randint(0, 40)))
        for offset in range(len(text) + 1):
            assert _sentence_bounds(text, offset) == searched(text, offset), (text, offset)
