"""The Content-Security-Policy every built page carries (defence in depth).

The sanitizer (:mod:`kb_tools.site.sanitize`) keeps scripts and handlers out
of the content; the policy makes the browser refuse them anyway if one ever
got through: scripts run only from the site's own files and from the few
inline scripts the theme writes, allowed by their SHA-256 hash computed from
each built page. No ``'unsafe-inline'`` for scripts, so inline event handlers
(``onclick=…``) and ``javascript:`` URLs never run.

The policy is a ``<meta http-equiv>`` element, the only way a static site
served by any web server (or opened from ``file://``) can carry it. A meta
policy cannot set ``frame-ancestors``, ``report-uri`` or ``sandbox``; those
need an HTTP header from the web server.

Offline copy (``file://``): search runs in an iframe written by the vendored
iframe-worker shim (``docs/assets/vendor/iframe-worker/shim.js``), which
inherits the page's policy. Its bootstrap inline script names the worker's
URL, so its hash is computed per page from the theme's configuration.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable

# Directives, in order; script-src gets the page's hashes appended.
BASE_POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),  # style attributes (table alignment) and the theme's
    ("img-src", "'self' data:"),  # the theme's icons are data: SVG images in its CSS
    ("font-src", "'self'"),
    ("connect-src", "'self'"),  # instant loading and the search index
    ("worker-src", "'self'"),  # the search Web Worker
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
HEAD_TAG = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
CHARSET_META = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)

# What the iframe-worker shim writes into its iframe, ``{c}``/``{d}`` being the
# source of its functions ``c`` and ``d`` and ``{url}`` the worker's URL.
SHIM_BOOTSTRAP = (
    'postMessage={c};importScripts={d};addEventListener("error",({{error}})=>'
    '{{parent.dispatchEvent(new ErrorEvent("error",{{filename:"{url}",error}}))}})'
)


def script_hash(source: str) -> str:
    """The CSP source expression allowing an inline script with this exact text."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_scripts(page_html: str) -> list[str]:
    """Text of the executable inline scripts of a page (JSON data blocks are not scripts)."""
    found: list[str] = []
    for attrs, body in _SCRIPT.findall(page_html):
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if kind is None or kind.group(1).lower() in _JS_TYPES:
            found.append(body)
    return found


def _function_source(script: str, name: str) -> str | None:
    """The source of ``function name(…){…}`` in minified code (balanced braces)."""
    match = re.search(rf"function {name}\(", script)
    if match is None:
        return None
    start = match.start()
    depth = 0
    for i in range(script.index("{", match.end()), len(script)):
        if script[i] == "{":
            depth += 1
        elif script[i] == "}":
            depth -= 1
            if depth == 0:
                return script[start : i + 1]
    return None


def shim_bootstrap(shim_js: str, worker_url: str) -> str | None:
    """The inline script the iframe-worker shim writes for ``worker_url``, or None if unknown."""
    c = _function_source(shim_js, "c")
    d = _function_source(shim_js, "d")
    if c is None or d is None:
        return None
    return SHIM_BOOTSTRAP.format(c=c, d=d, url=worker_url)


# assets/kb-search.js starts the site's own search worker in place of Material's: the
# same URL with Material's worker file swapped for ours (the same substitution there).
_MATERIAL_WORKER = re.compile(r"javascripts/workers/search\.\w+\.min\.js")
OWN_WORKER = "kb-search-worker.js"


def own_worker_url(material_url: str) -> str:
    """The URL of the site's search worker, given the one the theme names for Material's."""
    return _MATERIAL_WORKER.sub(OWN_WORKER, material_url, count=1)


def search_worker_url(page_html: str) -> str | None:
    """The URL of the search worker the page starts (ours, see :func:`own_worker_url`), from
    the theme's configuration given to the page's scripts."""
    match = _CONFIG.search(page_html)
    if match is None:
        return None
    try:
        value = json.loads(match.group(1)).get("search")
    except (ValueError, AttributeError):
        return None
    return own_worker_url(value) if isinstance(value, str) else None


def policy(hashes: Iterable[str]) -> str:
    """The policy string, with the inline scripts' hashes allowed (sorted, once each)."""
    extra = sorted(set(hashes))
    parts = []
    for name, value in BASE_POLICY:
        if name == "script-src" and extra:
            value = " ".join([value, *extra])
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def page_policy(page_html: str, content: str = "", shim_js: str | None = None) -> str:
    """The policy for a built page: its theme's inline scripts allowed, nothing else.

    ``content`` (the page's sanitized content) is left out of the count, so a
    script that would ever reach the content is never allowed by hash.
    ``shim_js``: the iframe-worker shim's source, when the page loads it.
    """
    theme_html = page_html.replace(content, "") if content else page_html
    hashes = [script_hash(s) for s in inline_scripts(theme_html)]
    if shim_js is not None:
        url = search_worker_url(theme_html)
        bootstrap = shim_bootstrap(shim_js, url) if url else None
        if bootstrap is not None:
            hashes.append(script_hash(bootstrap))
    return policy(hashes)


def with_policy(page_html: str, content: str = "", shim_js: str | None = None) -> str:
    """The page with its ``<meta http-equiv="Content-Security-Policy">``, first in ``<head>``."""
    value = page_policy(page_html, content, shim_js)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{value}">'
    anchor = CHARSET_META.search(page_html) or HEAD_TAG.search(page_html)
    if anchor is None:
        return meta + page_html
    return page_html[: anchor.end()] + meta + page_html[anchor.end() :]
