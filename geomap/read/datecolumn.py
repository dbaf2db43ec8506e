"""Dates of a table column read with one day order for the whole column, so that 08/13/2024 and 08/01/2024
in one column are both month-first.

Each distinct value's format is guessed by pandas (`guess_datetime_format`) both ways. Year-first values
(2024-11-11) are always year-month-day, and values with a month name (11 November 2024) have only one
reading; those do not vote. A numeric value with a day above 12 (13/08/2024 or 08/13/2024) fixes its own
order and votes for it; the column takes the order of the votes, and the values that read both ways follow
it. When nothing in the column decides (every numeric value reads both ways), the column is read day-first
(DD/MM/YYYY, ACLED's and most of Europe's order) with a warning naming the file and column; a column whose
values vote both ways is read by the majority, also with a warning.
"""

from __future__ import annotations

import logging
import warnings
from collections import Counter
from collections.abc import Sequence
from datetime import date

import pandas as pd
from pandas.tseries.api import guess_datetime_format

log = logging.getLogger(__name__)


# Two-digit years, which guess_datetime_format does not name: tried in the preferred order, then the other.
_SHORT_YEARS = {True: ("%d/%m/%y", "%d.%m.%y", "%d-%m-%y"), False: ("%m/%d/%y", "%m.%d.%y", "%m-%d-%y")}


def _guess(text: str, dayfirst: bool) -> str | None:
    """pandas' guess of the value's format, preferring day-first or month-first when both fit."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas warns when a value contradicts `dayfirst`: that is the point
        fmt = guess_datetime_format(text, dayfirst=dayfirst)
        if fmt is not None or len(text) > 8:
            return fmt
        for candidate in _SHORT_YEARS[dayfirst] + _SHORT_YEARS[not dayfirst]:
            if not pd.isna(pd.to_datetime(text, format=candidate, errors="coerce")):
                return candidate
    return None


def _format(text: str, dayfirst: bool) -> str | None:
    """The value's format in the column's order; year-first values are always year-month-day."""
    month = _guess(text, False)
    return month if month and month.startswith("%Y") else _guess(text, dayfirst)


def _order(fmt: str | None) -> bool | None:
    """True for a day-before-month numeric format, False for month-before-day, None when it says nothing."""
    if not fmt or fmt.startswith("%Y") or "%d" not in fmt or "%m" not in fmt:
        return None
    return fmt.index("%d") < fmt.index("%m")


def column_day_first(values: Sequence[str], where: str) -> bool:
    """Whether the column's numeric dates are day-first, with a warning naming `where` when no value decides
    or values disagree."""
    votes: Counter[bool] = Counter()
    example: dict[bool, str] = {}
    ambiguous: list[str] = []
    for text in values:
        day, month = _guess(text, True), _guess(text, False)
        if month and month.startswith("%Y"):
            continue  # year-first: always year-month-day
        if day != month:
            ambiguous.append(text)
            continue
        order = _order(day)
        if order is not None:
            votes[order] += 1
            example.setdefault(order, text)
    if votes[True] and votes[False]:
        dayfirst = votes[True] >= votes[False]
        log.warning("%s: dates mix day-first (%r) and month-first (%r); %d values that read both ways are read "
                    "%s, the majority order", where, example[True], example[False], len(ambiguous),
                    "day-first" if dayfirst else "month-first")
        return dayfirst
    if votes:
        return bool(votes[True])
    if ambiguous:
        log.warning("%s: every numeric date reads both day-first and month-first (e.g. %r); read day-first "
                    "(DD/MM/YYYY)", where, ambiguous[0])
    return True


def parse_date_column(values: Sequence[str | None], where: str) -> list[date | None | ValueError]:
    """Each cell as a date, None when empty, or a ValueError for a value that is not a date; one day order for
    the column (`column_day_first`). `where` names the file and column in warnings."""
    texts = [None if value is None else str(value).strip() or None for value in values]
    unique = list(dict.fromkeys(t for t in texts if t))
    dayfirst = column_day_first(unique, where)
    by_format: dict[str | None, list[str]] = {}
    for text in unique:
        by_format.setdefault(_format(text, dayfirst), []).append(text)
    parsed: dict[str, date | ValueError] = {}
    for fmt, group in by_format.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if fmt is None:  # no format pandas can name: dateutil, still in the column's order
                stamps = [pd.to_datetime(t, errors="coerce", dayfirst=dayfirst) for t in group]
            else:
                stamps = list(pd.to_datetime(pd.Series(group, dtype=object), format=fmt, errors="coerce"))
        for text, stamp in zip(group, stamps, strict=True):
            parsed[text] = ValueError(f"not a date: {text!r}") if pd.isna(stamp) else stamp.date()
    return [None if t is None else parsed[t] for t in texts]
