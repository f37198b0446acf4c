"""What "nothing executable" means for a built page, checked by parsing it.

- no ``on*`` attribute on any element;
- no ``<script>`` but the theme's: a ``src`` in the site's own ``assets/``
  (or the offline copy's ``search/search_index.js``), a JSON data block, or
  one of the theme's inline scripts, whose hash the page's policy allows;
- no ``javascript:``, ``vbscript:`` or ``data:text/html`` URL in any attribute;
- no ``iframe``, ``object``, ``embed``, ``base`` or ``form`` element (but the theme's search form).
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from kb_tools.site.csp import script_hash

THEME_INLINE = ("__md_scope=new URL(", "var target=document.getElementById(location.hash.slice(1));")
SCRIPT_SRC = re.compile(r"^/?(?:\.\./|\./)*(?:assets/|search/search_index\.js$)")
BAD_URL = re.compile(r"^(?:javascript|vbscript|data:text/html)", re.IGNORECASE)
URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "form", "frame", "frameset", "applet"}
CSP_RE = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


class _Checker(HTMLParser):
    def __init__(self, allow_scripts: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.allow_scripts = allow_scripts
        self.findings: list[str] = []
        self.inline: list[str] = []
        self._script: tuple[int, dict[str, str | None]] | None = None
        self._chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        where = f"ligne {self.getpos()[0]} <{tag}>"
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.findings.append(f"{where}: attribut {name}")
            if value and BAD_URL.match(URL_NOISE.sub("", html.unescape(value))):
                self.findings.append(f"{where}: {name}={value[:40]}")
        if tag in FORBIDDEN_TAGS and not (self.allow_scripts and ("class", "md-search__form") in attrs):
            self.findings.append(f"{where}: élément interdit")
        if tag == "script":
            self._script = (self.getpos()[0], dict(attrs))
            self._chunks = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._chunks.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self._script is None:
            return
        line, attrs = self._script
        self._script = None
        text = "".join(self._chunks)
        if not self.allow_scripts:
            self.findings.append(f"ligne {line}: <script> dans le contenu")
        elif attrs.get("src") is not None:
            if not SCRIPT_SRC.match(attrs["src"] or ""):
                self.findings.append(f"ligne {line}: script {attrs['src']}")
        elif attrs.get("type") == "application/json":
            pass
        elif text.startswith(THEME_INLINE):
            self.inline.append(text)
        else:
            self.findings.append(f"ligne {line}: script en ligne inconnu {text[:40]!r}")


def fragment_findings(fragment: str) -> list[str]:
    """Problems of an HTML fragment from content (no script at all is allowed)."""
    checker = _Checker(allow_scripts=False)
    checker.feed(fragment)
    checker.close()
    return checker.findings


def page_findings(page: str) -> list[str]:
    """Problems of a whole built page (the theme's scripts allowed, and only by the policy)."""
    checker = _Checker(allow_scripts=True)
    checker.feed(page)
    checker.close()
    findings = list(checker.findings)
    policy = CSP_RE.search(page)
    if policy is None:
        return [*findings, "pas de Content-Security-Policy"]
    value = html.unescape(policy.group(1))
    if "'unsafe-inline'" in value.split("script-src", 1)[1].split(";", 1)[0]:
        findings.append("script-src autorise 'unsafe-inline'")
    findings += [
        f"script en ligne non autorisé par la politique {s[:40]!r}"
        for s in checker.inline
        if script_hash(s) not in value
    ]
    return findings


def index_findings(index: dict[str, object]) -> list[str]:
    """Problems of the search index entries (Material inserts title, text and tags as HTML)."""
    findings: list[str] = []
    for doc in index.get("docs", []):  # type: ignore[union-attr]
        values = [doc.get("title", ""), doc.get("text", ""), *doc.get("tags", [])]
        for value in values:
            findings += [f"{doc.get('location')}: {f}" for f in fragment_findings(str(value))]
        if BAD_URL.match(URL_NOISE.sub("", str(doc.get("location", "")))):
            findings.append(f"location {doc.get('location')}")
    return findings


def site_findings(site: Path) -> dict[str, list[str]]:
    """Problems of every page and of the search index of a built site, by file."""
    found: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*.html")):
        problems = page_findings(path.read_text(encoding="utf-8"))
        if problems:
            found[path.relative_to(site).as_posix()] = problems
    for name in ("search_index.json", "kb-index.json", "kb-index-sections.json"):
        index = site / "search" / name
        if index.is_file():
            problems = index_findings(json.loads(index.read_text(encoding="utf-8")))
            if problems:
                found[f"search/{name}"] = problems
    js_index = site / "search" / "search_index.js"
    if js_index.is_file():
        text = js_index.read_text(encoding="utf-8").removeprefix("var __index = ")
        problems = index_findings(json.loads(text))
        if problems:
            found["search/search_index.js"] = problems
    return found
