"""Shared scanning for the raw HTML rules (KB401-KB403)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from kb_tools import scan
from kb_tools.model import Answer


def first_match(
    pattern: re.Pattern[str], answer: Answer, needs: tuple[str, ...] = (), gate: re.Pattern[str] | None = None
) -> Iterator[tuple[int, int, str]]:
    """(line, column, text) of ``pattern`` in the body outside code.

    One regex pass over the whole masked body (so a tag or link split over two
    lines is seen too), then a second pass over the body with its HTML
    entities decoded (``&#106;avascript:``, on the line after ``[texte](`` too),
    for the lines where the first pass found nothing. ``needs`` is a quick
    filter: a text without any of them cannot match; so is ``gate``, a cheap
    pattern that every match contains (searched in the lower-cased text).
    """
    masked = answer.masked
    text = masked.text
    found_lines: set[int] = set()
    worth = (not needs or any(n in text for n in needs)) and (gate is None or gate.search(text.lower()))
    for m in pattern.finditer(text) if worth else ():
        line, column = masked.position(m.start())
        found_lines.add(line)
        yield line, column, m.group()
    if "&" not in text or not scan.ENTITY_RE.search(text):
        return
    decoded, starts, origins = answer.masked_decoded
    if (needs and not any(n in decoded for n in needs)) or (gate is not None and not gate.search(decoded.lower())):
        return
    for m in pattern.finditer(decoded):
        k = bisect.bisect_right(starts, m.start()) - 1
        line, column = masked.position(origins[k] + (m.start() - starts[k]))
        if line not in found_lines:
            yield line, column, m.group()
