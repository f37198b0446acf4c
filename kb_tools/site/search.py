"""The search index, shaped for Material for MkDocs' built-in search.

Material builds a lunr index in the browser from ``search/search_index.json``:
``{"config": {"lang", "separator", "pipeline", "fields"}, "docs": [entries]}``
where each entry has ``location``, ``title``, ``text`` and optionally ``tags``
(a list of strings), and ``config.fields`` gives each field's boost. Queries
only search those three fields.

For answers, this module replaces Material's per-section entries with one
entry per answer:

- ``title``: the answer's title;
- ``text``: its description and its "En bref" section;
- ``tags``: aliases, tag labels and synonyms, service label, glossary meanings
  of the acronyms in the title and aliases, and an accent-folded copy of every
  word of those that has an accent, so ``etat civil`` finds ``État civil``
  (lunr matches words exactly, accents included).

Drafts and archived answers are left out. Boosts: title > tags > text.

Files (:func:`index_files`): Material's page code always fetches
``search/search_index.json`` and hands it to the search worker; the site's own worker
(``assets/kb-search-worker.js``, started early by ``assets/kb-search.js``) fetches the
index itself, off the page's thread, from :data:`DATA_FILE`. So ``search_index.json`` is
a stub (the configuration, no entry, ``config.kb`` naming the data files), and the index
is in two files: :data:`DATA_FILE` (configuration, vocabulary, the pages' own entries:
enough for a first result) and :data:`SECTIONS_FILE` (the sections' entries, added by the
worker when they arrive; about half of the bytes). The offline copy (``file://``, where a
worker cannot fetch) reads the whole index from ``search/search_index.js``.

Material's search inserts ``title``, ``text`` and ``tags`` as HTML: every
entry, ours and Material's, goes through the site's sanitizer
(:mod:`kb_tools.site.sanitize`).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from kb_tools.model import Answer
from kb_tools.site import search_deep
from kb_tools.site.context import SiteContext
from kb_tools.site.page_text import summary_paragraphs
from kb_tools.site.sanitize import sanitize_html
from kb_tools.text import fold
from kb_tools.urls import page_url

FIELDS: dict[str, dict[str, float]] = {
    "title": {"boost": 10.0},
    "tags": {"boost": 5.0},
    "aliases": {"boost": 5.0},  # the aliases again: with "tags", a word an answer is named by weighs like its title
    "text": {"boost": 1.0},
    "keywords": {"boost": 1.0},  # a section's words beyond what it shows (kb_tools.site.search_deep)
}
DATA_FILE = "search/kb-index.json"  # the index but the sections' entries (assets/kb-search.js: DATA)
SECTIONS_FILE = "search/kb-index-sections.json"  # the sections' entries (… SECTIONS)
STUB_FILE = "search/search_index.json"  # what Material's page code fetches
OFFLINE_FILE = "search/search_index.js"  # what it reads from file:// (Material's offline plugin)
TEXT_LIMIT = 400  # characters of "En bref" kept in the index
WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def folded_words(texts: list[str]) -> list[str]:
    """Accent-free copies of the words that have an accent, once each, in order."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in WORD_RE.findall(text):
            plain = fold(word)
            if plain != word.casefold():
                seen.setdefault(plain, None)
    return list(seen)


def answer_tags(answer: Answer, ctx: SiteContext) -> list[str]:
    """What the ``tags`` field holds for an answer (see the module docstring)."""
    config = ctx.config
    shared: list[str] = []  # words the answer shares with others (tags, service)
    for key in dict.fromkeys(answer.tags):
        tag = config.tags.get(key)
        if tag is not None:
            shared.append(tag.label)
            shared.extend(tag.synonyms)
    service = config.services.get(answer.service or "")
    if service is not None:
        shared.append(service.label)
    shared.extend(config.glossary[t] for t in ctx.glossary_terms(answer.title or "", *answer.aliases))
    # An alias that is also a synonym is kept twice: the answer that names the
    # word itself ranks above those that only share the tag.
    words = [w for w in answer.aliases if w] + list(dict.fromkeys(w for w in shared if w))
    folded = folded_words([answer.title or "", *words])
    if folded:
        words.append(" ".join(folded))
    return words


def answer_text(answer: Answer, ctx: SiteContext) -> str:
    """Description and "En bref" as HTML paragraphs, ``TEXT_LIMIT`` characters at most.

    Paragraphs matter: in a result, Material shows only the paragraphs where
    the query words were found (and kb.css clamps them to a few lines).
    """
    paragraphs = summary_paragraphs(answer, ctx.config.local)
    if answer.description and not (paragraphs and paragraphs[0].startswith(answer.description)):
        paragraphs.insert(0, answer.description)
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in search_deep.within(paragraphs, TEXT_LIMIT))


def answer_entry(answer: Answer, ctx: SiteContext, location: str) -> dict[str, Any]:
    """One search entry for one answer (HTML-escaped: Material shows it as HTML)."""
    return {
        "location": location,
        "title": html.escape(answer.title or answer.id, quote=False),
        "text": answer_text(answer, ctx),
        "tags": [html.escape(t, quote=False) for t in answer_tags(answer, ctx)],
        "aliases": [html.escape(a, quote=False) for a in answer.aliases if a],
    }


def answer_entries(
    ctx: SiteContext, use_directory_urls: bool, sections: dict[str, list[search_deep.Section]] | None = None
) -> list[dict[str, Any]]:
    """One entry per live answer (drafts and archived answers are not searchable), each
    followed by its sections (:mod:`kb_tools.site.search_deep`)."""
    entries: list[dict[str, Any]] = []
    for a in ctx.live:
        location = page_url(ctx.doc_path(a), use_directory_urls)
        entries.append(answer_entry(a, ctx, location))
        entries.extend(search_deep.section_entries(a, ctx, location, None if sections is None else sections[a.rel]))
    return entries


@dataclass
class AnswerPart:
    """What the index holds for the answers, computed from the base alone (not from the
    rendered pages): their entries and sections, sanitized, and ``config.kb``."""

    kb: dict[str, Any]
    entries: list[dict[str, Any]]


def answer_part(ctx: SiteContext, use_directory_urls: bool, question_template: str | None = None) -> AnswerPart:
    """The longest part of the index to compute (every section's text, the vocabulary):
    the build runs it beside MkDocs' page rendering (:mod:`kb_tools.site.background`)."""
    sections = search_deep.all_sections(ctx)
    kb = search_deep.browser_data(ctx, question_template, sections)
    entries = answer_entries(ctx, use_directory_urls, sections)
    return AnswerPart(kb=kb, entries=[safe_entry(d) for d in entries])


def shape_index(
    index: dict[str, Any],
    ctx: SiteContext,
    use_directory_urls: bool,
    question_template: str | None = None,
    part: AnswerPart | None = None,
) -> dict[str, Any]:
    """Material's index with every answer entry replaced by ours, our boosts, and what
    ``assets/kb-search.js`` needs (``config.kb``: vocabulary, « Proposer cette question »).
    ``part``: :func:`answer_part` of the same arguments, if already computed."""
    answer_urls = {page_url(ctx.doc_path(a), use_directory_urls) for a in ctx.answers}
    others = [d for d in index.get("docs", []) if str(d.get("location", "")).split("#", 1)[0] not in answer_urls]
    if part is None:
        part = answer_part(ctx, use_directory_urls, question_template)
    config = {**index.get("config", {}), "fields": FIELDS, "kb": part.kb}
    return {"config": config, "docs": part.entries + [safe_entry(d) for d in others]}


def stub(index: dict[str, Any]) -> dict[str, Any]:
    """``search_index.json``: the index's configuration without its entries nor vocabulary,
    naming :data:`DATA_FILE` (read by the worker) and keeping what the page needs
    (``propose``: the « Proposer cette question » link)."""
    config = dict(index.get("config", {}))
    kb = {k: v for k, v in config.get("kb", {}).items() if k != "words"}
    config["kb"] = {**kb, "data": DATA_FILE, "sections": SECTIONS_FILE}
    return {"config": config, "docs": []}


def index_files(index: dict[str, Any], offline: bool = False) -> dict[str, str]:
    """The files of the search index, by path from the site root (compact JSON):
    :data:`STUB_FILE`; :data:`DATA_FILE`, the configuration and the pages' own entries (enough
    for a first result: the worker indexes them first); :data:`SECTIONS_FILE`, the entries of
    their sections (``location#anchor``), which the worker adds when they arrive;
    with ``offline``, :data:`OFFLINE_FILE`, everything, for ``file://``."""

    def dump(data: dict[str, Any]) -> str:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    docs = index.get("docs", [])
    pages = [d for d in docs if "#" not in str(d.get("location", ""))]
    sections = [d for d in docs if "#" in str(d.get("location", ""))]
    files = {
        STUB_FILE: dump(stub(index)),
        DATA_FILE: dump({**index, "docs": pages}),
        SECTIONS_FILE: dump({"docs": sections}),
    }
    if offline:
        files[OFFLINE_FILE] = "var __index = " + dump(index)
    return files


def safe_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """An index entry with what Material shows as HTML sanitized."""
    safe = dict(entry)
    for key in ("title", "text"):
        if isinstance(safe.get(key), str):
            safe[key] = sanitize_html(safe[key])
    for key in ("tags", "aliases"):
        if isinstance(safe.get(key), list):
            safe[key] = [sanitize_html(t) if isinstance(t, str) else t for t in safe[key]]
    return safe
