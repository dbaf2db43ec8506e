"""The unit of work run on an engine: extract a batch of articles. Runs in this process or on a Dask worker,
where the gazetteer is loaded once per worker process (a lazy module-level singleton, warmed by a plugin)."""

from __future__ import annotations

import logging
import threading
import traceback
from dataclasses import dataclass, field

from gazetteer import Gazetteer

from ..models import Article, Incident, Mention

log = logging.getLogger(__name__)

_GAZETTEER: Gazetteer | None = None
_LOCK = threading.Lock()


def worker_gazetteer() -> Gazetteer:
    """The gazetteer of this process, loaded on first use (threads of one worker share it)."""
    global _GAZETTEER
    if _GAZETTEER is None:
        with _LOCK:
            if _GAZETTEER is None:
                _GAZETTEER = Gazetteer.load()
    return _GAZETTEER


@dataclass(slots=True)
class Extracted:
    """What one article yielded, or the error that stopped it."""

    index: int
    mentions: list[Mention] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    error: str | None = None


def extract_batch(batch: list[tuple[int, Article]], gazetteer: Gazetteer | None = None
                  ) -> tuple[str, list[Extracted]]:
    """Extract every article of a batch; one article's failure is reported, not raised.
    Returns (the gazetteer stamp used, results) so the client can refuse workers with another index."""
    from .. import pipeline  # at call time: tests replace pipeline.extract_article

    gazetteer = gazetteer or worker_gazetteer()
    results = []
    for index, article in batch:
        try:
            mentions, incidents = pipeline.extract_article(article, gazetteer)
            results.append(Extracted(index, list(mentions), list(incidents)))
        except Exception as exc:  # a bug on one article must not stop a run over thousands
            last = traceback.format_exception_only(type(exc), exc)[-1].strip()
            log.debug("extraction failed on %s", article.source, exc_info=True)
            results.append(Extracted(index, error=f"{article.source}: extraction failed ({last})"))
    return str(getattr(gazetteer.index, "stamp", "")), results


try:
    from distributed import WorkerPlugin
except ImportError:  # the dask extra is optional
    WorkerPlugin = object  # type: ignore[assignment,misc]


class GazetteerPlugin(WorkerPlugin):
    """Loads the gazetteer when a Dask worker starts, so the first tasks do not all wait for it."""

    name = "geomap-gazetteer"

    def setup(self, worker) -> None:
        worker_gazetteer()
