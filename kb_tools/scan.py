"""Line-level scanning of Markdown bodies: code is skipped, positions kept."""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kb_tools.text import slugify

# An opening fence exactly as Python-Markdown's fenced_code extension (the one
# MkDocs enables) accepts it: at column 0, then spaces, then nothing, a
# language (``python``, ``.html``) with optional ``hl_lines="…"`` (whose quote
# may close on a later line), or a ``{ .class #id key=value }`` list that
# attr_list parses without leftover. Indented fences, fences in lists and
# other info strings (``~~~ du texte``) are not code: they are rendered.
FENCE_HEAD_RE = re.compile(r"(~{3,}|`{3,})[ ]*+")
_LANG_ONLY_RE = re.compile(r"\.?[\w#.+-]*+[ ]*+")
_HL_LINES_RE = re.compile(r"\.?[\w#.+-]*?[ ]*+hl_lines=([\"'])")
# attr_list's own scanner (markdown.extensions.attr_list), which fenced_code
# uses to accept or refuse a { … } list.
_ATTR_SCANNER = re.Scanner(  # type: ignore[attr-defined]
    [
        (r'[^ =}]+=".*?"', None),
        (r"[^ =}]+='.*?'", None),
        (r"[^ =}]+=[^ =}]+", None),
        (r"[^ =}]+", None),
        (r" ", None),
    ]
)
# Lines that may start a raw HTML block (a tag within the first 3 columns):
# there, Python-Markdown processes no Markdown at all, so backticks are not code.
HTML_BLOCK_RE = re.compile(r" {0,3}+<[A-Za-z]")
BACKTICKS_RE = re.compile(r"`+")
HEADING_RE = re.compile(r"\s{0,3}+(#{1,6})\s")  # the opening hashes, used with .match
ATTR_ID_RE = re.compile(r"\{\s*+#([\w-]++)[^{}]*+\}\s*+$")
# Link text: characters, escapes, or one level of [nested] brackets; an inner
# "[" that is not closed ends the attempt. The target and title are read
# possessively, and stop at "[" (which starts the next link). So no character
# is read from two starts and the scan stays linear.
LINK_RE = re.compile(
    r"!?\[(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*+\])*+\]"
    r"\(\s*+<?([^)\s>\[]*+)>?(?:\s++(?:\"[^\"]*+\"|'[^']*+'|\([^()]*+\)))?\s*+\)"
)
REF_DEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
# The name: runs of non-spaces, or spaces followed by a non-space (linear, with
# the spaces around the name left out).
PLACEHOLDER_RE = re.compile(r"\{\{\s*+((?:[^{}\s]++|\s++(?=[^{}\s]))*+)\s*+\}\}")
# Underscore emphasis (_x_, __x__) is markup; intraword underscores (mot_clé)
# stay in the anchor, as in Python-Markdown. Other markup is dropped by slugify.
EMPHASIS_RE = re.compile(r"(?<!\w)(__?)(?=\S)(.+?)(?<=\S)\1(?!\w)")
# Emphasis is looked for in headings up to this length only: the pattern reads
# the rest of the heading from each underscore (quadratic on "_a_a_a…").
EMPHASIS_MAX = 2_000


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


def _normal(line: str) -> str:
    """A line as Python-Markdown reads it (tabs expanded, no carriage return)."""
    return line.rstrip("\r").expandtabs(4) if "\t" in line or "\r" in line else line


def fence_opening(line: str) -> tuple[str, str] | None:
    """(fence, what follows the info string: "" or the quote an hl_lines value
    still has to close) when ``line`` may open a fenced code block."""
    head = FENCE_HEAD_RE.match(_normal(line))
    if not head:
        return None
    rest = _normal(line)[head.end() :]
    if rest.startswith("{"):
        if not rest.endswith("}"):
            return None
        _, remainder = _ATTR_SCANNER.scan(rest[1:-1])
        return None if "}" in remainder else (head.group(1), "")
    if _LANG_ONLY_RE.fullmatch(rest):
        return head.group(1), ""
    hl_lines = _HL_LINES_RE.match(rest)
    if not hl_lines:
        return None
    quote = hl_lines.group(1)
    return head.group(1), "" if rest[hl_lines.end() :].rstrip(" ").endswith(quote) else quote


def fenced_blocks(lines: Sequence[str]) -> list[tuple[int, int]]:
    """(first, last) line indexes of each fenced code block (fences
    included), exactly as Python-Markdown's fenced_code finds them: an opening
    fence (see :func:`fence_opening`) up to the first later line made of the
    very same fence (same character, same length) and spaces. An opening
    fence never closed is no code block: it and what follows are rendered.

    This is the one code-fence tracker of the engine (the validator, the
    site's placeholder filling and the complexity estimate use it). Linear:
    closing fences and closing quotes are looked up by line."""
    blocks: list[tuple[int, int]] = []
    if not any(line[:3] in ("```", "~~~") for line in lines):
        return blocks
    closings: dict[str, list[int]] = {}  # fence text -> indexes of the lines that can close it
    quote_ends: dict[str, list[int]] = {'"': [], "'": []}  # lines ending with that quote
    for i, line in enumerate(lines):
        text = _normal(line).rstrip(" ")
        if line[:3] in ("```", "~~~") and text.strip(text[0]) == "":
            closings.setdefault(text, []).append(i)
        if text[-1:] in quote_ends:
            quote_ends[text[-1]].append(i)
    i = 0
    while i < len(lines):
        opening = fence_opening(lines[i]) if lines[i][:3] in ("```", "~~~") else None
        if opening:
            fence, quote = opening
            last = i
            if quote:  # the hl_lines value closes at the end of a later line (not the last: a newline follows)
                ends = quote_ends[quote]
                k = bisect.bisect_right(ends, i)
                last = ends[k] if k < len(ends) and ends[k] < len(lines) - 1 else -1
            later = closings.get(fence, [])
            k = bisect.bisect_right(later, last)
            if last >= 0 and k < len(later):
                blocks.append((i, later[k]))
                i = later[k] + 1
                continue
        i += 1
    return blocks


def code_lines(lines: Sequence[str], blocks: Sequence[tuple[int, int]] | None = None) -> list[bool]:
    """For each line, whether it belongs to a fenced code block (see
    :func:`fenced_blocks`)."""
    flags = [False] * len(lines)
    for first, last in fenced_blocks(lines) if blocks is None else blocks:
        flags[first : last + 1] = [True] * (last + 1 - first)
    return flags


def code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of the inline code spans of one line, as Python-Markdown
    3.11 pairs backticks: a run of backticks not escaped by a backslash opens
    a span closed by the next run of the same length (or, failing that, by the
    first of the longest later runs, when shorter). Linear: runs are looked up
    by length."""
    runs = [(m.start(), m.end()) for m in BACKTICKS_RE.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    # The longest run from each index on, and the first run that long.
    longest: list[tuple[int, int]] = [(0, -1)] * (len(runs) + 1)
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        longest[index] = (length, index) if length >= longest[index + 1][0] else longest[index + 1]
    spans: list[tuple[int, int]] = []
    index, resume = 0, 0
    while index < len(runs):
        start, end = runs[index]
        if end <= resume:
            index += 1
            continue
        if start < resume:  # resuming inside a run: it opens from there
            start = resume
        else:
            slash = start
            while slash > 0 and line[slash - 1] == "\\":
                slash -= 1
            # Backslashes escape the first backtick unless they pair up (and
            # the search saw them all): then the run opens one backtick later.
            if start > slash and ((start - slash) % 2 or slash < resume):
                start += 1
        ticks = end - start
        if ticks <= 0:
            index += 1
            continue
        same = by_length.get(ticks, [])
        k = bisect.bisect_right(same, index)
        length, close = longest[index + 1]
        if k < len(same):
            close = same[k]
        elif not 0 < length < ticks:
            # No pairing: Python-Markdown resumes as many characters past the
            # run as it had backticks (sic), which may land inside a later run.
            resume = end + ticks
            index += 1
            continue
        # Paired with a run of the same length, or else with the first longest
        # later one (the extra opening backticks are then part of the code).
        spans.append((start, runs[close][1]))
        index, resume = close + 1, 0
    return spans


def _scan_prose(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    if "`" not in body and "~" not in body:  # no code at all: every line is prose
        yield from enumerate(body.split("\n"), start=first_line)
        return
    lines = body.split("\n")
    code = code_lines(lines)
    # Inline code is blanked only where every Markdown processor pairs the
    # backticks the same way: in a paragraph whose backticks are all on one
    # line, outside table rows and raw HTML blocks. Elsewhere (backticks over
    # several lines, which a heading, list item or table cell may pair
    # differently) the text stays visible, so nothing is hidden from the checks.
    html_blocks = any(HTML_BLOCK_RE.match(line) for line, is_code in zip(lines, code, strict=True) if not is_code)
    lone = _lone_backtick_lines(lines, code) if not html_blocks else set()
    for offset, line in enumerate(lines):
        if code[offset]:
            continue
        if offset in lone:
            for start, end in code_spans(line):
                line = line[:start] + " " * (end - start) + line[end:]
        yield first_line + offset, line


def _lone_backtick_lines(lines: Sequence[str], code: Sequence[bool]) -> set[int]:
    """Lines that hold the only backticks of their paragraph (blank lines and
    code blocks end a paragraph), outside table rows."""
    found: set[int] = set()
    current, count = -1, 0
    for offset in range(len(lines) + 1):
        line = lines[offset] if offset < len(lines) else ""
        if offset == len(lines) or code[offset] or not line.strip():
            if count == 1:
                found.add(current)
            current, count = -1, 0
        elif "`" in line:
            current = offset
            count += 2 if "|" in line else 1  # a table row is never alone: its cells pair on their own
    return found


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


def heading_text(line: str) -> str | None:
    r"""The text of an ATX heading line (``## Titre ##`` -> ``Titre``), or None.
    Trailing spaces and closing hashes are stripped with str methods: the
    regex ``(.*?)\s*#*\s*$`` they replace is cubic on a line of spaces."""
    match = HEADING_RE.match(line)
    if not match:
        return None
    return line[match.end() :].rstrip().rstrip("#").rstrip().lstrip()


def headings(body: str, first_line: int, lines: Lines | None = None) -> list[tuple[str, str, int]]:
    """(anchor, text, line) of each ATX heading, with ``{#id}`` honoured and
    repeated anchors numbered like Python-Markdown does (``_1``, ``_2``)."""
    result: list[tuple[str, str, int]] = []
    seen: set[str] = set()
    numbered: dict[str, int] = {}  # last number given to a repeated anchor (linear, not a count from 1 each time)
    raw: list[str] | None = None
    for lineno, line in prose_lines(body, first_line) if lines is None else lines:
        if "#" not in line[:4] or not HEADING_RE.match(line):
            continue
        if "`" in body:  # the text is read on the raw line: inline code is part of the anchor
            raw = body.split("\n") if raw is None else raw
            line = raw[lineno - first_line]
        text = heading_text(line)
        if text is None:
            continue
        custom = ATTR_ID_RE.search(text)
        if custom:
            anchor = custom.group(1)
            text = text[: custom.start()].rstrip()
        else:
            anchor = slugify(EMPHASIS_RE.sub(r"\2", text) if len(text) <= EMPHASIS_MAX else text)
        base, n = anchor, numbered.get(anchor, 0)
        while anchor in seen:
            n += 1
            anchor = f"{base}_{n}"
        numbered[base] = n
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
    lines = body.split("\n")
    code = code_lines(lines)
    for offset, line in enumerate(lines):
        if "{{" in line and not code[offset]:
            lines[offset] = PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group()), line)
    return "\n".join(lines)


ENTITY_RE = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?")


def decode_entities(text: str) -> tuple[str, list[int], list[int]]:
    """``text`` with its HTML entities decoded, and the map back: piece ``i``
    of the decoded text starts at ``starts[i]`` and comes from ``origins[i]``
    in ``text`` (an entity maps to its ``&``)."""
    pieces: list[str] = []
    starts: list[int] = [0]
    origins: list[int] = [0]
    length, last = 0, 0
    for m in ENTITY_RE.finditer(text):
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
