"""Fold place names to one comparison key, so romanisations and Cyrillic spellings of a name meet.

"Kriviy Rih", "Kryvyy Rih", "Kryvyi Rih" and "Кривий Ріг" all fold to ``krivirih``; "Krivoy Rog" folds to
``krivoiroh`` and is matched through GeoNames' alternate names. The key is never shown to users.

What folds together: i/y/yi/iy/j, ia/ya (and ie/ye, iu/yu, io/yo), zh/z, kh/h/g/x, ts/tz/c, w/v, doubled
letters, apostrophes and soft signs, hyphens and spaces (dropped), and the Russian neuter ending -oye/-oe
against the Ukrainian -e (Urozhaynoye / Urozhaine).
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

# Apostrophes, primes and soft/hard signs as unidecode renders them; all dropped.
_DROP = re.compile(r"[\'\u2019\u2018\u02bc\u02b9\u0060\u00b4\"]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_./,()]+")
# Ordered rewrites: multi-letter romanisations first, then single letters, then vowel clusters.
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"shch|sch|szcz", "sh"),
        (r"tch", "ch"),
        (r"zh|z", "z"),
        (r"kh|h|g|x", "h"),
        (r"ts|tz|c(?!h)", "c"),
        (r"w", "v"),
        (r"q", "k"),
        (r"[yj]", "i"),
        (r"i+", "i"),
        (r"i(?=[aeou])", ""),  # ia/ya -> a, ie/ye -> e, iu/yu -> u, io/yo -> o
        (r"(.)\1+", r"\1"),  # doubled letters: zhzh, ss, nn
        (r"(?<=[a-z]{3})oe\b", "e"),  # Russian neuter -oye against Ukrainian -e
        (r" ", ""),  # "Ivano-Frankivsk", "Ivano Frankivsk" and "Ivanofrankivsk" meet
    )
)


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Return the comparison key of a place name: ASCII, lower case, transliteration-insensitive."""
    text = unidecode(name).lower()
    text = _DROP.sub("", text)
    text = _SEPARATORS.sub(" ", text).strip()
    for pattern, repl in _REWRITES:
        text = pattern.sub(repl, text)
    return text


@lru_cache(maxsize=200_000)
def plain(name: str) -> str:
    """Return a light key (ASCII, lower case, separators as one space) used to tell exact matches apart."""
    text = unidecode(name).lower()
    text = _DROP.sub("", text)
    return _SEPARATORS.sub(" ", text).strip()
