"""Incidents from article text: `extract_incidents(article, mentions, gazetteer) -> list[Incident]`.

Each sentence with an event trigger (strike, drone, shelling, fighting, captured, killed...) gives one
incident per place it names (not governments, datelines or landmarks); figures go to the place they are
told of; a following sentence without a place adds its figures to the last event; reports of one place in
one article merge. A region list ("drones at nine regions -- ...") gives one region-level incident each.
"""

from __future__ import annotations

from .extract import extract_incidents

__all__ = ["extract_incidents"]
