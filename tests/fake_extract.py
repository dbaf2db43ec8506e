"""A stand-in for pipeline.extract_article in batch, cache and Dask tests: each body line of the form
`<event> | <place> | <YYYY-MM-DD> | <killed> | <injured>` is one incident, placed with the real gazetteer."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from gazetteer import Gazetteer
from geomap.models import PRECISION_REGION, PRECISION_TOWN, Article, Incident, Mention

CALLS: list[str] = []  # sources extracted, in call order (to see what a re-run skipped)
_LOCK = threading.Lock()


def fake_extract(article: Article, gazetteer: Gazetteer) -> tuple[list[Mention], list[Incident]]:
    with _LOCK:
        CALLS.append(article.source)
    mentions, incidents = [], []
    offset = 0
    for line in article.body.splitlines(keepends=True):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 5:
            event, place, day, killed, injured = parts
            hit = gazetteer.best(place)
            start = offset + line.index(place)
            mentions.append(Mention(article.source, start, start + len(place), place,
                                    name=hit.name if hit else None, lat=hit.lat if hit else None,
                                    lon=hit.lon if hit else None,
                                    admin1_code=hit.admin1_code if hit else None,
                                    kind=hit.kind if hit else "other"))
            if hit is not None:
                incidents.append(Incident(
                    source=article.source, date=date.fromisoformat(day), event_type=event,
                    sub_event_type=None,
                    location=hit.name, mention=place, lat=hit.lat, lon=hit.lon, admin1=hit.admin1,
                    admin1_code=hit.admin1_code, country_code=hit.country_code,
                    geo_precision=PRECISION_REGION if hit.kind == "admin1" else PRECISION_TOWN,
                    killed=int(killed) if killed else None, injured=int(injured) if injured else None,
                    evidence=line.strip(), sources=[article.source]))
        offset += len(line)
    return mentions, incidents


def write_corpus(folder: Path, count: int = 12) -> list[Path]:
    """Articles from several 'outlets' reporting overlapping events (so that merging has work to do)."""
    events = [("Battles", "Pokrovsk", "2024-11-10", "", ""),
              ("Explosions/Remote violence", "Kharkiv", "2024-11-11", "3", "12"),
              ("Explosions/Remote violence", "Odesa", "2024-11-12", "1", ""),
              ("Explosions/Remote violence", "Sumy Oblast", "2024-11-12", "", "2"),
              ("Battles", "Sudzha", "2024-11-13", "", ""),
              ("Explosions/Remote violence", "Nowhere Town", "2024-11-13", "", "")]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        chosen = [events[(number + k) % len(events)] for k in range(3)]
        lines = [f"Report {number} from outlet {number % 4}."]
        for event, place, day, killed, injured in chosen:
            killed = str(int(killed) + number % 3) if killed else killed
            lines.append(f"{event} | {place} | {day} | {killed} | {injured}")
        path = folder / f"outlet{number % 4}_{number:03d}.md"
        path.write_text("---\ndate: 2024-11-13\n---\n" + "\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
