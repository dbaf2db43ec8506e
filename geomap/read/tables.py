"""Read incident tables (CSV, ACLED exports, JSON lines, GeoJSON, Excel) into the incident schema.

Columns are recognised by common names (ACLED's `event_date`, `location`, `admin1`, `latitude`...; plain
`date`, `place`, `lat`, `lon`, `killed`...); `columns={"location": "Town"}` maps others. A UCDP GED export
is recognised by its columns and read under GED's meaning (`read/ucdp.py`). Every value is read as text (or
None) so that nothing is guessed before geocode.py checks it.

No column is dropped: a column that is not read into a field is kept through to the outputs, under its own
name when it is one of ACLED's or GED's standard columns (`actor1`, `admin2`, `civilian_targeting`,
`inter1`, `deaths_civilians`...), else as `extra_<name>` so that it can never clash with an output column.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from ..exc import InputError, one_line
from . import ucdp

log = logging.getLogger(__name__)

TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".geojson", ".xlsx"}

# Schema field -> accepted column names (compared case-insensitively, spaces and dashes as underscores).
# Order matters: the first name present wins, so ACLED's own names come first.
ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("event_date", "date", "day", "event_day", "incident_date"),
    "location": ("location", "place", "town", "city", "settlement", "village", "place_name", "locality"),
    "admin1": ("admin1", "oblast", "admin_1", "adm_1", "adm1", "region", "province", "state", "admin1_name"),
    "country": ("country", "country_code", "iso", "iso2", "iso3", "country_name"),
    "latitude": ("latitude", "lat", "y"),
    "longitude": ("longitude", "lon", "lng", "long", "x"),
    "killed": ("fatalities", "killed", "deaths", "dead", "fatalities_count", "death_toll"),
    "injured": ("injured", "wounded", "injuries", "hurt"),
    "event_type": ("event_type", "event", "type", "category"),
    "sub_event_type": ("sub_event_type", "subtype", "sub_type"),
    "notes": ("notes", "evidence", "description", "text", "summary"),
    "source": ("source", "sources", "outlet"),
    "url": ("source_url", "url", "link"),
    "geo_precision": ("geo_precision", "precision"),
    "id": ("event_id_cnty", "id", "event_id", "uid"),
}
# Names in a --columns option that are not field names: `place=Town` means `location=Town`.
FIELD_SYNONYMS = {"place": "location", "lat": "latitude", "lon": "longitude", "lng": "longitude",
                  "region": "admin1", "oblast": "admin1", "fatalities": "killed", "deaths": "killed",
                  "wounded": "injured", "type": "event_type", "event": "event_type",
                  "subtype": "sub_event_type", "iso": "country", "evidence": "notes",
                  "precision": "geo_precision", "link": "url", "source_url": "url"}
# Standard columns of ACLED and UCDP GED exports kept under their own names when not read into a field.
ACLED_COLUMNS = ("event_id_no_cnty", "year", "time_precision", "disorder_type", "actor1", "assoc_actor_1",
                 "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso",
                 "region", "admin2", "admin3", "source_scale", "tags", "timestamp")
GED_COLUMNS = ("relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
               "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
               "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
               "source_article", "source_office", "source_date", "source_headline", "source_original",
               "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2", "geom_wkt",
               "priogrid_gid", "country_id", "region", "event_clarity", "date_prec", "date_start",
               "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low")
EXTRA_PREFIX = "extra_"  # other columns a table brings, kept through to the outputs under this prefix
RESERVED = ("row", "table")  # columns the reader adds to the schema frame
_DELIMITERS = ",;\t|"


class Shared(tuple):
    """An immutable value kept in `DataFrame.attrs` (row lines, left-out rows). pandas deep-copies attrs on
    every column access; this type is shared instead, so a million-row table does not copy its line list
    dozens of times."""

    __slots__ = ()

    def __deepcopy__(self, memo) -> Shared:
        return self


def _norm(name: str) -> str:
    return str(name).strip().lower().replace(" ", "_").replace("-", "_")


def field_of(name: str) -> str | None:
    """The schema field a user's name stands for: 'place' -> 'location', 'lat' -> 'latitude'."""
    key = _norm(name)
    if key in ALIASES:
        return key
    return FIELD_SYNONYMS.get(key)


def recognise_columns(header: list[str], explicit: dict[str, str] | None = None,
                      path: str | Path = "--columns", aliases: dict[str, tuple[str, ...]] | None = None
                      ) -> dict[str, str]:
    """Map schema fields to the table's own column names; explicit `{field: column}` pairs win.

    An explicit column is matched exactly first, then case-insensitively; a column given explicitly is
    taken away from any field it was recognised for by name. `aliases` replaces ALIASES (a GED export's).
    """
    by_norm: dict[str, str] = {}
    for column in header:
        by_norm.setdefault(_norm(column), column)
    mapping: dict[str, str] = {}
    for field, names in (aliases or ALIASES).items():
        for name in names:
            if name in by_norm:
                mapping[field] = by_norm[name]
                break
    for name, column in (explicit or {}).items():
        field = field_of(name)
        if field is None:
            raise InputError(path, f"--columns: unknown field {name!r}", hint=f"fields: {', '.join(ALIASES)}")
        actual = column if column in header else by_norm.get(_norm(column))
        if actual is None:
            raise InputError(path, f"--columns {name}={column}: no column {column!r} in the table",
                             hint=f"columns: {', '.join(map(str, header))}")
        for other in [f for f, c in mapping.items() if c == actual and f != field]:
            del mapping[other]
        mapping[field] = actual
    return mapping


def _sniff_delimiter(sample: str, default: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        return default


def _read_text(path: Path) -> str:
    """The table's text: UTF-8, UTF-16 (Excel's "Unicode text") or a guessed single-byte code page."""
    from .articles import decode

    return decode(path.read_bytes(), path, not_text_hint=_NOT_TEXT_HINT)


_NOT_TEXT_HINT = "give a CSV or TSV text table, or an Excel workbook named .xlsx"
_QUOTE_HINT = 'close the quote; a quote inside a cell is written twice: ""'
_MAX_UNCLOSED = 20  # unclosed quotes left out one by one before the table is given up


def _separator_name(sep: str) -> str:
    return {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}.get(sep, repr(sep))


def _unique_names(header: list[str]) -> list[str]:
    """Column names as pandas gives them: empty ones 'Unnamed: N', repeats 'name.1', 'name.2'."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for number, name in enumerate(header):
        name = name.strip() or f"Unnamed: {number}"
        if name in seen:
            seen[name] += 1
            candidate = f"{name}.{seen[name]}"
            while candidate in seen:
                seen[name] += 1
                candidate = f"{name}.{seen[name]}"
            name = candidate
        seen.setdefault(name, 0)
        names.append(name)
    return names


def _records(lines: list[str], first: int, sep: str) -> Iterator[tuple[int, int, list[str]]]:
    """(first line, last line, cells) of each CSV record in lines[first:], lines numbered from 1."""
    reader = csv.reader(iter(lines[first:]), delimiter=sep, quotechar='"', doublequote=True, strict=False)
    previous = 0
    for cells in reader:
        yield first + previous + 1, first + reader.line_num, cells
        previous = reader.line_num


def _unclosed(raw: str, sep: str) -> bool:
    """True when the text of a record ends inside a quoted cell (a quote that never closes)."""
    try:
        for _ in csv.reader(io.StringIO(raw, newline=""), delimiter=sep, quotechar='"', strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _ran_together(inner: list[str], sep: str, width: int) -> bool:
    """True when a line inside one multi-line cell looks like a whole row of its own (a quote left open)."""
    return width >= 3 and any(line.count(sep) >= width - 1 for line in inner)


def parse_csv(text: str, sep: str, path: str | Path) -> tuple[list[str], list[list[str]], list[int],
                                                                list[tuple[int, str, str]]]:
    """Split CSV text into (header, rows, line of each row, problems); problems are (line, what, hint).

    Python's csv module reads the cells (quotes, doubled quotes, cells over several lines); this function adds
    what a person fixing the file needs. A quote left open swallows the lines after it into one cell: that
    row is reported at the line the quote opens on, left out, and the lines after it are read again as rows.
    A row with more non-empty cells than the header is left out and named; rows with fewer cells are padded;
    blank rows are passed over. A header whose quote never closes raises InputError.
    """
    lines = list(io.StringIO(text, newline=""))  # split exactly where the csv module splits
    header: list[str] | None = None
    rows: list[list[str]] = []
    numbers: list[int] = []
    problems: list[tuple[int, str, str]] = []
    start, unclosed = 0, 0
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, len(text) + 1))  # one cell may be the whole file (an unclosed quote)
    try:
        while start < len(lines):
            restart = None
            for first, last, cells in _records(lines, start, sep):
                if not any(cell.strip() for cell in cells):
                    continue  # a blank line, or a row of separators only
                if last == len(lines) and _unclosed("".join(lines[first - 1:last]), sep):
                    if header is None:
                        raise InputError(path, "a quote opened in the header is never closed", line=first,
                                         hint=_QUOTE_HINT)
                    unclosed += 1  # each costs a reading of the rest of the file: a bounded number
                    if unclosed > _MAX_UNCLOSED:
                        raise InputError(path, f"more than {_MAX_UNCLOSED} quotes never closed", line=first,
                                         hint=_QUOTE_HINT)
                    problems.append((first, "a quote opened on this line is never closed; row left out, the "
                                            "lines after it read again", _QUOTE_HINT))
                    restart = first
                    break
                if header is None:
                    header = _unique_names(cells)
                    continue
                width = len(header)
                if last > first and (len(cells) != width or _ran_together(lines[first:last - 1], sep, width)):
                    problems.append((first, f"a quote opened on this line closes only on line {last}, running "
                                            f"{last - first + 1} lines together; row left out, the lines after "
                                            "it read again", _QUOTE_HINT))
                    restart = first
                    break
                if len(cells) > width and any(cell.strip() for cell in cells[width:]):
                    example = f', e.g. "Kyiv{sep} Ukraine"' if sep in ",;" else ""
                    problems.append((first, f"row has {len(cells)} cells, the header {width}; left out",
                                     f"quote cells that hold a {_separator_name(sep)}{example}"))
                    continue
                cells = cells[:width] + [""] * (width - len(cells))
                rows.append(cells)
                numbers.append(first)
            start = len(lines) if restart is None else restart
    except csv.Error as exc:
        raise InputError(path, f"cannot read the CSV ({exc})", hint=_QUOTE_HINT) from None
    finally:
        csv.field_size_limit(old_limit)
    if header is None:
        raise InputError(path, "the table is empty", hint="give a header line and rows")
    return header, rows, numbers, problems


def _read_csv(path: Path, tab: bool) -> pd.DataFrame:
    text = _read_text(path)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    sep = "\t" if tab else _sniff_delimiter(first_line, ",") if first_line.strip() else ","
    header, rows, numbers, problems = parse_csv(text, sep, path)
    frame = pd.DataFrame(rows, columns=header, dtype=object) if rows else pd.DataFrame(columns=header)
    frame.attrs["rows"] = Shared(numbers)
    frame.attrs["problems"] = Shared(problems)
    return frame


def _read_jsonl(path: Path) -> pd.DataFrame:
    records, lines = [], []
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"not JSON ({exc.msg})", line=number) from None
        if not isinstance(record, dict):
            raise InputError(path, "each line must be a JSON object", line=number)
        records.append(record)
        lines.append(number)
    frame = pd.DataFrame.from_records(records).astype(object) if records else pd.DataFrame()
    frame.attrs["rows"] = Shared(lines)
    return frame


def _read_geojson(path: Path) -> pd.DataFrame:
    import geopandas as gpd
    import shapely

    frame = gpd.read_file(path)
    if frame.empty:
        return pd.DataFrame(frame.drop(columns="geometry"))
    geometry = frame.geometry.values
    if (shapely.get_type_id(geometry) > 0).any():  # 0 is Point, -1 a missing geometry
        log.info("%s: non-point features are placed on a point inside their shape", path)
    points = shapely.point_on_surface(geometry)
    missing = shapely.is_missing(points) | shapely.is_empty(points)
    frame = pd.DataFrame(frame.drop(columns="geometry"))
    coordinates = ALIASES["latitude"] + ALIASES["longitude"]
    frame = frame.drop(columns=[c for c in frame.columns if _norm(c) in coordinates])
    frame["longitude"] = [None if m else str(x) for m, x in zip(missing, shapely.get_x(points), strict=True)]
    frame["latitude"] = [None if m else str(y) for m, y in zip(missing, shapely.get_y(points), strict=True)]
    return frame


_XLSX_HINT = "save it again from Excel as .xlsx, or as CSV"
_OLD_EXCEL = b"\xd0\xcf\x11\xe0"  # OLE container: .xls, or an encrypted .xlsx


def _read_xlsx(path: Path) -> pd.DataFrame:
    """The first sheet of a workbook; anything that is not one is named plainly."""
    import zipfile

    try:
        import openpyxl  # noqa: F401  (pandas needs it; say so plainly when absent)
    except ImportError:
        raise InputError(path, "reading .xlsx needs openpyxl",
                         hint="pip install 'geomap[xlsx]', or save the sheet as CSV") from None
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_OLD_EXCEL):
        raise InputError(path, "an old-style .xls (or password-protected) workbook, not .xlsx", hint=_XLSX_HINT)
    if not zipfile.is_zipfile(path):
        raise InputError(path, "not an Excel .xlsx workbook (not a zip archive)", hint=_XLSX_HINT)
    try:
        return pd.read_excel(path, dtype=object, engine="openpyxl")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(path, f"not a readable Excel workbook ({_first_line(exc)})", hint=_XLSX_HINT) from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().strip("\"'").strip()
    return one_line(text.splitlines()[0], 200) if text else type(exc).__name__


def read_table_raw(path: str | Path) -> pd.DataFrame:
    """The table as text values (None for empty cells), whatever its format.

    `attrs["rows"]` holds each row's line (header = 1); `attrs["problems"]` the rows left out of a CSV as
    (line, problem, hint), for the caller to report (`row_problems`)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError(path, "no such file", hint="check the path")
    if path.is_dir():
        raise InputError(path, "is a folder, not a table", hint="give the table's file")
    if suffix not in TABLE_SUFFIXES:
        raise InputError(path, f"unsupported table type {suffix!r}",
                         hint="use .csv, .tsv, .jsonl, .geojson or .xlsx")
    try:
        if suffix in (".csv", ".tsv"):
            frame = _read_csv(path, tab=suffix == ".tsv")
        elif suffix in (".jsonl", ".ndjson"):
            frame = _read_jsonl(path)
        elif suffix == ".xlsx":
            frame = _read_xlsx(path)
        else:
            frame = _read_geojson(path)
    except InputError:
        raise
    except pd.errors.EmptyDataError:
        raise InputError(path, "the table is empty") from None
    except PermissionError:
        raise InputError(path, "not readable (permission denied)", hint="check its permissions") from None
    except Exception as exc:  # parsers raise many types (ParserError, DataSourceError...)
        raise InputError(path, f"cannot read the table: {_first_line(exc)}") from exc
    rows, problems = frame.attrs.pop("rows", None), frame.attrs.pop("problems", ())
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = pd.DataFrame({column: pd.Series([_text(v) for v in frame.iloc[:, number].tolist()], dtype=object)
                          for number, column in enumerate(frame.columns)}, columns=frame.columns, dtype=object)
    frame.attrs["rows"] = Shared(rows or range(2, len(frame) + 2))  # header = line 1
    frame.attrs["problems"] = Shared(problems)
    return frame


def row_problems(frame: pd.DataFrame, path: str | Path) -> list[InputError]:
    """The rows the reader left out of the table at `path` (bad quoting, extra cells), one InputError each."""
    return [InputError(path, problem, line=line, hint=hint) for line, problem, hint in
            frame.attrs.get("problems", [])]


def _text(value) -> str | None:
    """A cell as stripped text; None for empty cells and NaN. Whole floats keep no '.0' ('5.0' -> '5')."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    text = str(value).strip()
    return text or None


def table_format(header: list[str]) -> str:
    """'ucdp-ged' for a UCDP GED export, 'acled' for an ACLED export, else 'table'."""
    names = {_norm(column) for column in header}
    if ucdp.is_ged(names):
        return "ucdp-ged"
    return "acled" if {"event_id_cnty", "event_date", "fatalities"} <= names else "table"


def kept_name(column: str) -> str:
    """The output name of a table column kept through: ACLED's and GED's own names as they are, any other
    as `extra_<name>` (lower case, spaces as underscores), so it can never clash with an output column."""
    key = _norm(column)
    if key in ALIASES or key in RESERVED:
        return EXTRA_PREFIX + key
    return key if key in ACLED_COLUMNS or key in GED_COLUMNS else EXTRA_PREFIX + key


def kept_columns(frame: pd.DataFrame) -> list[str]:
    """The columns of a schema frame (from read_incident_table) that a table brought beyond the schema."""
    return [column for column in frame.columns if column not in ALIASES and column not in RESERVED]


def read_incident_table(path: str | Path, columns: dict[str, str] | None = None,
                        raw: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read a table and return it with schema field names (missing fields as empty columns).

    Two columns are added: `row` (the line of a CSV or JSON-lines file, or the sheet row, header = 1) and
    `table` (the path), so that reports point the analyst at the cell to fix. Every other column of the
    table follows under `kept_name` (see `kept_columns`). `attrs["columns"]` holds (field, table column)
    pairs, `attrs["format"]` the `table_format`.
    """
    raw = read_table_raw(path) if raw is None else raw
    problems = Shared(raw.attrs.get("problems", ()))
    if raw.empty:
        if problems:  # every row was left out: the first reason says more than "no rows"
            line, problem, hint = problems[0]
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise InputError(path, f"no usable rows: {problem}{more}", line=line, hint=hint)
        raise InputError(path, "the table has no rows", hint="give rows under the header")
    header = list(raw.columns)
    kind = table_format(header)
    mapping = recognise_columns(header, columns, path, ucdp.ALIASES if kind == "ucdp-ged" else None)
    has_coordinates = {"latitude", "longitude"} <= set(mapping)
    if "location" not in mapping and "admin1" not in mapping and not has_coordinates:
        raise InputError(path, "no place column (location/place/town), no region column and no "
                               "latitude/longitude columns",
                         hint="name them, or map them with --columns place=YourColumn")
    frame = pd.DataFrame({field: raw[column].to_numpy() for field, column in mapping.items()}, dtype=object)
    for field in ALIASES:
        if field not in frame:
            frame[field] = None
    if kind == "ucdp-ged":
        frame["event_type"] = [ucdp.event_type(v) for v in frame["event_type"]]
        frame["geo_precision"] = [ucdp.geo_precision(v) for v in frame["geo_precision"]]
    originals = {c for c in header if kind == "ucdp-ged" and _norm(c) in ucdp.KEPT_ORIGINALS}
    used = set(mapping.values()) - originals
    names: set[str] = set()
    for column in header:
        if column in used:
            continue
        name, number = kept_name(column), 2
        while name in names:
            name, number = f"{kept_name(column)}_{number}", number + 1
        names.add(name)
        frame[name] = raw[column].to_numpy()
    rows = raw.attrs.get("rows")
    frame["row"] = list(rows) if rows and len(rows) == len(frame) else range(2, len(frame) + 2)
    frame["table"] = str(path)
    frame.attrs["problems"] = problems
    frame.attrs["columns"] = Shared(mapping.items())
    frame.attrs["format"] = kind
    log.info("%s: %d rows (%s); columns %s; kept through: %s", path, len(frame), kind,
             ", ".join(f"{k}={v}" for k, v in mapping.items()), ", ".join(sorted(names)) or "none")
    return frame
