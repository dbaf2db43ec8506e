"""Read articles: decode any common encoding, split the front matter off, keep body offsets exact."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from charset_normalizer import from_bytes

from ..exc import InputError
from ..models import Article

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
DEFAULT_MAX_BYTES = 20_000_000
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")


def decode(data: bytes, path: str | Path) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 by BOM, else the best guess among cp1251, KOI8-R..."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "binary file, not text", hint="give a .txt or .md article")
    for encoding in ("utf-8-sig",) if not data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-16",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "broken UTF-16 text")
    best = from_bytes(data, cp_isolation=["cp1251", "koi8_r", "koi8_u", "cp1252", "latin_1", "utf_16"]).best()
    if best is None:
        raise InputError(path, "unknown text encoding", hint="save it as UTF-8")
    log.info("%s: decoded as %s", path, best.encoding)
    return str(best)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Return (fields, body). No block, or a block that never closes, leaves the text whole."""
    text = text.replace("\r\n", "\n")
    match = _FRONT.match(text)
    if not match:
        return {}, text
    fields = {}
    for line in match.group(1).splitlines():
        found = _FIELD.match(line)
        if found:
            fields[found.group(1).lower()] = found.group(2).strip().strip("\"'")
    return fields, text[match.end():]


def parse_date(value: str | None) -> date | None:
    """An ISO date (YYYY-MM-DD) or None for empty/'unknown'; anything else is a ValueError."""
    if not value or value.strip().lower() in ("unknown", "none", "null", "n/a"):
        return None
    return date.fromisoformat(value.strip()[:10])


def read_article(path: str | Path, *, default_date: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 source: str | None = None) -> Article:
    """Read one article file. Raises InputError naming the file for anything a user can fix."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(path, f"file is {size / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB limit",
                             hint="raise --max-bytes or split the file")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(path, "no such file") from exc
    except IsADirectoryError as exc:
        raise InputError(path, "is a folder, not a file") from exc
    except PermissionError as exc:
        raise InputError(path, "not readable (permission denied)") from exc
    if not data.strip():
        raise InputError(path, "empty file")
    fields, body = split_front_matter(decode(data, path))
    try:
        published = parse_date(fields.get("date")) or default_date
    except ValueError as exc:
        log.warning("%s: front matter date %r does not parse; using --date", path, fields.get("date"))
        published = default_date
        if published is None:
            log.debug("no fallback date: %s", exc)
    if not body.strip():
        raise InputError(path, "no text after the front matter")
    return Article(source=source or path.name, body=body, date=published, title=fields.get("title"),
                   meta=fields, path=str(path))


def iter_text_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand folders recursively into article files (sorted), pass files through as given."""
    for item in paths:
        item = Path(item)
        if item.is_dir():
            yield from sorted(p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                              and not p.name.startswith("."))
        else:
            yield item
