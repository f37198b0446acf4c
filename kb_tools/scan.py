"""Line-level scanning of Markdown bodies: code is skipped, positions kept."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kb_tools.textutil import slugify

FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
INLINE_CODE_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
ATTR_ID_RE = re.compile(r"\{\s*#([\w-]+)[^}]*\}\s*$")
LINK_RE = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
REF_DEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
PLACEHOLDER_RE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")


@dataclass(frozen=True)
class Link:
    target: str
    line: int
    column: int


def prose_lines(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """(line number in file, line) for every line outside fenced code blocks,
    with inline code spans blanked out (same length, so columns stay right)."""
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        match = FENCE_RE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
            continue
        if "`" in line:
            line = INLINE_CODE_RE.sub(lambda m: " " * len(m.group()), line)
        yield first_line + offset, line


def headings(body: str, first_line: int) -> list[tuple[str, str, int]]:
    """(anchor, text, line) of each ATX heading, with ``{#id}`` honoured and
    repeated anchors numbered like Python-Markdown does (``_1``, ``_2``)."""
    result: list[tuple[str, str, int]] = []
    seen: set[str] = set()
    for lineno, line in prose_lines(body, first_line):
        match = HEADING_RE.match(line)
        if not match:
            continue
        text = match.group(2)
        custom = ATTR_ID_RE.search(text)
        if custom:
            anchor = custom.group(1)
            text = text[: custom.start()].rstrip()
        else:
            anchor = slugify(re.sub(r"[*_`]", "", text))
        base, n = anchor, 0
        while anchor in seen:
            n += 1
            anchor = f"{base}_{n}"
        seen.add(anchor)
        result.append((anchor, text, lineno))
    return result


def links(body: str, first_line: int) -> list[Link]:
    found: list[Link] = []
    for lineno, line in prose_lines(body, first_line):
        if "](" in line:
            found.extend(Link(m.group(1), lineno, m.start() + 1) for m in LINK_RE.finditer(line))
        ref = REF_DEF_RE.match(line)
        if ref:
            found.append(Link(ref.group(1), lineno, ref.start(1) + 1))
    return found


def placeholders(body: str, first_line: int) -> Iterator[tuple[str, int, int]]:
    """(name, line, column) of each ``{{ name }}`` placeholder outside code."""
    for lineno, line in prose_lines(body, first_line):
        if "{{" in line:
            for m in PLACEHOLDER_RE.finditer(line):
                yield m.group(1), lineno, m.start() + 1


def fill_placeholders(body: str, values: dict[str, str]) -> str:
    """Replace known placeholders outside code; unknown ones are left as typed
    (the validator reports them)."""
    out: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        match = FENCE_RE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
        elif match:
            fence = match.group(1)
        elif "{{" in line:
            line = PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group()), line)
        out.append(line)
    return "\n".join(out)
