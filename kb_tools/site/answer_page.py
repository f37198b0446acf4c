"""An answer rendered as the Markdown of its page.

Layout (classes and ids are relied on by kb.css, kb.js and the browser tests):

- ``# title``;
- ``div.kb-banner`` (``hidden``, ``data-valid-until``, ``data-expiring-days``):
  the freshness banner, shown by kb.js from the browser's date;
- archived answers: an admonition ``.admonition.kb-archived``;
- ``div.kb-meta``: service, tags, owner, "Vérifiée le", "Valable jusqu'au"
  (``time.kb-valid-until[data-valid-until]``);
- the body, ``{{ placeholders }}`` filled (code left untouched; with places,
  as ``span.kb-local[data-kb-key]``, see :mod:`kb_tools.site.places`);
- ``h2#kb-niveau-2`` + ``div.kb-level2``: the « Niveau 2 » box (kb_tools/site/level2.py);
- ``h2#kb-voir-aussi``, ``h2#kb-renvois``, ``h2#kb-suggestions`` (class
  ``kb-related``), each followed by ``ul.kb-related-list``;
- ``h2#kb-sources`` + ``ul.kb-sources``; ``div.kb-actions`` (report an error,
  propose a change);
- abbreviation definitions for the glossary acronyms the page uses.

The generated parts are raw HTML with final URLs (computed for directory or
``.html`` URLs): Python-Markdown passes HTML blocks through almost for free,
which halves the conversion time of a page compared with Markdown lists of
links. Headings stay Markdown so they appear in the page's table of contents.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kb_tools import urls
from kb_tools.model import Answer
from kb_tools.site import level2, places
from kb_tools.site.context import SiteContext
from kb_tools.site.page_text import attr, md_escape
from kb_tools.text import french_date

SP_ID_RE = re.compile(r"^[FRN]\d{1,6}$")
URL_RE = re.compile(r"^https?://\S+$")


@dataclass
class RenderedPage:
    markdown: str
    meta: dict[str, Any] = field(default_factory=dict)  # merged into the page's front matter


@dataclass(frozen=True)
class _Page:
    """Where the page being rendered lives, to write links from it."""

    doc_path: str
    use_directory_urls: bool

    def href(self, to_doc: str) -> str:
        return attr(urls.href(self.doc_path, to_doc, self.use_directory_urls))


def render_answer(
    answer: Answer, ctx: SiteContext, use_directory_urls: bool = True, raw: Callable[[str], str] | None = None
) -> RenderedPage:
    """The page's Markdown. ``raw``: given each generated HTML block (never the body),
    returns what stands for it in the Markdown (see ``SiteBuild.render``: a marker that
    Markdown does not parse, the block put back after it)."""
    page = _Page(ctx.doc_path(answer), use_directory_urls)
    body = places.fill(answer.src.body, ctx.config).strip("\n")  # spans that follow the chosen place

    def html(part: str) -> str:
        if raw is None or not part:
            return part
        return "\n\n".join(raw(block) if block.startswith("<") else block for block in part.split("\n\n"))

    parts = [f"# {md_escape(answer.title or answer.id)}", html(banner(answer, ctx))]
    if answer.status == "archived":
        parts.append(archived_notice(answer, ctx))
    parts += [html(header(answer, ctx, page)), body, html(level2.box(answer, ctx, page.href))]
    parts += [html(related(answer, ctx, page)), html(sources(answer, ctx, page))]
    parts += [html(actions(answer, ctx)), abbreviations(ctx, answer.title or "", body)]
    markdown = "\n\n".join(p for p in parts if p) + "\n"
    return RenderedPage(markdown, {"search": {"exclude": True}})  # the hook indexes answers itself


def banner(answer: Answer, ctx: SiteContext) -> str:
    until = answer.valid_until
    if until is None:
        return ""
    return (
        f'<div class="kb-banner" data-valid-until="{until.isoformat()}" '
        f'data-expiring-days="{ctx.config.expiring_days}" role="status" hidden></div>'
    )


def archived_notice(answer: Answer, ctx: SiteContext) -> str:
    service = ctx.config.services.get(answer.service or "")
    where = ""
    if service:
        target = urls.link(urls.doc_path_of(answer.rel), urls.service_page(service.key))
        where = f" ou consultez les réponses du service [{md_escape(service.label)}]({target})"
    return (
        '!!! warning kb-archived "Réponse archivée"\n\n'
        "    Cette réponse n'est plus tenue à jour : elle est conservée pour mémoire et "
        f"ne doit pas être donnée telle quelle à l'usager. Cherchez une réponse en vigueur{where}."
    )


def _time(day_iso: str, text: str, css: str = "") -> str:
    extra = f' class="{css}" data-valid-until="{day_iso}"' if css else ""
    return f'<time{extra} datetime="{day_iso}">{text}</time>'


def header(answer: Answer, ctx: SiteContext, page: _Page) -> str:
    items: list[str] = []
    service = ctx.config.services.get(answer.service or "")
    if service:
        link = f'<a href="{page.href(urls.service_page(service.key))}">{attr(service.label)}</a>'
        items.append(f"<strong>Service :</strong> {link}")
    tags = [ctx.config.tags[t] for t in dict.fromkeys(answer.tags) if t in ctx.config.tags]
    if tags:
        links = " · ".join(f'<a href="{page.href(urls.tag_page(t.key))}">{attr(t.label)}</a>' for t in tags)
        items.append(f"<strong>Étiquettes :</strong> {links}")
    owner = ctx.owner(answer)
    if owner:
        items.append(f"<strong>Responsable :</strong> {attr(owner)}")
    if answer.reviewed:
        items.append(
            f"<strong>Vérifiée le :</strong> {_time(answer.reviewed.isoformat(), french_date(answer.reviewed))}"
        )
    until = answer.valid_until
    if until:
        when = _time(until.isoformat(), french_date(until), "kb-valid-until")
        items.append(f"<strong>Valable jusqu'au :</strong> {when}")
    lines = "".join(f"<li>{item}</li>" for item in items)
    return f'<div class="kb-meta"><ul>{lines}</ul></div>'


def answer_item(ctx: SiteContext, page: _Page, aid: str) -> str:
    other = ctx.by_id[aid]
    mark = " <em>(archivée)</em>" if other.status == "archived" else ""
    return f'<li><a href="{page.href(ctx.doc_path(other))}">{attr(other.title or other.id)}</a>{mark}</li>'


def related(answer: Answer, ctx: SiteContext, page: _Page) -> str:
    graph = ctx.graph
    blocks: list[str] = []
    sections = (
        ("Voir aussi", "kb-voir-aussi", graph.see_also.get(answer.id, [])),
        ("Ces réponses renvoient ici", "kb-renvois", graph.backlinks.get(answer.id, [])),
        ("Suggestions", "kb-suggestions", graph.suggestions.get(answer.id, [])),
    )
    for title, anchor, ids in sections:
        if ids:
            items = "".join(answer_item(ctx, page, aid) for aid in ids)
            blocks.append(f'## {title} {{#{anchor} .kb-related}}\n\n<ul class="kb-related-list">{items}</ul>')
    return "\n\n".join(blocks)


def source_item(value: str, ctx: SiteContext, page: _Page) -> str:
    value = value.strip()
    if SP_ID_RE.match(value):
        local = ctx.by_id.get(f"sp-{value.lower()}")
        if local is not None and local.status != "archived":
            link = f'<a href="{page.href(ctx.doc_path(local))}">Fiche Service-Public.fr {value}</a>'
            return f"<li>{link} (copie locale)</li>"
        return (
            f'<li><a href="{attr(urls.SERVICE_PUBLIC_URL.format(id=value))}">Fiche Service-Public.fr {value}</a></li>'
        )
    if URL_RE.match(value):
        shown = value.split("://", 1)[1].rstrip("/")
        if len(shown) > 70:
            shown = shown[:69] + "…"
        return f'<li><a href="{attr(value)}">{attr(shown)}</a></li>'
    return f"<li>{attr(value)}</li>"


def sources(answer: Answer, ctx: SiteContext, page: _Page) -> str:
    items = "".join(source_item(s, ctx, page) for s in answer.sources if s.strip())
    if not items:
        return ""
    return f'## Sources {{#kb-sources}}\n\n<ul class="kb-sources">{items}</ul>'


def actions(answer: Answer, ctx: SiteContext) -> str:
    links: list[str] = []
    report = ctx.report_url(answer)
    if report:
        links.append(f'<a class="md-button kb-action-report" href="{attr(report)}">Signaler une erreur</a>')
    edit = ctx.edit_url(answer)
    if edit:
        links.append(f'<a class="md-button kb-action-edit" href="{attr(edit)}">Proposer une modification</a>')
    if not links:
        return ""
    return f'<div class="kb-actions">{" ".join(links)}</div>'


def abbreviations(ctx: SiteContext, *texts: str) -> str:
    terms = ctx.glossary_terms(*texts)
    return "\n".join(f"*[{term}]: {ctx.config.glossary[term]}" for term in terms)
