"""Level 2 in the site: the « Niveau 2 » box of an answer, one page per
partner, the partners' index and the charter of reorientations.

Layout (classes and ids relied on by kb.css and the tests):

- on an answer that declares ``level2``: ``h2#kb-niveau-2`` then
  ``div.kb-level2``, one ``dl.kb-level2__handoff`` per partner with
  ``Qui`` (partner, linked to its page; correspondent), ``Comment``
  (phone, e-mail, partner space, delay; else the partner's public site)
  and ``Quand`` (the answer's condition);
- ``partenaires/index.md``: every partner, its correspondent and how many
  answers hand over to it;
- ``partenaires/<key>.md``: the partner's channel and every answer that
  hands over to it, with the condition;
- ``partenaires/charte.md``: the charter the France Services référentiel
  asks for, every reorientation partner by partner (a table each).

Archived answers are left out of the lists; drafts are never published.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from kb_tools import urls
from kb_tools.model import Answer
from kb_tools.partners import Handoff, Partner, handoffs
from kb_tools.pii import phone_digits
from kb_tools.site.context import SiteContext
from kb_tools.site.page_text import attr, md_escape
from kb_tools.text import french_date

NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n\n"
NO_CHANNEL = "aucun canal de correspondant déclaré pour le territoire"
DEFAULT_WHEN = "quand la situation dépasse le niveau 1 (information, aide aux démarches en ligne)"

Href = Callable[[str], str]  # doc path -> escaped URL from the page being rendered


def by_partner(ctx: SiteContext) -> dict[str, list[tuple[Answer, Handoff]]]:
    """Partner key -> (answer, hand-off) of every live answer handing over to it, by title."""
    result: dict[str, list[tuple[Answer, Handoff]]] = {key: [] for key in ctx.config.partners}
    for answer in ctx.live:
        for handoff in handoffs(answer.meta):
            if handoff.partner in result:
                result[handoff.partner].append((answer, handoff))
    return result


# -- the box of an answer ---------------------------------------------------------


def box(answer: Answer, ctx: SiteContext, href: Href) -> str:
    """The « Niveau 2 » section of an answer ("" when it declares none)."""
    found = [(h, ctx.config.partners[h.partner]) for h in handoffs(answer.meta) if h.partner in ctx.config.partners]
    if not found:
        return ""
    blocks = "".join(_handoff(handoff, partner, ctx, href) for handoff, partner in found)
    return f'## Niveau 2 {{#kb-niveau-2}}\n\n<div class="kb-level2">{blocks}</div>'


def _handoff(handoff: Handoff, partner: Partner, ctx: SiteContext, href: Href) -> str:
    who = f'<a href="{href(urls.partner_page(partner.key))}">{attr(partner.label)}</a>'
    if partner.correspondent:
        who += f" — {attr(partner.correspondent)}"
    return (
        '<dl class="kb-level2__handoff">'
        f"<dt>Qui</dt><dd>{who}</dd>"
        f"<dt>Comment</dt><dd>{channel(partner, ctx)}</dd>"
        f"<dt>Quand</dt><dd>{attr(handoff.when or DEFAULT_WHEN)}</dd>"
        "</dl>"
    )


def channel(partner: Partner, ctx: SiteContext) -> str:
    """How to reach the partner's correspondent, as HTML phrasing content."""
    parts: list[str] = []
    if partner.phone:
        parts.append(f'<a href="tel:{attr(phone_digits(partner.phone))}">{attr(partner.phone)}</a>')
    if partner.email:
        parts.append(f'<a href="mailto:{attr(quote(partner.email, safe="@.+-_"))}">{attr(partner.email)}</a>')
    if partner.partner_space:
        parts.append(f'<a href="{attr(partner.partner_space)}">espace partenaire</a>')
    if partner.delay:
        parts.append(f"délai habituel : {attr(partner.delay)}")
    if not parts:
        parts.append("aucune ligne directe déclarée" if partner.correspondent else NO_CHANNEL)
        if partner.website:
            shown = partner.website.split("://", 1)[-1].removeprefix("www.").rstrip("/")
            parts[-1] += f' ; site du partenaire : <a href="{attr(partner.website)}">{attr(shown)}</a>'
    text = " · ".join(parts)
    if partner.has_channel and partner.valid_until and partner.expired(ctx.today):
        text += (
            f' <em class="kb-level2__stale">(contact à revérifier depuis le {french_date(partner.valid_until)})</em>'
        )
    elif partner.has_channel and partner.reviewed:
        text += f' <span class="kb-level2__reviewed">(vérifié le {french_date(partner.reviewed)})</span>'
    return text


# -- generated pages -----------------------------------------------------------


def pages(ctx: SiteContext) -> dict[str, str]:
    """The partners' index, the charter and one page per partner, by doc path."""
    grouped = by_partner(ctx)
    result = {urls.PARTNERS_INDEX: index(ctx, grouped), urls.CHARTER: charter(ctx, grouped)}
    for key in ctx.config.partners:
        result[urls.partner_page(key)] = partner_page(ctx, key, grouped[key])
    return result


def _count(n: int) -> str:
    return f"{n} réponse{'s' if n > 1 else ''}"


def index(ctx: SiteContext, grouped: dict[str, list[tuple[Answer, Handoff]]]) -> str:
    here = urls.PARTNERS_INDEX
    rows = []
    for key, partner in ctx.config.partners.items():
        link = f"[{md_escape(partner.label)}]({urls.link(here, urls.partner_page(key))})"
        kind = "national" if partner.national else "local"
        rows.append(f"| {link} | {kind} | {md_escape(partner.correspondent) or '—'} | {len(grouped[key])} |")
    return (
        NOT_SEARCHED
        + "# Partenaires France Services\n\n"
        + "Au guichet, l'agent traite le niveau 1 : information, aide aux démarches en ligne. "
        + "Quand la situation le demande, il passe le relais (niveau 2) au correspondant du partenaire. "
        + "Chaque réponse concernée l'indique dans son encadré « Niveau 2 ».\n\n"
        + "[Charte d'orientation : toutes les démarches réorientées, partenaire par partenaire]"
        + f"({urls.link(here, urls.CHARTER)})\n\n"
        + "| Partenaire | Type | Correspondant | Réponses |\n| --- | --- | --- | ---: |\n"
        + "\n".join(rows)
        + "\n"
    )


def partner_page(ctx: SiteContext, key: str, items: list[tuple[Answer, Handoff]]) -> str:
    here = urls.partner_page(key)
    partner = ctx.config.partners[key]
    who = attr(partner.correspondent) if partner.correspondent else "non déclaré pour le territoire"
    details = (
        '<dl class="kb-level2__handoff">'
        f"<dt>Correspondant</dt><dd>{who}</dd>"
        f"<dt>Comment</dt><dd>{channel(partner, ctx)}</dd>"
        "</dl>"
    )
    lines = []
    for answer, handoff in items:
        title = f"[{md_escape(answer.title or answer.id)}]({urls.link(here, ctx.doc_path(answer))})"
        service = ctx.config.services.get(answer.service or "")
        extra = f" · *{md_escape(service.label)}*" if service else ""
        lines.append(f"- **{title}**  \n  Quand : {md_escape(handoff.when or DEFAULT_WHEN)}{extra}")
    listing = (
        '<div class="kb-answer-list" markdown>\n\n' + "\n".join(lines) + "\n\n</div>"
        if lines
        else "Aucune réponse ne passe le relais à ce partenaire pour l'instant."
    )
    return (
        NOT_SEARCHED
        + f"# {md_escape(partner.label)}\n\n"
        + f"[Tous les partenaires]({urls.link(here, urls.PARTNERS_INDEX)}) · "
        + f"[Charte d'orientation]({urls.link(here, urls.CHARTER)})\n\n"
        + "## Le correspondant {#kb-correspondant}\n\n"
        + f'<div class="kb-level2">{details}</div>\n\n'
        + f"## Réponses qui passent le relais ({len(items)}) {{#kb-reponses}}\n\n"
        + listing
        + "\n"
    )


def charter(ctx: SiteContext, grouped: dict[str, list[tuple[Answer, Handoff]]]) -> str:
    here = urls.CHARTER
    parts = [
        NOT_SEARCHED + "# Charte d'orientation vers les partenaires",
        "Le référentiel national France Services demande une charte des démarches que le guichet "
        "réoriente vers les partenaires. Cette page est générée à partir des réponses (champ `level2`) "
        f"et de `kb.yml` : elle est toujours à jour. Situation au {french_date(ctx.today)}.",
        f"[Tous les partenaires]({urls.link(here, urls.PARTNERS_INDEX)})",
    ]
    empty = []
    for key, partner in ctx.config.partners.items():
        items = grouped[key]
        if not items:
            empty.append(f"[{md_escape(partner.label)}]({urls.link(here, urls.partner_page(key))})")
            continue
        rows = ["| Démarche | Quand passer le relais | Service |", "| --- | --- | --- |"]
        for answer, handoff in items:
            service = ctx.config.services.get(answer.service or "")
            rows.append(
                f"| [{md_escape(answer.title or answer.id)}]({urls.link(here, ctx.doc_path(answer))}) | "
                f"{md_escape(handoff.when or DEFAULT_WHEN)} | {md_escape(service.label) if service else ''} |"
            )
        parts += [
            f"## {md_escape(partner.label)} {{#{key}}}",
            f"{_count(len(items))} · [page du partenaire]({urls.link(here, urls.partner_page(key))})",
            "\n".join(rows),
        ]
    if empty:
        parts += ["## Sans démarche réorientée {#kb-sans-demarche}", ", ".join(empty) + "."]
    return "\n\n".join(parts) + "\n"
