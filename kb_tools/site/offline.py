"""Offline mode of the published site: a service worker keeps the site in the browser.

After the first visit over http(s), the browser keeps the theme's files and
ours (CSS, JavaScript, icons), the search index and every published page,
answers included, so that the site opens and searches without a network (a
France Services van on a patchy 4G). Three files do it:

- ``assets/kb-version.js`` (:func:`version_files`, through MkDocs' file list):
  the build's date and time, ``window.KB_VERSION = {"built": "…"}``, shown in
  every footer as « Version du … » by ``assets/kb-offline.js``; also in the
  ``file://`` copy, where no service worker runs;
- ``kb-offline.json`` (:func:`manifest`, after the build): every file to keep,
  with a revision (a hash of its content), computed from the built site;
- ``sw.js`` at the site root (its scope is the whole site): this build's
  version (a hash of the manifest) before the worker's code
  (``kb_tools/assets/sw.js``).

A new build gives a new ``sw.js``: the browser notices it by itself (and
``kb-offline.js`` asks again on each page and when the network comes back),
installs it in the background into a new cache, copying the files whose
revision did not change from the old cache and downloading the others; the
old version keeps serving until the agent clicks « recharger » or closes the
site; then the old caches are deleted. Pages are served from the cache, so
Material's instant navigation and search work the same online and offline.

Budget (:data:`PRECACHE_BUDGET`): the shell, the search index and the pages
that are not answers are always kept; answers are kept in order until the
total reaches the budget, the rest (``lazy``) are kept at their first visit.
Figures: BENCHMARKS.md ("Offline cache").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from kb_tools.site.search import DATA_FILE, SECTIONS_FILE, STUB_FILE

SW_FILE = "sw.js"
MANIFEST_FILE = "kb-offline.json"
VERSION_FILE = "assets/kb-version.js"
ANSWERS_DIR = "reponses/"
SEARCH_INDEX = STUB_FILE
SEARCH_FILES = (STUB_FILE, DATA_FILE, SECTIONS_FILE)  # the search worker fetches the last two

# What the browser may keep, at most, before answers are kept at their first
# visit only (bytes of the files as served, before HTTP compression).
PRECACHE_BUDGET = 200_000_000

# Files of the built site never kept: the offline zip, the JSON export (for
# reuse, not for agents), the zip copy's Web Worker shim, source maps, the compressed sitemap and precompressed copies, the worker's own files.
EXCLUDED_PREFIXES = ("telechargement/", "export/", "assets/vendor/iframe-worker/")  # the last: file:// only
EXCLUDED_SUFFIXES = (".map", ".gz", ".br", ".zip")
EXCLUDED_FILES = frozenset({SW_FILE, MANIFEST_FILE})
LUNR_DIR = "assets/javascripts/lunr/"
# lunr files Material's search worker loads for a language (besides lunr.<lang>.min.js).
LUNR_EXTRA = {"ja": ("tinyseg.js",), "th": ("wordcut.js",)}

# Kinds of files, in the order they are kept.
SHELL, SEARCH, PAGE, ANSWER = "shell", "search", "page", "answer"
_ORDER = {SHELL: 0, SEARCH: 1, PAGE: 2, ANSWER: 3}


@dataclass(frozen=True)
class Entry:
    """One file the service worker can keep: its URL from the site root and its content's revision."""

    url: str
    size: int
    revision: str
    kind: str


@dataclass(frozen=True)
class Plan:
    """What the worker keeps at installation (``precache``) and at first visit only (``lazy``)."""

    precache: tuple[Entry, ...]
    lazy: tuple[Entry, ...]

    @property
    def precache_bytes(self) -> int:
        return sum(e.size for e in self.precache)

    def bytes_by_kind(self) -> dict[str, int]:
        sizes = dict.fromkeys(_ORDER, 0)
        for entry in self.precache:
            sizes[entry.kind] += entry.size
        return sizes


def build_time_iso(built: dt.datetime) -> str:
    """The build's time in UTC, ``2026-12-02T03:10:00Z`` (a naive time is taken as UTC)."""
    if built.tzinfo is None:
        built = built.replace(tzinfo=dt.UTC)
    return built.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def version_files(built: dt.datetime) -> dict[str, str]:
    """``assets/kb-version.js``: the build's time for the pages' footer (« Version du … »)."""
    data = json.dumps({"built": build_time_iso(built)})
    return {VERSION_FILE: f"window.KB_VERSION = {data};\n"}


def page_url(rel: str) -> str:
    """The URL a built file is requested by: ``a/b/index.html`` -> ``a/b/``, ``index.html`` -> ``""``."""
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel.removesuffix("index.html")
    return rel


def search_languages(site_dir: Path) -> list[str]:
    """The languages of the built search index (``config.lang``), ``["en"]`` if unknown."""
    try:
        config = json.loads((site_dir / SEARCH_INDEX).read_text(encoding="utf-8")).get("config", {})
    except (OSError, ValueError, AttributeError):
        return ["en"]
    langs = config.get("lang") if isinstance(config, dict) else None
    if isinstance(langs, str):
        langs = [langs]
    return [x for x in langs if isinstance(x, str)] if isinstance(langs, list) else ["en"]


def _lunr_needed(rel: str, langs: list[str]) -> bool:
    """Whether Material's search worker loads this lunr file for the site's languages."""
    name = rel.removeprefix(LUNR_DIR)
    wanted = {f"min/lunr.{lang}.min.js" for lang in langs if lang != "en"}
    if wanted:
        wanted.add("min/lunr.stemmer.support.min.js")
    if len(langs) > 1:
        wanted.add("min/lunr.multi.min.js")
    for lang in langs:
        wanted.update(LUNR_EXTRA.get(lang, ()))
    return name in wanted


def kind_of(rel: str) -> str:
    if rel in SEARCH_FILES:
        return SEARCH
    if rel.endswith(".html"):
        return ANSWER if rel.startswith(ANSWERS_DIR) else PAGE
    return SHELL


def kept(rel: str, langs: list[str]) -> bool:
    """Whether the file of the built site at ``rel`` (POSIX path from the root) is kept offline."""
    if rel in EXCLUDED_FILES or rel.startswith(EXCLUDED_PREFIXES) or rel.endswith(EXCLUDED_SUFFIXES):
        return False
    if rel.startswith("search/") and rel not in SEARCH_FILES:
        return False
    if rel.startswith(LUNR_DIR):
        return _lunr_needed(rel, langs)
    return not any(part.startswith(".") for part in rel.split("/"))


def revision(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def site_entries(site_dir: Path) -> list[Entry]:
    """Every file of the built site kept offline, in the order the worker fetches them."""
    langs = search_languages(site_dir)
    entries = []
    for path in site_dir.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        rel = path.relative_to(site_dir).as_posix()
        if not kept(rel, langs):
            continue
        data = path.read_bytes()
        entries.append(Entry(page_url(rel), len(data), revision(data), kind_of(rel)))
    entries.sort(key=lambda e: (_ORDER[e.kind], e.url))
    return entries


def plan(entries: list[Entry], budget: int = PRECACHE_BUDGET) -> Plan:
    """Everything but answers is kept; answers in order while the total stays within ``budget``."""
    precache: list[Entry] = []
    lazy: list[Entry] = []
    total = 0
    for entry in entries:
        if entry.kind == ANSWER and (lazy or total + entry.size > budget):
            lazy.append(entry)
            continue
        precache.append(entry)
        total += entry.size
    return Plan(tuple(precache), tuple(lazy))


def manifest(site_plan: Plan, built: dt.datetime) -> dict[str, Any]:
    """The manifest the worker installs from; ``version`` changes with any kept file."""
    body = {
        "built": build_time_iso(built),
        "precache": [[e.url, e.revision] for e in site_plan.precache],
        "lazy": [[e.url, e.revision] for e in site_plan.lazy],
    }
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()[:16]
    return {"version": digest, **body}


def worker_source() -> str:
    return resources.files("kb_tools").joinpath("assets", SW_FILE).read_text(encoding="utf-8")


def service_worker(data: dict[str, Any]) -> str:
    """``sw.js``: this build's version and manifest's name, then the worker's code."""
    header = {"version": data["version"], "built": data["built"], "manifest": MANIFEST_FILE}
    return f"self.KB_OFFLINE = {json.dumps(header)};\n" + worker_source()


def write_service_worker(site_dir: Path, built: dt.datetime, budget: int = PRECACHE_BUDGET) -> dict[str, Any]:
    """Write ``kb-offline.json`` and ``sw.js`` into the built site; return the manifest."""
    data = manifest(plan(site_entries(site_dir), budget), built)
    (site_dir / MANIFEST_FILE).write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    (site_dir / SW_FILE).write_text(service_worker(data), encoding="utf-8")
    return data
