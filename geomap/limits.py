"""Limits that protect the machine, with their defaults (each is a command-line option), and the size wording
of their messages. A module of constants only, so the command line can read the defaults without loading
the pipeline's libraries."""

from __future__ import annotations

DEFAULT_MAX_BYTES = 20_000_000  # one article file
DEFAULT_MAX_TABLE_BYTES = 500_000_000  # a CSV this size takes a few GB of memory once parsed
DEFAULT_MAX_ROWS = 1_000_000  # rows of one table
DEFAULT_MAX_INCIDENTS = 1_000_000  # incidents of one run, over every input


def size_text(count: int) -> str:
    """A byte count for people: '223 bytes', '4.1 kB', '210.8 MB', '1.2 GB'."""
    if count >= 1_000_000_000:
        return f"{count / 1e9:.1f} GB"
    if count >= 1_000_000:
        return f"{count / 1e6:.1f} MB"
    if count >= 1_000:
        return f"{count / 1e3:.1f} kB"
    return f"{count} bytes"
