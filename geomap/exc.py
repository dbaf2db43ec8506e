"""One error hierarchy for geomap. Anything a user can cause is a `GeomapError` with a one-line message
naming the file (and row or line) and what to do; the CLI prints it without a traceback."""

from __future__ import annotations

from pathlib import Path


class GeomapError(Exception):
    """Base class of every error geomap raises on purpose."""


class InputError(GeomapError):
    """One input file (or a row of it) cannot be used; the rest of a batch goes on."""

    def __init__(self, path: str | Path, problem: str, *, line: int | None = None, hint: str | None = None):
        self.path, self.problem, self.line, self.hint = str(path), problem, line, hint
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}" + (f" ({hint})" if hint else ""))


class NoInputError(GeomapError):
    """Nothing usable was given: no file, or every file was skipped."""


class DataError(GeomapError):
    """Built data (gazetteer index, region polygons) is missing or corrupt."""


class OutputError(GeomapError):
    """An output could not be written."""
