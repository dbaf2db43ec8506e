"""Russian groups of forces named after directions, regions or rivers (Sever, Zapad, Yug, Tsentr, Vostok, Dnepr).

"Units of the Vostok group of forces took Velyka Novosilka": Vostok is a village name and Dnepr the Russian name
of Dnipro, but written so it names a military grouping, not a place. The names come from
`data/groupings.toml`; `grouping_at(text, start, end)` tells whether the span text[start:end] is written as a
grouping's name, for the text layer to drop it as a place.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .exc import DataSourceError
from .fold import fold

GROUPINGS_PATH = Path(__file__).parent / "data" / "groupings.toml"

# What marks a name as a grouping's, just before or just after it (case-insensitive). English: "the Sever group
# (of forces)", "Group of Forces Sever", "Sever grouping", "Battlegroup Dnepr"; Russian and Ukrainian:
# "группировка войск «Север»", "угруповання військ «Схід»"; quotes around the name are allowed.
_BEFORE = re.compile(
    r"(?:\bgroup(?:ing)?\s+of\s+(?:forces|troops)|\bgroup(?:ing)?|\bbattle\s?group|\bforces\s+group|"
    r"группировк\w*(?:\s+войск)?|угрупован\w*(?:\s+військ)?|"
    r"\bгрупп\w*(?:\s+войск)?|\bгруп\w*(?:\s+військ)?)\s*[\"'«“„‘]?\s*$",
    re.IGNORECASE)
_AFTER = re.compile(
    r"^\s*[\"'»”“’]?\s*(?:group(?:ing)?s?\b|battle\s?group\b|forces\s+group\b|military\s+group\b|"
    r"группировк\w*|угрупован\w*)",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Grouping:
    """One grouping: its usual name, what it is, and every spelling of it that reports use."""

    name: str
    meaning: str
    names: tuple[str, ...]


@cache
def groupings() -> tuple[Grouping, ...]:
    """The groupings of the data file (read once)."""
    try:
        with GROUPINGS_PATH.open("rb") as handle:
            data = tomllib.load(handle)
        return tuple(Grouping(entry["name"], entry.get("meaning", ""), tuple(entry["names"]))
                     for entry in data["grouping"])
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise DataSourceError(f"{GROUPINGS_PATH}: cannot read the groupings ({exc})") from exc


@cache
def _by_key() -> dict[str, Grouping]:
    return {fold(name): grouping for grouping in groupings() for name in grouping.names}


def grouping_named(name: str) -> Grouping | None:
    """The grouping a name may stand for ("Vostok", "Восток", "East"), or None; says nothing of the text."""
    return _by_key().get(fold(name.strip("\"'«»“”„‘’ ")))


def grouping_at(text: str, start: int, end: int) -> Grouping | None:
    """The grouping text[start:end] names when the words around it make it one ("the Sever group of forces",
    "Group of Forces Vostok", "группировка «Днепр»"), else None: a bare "Vostok" stays a place."""
    grouping = grouping_named(text[start:end])
    if grouping is None:
        return None
    before, after = text[max(0, start - 40):start], text[end:end + 40]
    if _BEFORE.search(before) or _AFTER.search(after):
        return grouping
    return None
