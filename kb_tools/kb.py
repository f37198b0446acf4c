"""Loading the whole knowledge base: the configuration and every answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kb_tools import files, scan
from kb_tools.config import ANSWERS_DIR, DOCS_DIR, Config, load_config
from kb_tools.model import Answer, first_of_each_id
from kb_tools.source import decode, read_source
from kb_tools.urls import virtual_paths


@dataclass
class KnowledgeBase:
    root: Path
    config: Config
    answers: list[Answer] = field(default_factory=list)
    doc_files: frozenset[str] = frozenset()  # regular files under docs/, relative, "/" separated
    unsafe_files: tuple[files.Unsafe, ...] = ()  # links and special files under docs/ (never read)
    virtual_pages: frozenset[str] = frozenset()  # pages the site generates (indexes, tags)

    @cached_property
    def by_id(self) -> dict[str, Answer]:
        """First answer of each id (duplicates are reported by KB201)."""
        return first_of_each_id(self.answers)

    @cached_property
    def by_doc_path(self) -> dict[str, Answer]:
        return {a.rel[len(DOCS_DIR) + 1 :]: a for a in self.answers}

    @cached_property
    def publishable(self) -> frozenset[str]:
        """Doc paths of the files under docs/ that the site may publish (KB601-KB603)."""
        return files.publishable(self.doc_files)

    @property
    def published(self) -> list[Answer]:
        return [a for a in self.answers if a.readable and a.status != "draft"]

    def anchors_of(self, doc_path: str) -> frozenset[str] | None:
        """Heading anchors of any page under docs/ (None if it cannot be read)."""
        answer = self.by_doc_path.get(doc_path)
        if answer is not None:
            return answer.anchors
        return self._page_anchors(doc_path)

    def _page_anchors(self, doc_path: str) -> frozenset[str] | None:
        cache: dict[str, frozenset[str] | None] = self.__dict__.setdefault("_anchor_cache", {})
        if doc_path not in cache:
            try:
                text, _ = decode(files.read_regular(self.config.docs_dir / doc_path))
            except OSError:
                text = None
            cache[doc_path] = None if text is None else frozenset(a for a, _, _ in scan.headings(text, 1))
        return cache[doc_path]


def answer_id(path: Path) -> str:
    return path.stem


def iter_doc_files(docs_dir: Path) -> list[str]:
    """Every regular file under docs/ that MkDocs would see, relative, sorted
    (symbolic links and special files left out: see :func:`files.list_docs`)."""
    return list(files.list_docs(docs_dir).files)


def load_kb(root: Path, config: Config | None = None) -> KnowledgeBase:
    """Read kb.yml and every answer under docs/reponses/. Never raises on bad content."""
    root = Path(root)
    config = config or load_config(root)
    kb = KnowledgeBase(root=root, config=config, virtual_pages=virtual_paths(config))
    listing = files.list_docs(config.docs_dir) if config.docs_dir.is_dir() or config.docs_dir.is_symlink() else None
    docs = listing.files if listing else ()
    kb.doc_files = frozenset(docs)
    kb.unsafe_files = listing.unsafe if listing else ()
    prefix = ANSWERS_DIR + "/"
    for doc_path in docs:
        if doc_path.startswith(prefix) and doc_path.endswith(files.PAGE_SUFFIX):
            path = config.docs_dir / doc_path
            src = read_source(path, f"{DOCS_DIR}/{doc_path}")
            kb.answers.append(Answer(src=src, id=answer_id(path), meta=src.meta))
    return kb
