"""Region lists: "nine regions -- Kyiv, Zhytomyr, ... and Mykolaiv", "the Kharkiv, Sumy and Donetsk regions".

Every name in such a list is an admin-1 region ("Kyiv" there is Kyiv Oblast, not the city).
"""

from __future__ import annotations

import re

_SEPARATOR = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)$", re.IGNORECASE)
_AFTER = re.compile(r"^\s+(?:regions|oblasts|provinces)\b", re.IGNORECASE)
_BEFORE = re.compile(
    r"\b(?:regions|oblasts|provinces)\s*(?:--|\u2014|\u2013|:|\(|,)?\s*"
    r"(?:of\s+|including\s+|namely\s+|such as\s+|like\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# "attacked eight oblasts over the past day: Sumy, Chernihiv, ...", "the oblasts targeted, which it listed as
# Mykolaiv, Odesa ...": a few words between the noun and a colon, dash or "as" that opens the list
_BEFORE_COLON = re.compile(
    r"\b(?:regions|oblasts|provinces)\b[^.;:!?\n]{1,60}(?::|--|\u2014|\u2013|\bas|\bincluding|\bnamely|\bamong them)"
    r"\s*(?:the\s+)?$",
    re.IGNORECASE,
)


def joined(text: str, left_end: int, right_start: int) -> bool:
    """True when only a list separator (", ", " and ", ", or ") stands between two names."""
    return bool(_SEPARATOR.match(text[left_end:right_start]))


def region_lists(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Indexes (into spans, sorted by start) of names that belong to a region list."""
    members: set[int] = set()
    group: list[int] = []
    for index in range(len(spans) + 1):
        if index < len(spans) and group and joined(text, spans[group[-1]][1], spans[index][0]):
            group.append(index)
            continue
        if group and _is_list(text, spans, group):
            members.update(group)
        group = [index] if index < len(spans) else []
    return members


def _is_list(text: str, spans: list[tuple[int, int]], group: list[int]) -> bool:
    start, end = spans[group[0]][0], spans[group[-1]][1]
    if _AFTER.match(text[end : end + 20]):
        return True
    if len(group) < 2:
        return False
    before = text[max(0, start - 90) : start]
    return bool(_BEFORE.search(before[-40:]) or _BEFORE_COLON.search(before))
