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


def region_lists(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Indexes (into spans, sorted by start) of names that belong to a region list."""
    members: set[int] = set()
    group: list[int] = []
    for index in range(len(spans) + 1):
        if index < len(spans) and group and _SEPARATOR.match(text[spans[group[-1]][1] : spans[index][0]]):
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
    return len(group) > 1 and bool(_BEFORE.search(text[max(0, start - 40) : start]))
