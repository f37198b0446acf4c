"""Small text helpers for the site: French dates, escaping, plain text."""

from __future__ import annotations

import datetime as dt
import html
import re

from kb_tools import scan
from kb_tools.model import Answer

SUMMARY_SECTION = "en-bref"  # anchor of the "## En bref" section of an answer


def short_date(day: dt.date | None) -> str:
    """``2027-09-30`` -> ``30/09/2027``."""
    return day.strftime("%d/%m/%Y") if day else "—"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]>|{}])")


def md_escape(text: str) -> str:
    """Text that Markdown shows as typed (titles, labels in generated pages).

    Braces too: ``Titre {: onclick=… }`` must not become an attribute list;
    ``<`` is written ``&lt;`` (Markdown has no escape for it), so no raw HTML.
    """
    return _MD_SPECIAL.sub(r"\\\1", text).replace("<", "&lt;")


def attr(text: str) -> str:
    """Text safe inside a double-quoted HTML attribute."""
    return html.escape(text, quote=True)


# Each pattern stops at the next opening character ("[", "(", "<", "{"), so
# no character is read from two starts: linear whatever the text.
_LINK = re.compile(r"!?\[([^\[\]]*+)\]\([^()]*+\)")
_REF_LINK = re.compile(r"\[([^\[\]]++)\]\[[^\[\]]*+\]")
_TAG = re.compile(r"<[^<>]++>")
_ATTR_LIST = re.compile(r"\{[:.#][^{}]*+\}")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`+|~~)")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
_HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}\s+")
_BLOCK_MARK = re.compile(r"\s*+(?:>\s*+$|!!!|\?\?\?|\|?\s*+:?-{3,})")  # used with .match
_SPACES = re.compile(r"\s+")
_LIST_STARTS = frozenset("-*+0123456789")


def plain_text(markdown: str) -> str:
    """Markdown reduced to readable text: no markup, links kept as their text."""
    # Each pattern is tried only on a line that holds the character it needs (the
    # same result, several times faster: most lines of an answer are plain prose).
    out: list[str] = []
    for line in markdown.split("\n"):
        if (
            ("-" in line or "!" in line or "?" in line or ">" in line)
            and _BLOCK_MARK.match(line)
            and not line.lstrip().startswith(">")
        ):
            continue
        line = line.lstrip().lstrip(">")
        if "#" in line:
            line = _HEADING_MARK.sub("", line)
        if line.lstrip()[:1] in _LIST_STARTS:
            line = _LIST_MARK.sub("", line)
        if "[" in line:
            line = _LINK.sub(r"\1", line)
            line = _REF_LINK.sub(r"\1", line)
        if "{" in line:
            line = _ATTR_LIST.sub("", line)
        if "<" in line:
            line = _TAG.sub("", line)
        if "*" in line or "_" in line or "`" in line or "~" in line:
            line = _EMPHASIS.sub("", line)
        out.append(line.replace("|", " "))
    return _SPACES.sub(" ", " ".join(out)).strip()


def section(answer: Answer, anchor: str) -> str | None:
    """Markdown of the section under the heading with ``anchor`` (up to the next heading)."""
    headings = answer.headings
    for i, (found, _text, line) in enumerate(headings):
        if found == anchor:
            lines = answer.src.body.split("\n")
            start = line - answer.src.body_line + 1
            end = headings[i + 1][2] - answer.src.body_line if i + 1 < len(headings) else len(lines)
            return "\n".join(lines[start:end])
    return None


_BLANK_LINES = re.compile(r"\n\s*\n")


def summary_paragraphs(answer: Answer, local: dict[str, str]) -> list[str]:
    """The "En bref" section (or the first paragraph) as plain-text paragraphs, placeholders filled."""
    markdown = section(answer, SUMMARY_SECTION)
    if markdown is None:
        body = answer.src.body.strip()
        markdown = _BLANK_LINES.split(body, 1)[0] if body else ""
    filled = scan.fill_placeholders(markdown, local)
    return [text for text in map(plain_text, _BLANK_LINES.split(filled)) if text]


def summary_text(answer: Answer, local: dict[str, str]) -> str:
    """The "En bref" section as one plain text."""
    return " ".join(summary_paragraphs(answer, local))


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-ÖØ-Ý«\"(])")


def first_sentence(text: str, limit: int = 220) -> str:
    """The first sentence of a text, cut at ``limit`` characters."""
    sentence = _SENTENCE_END.split(text, 1)[0].strip()
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence


def description_of(answer: Answer, local: dict[str, str]) -> str:
    """What lists show under a title: the description, else the first sentence of "En bref"."""
    if answer.description:
        return answer.description
    return first_sentence(summary_text(answer, local))
