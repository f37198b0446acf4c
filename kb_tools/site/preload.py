"""Preload hints for the scripts a built page loads, so that a slow link fetches them at once.

A page's scripts sit where the theme puts them: ``assets/kb-search.js`` at the end
of ``<head>``, after the stylesheets; Material's bundle and our deferred scripts at the
end of ``<body>``. The browser's preload scanner finds them early, but Chromium holds
requests for scripts in ``<body>`` back while the parser is still in ``<head>``, and the
parser waits there for the stylesheets and for ``kb-search.js``. Over the throttled
profile of ``bench/bench_scale.py`` (150 ms, 1.2 MB/s, CPU 4×) the bundle was requested
~0.8 s after the page, and the deferred scripts only once the bundle had run.

``<link rel="preload" as="script">`` for each of them, first in ``<head>`` after the
Content-Security-Policy, asks for them all with the stylesheets; they still run where
and when their ``<script>`` element says (same URL, no ``crossorigin``: the preloaded
response is the one the element uses). Figures: BENCHMARKS.md ("First search").

Only the theme's classic scripts are preloaded (never the page's content, which the
sanitizer keeps free of scripts anyway), and only plain relative or root-relative
paths: anything else is left to the element.
"""

from __future__ import annotations

import re

from kb_tools.site.csp import CHARSET_META, HEAD_TAG

_SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""\s([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_CSP = re.compile(r"<meta\s+http-equiv=\"Content-Security-Policy\"[^>]*>", re.IGNORECASE)
# A path of the site's own files: no scheme, no "//" host, nothing to escape.
_OWN_PATH = re.compile(r"(?!//)[\w./-]+\.js(?:\?[\w.=&-]*)?")
_CLASSIC_TYPES = {"", "text/javascript", "application/javascript"}


def _attributes(attrs: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in _ATTR.finditer(attrs):
        name = m.group(1).lower()
        if name not in found:
            found[name] = next((g for g in m.group(2, 3, 4) if g is not None), "")
    return found


def script_sources(page_html: str, content: str = "") -> list[str]:
    """The ``src`` of the classic scripts the page's theme loads, in document order, once each.

    ``content``: the page's content, left out (its scripts, if one ever got through the
    sanitizer, are never preloaded)."""
    theme_html = page_html.replace(content, "") if content else page_html
    sources: list[str] = []
    for m in _SCRIPT_TAG.finditer(theme_html):
        attrs = _attributes(m.group(1))
        src = attrs.get("src")
        if src is None or "nomodule" in attrs or attrs.get("type", "").strip().lower() not in _CLASSIC_TYPES:
            continue
        if _OWN_PATH.fullmatch(src) and src not in sources:
            sources.append(src)
    return sources


def with_preloads(page_html: str, content: str = "") -> str:
    """The page with a preload hint per script (:func:`script_sources`), first in ``<head>``
    after the policy and the charset (a meta policy only covers what follows it)."""
    sources = script_sources(page_html, content)
    if not sources:
        return page_html
    hints = "".join(f'<link rel="preload" as="script" href="{src}">' for src in sources)
    anchor = _CSP.search(page_html) or CHARSET_META.search(page_html) or HEAD_TAG.search(page_html)
    if anchor is None:
        return page_html
    return page_html[: anchor.end()] + hints + page_html[anchor.end() :]
