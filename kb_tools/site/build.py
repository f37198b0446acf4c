"""One site build: the knowledge base, its problems, and what each MkDocs
event needs, as plain data. ``hooks/kb_hooks.py`` only hands these over."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from kb_tools import export, urls
from kb_tools.config import DOCS_DIR
from kb_tools.kb import KnowledgeBase, load_kb
from kb_tools.model import Answer
from kb_tools.problem import Problem, blocking
from kb_tools.report import to_text
from kb_tools.rules.runner import validate
from kb_tools.site import (
    accessibility,
    background,
    csp,
    nav,
    offline,
    pages,
    places,
    preload,
    sanitize,
    search,
    search_deep,
)
from kb_tools.site.answer_page import RenderedPage, render_answer
from kb_tools.site.context import SiteContext, build_context
from kb_tools.urls import GUIDE_DIR, doc_path_of

SHIM_SUFFIX = "iframe-worker/shim.js"  # the offline copy's Web Worker shim (mkdocs-offline.yml)
RAW_MARKER = "kbrawhtml7q"  # + number + "x": one word, no Markdown syntax, no abbreviation matches it
_RAW_MARKER_RE = re.compile(rf"<p>{RAW_MARKER}\d+x</p>")


@dataclass
class SiteBuild:
    kb: KnowledgeBase
    today: dt.date
    problems: list[Problem]
    built: dt.datetime | None = None  # the build's time (« Version du … »); None: ``today`` at midnight UTC
    # Generated HTML blocks of the answers being rendered, by doc path then marker (see ``render``).
    _raw_blocks: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)
    # The work started by ``start_background``: (use_directory_urls, job); the job writes the
    # JSON export into ``_scratch`` and returns the answers' part of the search index.
    _background_job: tuple[bool, background.Job[search.AnswerPart]] | None = field(default=None, repr=False)
    _scratch: tempfile.TemporaryDirectory[str] | None = field(default=None, repr=False)

    @classmethod
    def load(cls, root: Path, today: dt.date, built: dt.datetime | None = None, workers: int = 1) -> SiteBuild:
        """Load and validate the knowledge base under ``root`` (never raises on content);
        ``workers``: processes for the validation of a large base (see ``validate``)."""
        kb = load_kb(root)
        return cls(kb=kb, today=today, problems=validate(kb, today, workers=workers), built=built)

    # -- validation ---------------------------------------------------------

    @property
    def errors(self) -> list[Problem]:
        return blocking(self.problems)

    def report_lines(self) -> list[str]:
        """Each problem as ``path:line:col: KBxxx name [niveau] message`` (as ``kb validate``)."""
        return to_text(self.problems).splitlines()[:-1]

    def abort_message(self) -> str:
        return (
            to_text(self.problems)
            + "Construction du site interrompue : corrigez les erreurs ci-dessus "
            + "(« kb validate » les affiche aussi)."
        )

    # -- configuration ------------------------------------------------------

    def mkdocs_settings(self) -> dict[str, Any]:
        """Values for the MkDocs configuration, taken from kb.yml."""
        config = self.kb.config
        settings: dict[str, Any] = {
            "site_name": sanitize.text_html(config.site_name),  # escaped HTML text: templates print it as is
            "nav": nav.nav(config, self.kb.publishable),
        }
        # Shown in every footer, linked to the statement (overrides/partials/copyright.html).
        settings["copyright"] = accessibility.footer_text(config.accessibility)
        if config.repo_url:
            # An absolute edit_uri without repo_url: Material's edit button works,
            # and no header widget queries the GitLab API from every browser.
            settings["edit_uri"] = urls.edit_url(config.repo_url, config.edit_branch, f"{DOCS_DIR}/")
        return settings

    # -- files and pages ----------------------------------------------------

    @cached_property
    def context(self) -> SiteContext:
        return build_context(self.kb, self.today)

    @cached_property
    def _answers_by_doc_path(self) -> dict[str, Answer]:
        return {doc_path_of(a.rel): a for a in self.context.answers}

    def unpublished(self) -> list[str]:
        """Doc paths of the answer files the site must not publish (drafts)."""
        return [doc_path_of(a.rel) for a in self.kb.answers if a.readable and a.status == "draft"]

    @cached_property
    def published_files(self) -> frozenset[str]:
        """Doc paths of the files under docs/ the site publishes: the engine's
        allowlist (regular files of allowed types and names), drafts left out.
        MkDocs walks docs/ itself, following links: anything it found that is
        not in this set is dropped."""
        return self.kb.publishable - frozenset(self.unpublished())

    def edit_url(self, doc_path: str) -> str | None:
        """GitLab's web editor on a file under docs/, percent-encoded (the edit button)."""
        config = self.kb.config
        return urls.edit_url(config.repo_url, config.edit_branch, f"{DOCS_DIR}/{doc_path}")

    def generated_pages(self, use_directory_urls: bool = True) -> dict[str, str]:
        """Markdown of the generated pages by doc path (a real file of the same path wins).

        The offline copy (``use_directory_urls`` false) has no link to its own download.
        """
        generated = pages.virtual_pages(self.context, offline_download=use_directory_urls)
        return {path: md for path, md in generated.items() if path not in self.kb.doc_files}

    def export_files(self) -> dict[str, str]:
        """The JSON export of the base and its schema (``export/``), by path from the site root
        (the site build writes them from :meth:`start_background` instead)."""
        return export.site_files(self.kb, self.today)

    def places_files(self) -> dict[str, str]:
        """``assets/kb-places-data.js``: every place's local details (see :mod:`kb_tools.site.places`)."""
        config = self.kb.config
        used = places.used_placeholders(a.src.body for a in self.context.answers)
        return {places.DATA_SCRIPT: places.data_script(config.local, config.places, used)}

    # -- offline mode (see :mod:`kb_tools.site.offline`) ----------------------

    @property
    def build_time(self) -> dt.datetime:
        return self.built or dt.datetime.combine(self.today, dt.time(), tzinfo=dt.UTC)

    def version_files(self) -> dict[str, str]:
        """``assets/kb-version.js``: the build's time, shown as « Version du … » in every footer."""
        return offline.version_files(self.build_time)

    def write_offline(self, site_dir: Path, use_directory_urls: bool = True, live_preview: bool = False) -> None:
        """The service worker and its manifest, written into the built site; not in the
        ``file://`` copy (``use_directory_urls`` false), where no service worker runs, nor
        in a live preview (``mkdocs serve``), whose reloaded pages must not come from a cache."""
        if use_directory_urls and not live_preview:
            offline.write_service_worker(site_dir, self.build_time)

    def render(
        self, doc_path: str, markdown: str, meta: Mapping[str, Any], use_directory_urls: bool = True
    ) -> RenderedPage | None:
        """The page at ``doc_path`` as the site shows it, or None to leave it as it is.

        Answers are rendered by the engine; the editors' guide is kept low in
        search results (agents look for answers), unless its front matter says
        otherwise.
        """
        answer = self._answers_by_doc_path.get(doc_path)
        if answer is not None:
            # The generated HTML blocks (header, related lists, sources…) would pass through
            # Markdown as they are, but only after Python-Markdown's HTML parser has read them
            # (md_in_html): the slowest part of an answer's conversion. A marker paragraph
            # stands for each, and ``page_content`` puts the block back: the same HTML.
            blocks: dict[str, str] = {}

            def raw(block: str) -> str:
                marker = f"{RAW_MARKER}{len(blocks)}x"
                blocks[f"<p>{marker}</p>"] = block + "\n"  # Markdown ends a raw HTML block with a blank line
                return marker

            rendered = render_answer(answer, self.context, use_directory_urls, raw)
            self._raw_blocks[doc_path] = blocks
            return rendered
        if doc_path.startswith(GUIDE_DIR + "/") and "search" not in meta:
            return RenderedPage(markdown, {"search": {"boost": pages.GUIDE_SEARCH_BOOST}})
        return None

    def start_background(self, use_directory_urls: bool, parallel: bool = True) -> dict[str, Path]:
        """Start the build's work that does not need the rendered pages, in a forked process
        while MkDocs renders them when ``parallel`` (never under ``mkdocs serve``): the JSON
        export (:meth:`export_files`, 100 MB at 3,700 answers), written to a temporary
        directory, and the answers' part of the search index (:func:`search.answer_part`).

        Returns where each export file will be, by path from the site root: they exist once
        :meth:`finish_background` has returned (before MkDocs copies the files);
        :meth:`search_index` reads the index part back; :meth:`cleanup` removes them.
        """
        self.cleanup()
        self._scratch = tempfile.TemporaryDirectory(prefix="kb-build-")
        scratch = Path(self._scratch.name)
        targets = {rel: scratch / f"{n}-{rel.rsplit('/', 1)[-1]}" for n, rel in enumerate(export.SITE_FILES)}
        work = partial(self._background_work, use_directory_urls, targets)
        self._background_job = (use_directory_urls, background.Job(work, parallel))
        return targets

    def _background_work(self, use_directory_urls: bool, targets: Mapping[str, Path]) -> search.AnswerPart:
        for rel, text in self.export_files().items():  # rewritten whole here if the child failed
            targets[rel].write_text(text, encoding="utf-8")
        return search.answer_part(self.context, use_directory_urls, self._question_template)

    def finish_background(self) -> None:
        """Wait for the work :meth:`start_background` started (or do it here if its process
        could not be forked or failed): the export files exist afterwards."""
        if self._background_job is not None:
            self._background_job[1].result()

    def cleanup(self) -> None:
        """Remove the temporary files of :meth:`start_background` (after the build, or on error)."""
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None

    @property
    def background_note(self) -> str | None:
        """Why the export and the answers' part of the search index were computed in the build's
        process after all (their forked process failed), for the build's log; None otherwise."""
        return self._background_job[1].note if self._background_job is not None else None

    def search_index(self, index: dict[str, Any], use_directory_urls: bool) -> dict[str, Any]:
        part = None
        if self._background_job is not None and self._background_job[0] == use_directory_urls:
            part = self._background_job[1].result()
        return search.shape_index(index, self.context, use_directory_urls, self._question_template, part)

    @cached_property
    def _question_template(self) -> str | None:
        """The "nouvelle question d'usager" issue template (« Proposer cette question »)."""
        return self._read_file(search_deep.QUESTION_TEMPLATE_PATH)

    def search_files(self, index: dict[str, Any], use_directory_urls: bool, offline: bool) -> dict[str, str]:
        """The search index files to write (path from the site root -> text), from the index
        the search plugin wrote; with ``offline``, ``search/search_index.js`` among them."""
        return search.index_files(self.search_index(index, use_directory_urls), offline)

    # -- what the site publishes ----------------------------------------------

    def page_content(self, html: str, doc_path: str | None = None) -> str:
        """A page's HTML content (after Markdown) as the site publishes it: sanitized.

        ``doc_path``: the page's; its generated HTML blocks are put back first (see ``render``).
        """
        blocks = self._raw_blocks.pop(doc_path, None) if doc_path is not None else None
        if blocks:
            tail = _RAW_MARKER_RE.search(html, max(0, len(html) - 40))
            ends_with_block = tail is not None and tail.end() == len(html) and tail.group(0) in blocks
            html = _RAW_MARKER_RE.sub(lambda m: blocks.get(m.group(0), m.group(0)), html)
            if ends_with_block:
                html = html[:-1]  # Markdown's output ends with no blank line
        return sanitize.sanitize_html(html)

    @staticmethod
    def template_text(value: object) -> str:
        """A value a theme template prints (title, description): escaped HTML text."""
        return sanitize.text_html(value)

    def with_policy(self, page_html: str, content: str = "", polyfills: list[str] | None = None) -> str:
        """A built page with its Content-Security-Policy (see :mod:`kb_tools.site.csp`) and
        a preload hint for each of its scripts (:mod:`kb_tools.site.preload`).

        ``polyfills``: the doc paths of the scripts the theme loads first
        (``extra.polyfills``); the iframe-worker shim of the offline copy
        needs its bootstrap script allowed.
        """
        return preload.with_preloads(
            csp.with_policy(page_html, content, self._shim_source(tuple(polyfills or ()))), content
        )

    def _shim_source(self, polyfills: tuple[str, ...]) -> str | None:
        for doc_path in polyfills:
            if doc_path.endswith(SHIM_SUFFIX):
                return self._read_doc(doc_path)
        return None

    def _read_file(self, rel: str) -> str | None:
        try:
            return (self.kb.root / rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def _read_doc(self, doc_path: str) -> str | None:
        try:
            return (self.kb.root / DOCS_DIR / doc_path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
