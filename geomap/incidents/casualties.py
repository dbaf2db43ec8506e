"""Killed and injured figures in a sentence: "killing at least five people", "one person was killed and 21
others were hurt", "seven residents, two of them children" (7; the children are among them), "the death toll
climbed to 30", "A 38-year-old man was injured" (1), "dozens" (24: two dozen, the least it can mean)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .folding import AnyCase

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "dozens": 24,
    "a": 1,
    "an": 1,
}
KILLED = {
    "killed",
    "dead",
    "died",
    "die",
    "dies",
    "deaths",
    "death",
    "perished",
    "lives",
    "fatalities",
    "fatally",
    "bodies",
}
INJURED = {
    "injured",
    "wounded",
    "hurt",
    "injuries",
    "injuring",
    "wounding",
    "casualties",
    "hospitalised",
    "hospitalized",
    "injures",
    "wounds",
    "wound",
    "injure",
}
KILL_BEFORE = {"killing", "killed", "kills", "kill", "claimed", "claiming"}
INJURE_BEFORE = {
    "injuring",
    "injured",
    "injures",
    "injure",
    "wounding",
    "wounded",
    "wounds",
    "wound",
    "hurting",
    "hurt",
    "hospitalising",
}
_HARM_BEFORE = KILL_BEFORE | INJURE_BEFORE  # before "the" in "killing the driver"
HEDGES = {
    "at",
    "least",
    "more",
    "than",
    "over",
    "some",
    "about",
    "around",
    "nearly",
    "almost",
    "up",
    "to",
    "another",
    "a",
    "further",
    "roughly",
    "approximately",
    "at-least",
}
_PEOPLE = {
    "people",
    "persons",
    "person",
    "civilians",
    "civilian",
    "residents",
    "resident",
    "children",
    "child",
    "man",
    "woman",
    "men",
    "women",
    "boy",
    "girl",
    "boys",
    "girls",
    "others",
    "other",
    "more",
    "soldiers",
    "servicemen",
    "workers",
    "rescuers",
    "teenager",
    "teenagers",
    "elderly",
    "people's",
    "passengers",
    "officers",
    "policemen",
    "medics",
    "firefighters",
    "employees",
    "students",
    "infant",
    "baby",
    "pensioner",
    "pensioners",
    "villagers",
    "journalists",
    "volunteers",
    "citizens",
    "guard",
    "guards",
    "driver",
    "drivers",
    "farmer",
    "worker",
    "officer",
    "policeman",
    "medic",
    "paramedic",
    "doctor",
    "nurse",
    "rescuer",
    "firefighter",
    "volunteer",
    "journalist",
    "photographer",
    "employee",
    "soldier",
    "serviceman",
    "villager",
    "pedestrian",
    "passer-by",
    "teacher",
    "priest",
    "student",
    "toddler",
    "responder",
}
_ONE_PERSON = {"driver", "man", "woman", "boy", "girl", "child", "resident", "guard", "worker", "farmer",
               "pensioner", "soldier", "officer", "passenger", "cyclist", "pedestrian", "owner", "operator",
               "daughter", "son", "wife", "husband", "mother", "father", "saleswoman", "salesman"}
# One person named by kin or trade in a list of the harmed ("his 68-year-old grandmother", "a paramedic").
_KIN = {"grandmother", "grandfather", "grandson", "granddaughter", "brother", "sister", "mother", "father", "son",
        "daughter", "wife", "husband", "baby", "infant", "toddler", "teenager", "paramedic", "medic", "doctor",
        "nurse", "rescuer", "firefighter", "volunteer", "journalist", "photographer", "adviser", "teacher",
        "priest", "policeman", "officer", "employee", "student", "villager", "pedestrian", "neighbour",
        "neighbor", "civilian", "person", "child", "resident", "man", "woman", "boy", "girl", "driver", "worker"}
_KIN_PLURAL = {"sons", "daughters", "brothers", "sisters", "parents", "children", "grandparents", "neighbours"}
_DETERMINERS = {"the", "his", "her", "their"}  # before one person after a harm word: "killing the driver"
# Words after "a" that count more than one ("killing a number of people", "a further three", "a couple").
_QUANTITY_WORDS = {"number", "dozen", "hundred", "few", "couple", "total", "further", "lot", "handful", "score",
                   "series", "family", "group", "crowd"}
# Besides words with a digit or a hyphen, the only words that may start a figure.
_NUMBER_OR_THE = frozenset(NUMBER_WORDS) | _DETERMINERS
# a number with thousands separators ("1,085") is one word; other words, and the punctuation the rules read
_WORD = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|[\w'\u2019-]+|[,;:()]")
_TOLL_RISE = {"rose", "risen", "rises", "reached", "climbed", "grew", "increased", "stands", "stood", "to"}
_SPEECH = {"said", "says", "told", "recalled", "added", "reported", "wrote", "explained"}
_GROUPS = {"family", "group", "crew", "team", "unit", "couple"}  # "a family of four" counts the four
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
          "dec"}
# A number after one of these words numbers a thing or a person's age, never counts the dead or hurt:
# "building No. 12", "house 14", "aged 47", "Route 66", "brigade 110".
_NUMBERING_BEFORE = {"no", "nos", "number", "building", "house", "apartment", "flat", "block", "street", "avenue",
                     "route", "highway", "road", "aged", "age", "ages", "brigade", "battalion", "regiment",
                     "division", "corps", "unit", "school", "lyceum", "gymnasium", "kindergarten", "hospital",
                     "platform", "gate", "entrance", "floor", "storey", "quarter", "microdistrict", "plant",
                     "mine", "shaft", "reactor", "page", "article", "resolution", "decree", "flight",
                     "bus", "tram", "train", "km", "kilometre", "kilometer"}
# A number before one of these measures or numbers something ("110 brigade", "9 storeys", "152 mm", "14 hectares").
_MEASURE_AFTER = {"brigade", "brigades", "battalion", "regiment", "division", "corps", "army", "mm", "cm", "m",
                  "kg", "tonnes", "tons", "tonne", "ton", "metres", "meters", "storey", "storeys", "story",
                  "stories", "floor", "floors", "hectares", "ha", "degrees", "uah", "hryvnias", "hryvnia",
                  "roubles", "rubles", "dollars", "euros", "million", "billion", "thousand", "a", "am", "pm",
                  "p", "o'clock", "hrs", "h", "gw", "mw", "kv", "apartments", "flats", "cars", "vehicles",
                  "shahed", "shaheds", "iskander", "iskanders", "kinzhal", "kinzhals", "sorties", "strikes",
                  "attacks", "explosions", "bombs", "glide", "guided", "aerial", "ballistic", "projectiles",
                  "rounds", "munitions", "fpv", "uavs", "seconds", "minutes"}
_TIME_AFTER = re.compile(r"h\d{2}\b|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|hrs\b|GMT|UTC|local time|Kyiv time)",
                         re.IGNORECASE)
WINDOW = 8
_AGE = re.compile(r"\d+-year-olds?")
# Every figure needs one of these words (or "death toll"); a sentence without any of their stems is skipped
# before it is split into words, which most sentences of a report are.
_STEMS = ("kill", "dead", "die", "death", "perish", "lives", "fatal", "bodies", "injur", "wound", "hurt",
          "casualt", "hospital", "claim", "toll", "treated")


@dataclass(frozen=True, slots=True)
class Figure:
    """A casualty count found in a sentence, with its character span."""

    start: int
    end: int
    kind: str  # "killed" | "injured"
    count: int


def number(word: str) -> int | None:
    """ "21" -> 21, "1,700" -> 1700, "five" -> 5, "dozens" -> 24; None for other words."""
    if word.isdecimal():  # not isdigit: superscripts and circled digits are digits int() refuses
        return int(word)
    word = word.lower()
    if word[:1].isdecimal() and re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", word):
        return int(word.replace(",", ""))
    if "-" in word and all(part in NUMBER_WORDS for part in word.split("-")):
        return sum(NUMBER_WORDS[part] for part in word.split("-"))
    return NUMBER_WORDS.get(word)


def find_figures(sentence: str) -> list[Figure]:
    """Casualty figures of a sentence, in order (subsets such as "two of them children" left out)."""
    if not _has_stem(sentence.lower()):
        return []
    words = list(_WORD.finditer(sentence))
    lower = [match.group().lower() for match in words]
    inner = _parentheticals(lower)
    counts_nothing = not_counts(sentence, words, lower)
    out: list[Figure] = []
    listed = _harm_object_lists(words, lower, counts_nothing)
    for figure, _consumed in listed:
        out.append(figure)
    consumed = {k for _figure, taken in listed for k in taken}
    for i, word in enumerate(lower):
        if i in consumed:
            continue  # a person of a list already counted ("killing a paramedic and the driver")
        if word == "another" and _person_after(lower, i) and (kind := _kind_before(lower, i) or _kind_after(
                lower, i + 1, inner | counts_nothing)):
            out.append(Figure(words[i].start(), words[i].end(), kind, 1))  # "Another civilian was killed"
            continue
        if not (word in _NUMBER_OR_THE or "-" in word or word[:1].isdigit()):
            continue  # neither an age, nor "the", nor a word number() reads: most words stop here
        if i in inner:
            continue  # "21 others, including a 4-year-old boy and four teenagers, were wounded"
        if word[:1].isdigit() and _AGE.fullmatch(word):
            if i > 0 and lower[i - 1] in ("a", "an", "one"):
                # "killed a 70-year-old man" names its figure before the age, "a 52-year-old ... was hurt" after
                speaks = lower[i + 2 : i + 3] and lower[i + 2] in _SPEECH  # "a 67-year-old woman said ..."
                kind = _kind_before(lower, i - 1) or (not speaks and _kind_after(lower, i + 1, counts_nothing))
                if kind:
                    out.append(Figure(words[i - 1].start(), words[i].end(), kind, 1))
            continue
        if i in counts_nothing:
            continue  # a year, a day of a date, a time, an address, an age or a unit's number
        count = number(word)
        if count is None and word in _DETERMINERS and i > 0 and lower[i - 1] in _HARM_BEFORE:
            # "killing the driver", "injured their teenage daughter"
            count = 1 if any(w in _ONE_PERSON for w in lower[i + 1 : i + 3]) else None
        if count is not None and word[:1].isdigit() and _clock_time(lower, i):
            continue  # "12:10 - Death toll rises to ten": a time of day
        if count is not None and _age_aside(lower, i):
            continue  # "a man, 47, was killed": an age; the person is the figure ("a man")
        if word in ("a", "an") and _couple_after(lower, i):
            count = 2  # "killed a married couple"
        elif word in ("a", "an") and count and not _person_after(lower, i) and not _one_after_harm(lower, i):
            continue
        if count is None:
            continue
        if word in ("a", "an") and i + 1 < len(lower) and (
            _AGE.fullmatch(lower[i + 1]) or lower[i + 1] in ("dozen", "hundred")
        ):
            continue  # handled at the age word; "a dozen" is the dozen's
        if i > 0 and lower[i - 1] in ("no", "not"):
            continue  # "no one was hurt"
        if _subset(lower, i) or _not_people(lower, i):
            continue
        kind = (_kind_before(lower, i) or _kind_right_after(lower, i) or _toll(lower, i)
                or _kind_after(lower, i + 1, inner | counts_nothing))
        if not kind and out and i + 1 < len(lower) and lower[i + 1] == "in" and lower[i - 1 : i] in (["and"], [","]):
            kind = out[-1].kind  # "two people were killed in X and one in Y"
        if kind:
            out.append(Figure(words[i].start(), words[i].end(), kind, count))
    return out


def not_counts(sentence: str, words: list[re.Match], lower: list[str]) -> set[int]:
    """Indexes of the number words of a sentence that count no one: years ("a 2024 strike", "3 August 2024"),
    days of dates ("on 3 August", "August 3"), times of day ("at 14:20", "at 9.40", "7 a.m."), addresses,
    ages and units ("building No. 12", "aged 47", "the 110 brigade", "a 9 storey block"). A figure is never
    read from them, whatever harm word stands near."""
    out: set[int] = set()
    for i, word in enumerate(lower):
        if not word.isdecimal():  # not isdigit: superscripts are digits that int() refuses
            continue
        value = int(word)
        before = lower[i - 1] if i else ""
        after = lower[i + 1] if i + 1 < len(lower) else ""
        if after.endswith(("'s", "\u2019s")):
            after = after[:-2]  # "the 110 brigade's positions"
        start = words[i].start()
        end = words[i].end()
        if (start > 1 and sentence[start - 1] in ".:" and sentence[start - 2].isdigit()) or (
            sentence[end : end + 1] in (".", ":") and sentence[end + 1 : end + 2].isdigit()
        ):
            out.add(i)  # either side of "9.40" or "1.5": a time or a decimal, never a count of people
        elif len(word) == 4 and 1900 <= value <= 2100 and not (after in _PEOPLE and before not in MONTHS):
            out.add(i)  # a year ("in 2024", "a 2024 strike"), unless it counts people ("2000 people")
        elif value <= 31 and (before in MONTHS or after in MONTHS or (after == "of" and lower[i + 2 : i + 3]
                                                                     and lower[i + 2] in MONTHS)):
            out.add(i)  # "3 August", "August 3", "the 3 of August"
        elif before in _NUMBERING_BEFORE or after in _MEASURE_AFTER:
            out.add(i)
        elif _TIME_AFTER.match(sentence, words[i].end()) and value <= 24:
            out.add(i)  # "at 9.40", "at 07h30", "7 a.m."
        elif before == "at" and value <= 24 and after in ("", ",", ";", "on", "in", "local", "today", "tonight"):
            out.add(i)  # "at 9, a drone hit"
    return out


def _harm_object_lists(words: list[re.Match], lower: list[str], counts_nothing: set[int]
                       ) -> list[tuple[Figure, range]]:
    """The people listed after a harm word, counted one by one: "killing a paramedic and the driver" (2),
    "killing a ten-year-old boy and his 68-year-old grandmother" (2), "wounding two men and a woman" (3). Only
    lists of two or more are returned; one person or one number is read by the word-by-word rules."""
    out: list[tuple[Figure, range]] = []
    for h, word in enumerate(lower):
        if word not in _HARM_BEFORE:
            continue
        kind = "killed" if word in KILL_BEFORE else "injured"
        j, total, phrases = h + 1, 0, 0
        while j < len(lower):
            phrase = _person_phrase(lower, j, counts_nothing)
            if phrase is None:
                break
            count, end = phrase
            total, phrases, j = total + count, phrases + 1, end
            if j < len(lower) and lower[j] in ("and", ",") and j + 1 < len(lower) and lower[j + 1] != "and":
                j += 1
            elif j + 1 < len(lower) and lower[j] == "," and lower[j + 1] == "and":
                j += 2
            else:
                break
        if phrases >= 2:
            out.append((Figure(words[h + 1].start(), words[j - 1].end(), kind, total), range(h + 1, j)))
    return out


def _person_phrase(lower: list[str], j: int, counts_nothing: set[int]) -> tuple[int, int] | None:
    """(count, end) of one phrase naming people at word j ("a paramedic", "his 68-year-old grandmother", "two
    women"), or None."""
    word = lower[j]
    if word in ("a", "an", "one", "another") or word in _DETERMINERS:
        count = 1
    elif j not in counts_nothing and (count := number(word)) is not None and word not in ("a", "an"):
        pass
    else:
        return None
    for k in range(j + 1, min(j + 5, len(lower))):
        noun = lower[k]
        if count == 1 and noun in _ONE_PERSON | _KIN or count > 1 and noun in _PEOPLE | _KIN_PLURAL:
            return count, k + 1
        if noun in (",", ";", "and", "of", "in", "at", "on") or number(noun) is not None and not _AGE.fullmatch(noun):
            return None
    return None


def _has_stem(folded: str) -> bool:
    """Whether the lower-cased sentence holds a stem of _STEMS (a plain loop: cheaper than any() here)."""
    for stem in _STEMS:  # noqa: SIM110
        if stem in folded:
            return True
    return False


def _person_after(lower: list[str], i: int) -> bool:
    """A person right after "a"/"an", or after one word that qualifies them ("a local resident", "a security
    guard")."""
    following = lower[i + 1 : i + 3]
    if following[:1] and following[0] in _PEOPLE:
        return True
    return len(following) == 2 and following[1] in _PEOPLE and following[0] not in _PEOPLE and following[0].isalpha()


def _clock_time(lower: list[str], i: int) -> bool:
    """Hours or minutes of a time of day ("12:10", "at 09:40")."""
    return (i > 1 and lower[i - 1] == ":" and lower[i - 2].isdigit()) or (
        i + 2 < len(lower) and lower[i + 1] == ":" and lower[i + 2].isdigit()
    )


def _age_aside(lower: list[str], i: int) -> bool:
    """A number set off by commas right after a person: an age ("a man, 47, was killed")."""
    return i > 1 and lower[i - 1] == "," and lower[i - 2] in _PEOPLE and lower[i + 1 : i + 2] == [","]


def _couple_after(lower: list[str], i: int) -> bool:
    """ "a couple", "a married couple" (two people), but not "a couple of days"."""
    following = lower[i + 1 : i + 4]
    if "couple" not in following[:2]:
        return False
    rest = following[following.index("couple") + 1 :]
    return rest[:1] != ["of"]


def _one_after_harm(lower: list[str], i: int) -> bool:
    """ "injuring a saleswoman": "a" after a harm word and before a word that is no quantity is one person."""
    if i == 0 or lower[i - 1] not in _HARM_BEFORE or i + 1 >= len(lower):
        return False
    following = lower[i + 1]
    return following.isalpha() and following not in _QUANTITY_WORDS and number(following) is None


def _subset(lower: list[str], i: int) -> bool:
    """ "including two children", "two of them", "among them three"."""
    before = lower[max(0, i - 3) : i]
    if "including" in before or "among" in before or "incl" in before:
        return True
    return lower[i + 1 : i + 3] in (["of", "them"], ["of", "whom"], ["among", "them"])


def _not_people(lower: list[str], i: int) -> bool:
    """Numbers that count things: "74 drones", "30 missiles", "14 settlements", "20 of the 30"."""
    nxt = lower[i + 1] if i + 1 < len(lower) else ""
    if nxt == "of" and lower[i] in ("dozens", "dozen", "hundreds", "hundred"):
        return False  # "dozens of people"
    return nxt in {
        "of",
        "drones",
        "missiles",
        "rockets",
        "shells",
        "settlements",
        "times",
        "km",
        "kilometres",
        "kilometers",
        "miles",
        "percent",
        "%",
        "days",
        "hours",
        "weeks",
        "months",
        "years",
        "tanks",
        "villages",
        "towns",
        "buildings",
        "houses",
        "homes",
        "regions",
        "square",
        "cruise",
    }


def _kind_before(lower: list[str], i: int) -> str | None:
    j = i - 1
    if j >= 2 and lower[j] == "of" and lower[j - 1] in _GROUPS and lower[j - 2] in ("a", "an", "the"):
        j -= 3  # "killed a family of four", "wounding a group of five"
    elif j >= 1 and lower[j] == "of" and lower[j - 1] == "bodies":
        return "killed"  # "the bodies of 8 people were recovered"
    while j >= 0 and lower[j] in HEDGES:
        j -= 1
    if j < 0:
        return None
    if lower[j] in KILL_BEFORE:
        return "killed"
    if lower[j] in INJURE_BEFORE:
        return "injured"
    return None


def _kind_right_after(lower: list[str], i: int) -> str | None:
    """A harm word right after the number, or after one word naming who ("73 injured", "20 people dead"): it
    decides before a death toll the sentence mentions ("the toll has risen to 20 dead and 73 injured")."""
    for k in (i + 1, i + 2):
        if k >= len(lower):
            return None
        word = lower[k]
        if word in KILLED:
            return "killed"
        if word in INJURED:
            return "injured" if word != "casualties" else None
        if word not in _PEOPLE:
            return None
    return None


def _toll(lower: list[str], i: int) -> str | None:
    """The death toll ... climbed to 30"."""
    window = lower[max(0, i - 3 * WINDOW) : i]
    if ";" in window:  # "the death toll rose to ten; 31 people were injured": the toll is the first clause's
        window = window[len(window) - window[::-1].index(";") :]
    if "toll" in window and ("death" in window or "dead" in window):
        return "killed"
    if "number" in window and any(w in _TOLL_RISE for w in window[-4:]):
        # "the number of people killed ... has risen to 16", "the number of injured reached 43"
        after_number = window[window.index("number") + 1 :]
        for word in after_number:
            if word in KILLED:
                return "killed"
            if word in INJURED:
                return "injured" if word != "casualties" else None
    return None


def _parentheticals(lower: list[str]) -> set[int]:
    """Word indexes inside ", including ...," asides: subsets of a figure, not figures of their own."""
    inside: set[int] = set()
    if "including" not in lower and "among" not in lower:
        return inside  # most sentences have no aside, and a list's own search is quicker than the loop below
    for i, word in enumerate(lower):
        if word in ("including", "among") and i > 0 and lower[i - 1] == ",":
            j = i
            while j < len(lower) and lower[j] not in (",", ";"):
                inside.add(j)
                j += 1
    return inside


def _kind_after(lower: list[str], i: int, inner: set[int] | frozenset = frozenset()) -> str | None:
    seen = 0
    for k in range(i, len(lower)):
        word = lower[k]
        if k in inner or word == ",":
            continue
        seen += 1
        if seen > WINDOW:
            break
        if number(word) is not None and word not in ("a", "an") and not _age_aside(lower, k) or word in (
            ";", "including"
        ):
            return None
        if word in KILLED:
            return "killed"
        if word in INJURED:
            return "injured" if word != "casualties" else None
        if word == "treated" and k + 1 < len(lower) and lower[k + 1] == "for":
            return "injured"  # "two women were treated for cuts"
        if word == "hospital" and k > 0 and lower[k - 1] in ("to", "in"):
            return "injured"  # "seven people were taken to hospital"
        if word == "among" and lower[k + 1 : k + 2] == ["the"]:
            return None  # "a paramedic is among the dead": one of a toll counted elsewhere
    return None


# "no one was hurt", "no casualties were reported": figures of zero
_NONE_KILLED = AnyCase(r"\b(?:no(?:\s+one|body)|none)\s+(?:was|were|had been|has been)\s+(?:killed|dead)\b|"
                       r"\bno\s+(?:deaths|fatalities|one died|dead)\b|"
                       r"\b(?:killed|killing|kills)\s+(?:no\s+one|no-one|nobody|none)\b")
_NONE_INJURED = AnyCase(r"\b(?:no(?:\s+one|body)|none)\s+(?:(?:was|were|had been|has been)\s+)?"
                        r"(?:hurt|injured|wounded)\b|\bno\s+(?:injuries|injured|wounded)\b|"
                        r"\b(?:injured|injuring|wounded|wounding|hurt|hurting)\s+(?:no\s+one|no-one|nobody|none)\b")
# "nobody was hurt" (or harmed), with or without its verb ("several houses destroyed, no one hurt"), says no one
# was killed either
_NONE_AT_ALL = AnyCase(r"\b(?:no|without)\s+(?:casualties|victims)\b|\b(?:no\s+one|nobody)\s+was\s+(?:killed\s+or\s+"
                       r"(?:hurt|injured|wounded)|hurt\s+or\s+killed)\b|"
                       r"\b(?:no\s+one|no-one|nobody)\s+(?:(?:was|were|had been|has been)\s+)?(?:hurt|harmed)\b")


# Every _NONE_* match holds one of these; checked in ASCII text only (in other text the long s may spell "s").
_ZERO_HARM_STEMS = ("kill", "dead", "death", "fatalit", "died", "hurt", "injur", "wound", "casualt", "victim", "harm")


def zero_figures(sentence: str) -> tuple[bool, bool]:
    """(no one killed, no one injured) as the sentence says outright ("no casualties were reported")."""
    folded = sentence.lower()
    if "no" not in folded and "without" not in folded:
        return False, False
    if sentence.isascii() and not any(stem in folded for stem in _ZERO_HARM_STEMS):
        return False, False  # "no" without a harm word, as in "north" or "now": no pattern can match
    at_all = _NONE_AT_ALL.search_lowered(sentence, folded)
    return (at_all or _NONE_KILLED.search_lowered(sentence, folded),
            at_all or _NONE_INJURED.search_lowered(sentence, folded))


def totals(figures: list[Figure]) -> tuple[int | None, int | None]:
    """(killed, injured) summed over figures; None where the sentence gives none."""
    killed = [f.count for f in figures if f.kind == "killed"]
    injured = [f.count for f in figures if f.kind == "injured"]
    return (sum(killed) if killed else None, sum(injured) if injured else None)
