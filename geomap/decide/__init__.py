"""Learned decisions over the rules' evidence (see train.py): built from the committed corpus, used where they
beat the rules in cross-validation per outlet style."""

from __future__ import annotations

import logging
import threading

from .model import Decision

log = logging.getLogger(__name__)
_LOCK = threading.RLock()  # training, under the lock, extracts with the models it has just made
_LOADED: dict[str, Decision | None] = {}
_STAMP: dict[str, str] = {}  # the checksum of corpus and code, worked out once per process for every model


def metonymy_decision() -> Decision | None:
    """The metonymy model when it beat the rules in cross-validation, else None (the rules decide)."""
    with _LOCK:
        if "metonymy" not in _LOADED:
            _LOADED["metonymy"] = _load("metonymy")
        return _LOADED["metonymy"]


def incident_decision() -> Decision | None:
    """The incident filter when it raised cross-validated incident F1, else None (every extracted one is kept)."""
    with _LOCK:
        if "incident" not in _LOADED:
            _LOADED["incident"] = _load("incident")
        return _LOADED["incident"]


def _load(name: str) -> Decision | None:
    from . import model, train

    stored = model.read(name)
    if "inputs" not in _STAMP:
        _STAMP["inputs"] = model.input_stamp()
    if stored is None or stored[1] != _STAMP["inputs"]:
        log.info("%s model %s: training it now (once)", name, "missing" if stored is None else "out of date")
        try:
            train.build()
        except ImportError as exc:  # scikit-learn is a dependency; without it the rules decide
            log.warning("cannot train the %s model (%s); the rules decide", name, exc)
            return None
        stored = model.read(name)
    if stored is None:
        return None
    decision, _stamp, report = stored
    return decision if report.get("use") == "model" else None


def clear_cache() -> None:
    """Forget loaded models (tests that retrain use it)."""
    with _LOCK:
        _LOADED.clear()
        _STAMP.clear()
