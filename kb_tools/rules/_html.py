"""Shared scanning for the raw HTML rules (KB401-KB403)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from kb_tools.model import Answer

_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?")


def first_match(
    pattern: re.Pattern[str], answer: Answer, needs: tuple[str, ...] = (), gate: re.Pattern[str] | None = None
) -> Iterator[tuple[int, int, str]]:
    """(line, column, text) of ``pattern`` in the body outside code.

    One regex pass over the whole masked body (so a tag or link split over two
    lines is seen too), then a second pass, line by line, over the lines where
    HTML entities hide characters (``&#106;avascript:``), decoded. ``needs``
    is a quick filter: a text without any of them cannot match; so is
    ``gate``, a cheap pattern that every match contains (searched in the
    lower-cased text).
    """
    masked = answer.masked
    text = masked.text
    found_lines: set[int] = set()
    worth = (not needs or any(n in text for n in needs)) and (gate is None or gate.search(text.lower()))
    for m in pattern.finditer(text) if worth else ():
        line, column = masked.position(m.start())
        found_lines.add(line)
        yield line, column, m.group()
    if "&" not in text:
        return
    for offset, raw in enumerate(text.split("\n")):
        line = masked.first_line + offset
        if "&" not in raw or line in found_lines or not _ENTITY.search(raw):
            continue
        decoded = html.unescape(raw)
        if (needs and not any(n in decoded for n in needs)) or (gate is not None and not gate.search(decoded.lower())):
            continue
        for m in pattern.finditer(decoded):
            yield line, m.start() + 1, m.group()
