"""Shared scanning for the raw HTML rules (KB401-KB403)."""

from __future__ import annotations

import bisect
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
    if "&" not in text or not _ENTITY.search(text):
        return
    decoded, starts, origins = _decode(text)
    if (needs and not any(n in decoded for n in needs)) or (gate is not None and not gate.search(decoded.lower())):
        return
    for m in pattern.finditer(decoded):
        k = bisect.bisect_right(starts, m.start()) - 1
        line, column = masked.position(origins[k] + (m.start() - starts[k]))
        if line not in found_lines:
            yield line, column, m.group()


def _decode(text: str) -> tuple[str, list[int], list[int]]:
    """``text`` with its HTML entities decoded, and the map back: piece ``i``
    of the decoded text starts at ``starts[i]`` and comes from ``origins[i]``
    in ``text`` (an entity maps to its ``&``)."""
    pieces: list[str] = []
    starts: list[int] = [0]
    origins: list[int] = [0]
    length, last = 0, 0
    for m in _ENTITY.finditer(text):
        plain = text[last : m.start()]
        char = html.unescape(m.group())
        pieces += (plain, char)
        length += len(plain)
        starts.append(length)
        origins.append(m.start())
        length += len(char)
        last = m.end()
        starts.append(length)
        origins.append(m.end())
    pieces.append(text[last:])
    return "".join(pieces), starts, origins
