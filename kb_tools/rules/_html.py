"""Shared scanning for the raw HTML rules (KB401-KB403)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from kb_tools import scan
from kb_tools.model import Answer


def html_lines(answer: Answer) -> Iterator[tuple[int, str]]:
    """Body lines outside code, with HTML entities decoded (``&#106;avascript``)."""
    for lineno, line in scan.prose_lines(answer.src.body, answer.src.body_line):
        if "<" in line or ":" in line or "&" in line:
            yield lineno, html.unescape(line) if "&" in line else line


def first_match(pattern: re.Pattern[str], answer: Answer) -> Iterator[tuple[int, int, str]]:
    for lineno, line in html_lines(answer):
        for m in pattern.finditer(line):
            yield lineno, m.start() + 1, m.group()
