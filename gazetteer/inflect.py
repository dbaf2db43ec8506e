"""Guess the dictionary form of an inflected Ukrainian or Russian place name ("у Харкові" -> "Харків").

News text names places in every grammatical case: "в Бахмуте", "під Бахмутом", "з Авдіївки", "в Авдіївці".
The gazetteer holds only the nominative, so when a Cyrillic name is not found as written the resolver asks
`nominatives` for the forms it may come from and keeps those that name a place. The rules are the regular
noun and adjective endings of both languages; they over-generate on purpose (the gazetteer filters).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

# Prepositions that precede a place name in a case other than the nominative; dropped from the front.
PREPOSITIONS = frozenset({
    "в", "у", "во", "на", "під", "пiд", "над", "з", "із", "зі", "із-під", "з-під", "до", "біля", "поблизу",
    "поряд", "коло", "від", "за", "між", "понад", "через", "под", "из", "из-под", "со", "с", "от", "возле",
    "около", "близ", "вблизи", "по", "для", "після", "после", "перед",
})

# (inflected ending, nominative endings it may come from), longest endings first.
_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # adjectival names: Курахове / Кураховое, Кремінна / Кременная, Старий Салтів
    ("ого", ("е", "ое", "ий", "ый", "ой", "о")), ("ому", ("е", "ий", "о")), ("ым", ("ое", "ый")),
    ("ім", ("е", "ий")), ("им", ("е", "ий")), ("ої", ("а",)), ("ій", ("а", "ія", "ия", "я")),
    ("ую", ("ая",)), ("ою", ("а",)), ("ей", ("я", "ь")), ("ой", ("ая", "а", "ое")), ("ом", ("", "о", "е", "ое")),
    ("ем", ("ь", "е", "я")), ("ём", ("ь",)), ("єм", ("я", "є")), ("ям", ("я", "е", "и", "ы")),
    ("ею", ("я",)), ("ами", ("и", "ы")), ("ями", ("і", "и")), ("ах", ("и", "ы")), ("ях", ("і", "и")),
    ("ам", ("и", "ы")), ("ові", ("",)), ("еві", ("ь",)), ("ці", ("ка",)), ("зі", ("га",)), ("сі", ("ха", "са")),
    # single letters
    ("а", ("", "о")), ("у", ("", "а", "о")), ("ю", ("ь", "я")), ("я", ("ь", "е", "я")), ("е", ("", "а", "ь")),
    ("і", ("", "а", "я", "ь", "е", "о")), ("ї", ("я",)), ("и", ("а",)), ("ы", ("а",)),
)
# A last syllable whose vowel alternates in Ukrainian: Харкова -> Харків, Києва -> Київ, Львова -> Львів.
_CLOSED = re.compile(r"([оеє])([бвгґджзклмнпрстфхцчшщ])$")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MAX_FORMS = 48


def is_cyrillic(text: str) -> bool:
    """True when the text has a Cyrillic letter."""
    return bool(_CYRILLIC.search(text))


# Possessive adjectives before a noun decline like adjectives but end in a consonant: Часів Яр, Часового Яру.
_POSSESSIVE: tuple[tuple[str, tuple[str, ...]], ...] = (("ого", ("",)), ("ому", ("",)), ("ім", ("",)))


@lru_cache(maxsize=20_000)
def word_forms(word: str, before_noun: bool = False) -> tuple[str, ...]:
    """Nominatives one inflected Cyrillic word may come from (the word itself first); before_noun adds the
    possessive-adjective readings of a first word ("Часового" -> "Часів")."""
    lower = word.lower()
    forms = [lower]
    for ending, bases in (*_ENDINGS, *_POSSESSIVE) if before_noun else _ENDINGS:
        if len(lower) - len(ending) < 2 or not lower.endswith(ending):
            continue
        stem = lower[: -len(ending)]
        for base in bases:
            forms.append(stem + base)
            if base == "" and (closed := _CLOSED.search(stem)):
                vowel = "ї" if closed.group(1) == "є" else "і"
                forms.append(stem[: closed.start()] + vowel + closed.group(2))
    seen: set[str] = set()
    return tuple(f for f in forms if not (f in seen or seen.add(f)))


def nominatives(name: str) -> list[str]:
    """Candidate dictionary forms of an inflected Cyrillic place name (one to three words), the name's own
    form excluded; an empty list for Latin text or longer phrases."""
    words = name.split()
    while words and words[0].lower() in PREPOSITIONS:
        words = words[1:]
    if not words or len(words) > 3 or not is_cyrillic(name):
        return []
    options = [word_forms(word, before_noun=i < len(words) - 1) if is_cyrillic(word) else (word,)
               for i, word in enumerate(words)]
    out = []
    for combo in product(*options):
        form = " ".join(combo)
        if form.lower() != name.lower():
            out.append(form)
        if len(out) >= MAX_FORMS:
            break
    return out
