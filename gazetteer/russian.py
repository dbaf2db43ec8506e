"""Russian spellings of Ukrainian place names, read back towards the Ukrainian form.

Russian-language sources name Ukrainian villages in Russian: "Novosyolovka Vtoraya" is Novoselivka Druha,
"Velikaya Novosyolka" is Velyka Novosilka. Folding and the -ovka/-ivka variant keys (fold.py) bridge most
of the gap; two differences they cannot see are handled here, on the written words:

- Russian ё (romanised "yo", "ë") stands where Ukrainian writes е, or і in a closed syllable
  (Fyodorovka / Fedorivka, Novosyolka / Novosilka). Folding turns "yo" into "o", so the key loses it.
- Ordinal and size words are different words: Vtoraya / Druha, Pervoye / Pershe, Bolshaya / Velyka; and the
  -ovka / -ivka ending of a name's first word, which the variant keys only see at the end of the whole name.

Only the resolver's fallback uses these readings, when a name matches nothing as written.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from .fold import fold, plain

# Russian qualifier words of place names and their Ukrainian counterparts (romanised), by folded Russian form.
_WORDS = {
    fold(russian): ukrainian
    for russian, ukrainian in (
        ("pervaya", "persha"), ("pervoye", "pershe"), ("pervyy", "pershyi"),
        ("vtoraya", "druha"), ("vtoroye", "druhe"), ("vtoroy", "druhyi"),
        ("tretya", "tretia"), ("tretye", "tretie"), ("tretiy", "tretii"),
        ("bolshaya", "velyka"), ("bolshoye", "velyke"), ("bolshoy", "velykyi"), ("bolshiye", "velyki"),
    )
}
# "yo" after a consonant (Russian ё); unidecode renders ё as "io" (Новосёловка -> novosiolovka).
_ENDING = re.compile(r"(?<=[a-z]{3})[oe]vka$")  # Russian -ovka / -evka, Ukrainian -ivka
_YO = re.compile(r"(?<=[bcdfghklmnprstvz])(?:yo|io)")
MAX_READINGS = 4


def is_qualifier(word: str) -> bool:
    """True for a Russian ordinal or size word of place names ("Vtoraya", "Bolshoye")."""
    return fold(word) in _WORDS


@lru_cache(maxsize=65_536)
def may_be_russian(word: str) -> bool:
    """True for a word a Russian reading may change: a qualifier word or a romanised ё ("Zelyonoye")."""
    return is_qualifier(word) or _YO.search(word.lower()) is not None


@lru_cache(maxsize=20_000)
def ukrainian_readings(name: str) -> tuple[str, ...]:
    """Plain spellings the Russian name may have in Ukrainian (the name's own plain form excluded)."""
    text = plain(name)
    words = text.split(" ")
    if len(words) > 1:
        words = [_WORDS.get(fold(word)) or _ENDING.sub("ivka", word) for word in words]
    worded = " ".join(words)
    slots = _YO.split(worded)
    if len(slots) > 3:  # more than two ё: too many combinations to be a reading worth trying
        return (worded,) if worded != text else ()
    readings = ["".join(part + vowel for part, vowel in zip(slots, (*choice, ""), strict=True))
                for choice in product("ei", repeat=len(slots) - 1)]
    out = [reading for reading in dict.fromkeys(readings) if reading != text]
    return tuple(out[:MAX_READINGS])
