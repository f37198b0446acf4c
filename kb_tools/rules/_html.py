"""Shared scanning for the raw HTML rules (KB401-KB403)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from kb_tools.model import Answer


def html_lines(answer: Answer) -> list[tuple[int, str]]:
    """Body lines outside code, with HTML entities decoded (``&#106;avascript``);
    computed once per answer for the three rules."""
    lines = answer.__dict__.get("_html_lines")
    if lines is None:
        lines = [
            (lineno, html.unescape(line) if "&" in line else line)
            for lineno, line in answer.prose
            if "<" in line or ":" in line or "&" in line
        ]
        answer.__dict__["_html_lines"] = lines
    return lines


def first_match(
    pattern: re.Pattern[str], answer: Answer, needs: tuple[str, ...] = ()
) -> Iterator[tuple[int, int, str]]:
    """Matches of ``pattern`` on those lines; every match contains one of ``needs``
    (a quick filter: lines without any are skipped)."""
    for lineno, line in html_lines(answer):
        if not needs or any(n in line for n in needs):
            for m in pattern.finditer(line):
                yield lineno, m.start() + 1, m.group()
