"""Read incident tables (CSV, ACLED exports, JSON lines, GeoJSON, Excel) into the incident schema.

Columns are recognised by common names (ACLED's `event_date`, `location`, `admin1`, `latitude`...; plain
`date`, `place`, `lat`, `lon`, `killed`...); `columns={"location": "Town"}` maps others. Every value is read
as text (or None) so that nothing is guessed before geocode.py checks it.
"""

from __future__ import annotations

import csv
import json
import logging
from pathlib import Path

import pandas as pd

from ..exc import InputError

log = logging.getLogger(__name__)

TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson", ".geojson", ".xlsx"}

# Schema field -> accepted column names (compared case-insensitively, spaces and dashes as underscores).
# Order matters: the first name present wins, so ACLED's own names come first.
ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("event_date", "date", "day", "event_day", "incident_date"),
    "location": ("location", "place", "town", "city", "settlement", "village", "place_name", "locality"),
    "admin1": ("admin1", "oblast", "region", "province", "admin_1", "state", "admin1_name"),
    "country": ("country", "country_code", "iso", "iso2", "iso3", "country_name"),
    "latitude": ("latitude", "lat", "y"),
    "longitude": ("longitude", "lon", "lng", "long", "x"),
    "killed": ("fatalities", "killed", "deaths", "dead", "fatalities_count", "death_toll"),
    "injured": ("injured", "wounded", "injuries", "hurt"),
    "event_type": ("event_type", "event", "type", "category"),
    "sub_event_type": ("sub_event_type", "subtype", "sub_type"),
    "notes": ("notes", "evidence", "description", "text", "summary"),
    "source": ("source", "sources", "url", "link", "outlet"),
    "geo_precision": ("geo_precision", "precision"),
    "id": ("event_id_cnty", "id", "event_id", "uid"),
}
# Names in a --columns option that are not field names: `place=Town` means `location=Town`.
FIELD_SYNONYMS = {"place": "location", "lat": "latitude", "lon": "longitude", "lng": "longitude",
                  "region": "admin1", "oblast": "admin1", "fatalities": "killed", "deaths": "killed",
                  "wounded": "injured", "type": "event_type", "event": "event_type",
                  "subtype": "sub_event_type", "iso": "country", "evidence": "notes",
                  "precision": "geo_precision"}
_DELIMITERS = ",;\t|"


def _norm(name: str) -> str:
    return str(name).strip().lower().replace(" ", "_").replace("-", "_")


def field_of(name: str) -> str | None:
    """The schema field a user's name stands for: 'place' -> 'location', 'lat' -> 'latitude'."""
    key = _norm(name)
    if key in ALIASES:
        return key
    return FIELD_SYNONYMS.get(key)


def recognise_columns(header: list[str], explicit: dict[str, str] | None = None,
                      path: str | Path = "--columns") -> dict[str, str]:
    """Map schema fields to the table's own column names; explicit `{field: column}` pairs win.

    An explicit column is matched exactly first, then case-insensitively; a column given explicitly is
    taken away from any field it was recognised for by name.
    """
    by_norm: dict[str, str] = {}
    for column in header:
        by_norm.setdefault(_norm(column), column)
    mapping: dict[str, str] = {}
    for field, names in ALIASES.items():
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
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=["cp1251", "cp1252", "koi8_r", "latin_1"]).best()
        if best is None:
            raise InputError(path, "unknown text encoding", hint="save the table as UTF-8") from None
        log.info("%s: decoded as %s", path, best.encoding)
        return str(best)


def _read_csv(path: Path, tab: bool) -> pd.DataFrame:
    import io

    text = _read_text(path)
    first_line = text.split("\n", 1)[0]
    sep = "\t" if tab else _sniff_delimiter(first_line, ",") if first_line.strip() else ","
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=sep, on_bad_lines="error",
                       quoting=csv.QUOTE_MINIMAL, skip_blank_lines=True)


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
    frame.attrs["rows"] = lines
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


def read_table_raw(path: str | Path) -> pd.DataFrame:
    """The table as text values (None for empty cells), whatever its format."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a folder, not a table")
    if suffix not in TABLE_SUFFIXES:
        raise InputError(path, f"unsupported table type {suffix!r}",
                         hint="use .csv, .tsv, .jsonl, .geojson or .xlsx")
    try:
        if suffix in (".csv", ".tsv"):
            frame = _read_csv(path, tab=suffix == ".tsv")
        elif suffix in (".jsonl", ".ndjson"):
            frame = _read_jsonl(path)
        elif suffix == ".xlsx":
            try:
                import openpyxl  # noqa: F401  (pandas needs it; say so plainly when absent)
            except ImportError:
                raise InputError(path, "reading .xlsx needs openpyxl",
                                 hint="pip install 'geomap[xlsx]', or save the sheet as CSV") from None
            frame = pd.read_excel(path, dtype=object, engine="openpyxl")
        else:
            frame = _read_geojson(path)
    except InputError:
        raise
    except pd.errors.EmptyDataError:
        raise InputError(path, "the table is empty") from None
    except Exception as exc:  # parsers raise many types (ParserError, BadZipFile, DataSourceError...)
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(path, f"cannot read the table: {first}") from exc
    rows = frame.attrs.get("rows")
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = pd.DataFrame({column: pd.Series([_text(v) for v in frame[column].tolist()], dtype=object)
                          for column in frame.columns}, columns=frame.columns, dtype=object)
    frame.attrs["rows"] = rows or list(range(2, len(frame) + 2))  # header = line 1
    return frame


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


def read_incident_table(path: str | Path, columns: dict[str, str] | None = None,
                        raw: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read a table and return it with schema field names (missing fields as empty columns).

    Two columns are added: `row` (the line of a CSV or JSON-lines file, or the sheet row, header = 1) and
    `table` (the path), so that reports point the analyst at the cell to fix.
    """
    raw = read_table_raw(path) if raw is None else raw
    if raw.empty:
        raise InputError(path, "the table has no rows")
    mapping = recognise_columns(list(raw.columns), columns, path)
    has_coordinates = {"latitude", "longitude"} <= set(mapping)
    if "location" not in mapping and "admin1" not in mapping and not has_coordinates:
        raise InputError(path, "no place column (location/place/town), no region column and no "
                               "latitude/longitude columns",
                         hint="name them, or map them with --columns place=YourColumn")
    frame = pd.DataFrame({field: raw[column].to_numpy() for field, column in mapping.items()}, dtype=object)
    for field in ALIASES:
        if field not in frame:
            frame[field] = None
    rows = raw.attrs.get("rows")
    frame["row"] = rows if rows and len(rows) == len(frame) else range(2, len(frame) + 2)
    frame["table"] = str(path)
    log.info("%s: %d rows; columns %s", path, len(frame), ", ".join(f"{k}={v}" for k, v in mapping.items()))
    return frame
