"""Read articles: decode any common encoding, split the front matter off, keep body offsets exact.

Ukrainian and Russian sources still arrive in cp1251, KOI8-R/KOI8-U and UTF-16 (with or without a byte-order
mark), so decoding tries UTF-8 first, then UTF-16 by its byte pattern, then guesses among the Cyrillic and
Western single-byte code pages. Anything that does not decode to text is reported as one `InputError`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from charset_normalizer import from_bytes

from ..exc import InputError, LimitError
from ..limits import DEFAULT_MAX_BYTES, size_text
from ..models import Article

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
SINGLE_BYTE_ENCODINGS = ["cp1251", "koi8_u", "koi8_r", "cp1252", "latin_1"]
_FENCE = re.compile(r"[ \t]*(---|\.\.\.)[ \t]*")
_FIELD = re.compile(r"""^(["']?)([A-Za-z_][\w-]*)\1\s*:\s*(.*?)\s*$""")  # YAML allows a quoted key
_BOMS_16 = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
# Leading bytes of formats people drop into a folder of articles by mistake.
_MAGIC = {b"%PDF": "a PDF", b"PK\x03\x04": "a zip/Word/Excel file", b"\x89PNG": "a PNG image",
          b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"\x7fELF": "a program",
          b"{\\rtf": "an RTF document", b"\xd0\xcf\x11\xe0": "an old Word/Excel file"}
_CONTROL_SHARE = 0.01  # more control characters than this and the "text" is binary
_NOT_TEXT_HINT = "give a .txt or .md article, UTF-8 preferred"


# Control characters (Unicode category Cc) other than whitespace and ESC (found in terminal-coloured logs).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")


def _is_text(text: str) -> bool:
    """True when the decoded text has (almost) no control characters other than whitespace."""
    if "\x00" in text:
        return False
    allowed = _CONTROL_SHARE * max(len(text), 1)
    # all() stops counting at the first match over the share: a large binary file is not scanned to its end
    return all(count <= allowed for count, _ in enumerate(_CONTROL.finditer(text), start=1))


def _utf16_order(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when BOM-less bytes look like UTF-16 (high bytes nearly all 0x00 or 0x04)."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:8192]
    for name, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        # ASCII has a 0x00 high byte and Cyrillic 0x04; punctuation such as the apostrophe 0x20
        usual = sum(1 for b in high if b in (0x00, 0x04, 0x20))
        if usual >= 0.9 * len(high):
            return name
    return None


def decode(data: bytes, path: str | Path, *, not_text_hint: str = _NOT_TEXT_HINT) -> str:
    """Bytes to text: UTF-8 (BOM or not), UTF-16 (BOM or not), else the best guess among cp1251, KOI8...

    `not_text_hint` is what the message of a binary file suggests (articles and tables differ)."""
    for bom, name in _BOMS_16.items():
        if data.startswith(bom):
            try:
                return data[2:].decode(name)
            except UnicodeDecodeError:
                raise InputError(path, f"broken {name.upper()} text (cut in the middle of a character?)",
                                 hint="save it again as UTF-8") from None
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(path, f"{what}, not text", hint=not_text_hint)
    order = _utf16_order(data)
    if order is not None:
        try:
            text = data.decode(order)
        except UnicodeDecodeError:
            text = ""
        if text and _is_text(text):
            log.info("%s: decoded as %s (no byte-order mark)", path, order)
            return text
    if b"\x00" in data[:65536]:
        raise InputError(path, "binary file, not text", hint=not_text_hint)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data, cp_isolation=SINGLE_BYTE_ENCODINGS).best()
        if best is None:
            raise InputError(path, "unknown text encoding", hint="save it as UTF-8") from None
        log.info("%s: decoded as %s", path, best.encoding)
        text = str(best)
    if not _is_text(text):
        raise InputError(path, "binary file, not text", hint=not_text_hint)
    return text


@dataclass
class FrontMatter:
    """The fields of a front-matter block, the line each came from, and what looked wrong in it."""

    fields: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, problem)


def parse_front_matter(text: str) -> tuple[FrontMatter, str]:
    """Split a `---` ... `---` block off the top of text; return (front matter, body).

    Offsets in the body are offsets in the text after the block. A block that never closes is treated as body
    text (and reported), so that a stray `---` rule at the top of an article never swallows it.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front = FrontMatter()
    if not text.startswith("---"):
        return front, text
    first, _, rest = text.partition("\n")
    if _FENCE.fullmatch(first) is None or first.strip() != "---":
        return front, text
    offset = len(first) + 1
    number = 1
    block: list[tuple[int, str]] = []
    for line in rest.split("\n"):
        number += 1
        offset += len(line) + 1
        if _FENCE.fullmatch(line):
            break
        block.append((number, line))
    else:
        front.problems.append((1, "front matter opened with --- is never closed; read as article text "
                                  "(add a --- line after its last field)"))
        return front, text
    for line_number, line in block:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        found = _FIELD.match(line)
        if found is None:
            if not line[:1].isspace() and not line.lstrip().startswith("- "):  # YAML lists, folds: ignored
                problem = f"front matter line {line.strip()[:40]!r} is not key: value; ignored"
                front.problems.append((line_number, problem))
            continue
        key = found.group(2).lower()
        value = found.group(3).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1].strip()
        front.fields[key] = value
        front.lines[key] = line_number
    if not front.fields and any(line.strip() for _, line in block):
        return FrontMatter(), text  # a --- rule above plain paragraphs, not a front-matter block
    return front, text[min(offset, len(text)):]


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Return (fields, body). No block, or a block that never closes, leaves the text whole."""
    front, body = parse_front_matter(text)
    return front.fields, body


_UNKNOWN = ("", "unknown", "none", "null", "n/a", "na", "-", "?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_NUMERIC = [(re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})"), (1, 2, 3)),  # 2024/11/11, 2024.11.11
            (re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})"), (3, 2, 1))]  # 11.11.2024, day first (UA/RU)
_EARLIEST, _LATEST = date(1900, 1, 1), date(2100, 12, 31)


def parse_date(value: str | None) -> date | None:
    """A publication date: ISO (YYYY-MM-DD, with or without a time), 2024/11/11, day-first 11.11.2024, or
    words ('11 November 2024', '11 листопада 2024'). None for empty or 'unknown'; ValueError otherwise."""
    if value is None:
        return None
    text = str(value).strip().strip("\"'").strip()
    if text.lower() in _UNKNOWN:
        return None
    found = _ISO.fullmatch(text)
    if found:
        return _checked(date(int(found.group(1)), int(found.group(2)), int(found.group(3))), text)
    for pattern, (y, m, d) in _NUMERIC:
        found = pattern.fullmatch(text)
        if found:
            return _checked(date(int(found.group(y)), int(found.group(m)), int(found.group(d))), text)
    if len(text) > 60 or not any(ch.isdigit() for ch in text):
        raise ValueError(f"not a date: {text[:60]!r}")
    return _checked(_words_date(text), text)


def _words_date(text: str) -> date:
    """Dates written with month names, in English, Ukrainian or Russian (dateparser, imported only here)."""
    import dateparser

    try:
        settings = {"DATE_ORDER": "DMY", "STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False}
        parsed = dateparser.parse(text, languages=["en", "uk", "ru"], settings=settings)
    except Exception as exc:  # dateparser raises assorted types on odd text
        raise ValueError(f"not a date: {text!r}") from exc
    if not isinstance(parsed, datetime):
        raise ValueError(f"not a date: {text!r}")
    return parsed.date()


def _checked(day: date, text: str) -> date:
    if not _EARLIEST <= day <= _LATEST:
        raise ValueError(f"date out of range: {text!r}")
    return day


def read_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one input file, after the checks that protect the machine (size, file type)."""
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError(path, "is a folder, not a file", hint="give the folder alone")
        if not path.exists():
            raise InputError(path, "no such file", hint="check the path")
        if not path.is_file():
            raise InputError(path, "not a regular file (a device, socket or pipe)", hint="give a text file")
        size = path.stat().st_size
        if size > max_bytes:
            raise LimitError(path, f"file is {size_text(size)}, over the {size_text(max_bytes)} limit",
                             hint="raise --max-bytes or split the file")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may grow between stat and read
    except PermissionError:
        raise InputError(path, "not readable (permission denied)", hint="check its permissions") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or type(exc).__name__})") from None
    if len(data) > max_bytes:
        raise LimitError(path, f"file is over the {size_text(max_bytes)} limit", hint="raise --max-bytes")
    return data


def read_article(path: str | Path, *, default_date: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 source: str | None = None) -> Article:
    """Read one article file. Raises InputError naming the file for anything a user can fix; problems that
    still leave a usable article (a bad front-matter line, a date that does not parse) are logged warnings."""
    path = Path(path)
    data = read_bytes(path, max_bytes)
    if not data.strip():
        raise InputError(path, "empty file", hint="remove it or give it text")
    front, body = parse_front_matter(decode(data, path))
    for line, problem in front.problems:
        log.warning("%s:%d: %s", path, line, problem)
    fields = front.fields
    try:
        published = parse_date(fields.get("date")) or default_date
    except ValueError:
        published = default_date
        fallback = f"using --date {default_date}" if default_date else "mapped undated"
        log.warning("%s:%d: front matter date %r is not a date; %s (write date: YYYY-MM-DD, or give --date)",
                    path, front.lines.get("date", 1), fields.get("date", "")[:60], fallback)
    if not body.strip():
        raise InputError(path, "no text after the front matter", hint="the article body is empty")
    if published is None and not fields.get("date"):
        named = _date_from_name(path.name)
        published = named or _date_from_text(body)
        if published is not None:
            log.warning("%s: no date in the front matter; dated %s from its %s (write date: YYYY-MM-DD to be sure)",
                        path, published, "file name" if named else "text")
    return Article(source=source or path.name, body=body, date=published, title=fields.get("title") or None,
                   meta=fields, path=str(path))


_MONTHS = {name: number for number, names in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")), start=1) for name in names}
_NAME_DATE = re.compile(r"^(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")
_TEXT_DATE = re.compile(r"\b(?:(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+((?:19|20)\d\d)|([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+"
                        r"((?:19|20)\d\d)|((?:19|20)\d\d)-(\d{2})-(\d{2}))\b")
TEXT_DATE_WINDOW = 600  # a dateline or a lead's date stands near the top; a date further down may be background


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _date_from_name(name: str) -> date | None:
    """2024-08-03-kharkiv.md, 20240803_report.txt: the date a file name starts with."""
    match = _NAME_DATE.match(name)
    return _valid(*map(int, match.groups())) if match else None


def _date_from_text(body: str) -> date | None:
    """The first full date near the top of the text ("On 3 August 2024", "August 3, 2024", "2024-08-03")."""
    for match in _TEXT_DATE.finditer(body[:TEXT_DATE_WINDOW]):
        day, month, year, month2, day2, year2, iso_year, iso_month, iso_day = match.groups()
        if iso_year:
            found = _valid(int(iso_year), int(iso_month), int(iso_day))
        else:
            number = _MONTHS.get((month or month2).lower())
            found = _valid(int(year or year2), number, int(day or day2)) if number else None
        if found is not None:
            return found
    return None


def iter_text_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand folders recursively into article files (sorted), pass files through as given.

    Hidden files and folders (a leading dot: caches, editors' swap files, our own temporary outputs) are left
    out; a folder that cannot be listed is logged and passed over.
    """
    for item in paths:
        item = Path(item)
        if item.is_dir():
            found = []
            try:
                for p in item.rglob("*"):
                    relative = p.relative_to(item).parts
                    if any(part.startswith(".") for part in relative):
                        continue
                    if p.suffix.lower() in TEXT_SUFFIXES and p.is_file():
                        found.append(p)
            except OSError as exc:
                log.warning("%s: cannot list the folder completely (%s)", item, exc.strerror or exc)
            yield from sorted(found)
        else:
            yield item
