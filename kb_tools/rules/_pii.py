"""Shared helpers for the personal data rules (KB501-KB504)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb_tools.model import Answer


def matches(pattern: re.Pattern[str], answer: Answer) -> Iterator[tuple[int, int, re.Match[str]]]:
    """(line, column, match) of ``pattern`` over the whole file, front matter
    and code blocks included: one regex pass over the text (the patterns never
    cross a line break), positions computed only for the (rare) matches."""
    located = answer.located
    for m in pattern.finditer(located.text):
        yield (*located.position(m.start()), m)


def starts_a_word(match: re.Match[str]) -> bool:
    """The match is not the tail of a longer word or number (checked here
    rather than with a regex look-behind, which doubles the scan time)."""
    start = match.start()
    return start == 0 or not (match.string[start - 1].isalnum() or match.string[start - 1] == "_")


def mask(value: str) -> str:
    """Never copy personal data into reports: keep only both ends."""
    compact = value.strip()
    if len(compact) <= 6:
        return "*" * len(compact)
    return compact[:2] + "*" * (len(compact) - 4) + compact[-2:]
