"""Where each incident comes from, in a form fit to publish: the outlet and link of its report, the gazetteer
score and name of its place, and paths relative to the working folder (never a local absolute path)."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from .models import Article, Incident, Mention

log = logging.getLogger(__name__)

URL_FIELDS = ("url", "source_url", "link")  # front-matter keys of the report's address, first present wins
_WEB_SCHEMES = ("http", "https")


def display_path(path: str | Path) -> str:
    """A path as outputs may show it: relative to the working folder when inside it, else the file name alone.

    Published maps and tables must not carry the analyst's home folder or machine layout."""
    path = Path(path)
    if not path.is_absolute():
        return path.as_posix()
    try:
        here = Path.cwd()
    except OSError:  # the working folder was removed
        return path.name
    return path.relative_to(here).as_posix() if path.is_relative_to(here) else path.name


def web_url(value: str | None, where: str, warn: bool = True) -> str | None:
    """The value when it is an http(s) address, else None with a warning naming `where` (file, row) unless
    `warn` is False (a table's caller says it once per column).

    Only web links are kept: a `javascript:` or local `file:` address must never become a link on a map."""
    text = (value or "").strip()
    if not text:
        return None
    parts = urlsplit(text)
    if parts.scheme.lower() in _WEB_SCHEMES and parts.netloc:
        return text
    if warn:
        log.warning("%s: url %r is not an http(s) address; left out", where, text[:80])
    return None


def article_url(article: Article) -> str | None:
    """The report's address from the front matter (`url:`, `source_url:` or `link:`)."""
    value = next((article.meta[key] for key in URL_FIELDS if article.meta.get(key)), None)
    return web_url(value, article.path or article.source)


def stamp_article(article: Article, mentions: list[Mention], incidents: list[Incident]) -> list[Incident]:
    """Give an article's incidents the front matter's outlet (`source:`) and url, and their place's gazetteer
    score and name (from the mention the incident was made from: same text and name, inside the evidence
    sentence when one is)."""
    outlet = (article.meta.get("source") or "").strip() or None
    url = article_url(article)
    by_place: dict[tuple, list[Mention]] = {}
    for mention in mentions:
        by_place.setdefault((mention.mention, mention.name), []).append(mention)
    for incident in incidents:
        incident.outlet = incident.outlet or outlet
        incident.url = incident.url or url
        found = by_place.get((incident.mention, incident.location), [])
        if not found:
            continue
        start = article.body.find(incident.evidence) if incident.evidence else -1
        inside = [m for m in found if start >= 0 and start <= m.start < start + len(incident.evidence)]
        mention = (inside or found)[0]
        incident.score = mention.score if incident.score is None else incident.score
        incident.matched_name = incident.matched_name or mention.name
    return incidents
