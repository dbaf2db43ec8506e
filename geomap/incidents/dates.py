"""Dates in a sentence, resolved against the publication date: "on November 11", "Sept. 30", "on Saturday",
"Saturday's strike", "yesterday", "overnight", "the past day". Vague spans ("last week", "this summer",
"in August") give no date. Each date is marked "event" or "report": a date tied to a speech verb ("said on
Sunday", "on November 9 confirmed") dates the report, which is the event's date only when nothing else is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

from .folding import AnyCase

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_CALENDAR = re.compile(
    rf"\b(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"{_MONTH}(?:,?\s+\d{{4}})?)\b",
    re.IGNORECASE,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:['\u2019]s)?\b", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(yesterday|today|overnight|last night|this morning|earlier today|tonight|"
    r"(?:the\s+)?past\s+(?:day|24\s+hours)|the same day|that day|"
    r"(?:two|three|four|five|\d)\s+days\s+ago)\b",
    re.IGNORECASE,
)
_SPEECH = (
    r"(?:said|says|say|told|reported|reports|confirmed|wrote|announced|stated|added|claimed|"
    r"acknowledged|denied|posted|tweeted|noted)"
)
_SPEECH_BEFORE = AnyCase(rf"\b{_SPEECH}\s+(?:on\s+|late\s+on\s+|early\s+on\s+|in\s+)?$")
_SPEECH_AFTER = AnyCase(rf"^\s*,?\s*(?:it\s+|he\s+|she\s+|they\s+)?{_SPEECH}\b")
# A sentence that opens with its date and then a speaker: "On Sunday, Russia's defence ministry claimed ...".
_OPENING = AnyCase(r"^\W*(?:(?:late|early)\s+)?(?:on\s+)?$")
_SPEAKER_THEN_SPEECH = re.compile(rf"^\s*,?\s*(?:[\w'\u2019-]+\s+){{1,4}}?{_SPEECH}\b", re.IGNORECASE)
_AGO = {"two": 2, "three": 3, "four": 4, "five": 5}
SAME_DAY = "same"


@dataclass(frozen=True, slots=True)
class Found:
    """A date in a sentence: its span, its value (None for "the same day") and event or report."""

    start: int
    end: int
    value: date | None
    role: str  # "event" | "report" | "same"


# Literal pieces of the patterns above: a _CALENDAR match holds a digit and a month stem, a _WEEKDAY match a
# weekday's name, a _RELATIVE match one of _RELATIVE_STEMS. Most sentences hold none, and substring tests are
# far cheaper than an IGNORECASE scan.
_DIGIT = re.compile(r"\d")
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_RELATIVE_STEMS = ("yesterday", "today", "night", "morning", "past", "same day", "that day", "days")


def _may_match(folded: str | None, stems: tuple[str, ...]) -> bool:
    """False only when the lower-cased ASCII sentence holds none of the stems, so the pattern cannot match.
    Non-ASCII text (folded None) is always scanned: under IGNORECASE the long s matches "s" and the Kelvin
    sign "k", which a substring test of the lower-cased text would miss."""
    if folded is None:
        return True
    for stem in stems:  # noqa: SIM110  (a plain loop: any() over a generator costs more than the tests)
        if stem in folded:
            return True
    return False


def find_dates(sentence: str, published: date | None) -> list[Found]:
    """Every resolvable date of a sentence, in order; empty without a publication date."""
    if published is None:
        return []
    folded = sentence.lower() if sentence.isascii() else None
    out: list[Found] = []
    if _DIGIT.search(sentence) and _may_match(folded, _MONTH_STEMS):
        for match in _CALENDAR.finditer(sentence):
            value = calendar_date(match.group(), published)
            if value is not None:
                out.append(Found(match.start(), match.end(), value, _role(sentence, match)))
    if _may_match(folded, _WEEKDAYS):
        for match in _WEEKDAY.finditer(sentence):
            if any(f.start <= match.start() < f.end for f in out):
                continue
            value = weekday_date(match.group(1), published)
            out.append(Found(match.start(), match.end(), value, _role(sentence, match)))
    if _may_match(folded, _RELATIVE_STEMS):
        for match in _RELATIVE.finditer(sentence):
            phrase = match.group(1).lower()
            if phrase in ("the same day", "that day"):
                out.append(Found(match.start(), match.end(), None, SAME_DAY))
                continue
            out.append(Found(match.start(), match.end(), relative_date(phrase, published), _role(sentence, match)))
    out.sort(key=lambda f: f.start)
    return out


def _role(sentence: str, match: re.Match) -> str:
    if _SPEECH_BEFORE.search(sentence[max(0, match.start() - 30) : match.start()]):
        return "report"
    if _SPEECH_AFTER.match(sentence[match.end() : match.end() + 30]):
        return "report"
    after = sentence[match.end() : match.end() + 50]
    if _OPENING.match(sentence[: match.start()]) and _SPEAKER_THEN_SPEECH.match(after):
        return "report"
    if match.group().isupper() and sentence[match.end() : match.end() + 1] == ":":
        return "report"  # a photo caption's dateline ("KYIV, UKRAINE - JANUARY 15:")
    return "event"


_MONTH_NUMBERS = {name: number for number, name in enumerate(_MONTH_STEMS, start=1)}


def month_number(name: str) -> int | None:
    """1-12 for a month's name or abbreviation in any case ("September", "Sept", "jan"); None otherwise."""
    return _MONTH_NUMBERS.get(name[:3].lower())

# The two shapes _CALENDAR finds, with their parts named, so a plain date needs no full date parser.
_PARTS = re.compile(
    r"^(?:(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"(?P<month2>[a-z]+)\.?)(?:,?\s+(?P<year>\d{4}))?$",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def calendar_date(text: str, published: date) -> date | None:
    """ "November 11", "Sept. 30", "5 June 2024" -> the date, in the past of the publication date."""
    quick = _plain_date(text, published)
    if quick is not None:
        return quick
    return _parsed_date(text, published)


def _plain_date(text: str, published: date) -> date | None:
    """The date of a month name, a day and maybe a year, read from their parts; None to leave it to
    dateparser (an impossible day, a year without that day)."""
    parts = _PARTS.match(text)
    month = month_number(parts.group("month") or parts.group("month2")) if parts else None
    if month is None:
        return None
    day = int(parts.group("day") or parts.group("day2"))
    try:
        if parts.group("year"):
            return date(int(parts.group("year")), month, day)
        value = date(published.year, month, day)
        return value if value <= published else date(published.year - 1, month, day)
    except ValueError:
        return None


def _parsed_date(text: str, published: date) -> date | None:
    clean = re.sub(r"\bSept\b", "Sep", text.replace(".", ""), flags=re.IGNORECASE)
    base = datetime(published.year, published.month, published.day, 12)
    parsed = dateparser.parse(
        clean,
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]},
    )
    if parsed is None:
        return None
    value = parsed.date()
    if value > published and not re.search(r"\d{4}", text):
        value = value.replace(year=value.year - 1)
    return value


def weekday_date(name: str, published: date) -> date:
    """The most recent such weekday on or before the publication date."""
    back = (published.weekday() - _WEEKDAYS.index(name.lower())) % 7
    return published - timedelta(days=back)


def relative_date(phrase: str, published: date) -> date:
    """ "yesterday", "the past day" -> the day before; "overnight", "today" -> the publication date."""
    if phrase == "yesterday" or "past" in phrase:
        return published - timedelta(days=1)
    if phrase.endswith("days ago"):
        word = phrase.split()[0]
        return published - timedelta(days=int(word) if word.isdigit() else _AGO[word])
    return published
