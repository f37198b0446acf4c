"""Markdown-safe text for imported fiches: escaping, links, emphasis.

Everything that comes from the XML goes through :func:`escape` before it is
written: the result never contains raw HTML, never a ``{{ … }}`` placeholder
and never a character that Markdown would read as markup.
"""

from __future__ import annotations

import re

URL_SCHEMES = ("https://", "http://", "mailto:")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # keeps non-breaking spaces (French typography)
_INLINE = re.compile(r"[\\`*_\[\]{}|]|&(?=#?\w+;)|<")
_WORD_JOINER = "\u2060"
_ORDERED = re.compile(r"^(\d+)\.(?=\s|$)")
_BULLET = re.compile(r"^(?:[-+*](?:\s|$)|-[-\s]*-[-\s]*-[-\s]*$)")
_BLOCK_MARKS = (("===", "&#61;"), ("???", "&#63;"), ("!!!", "&#33;"), ("~~~", "&#126;"), (": ", "&#58;"))
_URL_UNSAFE = {
    " ": "%20",
    '"': "%22",
    "<": "%3C",
    ">": "%3E",
    "(": "%28",
    ")": "%29",
    "{": "%7B",
    "}": "%7D",
    "|": "%7C",
    "\\": "%5C",
    "`": "%60",
}


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if char == "&":
        return "&amp;"
    if char == "<":
        # "&lt;" renders "<"; the invisible word joiner keeps "<script" or
        # "<a onclick=" from ever reading as a tag once entities are decoded.
        return "&lt;" + _WORD_JOINER
    return "\\" + char


def escape(text: str) -> str:
    """Inline text as Markdown that displays exactly ``text`` (line breaks become spaces).

    ``](`` is written ``\\]\\(``: text that reads like a link target never looks
    like one, not even to the validator's ``javascript:`` check."""
    escaped = _INLINE.sub(_escape_char, text.replace("\n", " ").replace("\r", " ").replace("\t", " "))
    return escaped.replace("\\](", "\\]\\(")


def squash(markdown: str) -> str:
    """Collapse runs of spaces (not non-breaking ones) and trim."""
    return _SPACES.sub(" ", markdown).strip()


def block_start(line: str) -> str:
    """Escape only what would make a paragraph start a heading, quote, list,
    rule, fence, note or definition (``+33 1 40…`` stays as written)."""
    if not line:
        return line
    if line[0] in "#>" or _BULLET.match(line):
        return "\\" + line
    for mark, entity in _BLOCK_MARKS:
        if line.startswith(mark):
            return entity + line[1:]
    return _ORDERED.sub(lambda m: m.group(1) + "\\.", line, count=1)


def heading_text(markdown: str) -> str:
    """A heading's text: a trailing ``#`` would be read as a closing sequence."""
    return markdown[:-1] + "\\#" if markdown.endswith("#") and not markdown.endswith("\\#") else markdown


def emphasize(markdown: str, marker: str) -> str:
    """``**text**`` with surrounding spaces moved outside the markers."""
    core = markdown.strip()
    if not core:
        return markdown
    lead = " " if markdown[:1].isspace() else ""
    trail = " " if markdown[-1:].isspace() else ""
    return f"{lead}{marker}{core}{marker}{trail}"


def clean_url(url: str | None) -> str | None:
    """A URL safe inside ``[text](url)``, or None when it is not http(s) or mailto."""
    if not url:
        return None
    url = squash(url)
    if not url.lower().startswith(URL_SCHEMES):
        return None
    return "".join(_URL_UNSAFE.get(c, c) for c in url)


def link(text_md: str, url: str | None) -> str:
    """A link to an external URL; plain text when the URL is unusable."""
    text_md = squash(text_md)
    target = clean_url(url)
    if not target:
        return text_md
    return f"[{text_md or escape(target)}]({target})"


def local_link(text_md: str, path: str) -> str:
    """A relative link to another answer (``sp-f1427.md``)."""
    return f"[{squash(text_md) or escape(path)}]({path})"


def indent(text: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line else line for line in text.split("\n"))


def plain(text: str) -> str:
    """Front matter text: squashed, with no ``{{``/``}}`` pair left."""
    return squash(text).replace("{{", "{ {").replace("}}", "} }")
