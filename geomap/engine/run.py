"""Drive extraction over a list of article files: cache look-up, then the chosen engine for the rest.

Engines: "local" runs batches in this process; "dask" submits them to a dask.distributed cluster (a local one
by default, or an existing scheduler) with a bounded number of batches in flight, so memory stays flat for
corpora of any size. Results come back in input order whatever the engine.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer import Gazetteer

from ..exc import GeomapError, InputError
from ..models import Article, Incident, Mention
from ..read.articles import read_article
from .cache import CACHE_DIR, ArticleCache, content_key, load_result, version_stamp
from .progress import Progress
from .work import Extracted, GazetteerPlugin, extract_batch

if TYPE_CHECKING:
    from ..pipeline import RunOptions, RunSummary

log = logging.getLogger(__name__)

ENGINES = ("local", "dask")
BATCH_SIZE = 64  # articles per task: large enough to hide scheduling cost, small enough to balance
_LOOKUP_CHUNK = 256
CONNECT_TIMEOUT = "15s"  # for --scheduler: how long to wait for the cluster before giving up


@dataclass(slots=True)
class ArticleResult:
    """One article's incidents, and counts of its place mentions (the mentions stay in the cache)."""

    index: int
    source: str
    incidents: list[Incident] = field(default_factory=list)
    mentions: int = 0
    places_unresolved: int = 0
    cached: bool = False


def _result(index: int, source: str, mentions: list[Mention], incidents: list[Incident],
            cached: bool) -> ArticleResult:
    unresolved = sum(m.lat is None for m in mentions)
    return ArticleResult(index, source, incidents, len(mentions), unresolved, cached)


def run_articles(paths: list[Path], options: RunOptions, gazetteer: Gazetteer, summary: RunSummary,
                 skip: Callable[[str], None]) -> list[ArticleResult]:
    """Extract every article (or take it from the cache); skipped files are reported through `skip`."""
    engine = getattr(options, "engine", "local")
    if engine not in ENGINES:
        raise GeomapError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
    cache = ArticleCache(Path(options.out_dir) / CACHE_DIR, version_stamp(gazetteer, options.default_date)) \
        if options.cache else None
    results: dict[int, ArticleResult] = {}
    keys: dict[int, str] = {}
    progress = Progress(len(paths), "articles", options.progress)

    def fresh_articles() -> Iterator[tuple[int, Article]]:
        for start in range(0, len(paths), _LOOKUP_CHUNK):
            chunk = list(enumerate(paths[start:start + _LOOKUP_CHUNK], start=start))
            for index, path in chunk:
                data = _small_file_bytes(path, options.max_bytes)
                if data is not None:
                    keys[index] = content_key(data)
            hits = cache.get_many(keys[i] for i, _ in chunk if i in keys) if cache else {}
            for index, path in chunk:
                hit = hits.get(keys.get(index, ""))
                if hit is not None:
                    mentions, incidents = load_result(hit[1], hit[0], path.name)
                    results[index] = _result(index, path.name, mentions, incidents, cached=True)
                    summary.documents += 1
                    progress.advance()
                    continue
                try:
                    article = read_article(path, default_date=options.default_date,
                                           max_bytes=options.max_bytes)
                except InputError as exc:
                    skip(str(exc))
                    progress.advance()
                    continue
                summary.documents += 1
                yield index, article

    run = _run_dask if engine == "dask" else _run_local
    try:
        with progress:
            for batch in run(fresh_articles(), options, gazetteer, len(paths)):
                for item in batch:
                    progress.advance()
                    if item.error:
                        summary.documents -= 1
                        skip(item.error)
                        continue
                    source = paths[item.index].name
                    results[item.index] = _result(item.index, source, item.mentions, item.incidents, False)
                    if cache is not None and item.index in keys:
                        cache.put(keys[item.index], source, item.mentions, item.incidents)
    finally:
        if cache is not None:
            cache.close()
    ordered = [results[i] for i in sorted(results)]
    cached = sum(r.cached for r in ordered)
    if cached:
        log.info("%d of %d articles taken from the cache in %s", cached, len(ordered), Path(options.out_dir) /
                 CACHE_DIR)
    return ordered


def _small_file_bytes(path: Path, max_bytes: int) -> bytes | None:
    """The file's bytes for hashing; None when it is missing, unreadable or too big (the reader says why)."""
    try:
        if not path.is_file() or path.stat().st_size > max_bytes:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _batches(items: Iterable[tuple[int, Article]], size: int) -> Iterator[list[tuple[int, Article]]]:
    batch: list[tuple[int, Article]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_local(articles: Iterable[tuple[int, Article]], options: RunOptions, gazetteer: Gazetteer,
               total: int) -> Iterator[list[Extracted]]:
    for batch in _batches(articles, 16):
        yield extract_batch(batch, gazetteer)[1]


@contextlib.contextmanager
def dask_client(options: RunOptions) -> Iterator:
    """A client on the scheduler given, or on a local cluster of `workers` processes (one thread each)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise GeomapError("--engine dask needs dask.distributed: pip install 'geomap[dask]'") from None
    scheduler = getattr(options, "scheduler", None)
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise GeomapError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        try:
            yield client
        finally:
            client.close()
        return
    workers = getattr(options, "workers", None) or os.cpu_count() or 1
    processes = getattr(options, "dask_processes", True)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=None,
                      silence_logs=logging.WARNING) as cluster, Client(cluster) as client:
        yield client


def _run_dask(articles: Iterable[tuple[int, Article]], options: RunOptions, gazetteer: Gazetteer,
              total: int) -> Iterator[list[Extracted]]:
    from distributed import as_completed

    expected = str(getattr(gazetteer.index, "stamp", ""))
    with dask_client(options) as client:
        client.register_plugin(GazetteerPlugin())
        threads = max(1, sum(client.nthreads().values()))
        size = max(1, min(getattr(options, "batch_size", BATCH_SIZE), total // (4 * threads) or 1))
        batches = _batches(articles, size)
        pending = as_completed()

        def submit_next() -> None:
            batch = next(batches, None)
            if batch is not None:
                pending.add(client.submit(extract_batch, batch, pure=False))

        for _ in range(2 * threads):  # a bounded window of batches in flight
            submit_next()
        log.info("dask: %d worker threads at %s, %d articles a task", threads, client.scheduler.address, size)
        for future in pending:
            try:
                stamp, extracted = future.result()
            except Exception as exc:  # a worker died, or could not import geomap
                raise GeomapError(f"a Dask task failed: {type(exc).__name__}: {exc}") from exc
            future.release()
            if stamp != expected:
                raise GeomapError(f"a Dask worker uses gazetteer index {stamp}, this client {expected}: "
                                  "install the same geomap and gazetteer data on every worker")
            submit_next()
            yield extracted
