"""Per-article cache (SQLite under the output folder): content hash of the file bytes + version stamp ->
the article's mentions and incidents. A stamp changes whenever the extractor's code, the gazetteer index
or the run options that change extraction (the fallback date) change, so stale results are never reused."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import fields
from datetime import date
from pathlib import Path

from gazetteer import Gazetteer

from ..exc import OutputError
from ..models import Incident, Mention

log = logging.getLogger(__name__)

CACHE_DIR = ".geomap-cache"
CACHE_FILE = "articles.sqlite"
FORMAT = 1
_GEOMAP = Path(__file__).resolve().parent.parent
# Modules that never change what an article yields (output, orchestration, tables); everything else counts.
_NOT_EXTRACTION = {"render", "export", "engine", "cli.py", "pipeline.py", "join.py", "aggregate.py",
                   "frames.py", "regions.py", "merge.py", "geocode.py", "tables.py", "__main__.py"}


def content_key(data: bytes) -> str:
    """The cache key of an article file: a hash of its bytes (names do not matter)."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _code_digest() -> str:
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(_GEOMAP.rglob("*.py")):
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


def load_result(payload: str, cached_source: str, source: str) -> tuple[list[Mention], list[Incident]]:
    """Rebuild the dataclasses; a file whose bytes were cached under another name gets its own name back."""
    data = json.loads(payload)

    def rename(value: str) -> str:
        return source if value == cached_source else value

    mentions = []
    for item in data["mentions"]:
        item = {k: v for k, v in item.items() if k in _MENTION_FIELDS}
        item["source"] = rename(item["source"])
        mentions.append(Mention(**item))
    incidents = []
    for item in data["incidents"]:
        item = {k: v for k, v in item.items() if k in _INCIDENT_FIELDS}
        item["source"] = rename(item["source"])
        item["sources"] = [rename(s) for s in item.get("sources") or []]
        item["date"] = date.fromisoformat(item["date"]) if item.get("date") else None
        incidents.append(Incident(**item))
    return mentions, incidents


class ArticleCache:
    """SQLite table (key, stamp) -> (source, payload). One writer: the process that runs the pipeline."""

    def __init__(self, folder: str | Path, stamp: str):
        self.folder, self.stamp = Path(folder), stamp
        self.path = self.folder / CACHE_FILE
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS articles (key TEXT NOT NULL, stamp TEXT NOT NULL, "
                             "source TEXT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (key, stamp))")
        except (OSError, sqlite3.Error) as exc:
            raise OutputError(f"{self.path}: cannot open the article cache ({exc}); "
                              "delete the folder or run with --no-cache") from exc
        self._pending = 0

    def get_many(self, keys: Iterable[str]) -> dict[str, tuple[str, str]]:
        """key -> (source it was cached under, payload) for the keys cached with this stamp."""
        keys = list(dict.fromkeys(keys))
        found: dict[str, tuple[str, str]] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for key, source, payload in self._db.execute(
                    f"SELECT key, source, payload FROM articles WHERE stamp = ? AND key IN ({marks})",
                    [self.stamp, *chunk]):
                found[key] = (source, payload)
        return found

    def put(self, key: str, source: str, mentions: list[Mention], incidents: list[Incident]) -> None:
        self._db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?)",
                         (key, self.stamp, source, dump_result(mentions, incidents)))
        self._pending += 1
        if self._pending >= 500:  # commit in batches: a crash loses at most a few hundred articles' work
            self.commit()

    def commit(self) -> None:
        self._db.commit()
        self._pending = 0

    def prune(self) -> int:
        """Drop entries of other stamps (older code or gazetteer); returns how many."""
        removed = self._db.execute("DELETE FROM articles WHERE stamp != ?", (self.stamp,)).rowcount
        self.commit()
        return removed

    def close(self) -> None:
        self.commit()
        self._db.close()

    def __enter__(self) -> ArticleCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
