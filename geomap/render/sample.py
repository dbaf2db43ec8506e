"""Synthetic incident frames over Ukraine, for tests, benchmarks and trying the map without articles.

Not real events: places are random points inside Ukrainian oblasts, figures are drawn at random.
"""

from __future__ import annotations

from datetime import date, timedelta

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..aggregate import aggregate_regions
from ..frames import CRS, INCIDENT_COLUMNS
from ..regions import load_regions

EVENT_TYPES = [
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 0.55),
    ("Explosions/Remote violence", "Air/drone strike", 0.2),
    ("Battles", "Armed clash", 0.12),
    ("Violence against civilians", "Attack", 0.06),
    ("Strategic developments", "Other", 0.04),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 0.03),
]
_VERBS = ["struck", "shelled", "hit", "attacked", "targeted"]
_OBJECTS = ["a residential building", "an apartment block", "a railway station", "a school", "a market",
            "energy infrastructure", "a private house", "a port warehouse"]


def synthetic_incidents(n: int, *, seed: int = 7, start: date = date(2024, 3, 1), days: int = 30,
                        regions: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """`n` random incidents inside Ukraine's oblasts in the incident schema (about 10% region-level)."""
    rng = np.random.default_rng(seed)
    regions = load_regions() if regions is None else regions
    ua = regions[regions["country_code"] == "UA"].reset_index(drop=True)
    minx, miny, maxx, maxy = ua.total_bounds
    xs, ys = np.empty(0), np.empty(0)
    while len(xs) < n:
        cx = rng.uniform(minx, maxx, n * 2)
        cy = rng.uniform(miny, maxy, n * 2)
        inside = shapely.contains_xy(shapely.union_all(ua.geometry.values), cx, cy)
        xs, ys = np.concatenate([xs, cx[inside]]), np.concatenate([ys, cy[inside]])
    xs, ys = xs[:n], ys[:n]
    points = gpd.GeoDataFrame(geometry=shapely.points(xs, ys), crs=CRS)
    where = gpd.sjoin(points, ua[["admin1_code", "admin1", "geometry"]], how="left", predicate="within")
    where = where[~where.index.duplicated()].reindex(range(n))
    kinds = rng.choice(len(EVENT_TYPES), size=n, p=[w for *_, w in EVENT_TYPES])
    precision = rng.choice([1, 2, 3], size=n, p=[0.75, 0.15, 0.10])
    killed = rng.poisson(0.8, n)
    injured = rng.poisson(2.0, n)
    unknown = rng.random(n) < 0.3
    days_off = rng.integers(0, max(days, 1), n)
    frame = pd.DataFrame({
        "id": [f"synthetic-{i + 1}" for i in range(n)],
        "source": [f"report-{i % 500:03d}.md" for i in range(n)],
        "date": [(start + timedelta(days=int(d))).isoformat() for d in days_off],
        "event_type": [EVENT_TYPES[k][0] for k in kinds],
        "sub_event_type": [EVENT_TYPES[k][1] for k in kinds],
        "location": [f"Place {i % 2000}" for i in range(n)],
        "mention": [f"Place {i % 2000}" for i in range(n)],
        "admin1": where["admin1"].to_numpy(),
        "admin1_code": where["admin1_code"].to_numpy(),
        "country_code": "UA",
        "geo_precision": pd.array(precision, dtype="Int64"),
        "killed": pd.array(np.where(unknown, -1, killed), dtype="Int64"),
        "injured": pd.array(injured, dtype="Int64"),
        "evidence": [f"Russian forces {_VERBS[i % 5]} {_OBJECTS[i % 8]} in Place {i % 2000}, "
                     f"killing {k} people, officials said." for i, k in enumerate(killed)],
    })
    frame.loc[unknown, "killed"] = pd.NA
    frame["sources"] = [[s] for s in frame["source"]]
    return gpd.GeoDataFrame(frame[[*INCIDENT_COLUMNS, "sources"]], geometry=shapely.points(xs, ys), crs=CRS)


def synthetic_frames(n: int, **kwargs) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Synthetic incidents and their per-region aggregate over every region polygon."""
    regions = load_regions()
    incidents = synthetic_incidents(n, regions=regions, **kwargs)
    return incidents, aggregate_regions(incidents, regions)


# A few hand-made incidents at real coordinates, with the awkward cases: unknown figures, region-level
# precision, several sources, a source link (`url`) on two, hostile text in every free-text field.
_TINY = [
    # id, date, type, sub, location, admin1, code, lon, lat, precision, killed, injured, evidence, sources
    ("t1", "2024-03-02", "Explosions/Remote violence", "Shelling/artillery/missile attack", "Kharkiv",
     "Kharkiv Oblast", "UA-63", 36.2304, 49.9935, 1, 3, 12,
     "Three people were killed and twelve wounded when a missile hit a block of flats in Kharkiv.",
     ["kharkiv-report.md", "wire-2024-03-02.md"]),
    ("t2", "2024-03-02", "Explosions/Remote violence", "Air/drone strike", "Odesa", "Odesa Oblast", "UA-51",
     30.7233, 46.4825, 1, None, 4, "A drone struck port buildings in Odesa, injuring four.", ["odesa.md"]),
    ("t3", "2024-03-05", "Battles", "Armed clash", "Donetsk Oblast", "Donetsk Oblast", "UA-14",
     37.8, 48.0, 3, 0, 0, "Fighting continued across Donetsk Oblast, the general staff said.", ["front.md"]),
    ("t4", "2024-03-05", "Violence against civilians", "Attack", "Kherson", "Kherson Oblast", "UA-65",
     32.6178, 46.6354, 2, 1, None, "A civilian was killed near Kherson by a drone dropping grenades.",
     ["south.md"]),
    ("t5", "2024-03-07", "Strategic developments", "Other", "Bakhmut", "Donetsk Oblast", "UA-14",
     38.0016, 48.5947, 1, None, None, "Troops established a new position near Bakhmut.", ["front.md"]),
]


def tiny_incidents(hostile: bool = False, links: bool = False) -> gpd.GeoDataFrame:
    """Five hand-made incidents; `hostile`: free text carries HTML/JS injection; `links`: a `url` column."""
    rows = []
    for (ident, day, kind, sub, place, admin1, code, lon, lat, prec, killed, injured, evidence,
         sources) in _TINY:
        rows.append({"id": ident, "source": sources[0], "date": day, "event_type": kind,
                     "sub_event_type": sub, "location": place, "mention": place, "admin1": admin1,
                     "admin1_code": code,
                     "country_code": "UA", "geo_precision": prec, "killed": killed, "injured": injured,
                     "evidence": evidence, "sources": list(sources), "lon": lon, "lat": lat,
                     "url": f"https://news.example/{ident}" if ident in ("t1", "t3") else None})
    if hostile:
        rows[0]["evidence"] = "<script>alert(1)</script> killed </script><img src=x onerror=alert(2)>"
        rows[1]["location"] = '" onmouseover="alert(1)'
        rows[1]["mention"] = "=HYPERLINK(\"http://evil.example\",\"x\")"
        rows[2]["source"] = "javascript:alert(1)"
        rows[2]["sources"] = ["javascript:alert(1)", "https://news.example/a?b=1&c=<2>"]
        rows[3]["evidence"] = "@SUM(1+1) and +cmd|' /C calc'!A0"
        rows[4]["location"] = "</script><script>alert(3)</script>"
        rows[0]["url"] = 'https://news.example/k?q="><script>alert(5)</script>'
        rows[1]["url"] = "javascript:alert(4)"
    frame = pd.DataFrame(rows)
    for column in ("geo_precision", "killed", "injured"):
        frame[column] = pd.array(frame[column], dtype="Int64")
    geometry = shapely.points(frame["lon"].to_numpy(), frame["lat"].to_numpy())
    columns = [*INCIDENT_COLUMNS, "sources", *(["url"] if links else [])]
    return gpd.GeoDataFrame(frame[columns], geometry=geometry, crs=CRS)


def tiny_frames(hostile: bool = False, links: bool = False) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """The hand-made incidents and their per-region aggregate over every region polygon."""
    incidents = tiny_incidents(hostile, links)
    return incidents, aggregate_regions(incidents, load_regions())
