"""The published knowledge base as one JSON document (``kb export``), and its schema.

The document is what other tools read instead of our front matter and
placeholders: a relation-management portal, a chatbot, another commune's base
(``kb import kb-export``). Its format is described by the JSON Schema
``kb_tools/schemas/kb-export.schema.json`` (draft 2020-12), published beside it
on the site (``export/kb-export.json``, ``export/kb-export.schema.json``).

What it holds:

- ``format``, ``format_version`` (an integer, raised on an incompatible
  change), ``generated`` (the build date, a parameter);
- ``site`` (name, GitLab project), kb.yml's ``services`` and ``tags`` (in
  kb.yml order) and ``glossary``;
- ``answers``: every *live* answer, sorted by id. Live means published: drafts
  are not published and archived answers are no longer kept up to date, so
  neither is exported; ``related`` only names exported answers.

The output is deterministic (keys sorted, answers by id): exporting twice the
same base on the same date gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from typing import Any

from kb_tools import scan, urls
from kb_tools.kb import KnowledgeBase
from kb_tools.model import Answer, first_of_each_id
from kb_tools.site.graph import sort_key
from kb_tools.site.page_text import plain_text

FORMAT = "kb-export"
FORMAT_VERSION = 1
SCHEMA_NAME = "kb-export.schema.json"
EXPORT_NAME = "kb-export.json"
SITE_DIR = "export"  # where the site publishes both files
EXPORT_URL = f"{SITE_DIR}/{EXPORT_NAME}"
SCHEMA_URL = f"{SITE_DIR}/{SCHEMA_NAME}"


@cache
def schema_text() -> str:
    """The JSON Schema of the export, as kept in the package."""
    return resources.files("kb_tools").joinpath("schemas", SCHEMA_NAME).read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded


def live_answers(kb: KnowledgeBase) -> list[Answer]:
    """Readable answers that are published (no draft, no archived), sorted by id then path."""
    chosen = [a for a in kb.published if a.status == "published"]
    return sorted(chosen, key=lambda a: (a.id, *sort_key(a)))


def export_document(kb: KnowledgeBase, today: dt.date) -> dict[str, Any]:
    """The export of ``kb`` built on ``today``, as plain JSON data."""
    config = kb.config
    answers = live_answers(kb)
    exported = {a.id for a in answers}
    items = [answer_entry(answer, kb, exported) for answer in first_of_each_id(answers).values()]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generated": today.isoformat(),
        "site": {"name": config.site_name, "repo_url": config.repo_url or None},
        "services": [
            {"key": s.key, "label": s.label, "owner": s.owner, "description": s.description}
            for s in config.services.values()
        ],
        "tags": [{"key": t.key, "label": t.label, "synonyms": list(t.synonyms)} for t in config.tags.values()],
        "glossary": dict(config.glossary),
        "answers": items,
    }


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def answer_entry(answer: Answer, kb: KnowledgeBase, exported: set[str]) -> dict[str, Any]:
    config = kb.config
    source = answer.src.body.strip("\n")
    filled = scan.fill_placeholders(source, config.local)
    service = config.services.get(answer.service or "")
    return {
        "id": answer.id,
        "title": answer.title or answer.id,
        "aliases": answer.aliases,
        "service": answer.service or "",
        "tags": list(dict.fromkeys(answer.tags)),
        "reviewed": _date(answer.reviewed),
        "valid_until": _date(answer.valid_until),
        "owner": answer.owner(service.owner if service else ""),
        "audience": answer.audience,
        "description": answer.description,
        "sources": [s.strip() for s in answer.sources if s.strip()],
        "related": [r for r in dict.fromkeys(answer.related) if r in exported and r != answer.id],
        "url": urls.page_url(urls.doc_path_of(answer.rel), use_directory_urls=True),
        "placeholders": sorted({name for name, _, _ in scan.placeholders(source, 1)}),
        "body_markdown": filled,
        "body_markdown_source": source,
        "body_text": plain_text(filled),
    }


def dumps(document: dict[str, Any]) -> str:
    """The document as JSON text: UTF-8, keys sorted, two-space indent, final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


SITE_FILES = (EXPORT_URL, SCHEMA_URL)


def site_files(kb: KnowledgeBase, today: dt.date) -> dict[str, str]:
    """The files the site publishes (:data:`SITE_FILES`), by path relative to the site root."""
    return {EXPORT_URL: dumps(export_document(kb, today)), SCHEMA_URL: schema_text()}
