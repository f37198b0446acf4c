"""The one allowlist HTML sanitizer of the site (``nh3``, i.e. Rust's ammonia).

Everything the site publishes from content goes through it: the HTML of
every page after Markdown (answers, guide, generated pages, imported fiches;
``hooks/kb_hooks.py`` calls :func:`sanitize_html` from ``on_page_content``)
and the ``title`` and ``text`` of every search index entry (Material's
search shows them as HTML). What is not listed here is dropped: any other
tag (its text kept, ``script``/``style``/… with their content), any other
attribute (every ``on*`` handler, ``style`` except ``text-align`` on table
cells, ``srcdoc``, ``formaction``…), any URL scheme but ``http``, ``https``,
``mailto``, ``tel`` and relative URLs.

The lists cover what Material and the Markdown extensions of mkdocs.yml
emit (headings with ``id`` and ``a.headerlink``, admonitions,
details/summary, ``pymdownx.tabbed`` radios and labels, task list
checkboxes, table alignment, ``abbr``, code blocks) and the engine's own
markup (``div.kb-banner[data-valid-until][data-expiring-days][role][hidden]``,
``span.kb-local[data-kb-key]`` and ``a[data-kb-href]`` for the places,
``time[datetime]``, ``kb-meta``, related lists, action buttons, the inline
SVG freshness chart).

Values that theme templates print (page title, description, site name) are
plain text: :func:`text_html` turns them into escaped HTML text.
"""

from __future__ import annotations

import html
import re
from typing import Any

import nh3

# Flow and phrasing content of an article; no forms, embeds, frames, media with scripts.
_TEXT_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul", "var", "wbr",
}  # fmt: skip
# pymdownx.tabbed (radio inputs and their labels), pymdownx.tasklist (checkboxes),
# the home page's search button (kb.js opens Material's search).
_CONTROL_TAGS = {"button", "input", "label"}
# The freshness chart (kb_tools/site/freshness.py).
_SVG_TAGS = {"svg", "title", "desc", "g", "rect", "text"}
TAGS: frozenset[str] = frozenset(_TEXT_TAGS | _CONTROL_TAGS | _SVG_TAGS)

# Dropped with their content (the others lose their tag and keep their text).
CLEAN_CONTENT_TAGS: frozenset[str] = frozenset({"script", "style", "template", "noscript", "iframe", "object"})

GLOBAL_ATTRIBUTES = {"id", "class", "title", "lang", "dir", "role", "aria-label", "aria-labelledby",
                     "aria-describedby", "aria-hidden", "hidden"}  # fmt: skip
_SVG_SHAPE = {"x", "y", "width", "height", "fill"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": GLOBAL_ATTRIBUTES,
    "a": {"href", "download", "data-kb-href"},  # data-kb-href: kb_tools/site/places.py
    "img": {"src", "alt", "width", "height", "loading"},
    "abbr": set(),
    "span": {"data-kb-key"},  # a local detail that follows the chosen place (kb_tools/site/places.py)
    "time": {"datetime", "data-valid-until"},
    "div": {"data-valid-until", "data-expiring-days", "data-tabs"},
    "details": {"open"},
    "ol": {"start", "type"},
    "li": {"value"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "label": {"for"},
    "input": {"name", "checked", "disabled"},
    "button": set(),
    "svg": {"viewBox", "width", "height", "preserveAspectRatio", "xmlns"},
    "rect": _SVG_SHAPE,
    "g": {"fill"},
    "text": {"x", "y", "fill", "text-anchor"},
}
# Attributes restricted to a few values (kept out of ATTRIBUTES, as nh3 requires).
ATTRIBUTE_VALUES: dict[str, dict[str, set[str]]] = {
    "input": {"type": {"checkbox", "radio"}},
    "button": {"type": {"button"}},
}
STYLE_PROPERTIES: frozenset[str] = frozenset({"text-align"})  # Python-Markdown's table alignment
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})  # and relative URLs

# Ids that Material's own elements use (``__config``, ``__search``, ``__drawer``…):
# content must not shadow them. pymdownx.tabbed's generated ids are allowed.
_THEME_ID = re.compile(r"__")
_TABBED_ID = re.compile(r"__tabbed_\d+(?:_\d+)?")


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name in ("id", "for", "name") and _THEME_ID.match(value) and not _TABBED_ID.fullmatch(value):
        return None
    return value


_CLEANER_OPTIONS: dict[str, Any] = {
    "tags": set(TAGS),
    "clean_content_tags": set(CLEAN_CONTENT_TAGS),
    "attributes": ATTRIBUTES,
    "tag_attribute_values": ATTRIBUTE_VALUES,
    "attribute_filter": _attribute_filter,
    "url_schemes": set(URL_SCHEMES),
    "filter_style_properties": set(STYLE_PROPERTIES),
    "link_rel": None,  # links are the site's own or plain references: nothing added
    "strip_comments": True,
}
# Built once: ``nh3.clean(fragment, **options)`` builds a cleaner from the options on
# every call (about 0.1 ms, the whole cost of a table-of-contents title; 100,000+ calls
# at 3,700 answers).
_CLEANER = nh3.Cleaner(**_CLEANER_OPTIONS)


def sanitize_html(fragment: str) -> str:
    """The fragment with everything outside the allowlists removed."""
    if not fragment:
        return fragment
    return _CLEANER.clean(fragment)


def text_html(value: object) -> str:
    """A plain-text value as escaped HTML text, safe in an element or a quoted attribute.

    Entities already in the value are decoded first, so a value that went
    through Markdown (``A &amp; B``) is not escaped twice.
    """
    return html.escape(html.unescape(str(value)), quote=True)
