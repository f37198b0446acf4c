"""Line-level scanning of Markdown bodies: code is skipped, positions kept."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kb_tools.textutil import slugify

FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
INLINE_CODE_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
ATTR_ID_RE = re.compile(r"\{\s*#([\w-]+)[^}]*\}\s*$")
LINK_RE = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
REF_DEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
PLACEHOLDER_RE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
# Underscore emphasis (_x_, __x__) is markup; intraword underscores (mot_clé)
# stay in the anchor, as in Python-Markdown. Other markup is dropped by slugify.
EMPHASIS_RE = re.compile(r"(?<!\w)(__?)(?=\S)(.+?)(?<=\S)\1(?!\w)")


@dataclass(frozen=True)
class Link:
    target: str
    line: int
    column: int


Lines = Sequence[tuple[int, str]]


def prose_lines(body: str, first_line: int) -> tuple[tuple[int, str], ...]:
    """(line number in file, line) for every line outside fenced code blocks,
    with inline code spans blanked out (same length, so columns stay right).

    Headings, links, placeholders and the HTML rules all read these lines: an
    answer computes them once (``Answer.prose``) and passes them as ``lines``.
    """
    return tuple(_scan_prose(body, first_line))


def _scan_prose(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    if "`" not in body and "~" not in body:  # no code at all: every line is prose
        yield from enumerate(body.split("\n"), start=first_line)
        return
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        head = line[:4]  # a fence starts within the first 4 characters
        match = FENCE_RE.match(line) if "`" in head or "~" in head else None
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


def masked_body(body: str, first_line: int, lines: Lines) -> str:
    """The body with code blanked out: code blocks as empty lines, inline code
    as spaces. Line numbers and columns stay those of the file, so a regex can
    run over the whole text at once (see :class:`Located`)."""
    if "`" not in body and "~" not in body:
        return body
    count = body.count("\n") + 1
    out = [""] * count
    for lineno, line in lines:
        out[lineno - first_line] = line
    return "\n".join(out)


class Located:
    """A text whose first line is ``first_line`` in its file: turns match
    offsets into (line, column), 1-based. Line starts are computed on the
    first call only (most texts never match)."""

    __slots__ = ("_starts", "first_line", "text")

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.first_line = first_line
        self._starts: list[int] | None = None

    def position(self, offset: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts = [0, *(m.end() for m in _NEWLINE.finditer(self.text))]
        index = bisect.bisect_right(self._starts, offset) - 1
        return self.first_line + index, offset - self._starts[index] + 1


_NEWLINE = re.compile("\n")


def headings(body: str, first_line: int, lines: Lines | None = None) -> list[tuple[str, str, int]]:
    """(anchor, text, line) of each ATX heading, with ``{#id}`` honoured and
    repeated anchors numbered like Python-Markdown does (``_1``, ``_2``)."""
    result: list[tuple[str, str, int]] = []
    seen: set[str] = set()
    raw: list[str] | None = None
    for lineno, line in prose_lines(body, first_line) if lines is None else lines:
        if "#" not in line[:4] or not HEADING_RE.match(line):
            continue
        if "`" in body:  # the text is read on the raw line: inline code is part of the anchor
            raw = body.split("\n") if raw is None else raw
            line = raw[lineno - first_line]
        match = HEADING_RE.match(line)
        if not match:
            continue
        text = match.group(2)
        custom = ATTR_ID_RE.search(text)
        if custom:
            anchor = custom.group(1)
            text = text[: custom.start()].rstrip()
        else:
            anchor = slugify(EMPHASIS_RE.sub(r"\2", text))
        base, n = anchor, 0
        while anchor in seen:
            n += 1
            anchor = f"{base}_{n}"
        seen.add(anchor)
        result.append((anchor, text, lineno))
    return result


def links(body: str, first_line: int, lines: Lines | None = None) -> list[Link]:
    found: list[Link] = []
    for lineno, line in prose_lines(body, first_line) if lines is None else lines:
        if "](" in line:
            found.extend(Link(m.group(1), lineno, m.start() + 1) for m in LINK_RE.finditer(line))
        ref = REF_DEF_RE.match(line) if "]:" in line else None
        if ref:
            found.append(Link(ref.group(1), lineno, ref.start(1) + 1))
    return found


def placeholders(body: str, first_line: int, lines: Lines | None = None) -> Iterator[tuple[str, int, int]]:
    """(name, line, column) of each ``{{ name }}`` placeholder outside code."""
    for lineno, line in prose_lines(body, first_line) if lines is None else lines:
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
