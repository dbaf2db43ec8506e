"""Orchestrate a run: read inputs -> find places -> extract incidents -> join -> aggregate -> write outputs.

The CLI is a thin layer over `run_places` and `run_map`; tests and notebooks call these directly.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd

from gazetteer import Gazetteer

from .aggregate import aggregate_regions
from .exc import GeomapError, InputError, LimitError, NoInputError
from .export.atomic import atomic_path, clean_stale, staged_outputs
from .frames import incidents_frame
from .geocode import GEOCODE_COLUMNS, Unresolved, annotate_table, geocode_rows, locate_rows
from .join import join_regions
from .limits import DEFAULT_MAX_INCIDENTS, DEFAULT_MAX_ROWS, DEFAULT_MAX_TABLE_BYTES, size_text
from .merge import merge_incidents
from .models import Article, Incident, Mention
from .read.articles import DEFAULT_MAX_BYTES, iter_text_files, read_article
from .read.tables import TABLE_SUFFIXES, read_incident_table, read_table_raw, row_problems
from .regions import load_regions

log = logging.getLogger(__name__)


@dataclass
class RunOptions:
    """What a run is asked to do; every field has the default the CLI shows."""

    out_dir: Path = Path("outputs")
    default_date: date | None = None
    title: str = "geomap: incidents"
    offline: bool = False
    gpkg: bool = False
    png: Path | None = None
    strict: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    columns: dict[str, str] | None = None
    progress: bool | None = None  # None: a bar on a terminal, log lines otherwise
    engine: str = "local"  # "local" or "dask" (geomap.engine)
    workers: int | None = None  # local Dask cluster size (default: one per CPU)
    scheduler: str | None = None  # address of an existing Dask scheduler, e.g. tcp://host:8786
    cache: bool = True  # keep each article's results under out_dir/.geomap-cache and reuse them
    batch_size: int = 64  # articles per Dask task
    dask_processes: bool = True  # local cluster of processes (False: threads, for tests)
    max_table_bytes: int = DEFAULT_MAX_TABLE_BYTES  # largest table file read
    max_rows: int = DEFAULT_MAX_ROWS  # larger tables are skipped
    max_incidents: int = DEFAULT_MAX_INCIDENTS  # a run finding more stops before writing
    explain: bool = False  # print each mention's or incident's reasons to standard error


@dataclass
class RunSummary:
    """What a run did, for the closing log line and the exit status."""

    documents: int = 0
    tables: int = 0
    incidents: int = 0
    mentions: int = 0
    places_unresolved: int = 0  # place mentions in articles that the gazetteer could not resolve
    without_incidents: int = 0  # articles that gave no incident (each logged with its reason)
    cached: int = 0  # articles taken from the cache instead of extracted again
    unresolved: list[Unresolved] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one-line messages of inputs that were skipped
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 all good, 3 done with some inputs skipped (1 and 2 are errors and usage errors)."""
        return 3 if self.skipped else 0

    def line(self) -> str:
        cached = f" ({self.cached} from the cache)" if self.cached else ""
        return (f"{self.documents} documents{cached}, {self.tables} tables, {self.mentions} place mentions, "
                f"{self.places_unresolved} places unresolved, {self.incidents} incidents, "
                f"{self.without_incidents} articles without incidents, "
                f"{len(self.unresolved)} rows unresolved, {len(self.skipped)} inputs skipped, "
                f"{self.seconds:.1f} s")


def split_inputs(inputs: Iterable[str | Path]) -> tuple[list[Path], list[Path], list[str]]:
    """Separate article files from tables; folders are read recursively for articles only."""
    articles, tables, problems = [], [], []
    for item in inputs:
        path = Path(item)
        if not path.exists():
            problems.append(str(InputError(path, "no such file or folder")))
        elif path.is_file() and path.suffix.lower() in TABLE_SUFFIXES:
            tables.append(path)
        elif path.is_dir():
            found = list(iter_text_files([path]))
            if not found:
                problems.append(str(InputError(path, "folder holds no .txt or .md articles")))
            articles.extend(found)
        else:
            articles.append(path)
    return articles, tables, problems


def _progress(items: list[Path], enabled: bool | None, label: str) -> Iterator[Path]:
    """Iterate with a rich progress bar on a terminal; quiet otherwise."""
    if enabled is None:
        enabled = sys.stderr.isatty() and len(items) > 1
    if not enabled:
        yield from items
        return
    from rich.progress import track

    yield from track(items, description=label, transient=True, console=None)


def _read_articles(paths: list[Path], options: RunOptions, summary: RunSummary,
                   skip: Callable[[str], None]) -> Iterator[Article]:
    for path in _progress(paths, options.progress, "reading articles"):
        try:
            article = read_article(path, default_date=options.default_date, max_bytes=options.max_bytes)
        except InputError as exc:
            skip(str(exc))
            continue
        summary.documents += 1
        yield article


def _skip(summary: RunSummary, options: RunOptions, message: str) -> None:
    if options.strict:
        raise GeomapError(f"{message} [--strict: stopped at the first bad input]")
    log.warning("skipped %s", message)
    summary.skipped.append(message)


def _skip_input(summary: RunSummary, options: RunOptions, inputs: int):
    """How to skip a whole input: the one input of a run stops it at once (one line, exit status 1, rather
    than a warning and then the same words again as the error); one of several is skipped."""
    def skip(message: str) -> None:
        if inputs == 1 and not options.strict:
            raise NoInputError(message)
        _skip(summary, options, message)

    return skip


def _value(item: Unresolved) -> str:
    """' (value)' for a row report, unless the reason already quotes it."""
    parts = [part.strip() for part in str(item.value or "").split(",") if part.strip()]
    return "" if not parts or all(part in item.reason for part in parts) else f" ({item.value})"


def _nothing(what: str, problems: list[str]) -> str:
    """The one line of a run with nothing usable: the single problem itself, or a count and the first."""
    if len(problems) == 1:
        return problems[0]
    if problems:
        return f"{what}: all {len(problems)} inputs unusable; the first: {problems[0]}"
    return f"{what}: no input given"


def _read_table(table: Path, options: RunOptions) -> pd.DataFrame:
    """One incident table after the limits that protect the machine (file size, rows) and the id check."""
    try:
        size = table.stat().st_size
    except OSError:
        size = 0  # the reader says what is wrong with it
    if size > options.max_table_bytes:
        raise LimitError(table, f"table is {size_text(size)}, over the {size_text(options.max_table_bytes)} "
                                "limit", hint="raise --max-table-bytes or split the table")
    frame = read_incident_table(table, options.columns)
    if len(frame) > options.max_rows:
        raise LimitError(table, f"table has {len(frame):,} rows, over the {options.max_rows:,} row limit",
                         hint="raise --max-rows or split the table")
    problems = frame.attrs.get("problems", [])
    frame = _check_ids(frame, table)
    frame.attrs["problems"] = problems  # rows the reader left out, reported by the caller
    return frame


def _check_ids(frame: pd.DataFrame, table: Path) -> pd.DataFrame:
    """Rows repeating an earlier row's id: exact copies are dropped, others get the id made unique."""
    ids = frame["id"]
    repeated = ids.notna() & ids.duplicated(keep=False)
    if not repeated.any():
        return frame
    fields = [c for c in frame.columns if c != "row"]
    first_row: dict[tuple, int] = {}
    first_of_id: dict[str, int] = {}
    keep, new_ids = [], []
    for record in frame.loc[repeated].to_dict("records"):
        key = tuple(record[c] for c in fields)
        ident = record["id"]
        if key in first_row:
            log.warning("%s:%d: duplicate of row %d (same id %r, same values); left out", table,
                        record["row"], first_row[key], ident)
            keep.append(False)
            new_ids.append(ident)
            continue
        first_row[key] = record["row"]
        keep.append(True)
        if ident in first_of_id:
            unique = f"{ident}-row{record['row']}"
            log.warning("%s:%d: id %r already used on row %d; this row's id is now %r (fix the id column)",
                        table, record["row"], ident, first_of_id[ident], unique)
            new_ids.append(unique)
        else:
            first_of_id[ident] = record["row"]
            new_ids.append(ident)
    frame = frame.copy()
    frame.loc[repeated, "id"] = new_ids
    drop = frame.index[repeated][[not k for k in keep]]
    return frame.drop(index=drop)


def _unique_ids(incidents: list[Incident]) -> None:
    """Give every incident an id, unique over the run (articles and every table)."""
    seen: set[str] = set()
    for number, incident in enumerate(incidents, start=1):
        ident = incident.id or f"geomap-{number}"
        if ident in seen:
            base, copy = ident, 2
            while f"{base}-{copy}" in seen:
                copy += 1
            ident = f"{base}-{copy}"
            log.info("id %r is used by another input too; renamed %r", base, ident)
        seen.add(ident)
        incident.id = ident


def extract_article(article: Article, gazetteer: Gazetteer) -> tuple[list[Mention], list[Incident]]:
    """Places and incidents of one article (the unit of work for batch and Dask runs); every incident carries
    the front matter's outlet and url and its place's gazetteer score (`provenance.stamp_article`). The mentions
    include, without a point, the names cued as places that the gazetteer does not know (the run counts them)."""
    from .incidents import extract_incidents
    from .places import find_places
    from .provenance import stamp_article

    unresolved: list[Mention] = []
    mentions = find_places(article, gazetteer, unresolved=unresolved)
    incidents = extract_incidents(article, mentions, gazetteer)
    for name in unresolved:
        log.debug("%s:%d: %r reads as a place the gazetteer does not know", article.source, name.start, name.mention)
    mentions = sorted(mentions + unresolved, key=lambda m: m.start)  # counted as unresolved in the run summary
    if not incidents:
        from .incidents.silence import why_no_incidents

        log.info("%s: no incidents: %s", article.path or article.source, why_no_incidents(article, mentions))
    return mentions, stamp_article(article, mentions, incidents)


def explain_mention(mention: Mention) -> str:
    """One line saying what a mention was read as and why."""
    what = "government/army" if mention.metonymy else f"{mention.kind} {mention.name} ({mention.admin1_code})"
    return f"{mention.source}:{mention.start} {mention.mention!r} -> {what}: {', '.join(mention.reasons) or '-'}"


def explain_incident(incident: Incident) -> str:
    """One line saying what an incident is and why it was read so."""
    figures = f"killed {incident.killed if incident.killed is not None else '-'}, injured " \
              f"{incident.injured if incident.injured is not None else '-'}"
    return (f"{incident.source} {incident.date} {incident.location} ({incident.admin1_code}) "
            f"{incident.event_type}, precision {incident.geo_precision}, {figures}: "
            f"{', '.join(incident.reasons) or '-'}")


def run_places(inputs: Iterable[str | Path], output: Path | None, options: RunOptions,
               gazetteer: Gazetteer | None = None) -> RunSummary:
    """Write one JSON line per place mention (to output, or standard output when None)."""
    started = time.perf_counter()
    summary = RunSummary()
    paths, tables, problems = split_inputs(inputs)
    problems += [str(InputError(table, "is a table; `geomap places` reads articles", hint="use `geomap map`"))
                 for table in tables]
    if not paths:
        raise NoInputError(_nothing("no articles to read", problems))
    for message in problems:
        _skip(summary, options, message)
    gazetteer = gazetteer or Gazetteer.load()
    from .places import find_places

    lines = []
    for article in _read_articles(paths, options, summary, _skip_input(summary, options, len(paths) + len(problems))):
        for mention in find_places(article, gazetteer):
            lines.append(json.dumps(mention.to_dict(), ensure_ascii=False))
            if options.explain:
                print(explain_mention(mention), file=sys.stderr)
    if summary.documents == 0:  # before writing: a previous output stays as it was
        raise NoInputError(_nothing("no articles to read", summary.skipped))
    summary.mentions = len(lines)
    text = "\n".join(lines) + ("\n" if lines else "")
    if output is None:
        sys.stdout.write(text)
    else:
        clean_stale(Path(output).parent)
        with atomic_path(output) as tmp:
            tmp.write_text(text, encoding="utf-8")
        summary.outputs.append(output)
    summary.seconds = time.perf_counter() - started
    return summary


def collect_incidents(inputs: Iterable[str | Path], options: RunOptions, gazetteer: Gazetteer,
                      summary: RunSummary) -> list[Incident]:
    """Incidents from every article and table given."""
    paths, tables, problems = split_inputs(inputs)
    if not paths and not tables:
        raise NoInputError(_nothing("nothing to map", problems))
    for message in problems:
        _skip(summary, options, message)
    from .engine import run_articles

    skip_input = _skip_input(summary, options, len(paths) + len(tables) + len(problems))
    results = run_articles(paths, options, gazetteer, summary, skip_input)
    summary.mentions += sum(r.mentions for r in results)
    summary.places_unresolved += sum(r.places_unresolved for r in results)
    summary.without_incidents += sum(not r.incidents for r in results)
    summary.cached += sum(r.cached for r in results)
    incidents: list[Incident] = merge_incidents(i for r in results for i in r.incidents)
    for table in tables:
        try:
            frame = _read_table(table, options)
        except InputError as exc:
            skip_input(str(exc))
            continue
        summary.tables += 1
        for problem in row_problems(frame, table):
            _skip(summary, options, str(problem))
        rows, unresolved = geocode_rows(frame, gazetteer)
        for item in unresolved:  # one line per row: kept rows are warnings, rows left off are skips
            if item.kept:
                log.warning("%s:%d: %s%s", item.table, item.row, item.reason, _value(item))
            else:
                _skip(summary, options, str(InputError(item.table, f"row left off the map: {item.reason}"
                                                       f"{_value(item)}", line=item.row)))
        summary.unresolved.extend(unresolved)
        incidents.extend(rows)
    if summary.documents == 0 and summary.tables == 0:
        raise NoInputError(_nothing("nothing to map", summary.skipped))
    if len(incidents) > options.max_incidents:
        raise GeomapError(f"{len(incidents):,} incidents found, over the {options.max_incidents:,} limit; "
                          "nothing written (raise --max-incidents or map fewer inputs at a time)")
    _unique_ids(incidents)
    return incidents


def build_frames(incidents: list[Incident]) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Incidents joined to regions, and the per-region aggregate."""
    regions = load_regions()
    frame = join_regions(incidents_frame(incidents), regions)
    return frame, aggregate_regions(frame, regions)


def run_map(inputs: Iterable[str | Path], options: RunOptions,
            gazetteer: Gazetteer | None = None) -> RunSummary:
    """Map the inputs: write incidents.geojson, regions.geojson, incidents.csv and map.html into out_dir."""
    from .export.geojson import write_incidents_geojson, write_regions_geojson
    from .export.table import write_incidents_csv
    from .render.map import render_map

    started = time.perf_counter()
    summary = RunSummary()
    gazetteer = gazetteer or Gazetteer.load()
    incidents = collect_incidents(inputs, options, gazetteer, summary)
    if options.explain:
        for incident in incidents:
            print(explain_incident(incident), file=sys.stderr)
    frame, regions = build_frames(incidents)
    summary.incidents = len(frame)
    # every file of the set is staged and moved into place together: a kill never leaves a mixed set
    with staged_outputs(options.out_dir) as out:
        write_incidents_geojson(frame, out.path("incidents.geojson"))
        write_regions_geojson(regions, out.path("regions.geojson"))
        write_incidents_csv(frame, out.path("incidents.csv"))
        render_map(frame, regions, out.path("map.html"), title=options.title, caption=caption(frame),
                   offline=options.offline)
        if options.gpkg:
            from .export.gpkg import write_gpkg

            write_gpkg(frame, regions, out.path("geomap.gpkg"))
        if options.png:
            from .render.static import render_png

            png = Path(options.png)
            clean_stale(png.parent)
            render_png(frame, regions, png, title=options.title)  # a path of the user's: atomic alone
    summary.outputs += [out.out_dir / name for name in out.names]
    if options.png:
        summary.outputs.append(Path(options.png))
    summary.seconds = time.perf_counter() - started
    return summary


def run_batch(inputs: Iterable[str | Path], options: RunOptions,
              gazetteer: Gazetteer | None = None) -> RunSummary:
    """Process a corpus into GIS data (incidents.geojson, regions.geojson, incidents.csv; no HTML map)."""
    from .export.geojson import write_incidents_geojson, write_regions_geojson
    from .export.table import write_incidents_csv

    started = time.perf_counter()
    summary = RunSummary()
    gazetteer = gazetteer or Gazetteer.load()
    frame, regions = build_frames(collect_incidents(inputs, options, gazetteer, summary))
    summary.incidents = len(frame)
    with staged_outputs(options.out_dir) as out:
        write_incidents_geojson(frame, out.path("incidents.geojson"))
        write_regions_geojson(regions, out.path("regions.geojson"))
        write_incidents_csv(frame, out.path("incidents.csv"))
        if options.gpkg:
            from .export.gpkg import write_gpkg

            write_gpkg(frame, regions, out.path("geomap.gpkg"))
    summary.outputs += [out.out_dir / name for name in out.names]
    summary.seconds = time.perf_counter() - started
    return summary


def unresolved_report_path(output: Path) -> Path:
    """out.csv -> out.unresolved.csv, beside the output."""
    return output.with_name(f"{output.stem}.unresolved.csv")


def run_geocode(table: str | Path, output: Path | None, options: RunOptions,
                gazetteer: Gazetteer | None = None) -> RunSummary:
    """Add GEOCODE_COLUMNS to any table (all rows and columns kept) and write the rows that need a look to
    <output stem>.unresolved.csv (row, value, reason)."""
    started = time.perf_counter()
    summary = RunSummary()
    table = Path(table)
    output = Path(output) if output else table.with_name(f"{table.stem}.geocoded{table.suffix or '.csv'}")
    if output.resolve() == table.resolve():
        raise InputError(output, "the output would overwrite the input table", hint="give another -o")
    raw = read_table_raw(table)
    frame = read_incident_table(table, options.columns, raw=raw)
    left_out = row_problems(frame, table)
    for problem in left_out:  # rows the reader could not split: not in the output, listed in the report
        log.warning("skipped %s", problem)
        summary.skipped.append(str(problem))
    places, unresolved = locate_rows(frame, gazetteer or Gazetteer.load())
    unresolved = sorted(unresolved + [Unresolved(str(table), p.line or 0, "", f"{p.problem} ({p.hint})")
                                      for p in left_out], key=lambda u: u.row)
    annotated = annotate_table(raw, places, load_regions())
    summary.tables, summary.unresolved = 1, unresolved
    summary.incidents = sum(place is not None for place in places)
    summary.outputs.append(write_table(annotated, output))
    report = pd.DataFrame([{"row": u.row, "value": u.value, "reason": u.reason} for u in unresolved],
                          columns=["row", "value", "reason"])
    summary.outputs.append(write_table(report, unresolved_report_path(output)))
    if unresolved:
        log.warning("%d of %d rows need a look (%d of them still placed); see %s", len(unresolved),
                    len(frame), sum(u.kept for u in unresolved), unresolved_report_path(output))
    log.debug("added columns %s", ", ".join(GEOCODE_COLUMNS))
    summary.seconds = time.perf_counter() - started
    return summary


def write_table(frame: pd.DataFrame, path: Path) -> Path:
    """Write a plain table by the file's suffix (.csv, .tsv, .jsonl, .xlsx), atomically."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".tsv", ".jsonl", ".ndjson", ".xlsx"):
        raise InputError(path, f"cannot write a {suffix or 'suffix-less'} table",
                         hint="use .csv, .tsv, .jsonl or .xlsx")
    with atomic_path(path) as tmp:
        if suffix in (".csv", ".tsv"):
            frame.to_csv(tmp, index=False, sep="\t" if suffix == ".tsv" else ",")
        elif suffix == ".xlsx":
            frame.to_excel(tmp, index=False, engine="openpyxl")
        else:
            frame.to_json(tmp, orient="records", lines=True, force_ascii=False)
    return path


def caption(frame: pd.DataFrame) -> str:
    """A short line saying what was mapped: counts, date range, sources."""
    if frame.empty:
        return "No incidents found."
    dates = sorted(d for d in frame["date"].dropna().unique())
    span = f"{dates[0]} to {dates[-1]}" if len(dates) > 1 else (dates[0] if dates else "undated")
    sources = sorted({s for items in frame["sources"] for s in items} or set(frame["source"].dropna()))
    shown = ", ".join(sources[:3]) + (f" and {len(sources) - 3} more" if len(sources) > 3 else "")
    return (f"{len(frame)} incidents in {frame['admin1_code'].nunique()} regions, {span}; "
            f"sources: {shown}")
