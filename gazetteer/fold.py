"""Fold place names to one comparison key, so romanisations and Cyrillic spellings of a name meet.

"Kriviy Rih", "Kryvyy Rih", "Kryvyi Rih" and "Кривий Ріг" all fold to ``krivirih``; "Krivoy Rog" folds to
``krivoiroh`` and is matched through GeoNames' alternate names. The key is never shown to users.

What folds together: i/y/yi/iy/j, ia/ya (and ie/ye, iu/yu, io/yo), zh/z, kh/h/g/x, ts/tz/c, w/v, doubled
letters, apostrophes and soft signs, hyphens and spaces (dropped), and the Russian neuter ending -oye/-oe
against the Ukrainian -e (Urozhaynoye / Urozhaine). An English "x" reads "ks" (Alexandrovka).

`variants` gives the other keys a name may have across Russian and Ukrainian: Russian -ovka/-evka against
Ukrainian -ivka (Mikhailovka / Mykhailivka), -ovo/-ino against -ove/-yne, and a few stems whose vowels or
initial letters differ (Aleksandr- / Oleksandr-, Nikol- / Mykol-, Kamen- / Kamian-).
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

# Apostrophes, primes and soft/hard signs as unidecode renders them; all dropped.
_DROP = re.compile(r"[\'\u2019\u2018\u02bc\u02b9\u0060\u00b4\"]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_./,()]+")
# Ordered rewrites: multi-letter romanisations first (plain str.replace, much faster than regex), then single
# letters, then vowel clusters and doubled letters.
_MULTI = (("shch", "sh"), ("szcz", "sh"), ("sch", "sh"), ("tch", "ch"), ("zh", "z"), ("kh", "h"), ("ts", "c"),
          ("tz", "c"))
# Single letters, one replace each (no output letter is replaced later, so the order does not matter).
_SINGLE = (("g", "h"), ("x", "ks"), ("w", "v"), ("q", "k"), ("y", "i"), ("j", "i"))
_IOTATED = (("ia", "a"), ("ie", "e"), ("iu", "u"), ("io", "o"))  # ia/ya -> a, ie/ye -> e, iu/yu -> u ...
_DOUBLED = re.compile(r"(.)\1+")  # zhzh, ss, nn
_NEUTER = re.compile(r"(?<=[a-z]{3})oe\b")  # Russian neuter -oye against Ukrainian -e
# What a pass may leave for the next pass to rewrite (a superset is safe: it only costs a pass that changes
# nothing). Single letters and spaces are not in it: a pass removes them all and its later steps only delete
# letters (or turn "oe" into "e"), so they never bring one back.
_REWRITABLE = re.compile(r"s(?:h?ch|zcz)|tch|[zk]h|t[sz]|i[iaeuo]|(.)\1|oe")


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Return the comparison key of a place name: ASCII, lower case, transliteration-insensitive.

    The rewrites run until nothing changes, so a key folds to itself ("kg" -> "kh" -> "h"): a key may be
    looked up again without a second spelling of it. A further pass runs only when the key still holds
    something a pass rewrites (_REWRITABLE), which is rare: a pass over a key holding none of it is the
    identity, so skipping it gives the same fixed point."""
    key = _fold_once(plain(name))
    while _REWRITABLE.search(key):
        again = _fold_once(key)
        if again == key:
            break
        key = again
    return key


def _fold_once(text: str) -> str:
    """One pass of the rewrites; each step is skipped when its pattern is absent (then it is the identity)."""
    if "h" in text or "z" in text or "ts" in text:  # every _MULTI pattern holds one of these
        for old, new in _MULTI:
            if old in text:
                text = text.replace(old, new)
    for old, new in _SINGLE:
        if old in text:
            text = text.replace(old, new)
    while "ii" in text:
        text = text.replace("ii", "i")
    for old, new in _IOTATED:
        if old in text:
            text = text.replace(old, new)
    if _DOUBLED.search(text):
        text = _DOUBLED.sub(r"\1", text)
    if "oe" in text:
        text = _NEUTER.sub("e", text)
    if " " in text:
        text = text.replace(" ", "")  # "Ivano-Frankivsk", "Ivano Frankivsk" and "Ivanofrankivsk" meet
    return text


@lru_cache(maxsize=200_000)
def plain(name: str) -> str:
    """Return a light key (ASCII, lower case, separators as one space) used to tell exact matches apart."""
    text = (name if name.isascii() else unidecode(name)).lower()  # unidecode returns ASCII text unchanged
    if text.isalnum():  # a single ASCII word: nothing to drop, join or strip
        return text
    text = _DROP.sub("", text)
    return _SEPARATORS.sub(" ", text).strip()


# Russian and Ukrainian endings of the same name, on folded keys: (Russian, Ukrainian). Tried both ways.
_SUFFIX_PAIRS = (("ovka", "ivka"), ("evka", "ivka"), ("ovo", "ove"), ("evo", "eve"), ("ino", "ine"))
_RUSSIAN_OV = "ov"  # Kharkov / Kharkiv, Chernigov / Chernihiv: Russian -ov, Ukrainian -iv (one way only)
# Stems spelt differently in Russian and Ukrainian (folded): Russian -> Ukrainian, first occurrence only.
_STEM_PAIRS = (("aleks", "oleks"), ("nikol", "mikol"), ("kamen", "kaman"), ("pesh", "pish"),
               ("chern", "chorn"), ("svet", "svit"), ("konst", "kost"), ("belo", "bilo"), ("bele", "bile"),
               ("lesn", "lisn"), ("podh", "pidh"))
_START_PAIRS = (("olh", "vilh"), ("uhl", "vuhl"))  # Olkhovka / Vilkhivka, Ugledar / Vuhledar
MAX_VARIANTS = 8


@lru_cache(maxsize=200_000)
def variants(key: str) -> tuple[str, ...]:
    """Other folded keys the same name may have in the other language's spelling (the key itself excluded).

    Only rules that hold across many names: an ending or a stem rewritten, each rule applied once; at most
    MAX_VARIANTS keys, so a lookup stays cheap."""
    if len(key) < 5:
        return ()
    ends = [key]
    for russian, ukrainian in _SUFFIX_PAIRS:
        if key.endswith(russian):
            ends.append(key[: -len(russian)] + ukrainian)
        elif key.endswith(ukrainian):
            ends.append(key[: -len(ukrainian)] + russian)
    if len(key) >= 6 and key.endswith(_RUSSIAN_OV):
        ends.append(key[:-2] + "iv")
    out: list[str] = []
    for end in ends:
        forms = [end]
        for russian, ukrainian in _STEM_PAIRS:
            if russian in end:
                forms += [form.replace(russian, ukrainian, 1) for form in forms]
        for russian, ukrainian in _START_PAIRS:
            if end.startswith(russian):
                forms += [ukrainian + form[len(russian):] for form in forms if form.startswith(russian)]
        out += forms
    seen = {key}
    result = []
    for form in (_DOUBLED.sub(r"\1", form) for form in out):  # Novo + oleks... folds to novoleks...
        if form not in seen:
            seen.add(form)
            result.append(form)
    return tuple(result[:MAX_VARIANTS])
