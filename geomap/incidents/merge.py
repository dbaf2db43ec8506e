"""One incident per event and place: reports of the same place in one article merge, keeping the best
figures, the strongest event type and the most telling date (an event date over a report date). Reports of
one place that the text dates to different days ("captured X on Monday", "fighting in X on Sunday") stay
apart; a report without a date of its own joins the dated one before it (a summary line and its paragraph)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..models import Incident
from .types import priority


@dataclass
class Draft:
    """An incident before merging, with what the merge needs to know."""

    incident: Incident
    key: str  # the place's id
    event_dates: list[date] = field(default_factory=list)
    report_dates: list[date] = field(default_factory=list)
    from_list: bool = False
    order: int = 0
    story_date: date | None = None  # the lead's event date, for a report that gives no date of its own


def merge(drafts: list[Draft], default: date | None) -> list[Incident]:
    """Merge drafts of the same place; then drop a region-wide incident with no figures of its own when a
    town of that region already has one (the region only framed the town's event), unless it came from a
    region list."""
    groups: dict[str, list[Draft]] = {}
    for draft in drafts:
        groups.setdefault(draft.key, []).append(draft)
    merged = [_combine(part, default) for group in groups.values() for part in _by_day(group)]
    towns = {(d.incident.admin1_code, d.incident.event_type) for d in merged if d.incident.geo_precision < 3}
    kept = [
        d
        for d in merged
        if not (
            d.incident.geo_precision == 3
            and not d.from_list
            and d.incident.killed is None
            and d.incident.injured is None
            and (d.incident.admin1_code, d.incident.event_type) in towns
        )
    ]
    kept.sort(key=lambda d: d.order)
    return [d.incident for d in kept]


def _by_day(group: list[Draft]) -> list[list[Draft]]:
    """Split one place's drafts (in text order) by their explicit event day; undated drafts join the dated
    part nearest before them, or the first part."""
    if len(group) == 1:
        return [group]  # one draft has one day at most
    days: dict[date, list[Draft]] = {}
    for draft in group:
        if draft.event_dates:
            days.setdefault(min(draft.event_dates), []).append(draft)
    if len(days) <= 1:
        return [group]
    parts = list(days.values())
    owner = {id(d): part for part in parts for d in part}
    current = parts[0]
    for draft in group:
        if id(draft) in owner:
            current = owner[id(draft)]
        elif draft not in current:
            current.append(draft)
    for part in parts:
        part.sort(key=lambda d: d.order)
    return parts


def _combine(group: list[Draft], default: date | None) -> Draft:
    first = group[0]
    if len(group) == 1:
        incident = first.incident  # a lone draft keeps its own type, evidence, figures and precision
    else:
        best = min(group, key=lambda d: (priority(d.incident.event_type), d.incident.sub_event_type is None, d.order))
        incident = best.incident
        incident.evidence = first.incident.evidence if best is not first else incident.evidence
        incident.killed = _max(d.incident.killed for d in group)
        incident.injured = _max(d.incident.injured for d in group)
        incident.geo_precision = min(d.incident.geo_precision for d in group)
    event_dates = [x for d in group for x in d.event_dates]
    report_dates = [x for d in group for x in d.report_dates]
    if event_dates:
        incident.date = min(event_dates)
    elif report_dates:
        counts = Counter(report_dates)
        incident.date = max(counts, key=lambda x: (counts[x], x))
    else:
        incident.date = next((d.story_date for d in group if d.story_date), default)
    return Draft(incident, first.key, from_list=any(d.from_list for d in group), order=first.order)


def _max(values) -> int | None:
    numbers = [v for v in values if v is not None]
    return max(numbers) if numbers else None
