"""Clauses that report a running total, not an event: "since February 2022, more than 600 civilians have been
killed in the city", "1,085 since the start of the war", "so far this year".

A total counts many events over months; put on the map it would be a wrong figure at one place and day. The
clause is found so that its figures and places are left out, while the rest of the sentence ("A missile strike
on Dnipro killed three people; since February 2022 ...") still reports its event.
"""

from __future__ import annotations

import re

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)")
# What makes a clause a running total: a start point long before ("since 2022", "since the start of the
# full-scale invasion") or a period of the whole war or year.
_TOTAL_CUE = re.compile(
    r"\bsince\s+(?:(?:early|late|mid)[\s-]+)?(?:\d{1,2}\s+)?(?:" + _MONTH + r"\s+)?(?:\d{1,2},?\s+)?(?:19|20)\d\d\b|"
    r"\bsince\s+the\s+(?:(?:very\s+)?(?:start|beginning|outbreak|onset)\s+of\s+(?:the\s+|russia's\s+)?"
    r"(?:full[\s-]scale\s+)?(?:war|invasion|aggression|hostilities|conflict)|"
    r"(?:full[\s-]scale\s+)?(?:russian\s+)?invasion|war\s+(?:began|started)|"
    r"(?:start|beginning)\s+of\s+(?:the\s+)?(?:year|month|summer|winter|spring|autumn|(?:19|20)\d\d))\b|"
    r"\b(?:so\s+far\s+this\s+(?:year|month)|this\s+year\s+alone|"
    r"(?:over|during|throughout|over\s+the\s+course\s+of)\s+the\s+(?:whole\s+|entire\s+)?(?:war|invasion)|"
    r"in\s+(?:the\s+)?(?:first|past)\s+(?:\w+\s+)?(?:months|years)\s+of\s+the\s+(?:war|invasion))\b",
    re.IGNORECASE,
)
# A total counts casualties; "the deadliest attack since May 2023" only compares the event with the past.
_HARM = re.compile(r"kill|dead|died|death|injur|wound|casualt|victim|hurt|\blost\b|lives", re.IGNORECASE)
_SUPERLATIVE = re.compile(r"\b(?:\w+est|first|worst|most\s+\w+|largest|biggest)\b(?:\s+[\w-]+){0,3}\s*$",
                          re.IGNORECASE)
# Clauses end at a semicolon, a dash set off by spaces, or a colon; a comma does not end one ("Since 2022,
# more than 600 ... have been killed").
_CLAUSE_END = re.compile(r";|\s[\u2013\u2014-]\s|:\s")


def total_spans(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of the sentence that reports a running total; [] for most sentences."""
    if "since" not in sentence.lower() and not _TOTAL_CUE.search(sentence):
        return []
    spans: list[tuple[int, int]] = []
    start = 0
    for end_match in [*_CLAUSE_END.finditer(sentence), None]:
        end = end_match.start() if end_match else len(sentence)
        if _HARM.search(sentence, start, end) and any(
            not _SUPERLATIVE.search(sentence[max(start, cue.start() - 40) : cue.start()])
            for cue in _TOTAL_CUE.finditer(sentence, start, end)
        ):
            spans.append((start, end))
        start = end_match.end() if end_match else end
    return spans


def inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a sentence offset falls in one of the spans."""
    return any(start <= offset < end for start, end in spans)


def blank(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with the spans blanked out (same length, so offsets still hold)."""
    for start, end in spans:
        sentence = sentence[:start] + " " * (end - start) + sentence[end:]
    return sentence
