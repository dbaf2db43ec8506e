"""`geomap` command line: map war reporting and incident tables; list place mentions; geocode tables.

Exit status: 0 all good; 1 nothing done (an error); 2 usage error; 3 done, but some inputs were skipped.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

try:  # typer carries its own copy of click from 0.2x on; older ones use click itself
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover
    from click import exceptions as click_errors

from .exc import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_PARTIAL, EXIT_USAGE, GeomapError, OutputError, one_line
from .limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_INCIDENTS, DEFAULT_MAX_ROWS, DEFAULT_MAX_TABLE_BYTES

if TYPE_CHECKING:
    from .pipeline import RunSummary

# The pipeline (pandas, geopandas, the gazetteer) is imported by each command, not here: `main` installs its
# Ctrl-C handler first, so an interrupt while the libraries load is one line too, not a traceback.

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn war reporting and incident tables into maps and GIS data, offline.")
log = logging.getLogger("geomap")

__all__ = ["EXIT_ERROR", "EXIT_PARTIAL", "app", "main"]

InputsArg = Annotated[list[Path], typer.Argument(help="Article files (.txt, .md), folders of them, or tables "
                                                     "(.csv, .tsv, .jsonl, .geojson, .xlsx).", show_default=False)]
DateOpt = Annotated[str | None, typer.Option("--date", help="Publication date (YYYY-MM-DD) for articles "
                                                            "whose front matter has none.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Stop at the first bad input instead of skipping it.")]
ExplainOpt = Annotated[bool, typer.Option("--explain", help="Print why each place or incident was read so (rule "
                                          "ids, model scores) to standard error.")]
VerboseOpt = Annotated[int, typer.Option("--verbose", "-v", count=True, help="More log output (-vv for debug).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Only warnings and errors.")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", min=1,
                                          help="Largest article file accepted, in bytes.")]
MaxTableBytesOpt = Annotated[int, typer.Option("--max-table-bytes", min=1,
                                               help="Largest table file accepted, in bytes.")]
MaxRowsOpt = Annotated[int, typer.Option("--max-rows", min=1, help="Largest table accepted, in rows.")]
MaxIncidentsOpt = Annotated[int, typer.Option("--max-incidents", min=1,
                                              help="Most incidents one run may map (over all inputs).")]
ColumnsOpt = Annotated[str | None, typer.Option("--columns", help="Map table columns: place=Town,date=Day.")]
EngineOpt = Annotated[str, typer.Option("--engine", help="Where articles are extracted: local (this process) "
                                                         "or dask (a Dask cluster; see docs/scaling.md).")]
WorkersOpt = Annotated[int | None, typer.Option(
    "--workers", min=1, help="Workers of the local Dask cluster (default: one per CPU).")]
SchedulerOpt = Annotated[str | None, typer.Option(
    "--scheduler", help="Use an existing Dask cluster: tcp://host:8786 (implies --engine dask).")]
CacheOpt = Annotated[bool, typer.Option(
    "--cache/--no-cache", help="Reuse each article's results from OUT/.geomap-cache when neither the file nor "
                               "geomap changed.")]


class _OneLineFormatter(logging.Formatter):
    """Every log record on one line, control characters made visible: file names and cell values come from
    inputs, and a newline or a terminal escape sequence in them must not forge lines or drive the terminal.
    Tracebacks (only at -vv) keep their lines."""

    def format(self, record: logging.LogRecord) -> str:
        text = f"{record.levelname}: {one_line(record.getMessage(), limit=4000)}"
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING if quiet else logging.DEBUG if verbose > 1 else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLineFormatter())
    logging.basicConfig(level=level, handlers=[handler], force=True)


def _check_output(path: Path, option: str, *, folder: bool) -> None:
    """Refuse at once (before any work) an output that cannot be written: a folder that is a file, a file
    that is a folder, or a place under a file or without write permission."""
    if folder and path.exists() and not path.is_dir():
        raise OutputError(f"{path}: {option} must be a folder, and this is a file (choose another {option})")
    if not folder and path.is_dir():
        raise OutputError(f"{path}: {option} is a folder; give a file name (e.g. {path / 'out'})")
    parent = path if folder else path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise OutputError(f"{path}: cannot write under {parent}, which is a file (choose another {option})")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: no permission to write in {parent} (choose another {option})")


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD", param_hint="--date") from None


def _parse_columns(value: str | None) -> dict[str, str] | None:
    if not value:
        return None
    pairs = {}
    for part in value.split(","):
        field, sep, column = part.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise typer.BadParameter(f"{part!r} is not field=Column", param_hint="--columns")
        pairs[field.strip()] = column.strip()
    return pairs


def _engine(engine: str, workers: int | None, scheduler: str | None) -> str:
    engine = "dask" if scheduler else engine.lower()
    if engine not in ("local", "dask"):
        raise typer.BadParameter(f"unknown engine {engine!r}; known: local, dask", param_hint="--engine")
    if workers and engine != "dask":
        raise typer.BadParameter("--workers needs --engine dask", param_hint="--workers")
    return engine


def _finish(summary: RunSummary) -> None:
    log.info("done: %s", summary.line())
    for path in summary.outputs:
        log.info("wrote %s", path)
    if summary.skipped:
        log.warning("done, but %d input%s skipped (listed above); exit status %d", len(summary.skipped),
                    "s were" if len(summary.skipped) > 1 else " was", EXIT_PARTIAL)
    raise typer.Exit(summary.exit_code)


@app.command("map")
def map_command(
    inputs: InputsArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the outputs.")] = Path("outputs"),
    date_: DateOpt = None,
    title: Annotated[str, typer.Option(help="Map title.")] = "geomap: incidents",
    offline: Annotated[bool, typer.Option("--offline/--online", help="Inline Leaflet and plugins into one "
                                          "self-contained HTML file with no tile server.")] = False,
    fmt: Annotated[list[str], typer.Option("--format", help="Extra output formats: gpkg.")] = [],  # noqa: B006
    png: Annotated[Path | None, typer.Option("--png", help="Also write a static PNG map here.")] = None,
    columns: ColumnsOpt = None,
    engine: EngineOpt = "local",
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    cache: CacheOpt = True,
    strict: StrictOpt = False,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    max_table_bytes: MaxTableBytesOpt = DEFAULT_MAX_TABLE_BYTES,
    max_rows: MaxRowsOpt = DEFAULT_MAX_ROWS,
    max_incidents: MaxIncidentsOpt = DEFAULT_MAX_INCIDENTS,
    explain: ExplainOpt = False,
    verbose: VerboseOpt = 0,
    quiet: QuietOpt = False,
) -> None:
    """Map articles and incident tables: map.html, incidents.geojson, regions.geojson, incidents.csv."""
    _setup_logging(verbose, quiet)
    engine = _engine(engine, workers, scheduler)
    unknown = sorted(set(fmt) - {"gpkg"})
    if unknown:
        raise typer.BadParameter(f"unknown format {unknown[0]!r}; known: gpkg", param_hint="--format")
    from .pipeline import RunOptions, run_map

    _check_output(out, "--out", folder=True)
    if png is not None:
        _check_output(png, "--png", folder=False)
    options = RunOptions(out_dir=out, default_date=_parse_date(date_), title=title, offline=offline,
                         gpkg="gpkg" in fmt, png=png, strict=strict, max_bytes=max_bytes,
                         columns=_parse_columns(columns), engine=engine, workers=workers, scheduler=scheduler,
                         cache=cache, max_table_bytes=max_table_bytes, max_rows=max_rows,
                         max_incidents=max_incidents, explain=explain)
    _finish(run_map(inputs, options))


@app.command("batch")
def batch_command(
    inputs: InputsArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the outputs and the cache.")] = Path(
        "outputs"),
    date_: DateOpt = None,
    fmt: Annotated[list[str], typer.Option("--format", help="Extra output formats: gpkg.")] = [],  # noqa: B006
    columns: ColumnsOpt = None,
    engine: EngineOpt = "local",
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    cache: CacheOpt = True,
    strict: StrictOpt = False,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    max_table_bytes: MaxTableBytesOpt = DEFAULT_MAX_TABLE_BYTES,
    max_rows: MaxRowsOpt = DEFAULT_MAX_ROWS,
    max_incidents: MaxIncidentsOpt = DEFAULT_MAX_INCIDENTS,
    verbose: VerboseOpt = 0,
    quiet: QuietOpt = False,
) -> None:
    """Process a corpus (thousands of articles) into GIS data, incrementally: incidents.geojson,
    regions.geojson, incidents.csv; a re-run only extracts new or changed articles."""
    _setup_logging(verbose, quiet)
    engine = _engine(engine, workers, scheduler)
    unknown = sorted(set(fmt) - {"gpkg"})
    if unknown:
        raise typer.BadParameter(f"unknown format {unknown[0]!r}; known: gpkg", param_hint="--format")
    from .pipeline import RunOptions, run_batch

    _check_output(out, "--out", folder=True)
    options = RunOptions(out_dir=out, default_date=_parse_date(date_), gpkg="gpkg" in fmt, strict=strict,
                         max_bytes=max_bytes, columns=_parse_columns(columns), engine=engine, workers=workers,
                         scheduler=scheduler, cache=cache, max_table_bytes=max_table_bytes, max_rows=max_rows,
                         max_incidents=max_incidents)
    _finish(run_batch(inputs, options))


@app.command("geocode")
def geocode_command(
    table: Annotated[Path, typer.Argument(help="A table (.csv, .tsv, .jsonl, .geojson, .xlsx) with place "
                                               "names and/or coordinates.", show_default=False)],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Geocoded table (.csv, .tsv, .jsonl, "
                                                "or .xlsx; default: TABLE.geocoded.csv).")] = None,
    columns: ColumnsOpt = None,
    verbose: VerboseOpt = 0,
    quiet: QuietOpt = False,
) -> None:
    """Add latitude, longitude, admin1, admin1_code, geo_precision and match columns to a table; rows that
    need a look go to OUTPUT.unresolved.csv (row, value, reason)."""
    _setup_logging(verbose, quiet)
    from .pipeline import RunOptions, run_geocode

    if output is not None:
        _check_output(output, "--output", folder=False)
    _finish(run_geocode(table, output, RunOptions(columns=_parse_columns(columns))))


@app.command("places")
def places_command(
    inputs: InputsArg,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="JSON-lines file (default: stdout).")] = None,
    date_: DateOpt = None,
    strict: StrictOpt = False,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    explain: ExplainOpt = False,
    verbose: VerboseOpt = 0,
    quiet: QuietOpt = False,
) -> None:
    """List the place mentions of articles, one JSON object a line."""
    _setup_logging(verbose, quiet)
    from .pipeline import RunOptions, run_places

    if output is not None:
        _check_output(output, "--output", folder=False)
    options = RunOptions(default_date=_parse_date(date_), strict=strict, max_bytes=max_bytes, explain=explain)
    _finish(run_places(inputs, output, options))


@app.command("train")
def train_command(
    force: Annotated[bool, typer.Option("--force", help="Retrain even when the stored models are up to date.")] = False,
    verbose: VerboseOpt = 0,
    quiet: QuietOpt = False,
) -> None:
    """Train the learned decisions from the committed annotated corpus (corpus/, bench/reports*) and print their
    cross-validated errors beside the rules'. `make data` runs it; extraction also does when a model is stale."""
    _setup_logging(verbose, quiet)
    from .decide import clear_cache, train

    reports = train.build(force=force)
    clear_cache()
    for name, report in reports.items():
        head = f"{name}: {report['rows']} rows from {len(report['styles'])} styles; decides: {report['use']}; "
        if "rules_errors" in report:
            rules, learned = report["rules_errors"], report["model_errors_leave_one_style_out"]
            print(head + f"errors (metonymy taken as place / place taken as metonymy): rules "
                  f"{rules['metonymy_taken_as_place']}/{rules['place_taken_as_metonymy']}, model (leave one style "
                  f"out) {learned['metonymy_taken_as_place']}/{learned['place_taken_as_metonymy']}")
        else:
            print(head + f"incident F1: rules {report['rules_f1']}, model (leave one style out) "
                  f"{report['model_f1_leave_one_style_out']}")


def _usage_line(exc: click_errors.UsageError) -> str:
    """click's usage error as one line, with where to read more (instead of a framed, wrapped box)."""
    command = exc.ctx.command_path if exc.ctx is not None else "geomap"
    return f"error: {one_line(exc.format_message(), 1000)} (see `{command} --help`)"


def _run(argv: list[str] | None) -> int:
    """Run the typer app; every failure becomes one line on standard error and an exit status."""
    try:
        result = app(args=argv, prog_name="geomap", standalone_mode=False)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_ERROR)
    except click_errors.UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `geomap`: the help (typer may have shown it)
            if exc.format_message().strip():
                print(exc.format_message(), file=sys.stderr)
        else:
            print(_usage_line(exc), file=sys.stderr)
        return EXIT_USAGE
    except typer.Abort:  # click's own interrupt (end of input at a prompt)
        raise _Interrupted(signal.SIGINT) from None
    except click_errors.ClickException as exc:
        print(f"error: {one_line(exc.format_message(), 1000)}", file=sys.stderr)
        return exc.exit_code
    except GeomapError as exc:
        print(f"error: {one_line(exc, 1000)}", file=sys.stderr)
        return EXIT_ERROR
    except MemoryError:
        print("error: out of memory; map fewer inputs at a time or lower --max-rows / --max-incidents",
              file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {one_line(where)}{one_line(exc.strerror or exc)}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:
        from gazetteer.exc import GazetteerError  # imported late like the rest of the pipeline

        if isinstance(exc, GazetteerError):
            print(f"error: {one_line(exc, 1000)}", file=sys.stderr)
            return EXIT_ERROR
        # a bug: still one line, the traceback only with -vv
        log.debug("traceback of the internal error", exc_info=True)
        print(f"error: internal error ({type(exc).__name__}: {one_line(exc, 200)}); run again with -vv for "
              "the traceback and report it", file=sys.stderr)
        return EXIT_ERROR
    if result == EXIT_INTERRUPTED:  # typer turned a KeyboardInterrupt it caught into this status
        raise _Interrupted(signal.SIGINT)
    return result if isinstance(result, int) else 0


class _Interrupted(BaseException):
    """Ctrl-C or SIGTERM as an exception of our own (typer would turn KeyboardInterrupt into "Aborted!"), so
    that temporary outputs are removed on the way out and the message is ours."""


def _on_signal(signum, frame) -> None:
    raise _Interrupted(signum)


def main(argv: list[str] | None = None) -> int:
    """Console entry point: every failure prints one line (`error: ...`), never a traceback.

    Exit status: 0 all good, 1 nothing done, 2 usage error, 3 done with some inputs skipped, 130 interrupted.
    """
    previous = {}
    for number in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError):  # not the main thread (an embedding program): leave them
            previous[number] = signal.signal(number, _on_signal)
    try:
        return _run(argv)
    except (KeyboardInterrupt, _Interrupted):
        print("error: interrupted; the previous outputs were left as they were", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


if __name__ == "__main__":
    sys.exit(main())
