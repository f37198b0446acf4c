"""What every page renderer needs to know about one build, computed once."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import quote, urlencode

from kb_tools import urls
from kb_tools.config import Config
from kb_tools.kb import KnowledgeBase
from kb_tools.model import Answer, first_of_each_id
from kb_tools.site.graph import Graph, build_graph, sort_key
from kb_tools.site.page_text import description_of
from kb_tools.urls import doc_path_of

ISSUE_TEMPLATE = "signaler-une-erreur"


@dataclass
class SiteContext:
    config: Config
    today: dt.date
    answers: list[Answer]  # every answer the site publishes (drafts left out), by title
    graph: Graph = field(default_factory=Graph)

    @cached_property
    def by_id(self) -> dict[str, Answer]:
        return first_of_each_id(self.answers)

    @cached_property
    def live(self) -> list[Answer]:
        """Published answers that are not archived, by title."""
        return [a for a in self.answers if a.status != "archived"]

    @cached_property
    def descriptions(self) -> dict[str, str]:
        return {a.id: description_of(a, self.config.local) for a in self.answers}

    @cached_property
    def glossary_re(self) -> re.Pattern[str] | None:
        """Matches any glossary acronym as a whole word (longest first)."""
        terms = sorted(self.config.glossary, key=len, reverse=True)
        if not terms:
            return None
        return re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in terms) + r")(?![\w-])")

    def glossary_terms(self, *texts: str) -> list[str]:
        """Glossary acronyms found in the texts, in glossary order."""
        pattern = self.glossary_re
        if pattern is None:
            return []
        found: set[str] = set()
        for text in texts:
            found.update(pattern.findall(text))
        return [term for term in self.config.glossary if term in found]

    def doc_path(self, answer: Answer) -> str:
        return doc_path_of(answer.rel)

    def owner(self, answer: Answer) -> str:
        service = self.config.services.get(answer.service or "")
        return answer.owner(service.owner if service else "")

    def edit_url(self, answer: Answer) -> str | None:
        """GitLab's web editor on the answer's file (what Material's edit button opens)."""
        return urls.edit_url(self.config.repo_url, self.config.edit_branch, answer.rel)

    def report_url(self, answer: Answer) -> str | None:
        """A new GitLab issue from the "signaler-une-erreur" template, naming the answer."""
        if not self.config.repo_url:
            return None
        query = urlencode(
            {
                "issuable_template": ISSUE_TEMPLATE,
                "issue[title]": f"Erreur dans la réponse {answer.id}",
                "issue[description]": f"Réponse : {answer.id} ({answer.rel})\n\nCe qui est inexact :\n\n",
            },
            quote_via=quote,
        )
        return f"{self.config.repo_url}/-/issues/new?{query}"


def published_answers(kb: KnowledgeBase) -> list[Answer]:
    """Readable answers that are not drafts, sorted by title."""
    return sorted(kb.published, key=sort_key)


def build_context(kb: KnowledgeBase, today: dt.date) -> SiteContext:
    answers = published_answers(kb)
    return SiteContext(config=kb.config, today=today, answers=answers, graph=build_graph(answers))
