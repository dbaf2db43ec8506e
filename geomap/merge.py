"""Merge the same event reported by several articles into one incident (cross-article de-duplication).

Two incidents are one event when they share the date, the event type, the geo_precision and the place: the
same point (a town) at precision 1 or 2, the same admin-1 region at precision 3. Incidents of one article are
never merged with each other (the extractor already decided those are distinct), and undated or unplaced
incidents are kept apart. A merged incident keeps the first report's wording and place, lists every source,
and carries the best figures (the largest killed and injured counts reported).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace

from gazetteer import fold

from .models import PRECISION_REGION, Incident

log = logging.getLogger(__name__)

COORDINATE_DIGITS = 3  # about 100 m: the same gazetteer place always yields the same point


def merge_key(incident: Incident) -> tuple | None:
    """What makes two reports the same event; None when the incident cannot be matched safely."""
    if incident.date is None:
        return None
    if incident.geo_precision == PRECISION_REGION:
        place = incident.admin1_code
    elif incident.lat is not None and incident.lon is not None:
        place = (round(incident.lat, COORDINATE_DIGITS), round(incident.lon, COORDINATE_DIGITS))
    else:
        place = fold(incident.location) if incident.location else None
    if not place:
        return None
    return incident.date, incident.event_type, incident.geo_precision, place


def _max(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _sources(incident: Incident) -> list[str]:
    return list(dict.fromkeys([incident.source, *incident.sources]))


def merge_incidents(incidents: Iterable[Incident]) -> list[Incident]:
    """Incidents with cross-article duplicates merged, in the order each event was first reported."""
    merged: list[Incident] = []
    groups: dict[tuple, list[tuple[int, set[str]]]] = {}  # key -> [(position in merged, its articles)]
    listed: dict[int, set[str]] = {}  # position in merged -> the sources it lists (appends stay O(1))
    seen = 0
    for incident in incidents:
        seen += 1
        key = merge_key(incident)
        if key is None:
            merged.append(replace(incident, sources=_sources(incident)))
            continue
        clusters = groups.setdefault(key, [])
        target = next((c for c in clusters if incident.source not in c[1]), None)
        if target is None:
            clusters.append((len(merged), {incident.source}))
            merged.append(replace(incident, sources=_sources(incident)))
            continue
        position, articles = target
        articles.add(incident.source)
        kept = merged[position]
        seen_sources = listed.setdefault(position, set(kept.sources))
        for source in _sources(incident):
            if source not in seen_sources:
                seen_sources.add(source)
                kept.sources.append(source)
        kept.killed = _max(kept.killed, incident.killed)
        kept.injured = _max(kept.injured, incident.injured)
        kept.sub_event_type = kept.sub_event_type or incident.sub_event_type
        kept.evidence = kept.evidence or incident.evidence
    if seen > len(merged):
        log.info("%d article incidents merged into %d across sources", seen, len(merged))
    return merged
