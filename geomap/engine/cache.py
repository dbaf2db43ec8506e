"""Per-article cache (SQLite under the output folder): content hash of the file bytes + version stamp ->
the article's mentions and incidents. A stamp changes whenever the extractor's code, the gazetteer index
or the run options that change extraction (the fallback date) change, so stale results are never reused.

The cache only saves time, so it never stops a run: a damaged database (truncated, overwritten, another
table layout) is replaced by a new one with a warning; a damaged entry is dropped and its article extracted
again; a cache that cannot be used at all (locked by another run, disk full, no permission) is left alone
with a warning and the run goes on without it. The database file is created on the first result stored, so a
run that extracts nothing leaves no cache behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path

from gazetteer import Gazetteer

from ..exc import one_line
from ..models import Incident, Mention

log = logging.getLogger(__name__)

CACHE_DIR = ".geomap-cache"
CACHE_FILE = "articles.sqlite"
FORMAT = 1
COLUMNS = ["key", "stamp", "source", "payload"]
_SCHEMA = ("CREATE TABLE IF NOT EXISTS articles (key TEXT NOT NULL, stamp TEXT NOT NULL, source TEXT NOT NULL, "
           "payload TEXT NOT NULL, PRIMARY KEY (key, stamp))")
_DAMAGED = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}  # the file itself is bad: start a new one
_HINTS = {"SQLITE_BUSY": "another geomap run is writing to this --out folder",
          "SQLITE_LOCKED": "another geomap run is writing to this --out folder",
          "SQLITE_FULL": "free some disk space", "SQLITE_IOERR": "check the disk",
          "SQLITE_READONLY": "check the folder's permissions", "SQLITE_PERM": "check the folder's permissions",
          "SQLITE_CANTOPEN": f"remove {CACHE_DIR}/{CACHE_FILE} if it is not a file, or run with --no-cache"}
_GEOMAP = Path(__file__).resolve().parent.parent
# Modules that never change what an article yields (output, orchestration, tables); everything else counts.
_NOT_EXTRACTION = {"render", "export", "engine", "cli.py", "pipeline.py", "join.py", "aggregate.py",
                   "frames.py", "regions.py", "merge.py", "geocode.py", "tables.py", "__main__.py"}


def content_key(data: bytes) -> str:
    """The cache key of an article file: a hash of its bytes (names do not matter)."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _code_digest() -> str:
    """The extractor's code, its rule data files and its learned models (built first when missing or stale)."""
    from ..decide import metonymy_decision

    metonymy_decision()  # a model trained now would change the digest after this run's first article
    digest = hashlib.blake2b(digest_size=16)
    files = [*_GEOMAP.rglob("*.py"), *_GEOMAP.rglob("*.toml"), *(_GEOMAP / "decide" / "build").glob("*.json")]
    for path in sorted(files):
        parts = path.relative_to(_GEOMAP).parts
        if _NOT_EXTRACTION & set(parts):
            continue
        digest.update("/".join(parts).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def version_stamp(gazetteer: Gazetteer, default_date: date | None = None) -> str:
    """What the cached results depend on besides the article bytes: extractor code, gazetteer, options."""
    from gazetteer.build import INDEX_VERSION

    index = gazetteer.index
    parts = [f"format={FORMAT}", f"code={_code_digest()}",
             f"index={INDEX_VERSION}:{getattr(index, 'stamp', '')}",
             f"date={default_date.isoformat() if default_date else ''}"]
    return hashlib.blake2b("|".join(parts).encode(), digest_size=12).hexdigest()


def dump_result(mentions: list[Mention], incidents: list[Incident]) -> str:
    data = {"mentions": [m.to_dict() for m in mentions], "incidents": [i.to_dict() for i in incidents]}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


_MENTION_FIELDS = {f.name for f in fields(Mention)}
_INCIDENT_FIELDS = {f.name for f in fields(Incident)}


@dataclass(slots=True)
class CachedResult:
    """One cache entry already decoded (and so known to be sound), as `get_many` hands it out."""

    mentions: list[Mention]
    incidents: list[Incident]


def _decode(payload: str) -> CachedResult:
    """The dataclasses of a stored payload; ValueError/TypeError/KeyError/AttributeError when it is damaged."""
    data = json.loads(payload)
    mentions = [Mention(**{k: v for k, v in item.items() if k in _MENTION_FIELDS}) for item in data["mentions"]]
    incidents = []
    for item in data["incidents"]:
        item = {k: v for k, v in item.items() if k in _INCIDENT_FIELDS}
        item["sources"] = list(item.get("sources") or [])
        item["date"] = date.fromisoformat(item["date"]) if item.get("date") else None
        incidents.append(Incident(**item))
    if not all(isinstance(m.source, str) for m in mentions) or not all(
            isinstance(i.source, str) and all(isinstance(s, str) for s in i.sources) for i in incidents):
        raise TypeError("source names must be text")
    return CachedResult(mentions, incidents)


def load_result(payload: str | CachedResult, cached_source: str, source: str
                ) -> tuple[list[Mention], list[Incident]]:
    """Fresh dataclasses of an entry; a file whose bytes were cached under another name gets its own name back.

    Every call returns new objects (later steps may change incidents, and two files may share one entry)."""
    result = _decode(payload) if isinstance(payload, str) else payload

    def rename(value: str) -> str:
        return source if value == cached_source else value

    mentions = [replace(m, source=rename(m.source)) for m in result.mentions]
    incidents = [replace(i, source=rename(i.source), sources=[rename(s) for s in i.sources])
                 for i in result.incidents]
    return mentions, incidents


def _error_name(exc: sqlite3.Error) -> str:
    """SQLite's name of the error (SQLITE_CORRUPT...), from the exception or, on old Pythons, its text."""
    name = getattr(exc, "sqlite_errorname", None)
    if name:
        return name
    text = str(exc).lower()
    if "malformed" in text:
        return "SQLITE_CORRUPT"
    if "not a database" in text:
        return "SQLITE_NOTADB"
    return "SQLITE_ERROR"


class _Damaged(Exception):
    """The database opened but is not ours (another table layout)."""


class ArticleCache:
    """SQLite table (key, stamp) -> (source, payload). One writer: the process that runs the pipeline."""

    def __init__(self, folder: str | Path, stamp: str):
        self.folder, self.stamp = Path(folder), stamp
        self.path = self.folder / CACHE_FILE
        self._db: sqlite3.Connection | None = None
        self._disabled = False  # the cache could not be used: the rest of the run goes without it
        self._pending = 0
        self.dropped = 0  # damaged entries thrown away during this run (reported once, on close)
        if self.path.exists() or self.path.is_symlink():
            self._open()

    # -- opening, replacing, giving up -------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection | None:
        """The connection, opening (and creating) the database first; None when the cache is off."""
        if self._db is not None or self._disabled:
            return self._db
        for attempt in (1, 2):
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute(_SCHEMA)
                layout = [row[1] for row in self._db.execute("PRAGMA table_info(articles)")]
                if layout != COLUMNS:
                    raise _Damaged(f"a table 'articles' with the columns {', '.join(layout)}")
                return self._db
            except (sqlite3.Error, _Damaged) as exc:
                damaged = isinstance(exc, _Damaged) or _error_name(exc) in _DAMAGED
                if damaged and attempt == 1:
                    self._replace(exc)
                    continue
                self._disable(exc)
            except OSError as exc:
                self._disable(exc)
            return None
        return None

    def _close_db(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db, self._pending = None, 0

    def _replace(self, exc: BaseException) -> None:
        """Throw the damaged database away and start an empty one (on the next use)."""
        log.warning("%s: the article cache is damaged (%s); starting a new one, so its articles are extracted "
                    "again", self.path, one_line(exc, 160))
        self._close_db()
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{self.path}{suffix}").unlink()

    def _disable(self, exc: BaseException) -> None:
        """Go on without the cache for the rest of the run (one warning saying why and what to do)."""
        if self._disabled:
            return
        if isinstance(exc, OSError):
            reason, hint = exc.strerror or type(exc).__name__, "run with --no-cache or choose another --out"
        else:
            reason = one_line(exc, 160)
            hint = _HINTS.get(_error_name(exc) if isinstance(exc, sqlite3.Error) else "", "run with --no-cache")
        log.warning("%s: the article cache cannot be used (%s); this run goes on without it (%s)", self.path,
                    reason, hint)
        self._close_db()
        self._disabled = True

    def _failed(self, exc: sqlite3.Error) -> None:
        """An error while using an open database: replace it when damaged, else give up on the cache."""
        if _error_name(exc) in _DAMAGED:
            self._replace(exc)
        else:
            self._disable(exc)

    # -- use ---------------------------------------------------------------------------------------------
    def get_many(self, keys: Iterable[str]) -> dict[str, tuple[str, CachedResult]]:
        """key -> (source it was cached under, decoded entry) for the sound entries cached with this stamp."""
        keys = list(dict.fromkeys(keys))
        db = self._open() if self.path.exists() else None
        if db is None or not keys:
            return {}
        found: dict[str, tuple[str, CachedResult]] = {}
        damaged: list[str] = []
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                marks = ",".join("?" * len(chunk))
                for key, source, payload in db.execute(
                        f"SELECT key, source, payload FROM articles WHERE stamp = ? AND key IN ({marks})",
                        [self.stamp, *chunk]):
                    try:
                        found[key] = (str(source), _decode(payload))
                    except (ValueError, TypeError, KeyError, AttributeError):
                        damaged.append(key)
        except sqlite3.Error as exc:
            self._failed(exc)
            return {}
        if damaged:
            self.dropped += len(damaged)
            try:
                db.executemany("DELETE FROM articles WHERE key = ? AND stamp = ?", [(k, self.stamp) for k in damaged])
                self.commit()
            except sqlite3.Error as exc:
                self._failed(exc)
        return found

    def put(self, key: str, source: str, mentions: list[Mention], incidents: list[Incident]) -> None:
        """Store one article's results (committed in batches)."""
        row = (key, self.stamp, source, dump_result(mentions, incidents))
        for _ in (1, 2):  # a second try on a fresh database when the first finds this one damaged
            db = self._open()
            if db is None:
                return
            try:
                db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?)", row)
            except sqlite3.Error as exc:
                self._failed(exc)
                continue
            self._pending += 1
            if self._pending >= 500:  # commit in batches: a crash loses at most a few hundred articles' work
                self.commit()
            return

    def commit(self) -> None:
        if self._db is None:
            return
        try:
            self._db.commit()
        except sqlite3.Error as exc:
            self._failed(exc)
        self._pending = 0

    def prune(self) -> int:
        """Drop entries of other stamps (older code or gazetteer); returns how many."""
        db = self._open() if self.path.exists() else None
        if db is None:
            return 0
        try:
            removed = db.execute("DELETE FROM articles WHERE stamp != ?", (self.stamp,)).rowcount
        except sqlite3.Error as exc:
            self._failed(exc)
            return 0
        self.commit()
        return removed

    def close(self) -> None:
        self.commit()
        self._close_db()
        if self.dropped:
            log.warning("%s: %d damaged cache entr%s dropped and extracted again", self.path, self.dropped,
                        "ies were" if self.dropped > 1 else "y was")
            self.dropped = 0

    def __enter__(self) -> ArticleCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
