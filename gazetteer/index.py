"""Load the built index fast, and notice when it is missing, corrupt or stale (then rebuild it)."""

from __future__ import annotations

import gc
import logging
import os
import pickle
from pathlib import Path

from . import build
from .exc import IndexCorruptError, IndexMissingError

log = logging.getLogger(__name__)


def default_path() -> Path:
    """The index path: $GAZETTEER_INDEX when set (read at call time, so tests can point elsewhere)."""
    env = os.environ.get("GAZETTEER_INDEX")
    return Path(env) if env else build.DEFAULT_INDEX_PATH


def load_index(path: Path | str | None = None, *, rebuild: bool = True) -> build.IndexData:
    """Return the index at path; build it first when it is absent, corrupt or stale and rebuild is allowed."""
    path = Path(path) if path else default_path()
    index = _read(path) if path.exists() else None
    if index is not None and index.stamp == build.input_stamp(index.countries):
        # The index lives as long as the process: move it out of the cyclic collector's reach, so the
        # full collections that resolving triggers do not walk its ~10^5 tuples (about 10-35% faster).
        gc.freeze()
        return index
    state = "missing" if not path.exists() else "corrupt" if index is None else "out of date"
    if not rebuild:
        error = IndexMissingError if state == "missing" else IndexCorruptError
        raise error(f"{path}: gazetteer index {state}; run `gazetteer build`")
    log.info("gazetteer index %s: building it now (once)", state)
    countries = index.countries if index is not None else build.DEFAULT_COUNTRIES
    index = build.build_index(countries)
    try:
        build.write_index(index, path)
    except OSError as exc:  # a read-only install still works, it just rebuilds each time
        log.warning("%s: cannot write the gazetteer index (%s); using it from memory", path, exc.strerror)
    return index


def _read(path: Path) -> build.IndexData | None:
    try:
        with path.open("rb") as handle:
            gc.disable()  # unpickling ~10^5 containers: no point scanning them for cycles mid-load
            try:
                index = pickle.load(handle)
            finally:
                gc.enable()
    except Exception as exc:  # any unpickling failure means a corrupt file
        log.warning("%s: unreadable gazetteer index (%s); it will be rebuilt", path, exc)
        return None
    if not isinstance(index, build.IndexData) or getattr(index, "version", None) != build.INDEX_VERSION:
        log.warning("%s: gazetteer index of another version; it will be rebuilt", path)
        return None
    return index
