"""What the browser tests know about the knowledge base: answers (via the engine) and page URLs."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kb_tools.kb import KnowledgeBase, load_kb
from kb_tools.model import Answer

ROOT = Path(__file__).resolve().parents[2]


@cache
def kb() -> KnowledgeBase:
    return load_kb(ROOT)


def published() -> dict[str, Answer]:
    """Answers with status ``published`` (drafts are not in the site, archived ones not in search)."""
    return {a.id: a for a in kb().answers if a.readable and a.status == "published"}


def url_path(doc_path: str) -> str:
    """The site path of a page (``use_directory_urls: true``): ``services/x.md`` -> ``services/x/``."""
    stem = doc_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def answer_path(answer_id: str) -> str:
    answer = kb().by_id[answer_id]
    return url_path(answer.rel.removeprefix("docs/"))


def built_file(site_dir: Path, path: str) -> Path:
    """The HTML file serving ``path`` in a built site (``""`` is the home page)."""
    return site_dir / path / "index.html" if path == "" or path.endswith("/") else site_dir / path
