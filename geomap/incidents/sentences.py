"""Split text into sentences with offsets. A regex splitter: lines are sentences, and so are runs ended by
. ! or ? before a capital, a digit or a quote, unless the word before is an abbreviation ("Gen.", "Sept.").

Chosen over spaCy's sentencizer because it runs about fifty times faster on this kind of text, which the
throughput target (500 documents/second on one core for places and incidents together) needs.
"""

from __future__ import annotations

import re

_END = re.compile(r"[.!?]+[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
_ABBREVIATIONS = {
    "gen",
    "col",
    "lt",
    "maj",
    "capt",
    "sgt",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "no",
    "vs",
    "jr",
    "sr",
    "gov",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "e.g",
    "i.e",
    "approx",
    "est",
    "lt.-gen",
    "adm",
    "rep",
    "sen",
    "pres",
    "prof",
    "inc",
    "corp",
    "co",
    "dept",
}


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence, in order."""
    out: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        begin = 0
        for match in _END.finditer(line):
            before = line[: match.start()].rsplit(None, 1)  # [] when only blanks come before the stop
            word = before[-1].lower().lstrip("(\"'") if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            _add(out, line, start, begin, match.end())
            begin = match.end()
        _add(out, line, start, begin, len(line))
    return out


def _add(out: list[tuple[int, int]], line: str, base: int, begin: int, end: int) -> None:
    piece = line[begin:end]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        out.append((base + begin + lead, base + begin + len(piece.rstrip())))
