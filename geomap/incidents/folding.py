"""Case-insensitive yes/no tests, about three times faster on ASCII text than an IGNORECASE pattern.

On ASCII text an IGNORECASE pattern matches exactly when the same pattern, compiled case-sensitive, matches the
lower-cased text, provided the pattern's characters are ASCII and its letters lower case (class escapes such as
\\W are fine; \\u or \\x escapes are refused, as they might name the long s or the Kelvin sign): case folding
then only pairs a letter with its other case, and \\w, \\s, \\d and \\b ignore case. Other text goes to the
IGNORECASE pattern, where Unicode folding (the long s for "s") has its say. The tests answer yes or no only:
a match of the lower-cased text would show the wrong case.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\.")
_CHARACTER_ESCAPE = re.compile(r"\\[uUNx0-9]")  # escapes that name a character, which might be non-ASCII


class AnyCase:
    """A pattern tested case-insensitively: `search` and `match` give True or False."""

    __slots__ = ("pattern", "_exact", "_ignore_case")

    def __init__(self, pattern: str) -> None:
        plain = _ESCAPE.sub("", pattern)
        if not pattern.isascii() or _CHARACTER_ESCAPE.search(pattern) or any(char.isupper() for char in plain):
            raise ValueError(f"AnyCase needs an ASCII pattern in lower case: {pattern!r}")
        self.pattern = pattern
        self._exact = re.compile(pattern)
        self._ignore_case = re.compile(pattern, re.IGNORECASE)

    def search(self, text: str) -> bool:
        """Whether the pattern occurs anywhere in the text, in any case."""
        if text.isascii():
            return self._exact.search(text.lower()) is not None
        return self._ignore_case.search(text) is not None

    def search_lowered(self, text: str, lower: str) -> bool:
        """search(), for a caller that has text.lower() at hand already (several patterns on one text)."""
        if text.isascii():
            return self._exact.search(lower) is not None
        return self._ignore_case.search(text) is not None

    def match(self, text: str) -> bool:
        """Whether the pattern occurs at the start of the text, in any case."""
        if text.isascii():
            return self._exact.match(text.lower()) is not None
        return self._ignore_case.match(text) is not None
