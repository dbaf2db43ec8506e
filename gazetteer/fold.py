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
# Ordered rewrites: multi-letter romanisations first (plain str.replace, much faster than regex), then single
# letters (one str.translate), then vowel clusters and doubled letters.
_MULTI = (("shch", "sh"), ("szcz", "sh"), ("sch", "sh"), ("tch", "ch"), ("zh", "z"), ("kh", "h"), ("ts", "c"),
          ("tz", "c"))
_SINGLE = str.maketrans({"g": "h", "x": "h", "w": "v", "q": "k", "y": "i", "j": "i"})
_IOTATED = (("ia", "a"), ("ie", "e"), ("iu", "u"), ("io", "o"))  # ia/ya -> a, ie/ye -> e, iu/yu -> u ...
_DOUBLED = re.compile(r"(.)\1+")  # zhzh, ss, nn
_NEUTER = re.compile(r"(?<=[a-z]{3})oe\b")  # Russian neuter -oye against Ukrainian -e


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Return the comparison key of a place name: ASCII, lower case, transliteration-insensitive."""
    text = plain(name)
    for old, new in _MULTI:
        if old in text:
            text = text.replace(old, new)
    text = text.translate(_SINGLE)
    while "ii" in text:
        text = text.replace("ii", "i")
    for old, new in _IOTATED:
        if old in text:
            text = text.replace(old, new)
    text = _DOUBLED.sub(r"\1", text)
    if "oe" in text:
        text = _NEUTER.sub("e", text)
    return text.replace(" ", "")  # "Ivano-Frankivsk", "Ivano Frankivsk" and "Ivanofrankivsk" meet


@lru_cache(maxsize=200_000)
def plain(name: str) -> str:
    """Return a light key (ASCII, lower case, separators as one space) used to tell exact matches apart."""
    text = unidecode(name).lower()
    text = _DROP.sub("", text)
    return _SEPARATORS.sub(" ", text).strip()
