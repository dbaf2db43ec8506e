"""Load the built index fast, and notice when it is missing, corrupt or stale (then rebuild it)."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

from . import build
from .exc import IndexCorruptError

log = logging.getLogger(__name__)


def load_index(path: Path | None = None, *, rebuild: bool = True) -> build.IndexData:
    """Return the index at path; build it first when it is absent or stale and rebuild is allowed."""
    path = Path(path or build.DEFAULT_INDEX_PATH)
    index = _read(path) if path.exists() else None
    if index is not None and index.stamp == build.input_stamp(index.countries):
        return index
    if not rebuild:
        state = "missing" if index is None and not path.exists() else "out of date"
        raise IndexCorruptError(f"{path}: gazetteer index {state}; run `gazetteer build`")
    log.info("gazetteer index %s: building it now (once)", "missing" if index is None else "out of date")
    countries = index.countries if index is not None else build.DEFAULT_COUNTRIES
    index = build.build_index(countries)
    build.write_index(index, path)
    return index


def _read(path: Path) -> build.IndexData | None:
    try:
        with path.open("rb") as handle:
            index = pickle.load(handle)
    except Exception as exc:  # any unpickling failure means a corrupt file
        log.warning("%s: unreadable gazetteer index (%s); it will be rebuilt", path, exc)
        return None
    if not isinstance(index, build.IndexData) or index.version != build.INDEX_VERSION:
        log.warning("%s: gazetteer index of another version; it will be rebuilt", path)
        return None
    return index
