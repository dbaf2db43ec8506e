"""One error hierarchy for geomap. Anything a user can cause is a `GeomapError` with a one-line message
naming the file (and row or line) and what to do; the CLI prints it without a traceback.

Exit status of the commands: `EXIT_OK` all good, `EXIT_ERROR` nothing done, `EXIT_USAGE` a usage error
(click's convention), `EXIT_PARTIAL` done but some inputs were skipped.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl-C


def _visible(ch: str) -> str:
    if ch.isprintable():
        return ch
    if ch.isspace():  # newlines, tabs: the text goes on, on the same line
        return " "
    return ch.encode("unicode_escape").decode("ascii")  # ESC, BEL, bidi overrides... shown as \x1b, \u202e


def one_line(text: object, limit: int = 300) -> str:
    """Text squeezed onto one line, cut at `limit`: newlines and tabs become spaces, and other control or
    invisible characters are shown escaped (\\x1b), so text from inputs can neither forge lines nor send
    escape sequences to the terminal."""
    flat = " ".join("".join(_visible(ch) for ch in str(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


class GeomapError(Exception):
    """Base class of every error geomap raises on purpose."""

    def __str__(self) -> str:
        return one_line(super().__str__(), limit=1000)


class InputError(GeomapError):
    """One input file (or a row of it) cannot be used; the rest of a batch goes on."""

    def __init__(self, path: str | Path, problem: str, *, line: int | None = None, hint: str | None = None):
        self.path, self.problem, self.line, self.hint = str(path), problem, line, hint
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}" + (f" ({hint})" if hint else ""))


class LimitError(InputError):
    """An input is over one of the limits that protect the machine (--max-bytes, --max-rows...)."""


class NoInputError(GeomapError):
    """Nothing usable was given: no file, or every file was skipped."""


class DataError(GeomapError):
    """Built data (gazetteer index, region polygons) is missing or corrupt."""


class OutputError(GeomapError):
    """An output could not be written."""
