"""One site build: the knowledge base, its problems, and what each MkDocs
event needs, as plain data. ``hooks/kb_hooks.py`` only hands these over."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from kb_tools import export
from kb_tools.config import DOCS_DIR
from kb_tools.kb import KnowledgeBase, load_kb
from kb_tools.model import Answer
from kb_tools.problem import Problem
from kb_tools.report import to_text
from kb_tools.site import accessibility, nav, pages, search
from kb_tools.site.answer_page import RenderedPage, render_answer
from kb_tools.site.context import SiteContext, build_context
from kb_tools.site.urls import GUIDE_DIR, doc_path_of
from kb_tools.validate import validate


@dataclass
class SiteBuild:
    kb: KnowledgeBase
    today: dt.date
    problems: list[Problem]

    @classmethod
    def load(cls, root: Path, today: dt.date) -> SiteBuild:
        """Load and validate the knowledge base under ``root`` (never raises on content)."""
        kb = load_kb(root)
        return cls(kb=kb, today=today, problems=validate(kb, today))

    # -- validation ---------------------------------------------------------

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

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
        settings: dict[str, Any] = {"site_name": config.site_name, "nav": nav.nav(config, self.kb.doc_files)}
        # Shown in every footer, linked to the statement (overrides/partials/copyright.html).
        settings["copyright"] = accessibility.footer_text(config.accessibility)
        if config.repo_url:
            # An absolute edit_uri without repo_url: Material's edit button works,
            # and no header widget queries the GitLab API from every browser.
            settings["edit_uri"] = f"{config.repo_url}/-/edit/{config.edit_branch}/{DOCS_DIR}/"
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

    def generated_pages(self, use_directory_urls: bool = True) -> dict[str, str]:
        """Markdown of the generated pages by doc path (a real file of the same path wins).

        The offline copy (``use_directory_urls`` false) has no link to its own download.
        """
        generated = pages.virtual_pages(self.context, offline_download=use_directory_urls)
        return {path: md for path, md in generated.items() if path not in self.kb.doc_files}

    def published_files(self) -> dict[str, str]:
        """Files published beside the pages, by path from the site root: the
        JSON export of the base and its schema (``export/``)."""
        return export.site_files(self.kb, self.today)

    def render(
        self, doc_path: str, markdown: str, meta: dict[str, Any], use_directory_urls: bool = True
    ) -> RenderedPage | None:
        """The page at ``doc_path`` as the site shows it, or None to leave it as it is.

        Answers are rendered by the engine; the editors' guide is kept low in
        search results (agents look for answers), unless its front matter says
        otherwise.
        """
        answer = self._answers_by_doc_path.get(doc_path)
        if answer is not None:
            return render_answer(answer, self.context, use_directory_urls)
        if doc_path.startswith(GUIDE_DIR + "/") and "search" not in meta:
            return RenderedPage(markdown, {"search": {"boost": pages.GUIDE_SEARCH_BOOST}})
        return None

    def search_index(self, index: dict[str, Any], use_directory_urls: bool) -> dict[str, Any]:
        return search.shape_index(index, self.context, use_directory_urls)
