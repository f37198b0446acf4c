"""The pages the site generates (nothing is written into docs/).

Each function returns the Markdown of one page, front matter included;
:func:`virtual_pages` returns them all by doc path. Generated pages are kept
out of the search index except the glossary and the rules page: agents search
for answers, and lists of answers would only crowd the results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kb_tools import urls
from kb_tools.model import Answer
from kb_tools.rulesdoc import config_reference_markdown, rules_markdown
from kb_tools.site import accessibility, freshness, level2
from kb_tools.site.context import SiteContext
from kb_tools.site.graph import sort_key
from kb_tools.site.page_text import md_escape, short_date
from kb_tools.text import fold, french_date
from kb_tools.urls import virtual_paths

__all__ = ["virtual_pages", "virtual_paths"]

RECENT_COUNT = 10
OFFLINE_ZIP = "telechargement/base-hors-ligne.zip"  # written by scripts/build-site.sh, not by MkDocs
OFFLINE_DOWNLOAD = (
    "\n## Copie hors ligne {#kb-hors-ligne}\n\n"
    '<p class="kb-offline">Pas de réseau au guichet ? Après une première visite, ce site reste consultable '
    "sans réseau sur cet appareil (le bas de page indique alors « disponible hors connexion »). "
    "Sur un poste où ce n'est pas le cas : "
    f'<a class="kb-offline-link" href="{OFFLINE_ZIP}" download>Télécharger la copie hors ligne</a> '
    "(fichier zip à décompresser, puis ouvrir <code>index.html</code> ; la recherche fonctionne sans réseau).</p>\n"
)
GUIDE_SEARCH_BOOST = 0.3  # the editors' guide stays below answers in search results
NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n\n"
HOME_FRONT_MATTER = "---\nsearch:\n  exclude: true\nhide:\n  - toc\n---\n\n"


def virtual_pages(ctx: SiteContext, offline_download: bool = True) -> dict[str, str]:
    """Markdown of every generated page, by doc path.

    ``offline_download``: the home page links to the offline copy's zip file
    (``telechargement/base-hors-ligne.zip``, put there by scripts/build-site.sh);
    the offline copy itself leaves the link out.
    """
    pages = {
        urls.HOME: home(ctx, offline_download),
        urls.SERVICES_INDEX: services_index(ctx),
        urls.TAGS_INDEX: tags_index(ctx),
        urls.FRESHNESS: dashboard(ctx),
        urls.GLOSSARY: glossary(ctx),
        urls.RULES: f"---\nsearch:\n  boost: {GUIDE_SEARCH_BOOST}\n---\n\n" + rules_markdown(),
        urls.CONFIG_REFERENCE: f"---\nsearch:\n  boost: {GUIDE_SEARCH_BOOST}\n---\n\n" + config_reference_markdown(),
        urls.ACCESSIBILITY: accessibility.statement(ctx),
    }
    by_service = group(ctx.answers, lambda a: [a.service or ""])
    for key in ctx.config.services:
        pages[urls.service_page(key)] = service(ctx, key, by_service.get(key, []))
    by_tag = group(ctx.live, lambda a: list(dict.fromkeys(a.tags)))
    for key in ctx.config.tags:
        pages[urls.tag_page(key)] = tag(ctx, key, by_tag.get(key, []))
    pages.update(level2.pages(ctx))  # partners and the charter
    return pages


def group(answers: Iterable[Answer], keys_of: Callable[[Answer], list[str]]) -> dict[str, list[Answer]]:
    result: dict[str, list[Answer]] = {}
    for answer in answers:
        for key in keys_of(answer):
            result.setdefault(key, []).append(answer)
    return result


def answer_list(ctx: SiteContext, here: str, answers: list[Answer], show_service: bool = False) -> str:
    """One item per answer: title link, one-line description, validity."""
    lines: list[str] = []
    for answer in answers:
        title = f"[{md_escape(answer.title or answer.id)}]({urls.link(here, ctx.doc_path(answer))})"
        details = [md_escape(ctx.descriptions.get(answer.id, ""))]
        if show_service and answer.service in ctx.config.services:
            details.append(f"*{md_escape(ctx.config.services[answer.service].label)}*")
        details.append(f"valable jusqu'au {short_date(answer.valid_until)}")
        lines.append(f"- **{title}**  \n  " + " · ".join(d for d in details if d))
    return '<div class="kb-answer-list" markdown>\n\n' + "\n".join(lines) + "\n\n</div>"


def service_cards(ctx: SiteContext, here: str) -> str:
    """One card per service that has answers: label (link), description, count.

    A service without any published answer yet (e.g. the national fiches
    before their first import) would only be noise at the counter."""
    counts = dict.fromkeys(ctx.config.services, 0)
    for answer in ctx.live:
        if answer.service in counts:
            counts[answer.service] += 1
    cards = []
    for key, svc in ctx.config.services.items():
        n = counts[key]
        if n == 0:
            continue
        plural = "réponse" if n <= 1 else "réponses"
        cards.append(
            f"- **[{md_escape(svc.label)}]({urls.link(here, urls.service_page(key))})**  \n"
            f"  {md_escape(svc.description)}  \n  *{n} {plural}*"
        )
    return '<div class="grid cards kb-services" markdown>\n\n' + "\n".join(cards) + "\n\n</div>"


def services_index(ctx: SiteContext) -> str:
    return NOT_SEARCHED + "# Services\n\n" + service_cards(ctx, urls.SERVICES_INDEX) + "\n"


def home(ctx: SiteContext, offline_download: bool = True) -> str:
    here = urls.HOME
    config = ctx.config
    recent = sorted((a for a in ctx.live if a.reviewed), key=lambda a: (a.reviewed, *sort_key(a)), reverse=True)
    recent_lines = [
        f"- [{md_escape(a.title or a.id)}]({urls.link(here, ctx.doc_path(a))}) — vérifiée le {short_date(a.reviewed)}"
        for a in recent[:RECENT_COUNT]
    ]
    rows = freshness.counts_by_service(ctx.answers, config, ctx.today)
    table = freshness.table_markdown(rows).replace("\n", "\n    ")
    return (
        HOME_FRONT_MATTER
        + f"# {md_escape(config.site_name)}\n\n"
        + '<div class="kb-search-prompt">\n'
        + '<p class="kb-search-prompt__text">Une question d\'usager ? Tapez quelques mots : '
        + "« acte de naissance », « CNI perdue », « inscription cantine ».</p>\n"
        + '<button type="button" class="md-button md-button--primary kb-search-open">'
        + "Rechercher une réponse</button>\n"
        + '<p class="kb-search-prompt__hint">Raccourci clavier : touche <kbd>/</kbd> ou <kbd>S</kbd>.</p>\n'
        + "</div>\n\n"
        + "## Services {#kb-services}\n\n"
        + service_cards(ctx, here)
        + "\n\n"
        + "## Récemment mises à jour {#kb-recent}\n\n"
        + ("\n".join(recent_lines) or "Aucune réponse pour l'instant.")
        + "\n\n## Fraîcheur des réponses {#kb-fraicheur}\n\n"
        + f"Situation au {french_date(ctx.today)}, date de construction du site.\n\n"
        + freshness.chart_svg(rows, ctx.today)
        + '\n\n??? info "Les chiffres du graphique"\n\n    '
        + table
        + f"\n\n[Voir le tableau de bord de la fraîcheur]({urls.link(here, urls.FRESHNESS)})\n"
        + (OFFLINE_DOWNLOAD if offline_download else "")
    )


def service(ctx: SiteContext, key: str, answers: list[Answer]) -> str:
    here = urls.service_page(key)
    svc = ctx.config.services[key]
    live = [a for a in answers if a.status != "archived"]
    archived = [a for a in answers if a.status == "archived"]
    n = len(live)
    parts = [
        NOT_SEARCHED + f"# {md_escape(svc.label)}",
        md_escape(svc.description) if svc.description else "",
        f"**Responsable :** {md_escape(svc.owner)} · **{n} réponse{'s' if n > 1 else ''}**",
        "## Réponses {#kb-reponses}",
        answer_list(ctx, here, live) if live else "Aucune réponse publiée pour ce service.",
    ]
    if archived:
        parts += [
            "## Réponses archivées {#kb-archivees}",
            "Conservées pour mémoire : ne pas les donner telles quelles à l'usager.",
            answer_list(ctx, here, archived),
        ]
    return "\n\n".join(p for p in parts if p) + "\n"


def tags_index(ctx: SiteContext) -> str:
    here = urls.TAGS_INDEX
    counts = {key: 0 for key in ctx.config.tags}
    for answer in ctx.live:
        for t in dict.fromkeys(answer.tags):
            if t in counts:
                counts[t] += 1
    rows = [
        f"| [{md_escape(tag.label)}]({urls.link(here, urls.tag_page(key))}) | "
        f"{md_escape(', '.join(tag.synonyms))} | {counts[key]} |"
        for key, tag in sorted(ctx.config.tags.items(), key=lambda kv: fold(kv[1].label))
    ]
    return (
        NOT_SEARCHED
        + "# Étiquettes\n\n"
        + "Les étiquettes regroupent les réponses par thème, quel que soit le service. "
        + "Les mots de la deuxième colonne sont ceux que les usagers emploient : la recherche les connaît.\n\n"
        + "| Étiquette | Aussi appelée | Réponses |\n| --- | --- | ---: |\n"
        + "\n".join(rows)
        + "\n"
    )


def tag(ctx: SiteContext, key: str, answers: list[Answer]) -> str:
    here = urls.tag_page(key)
    t = ctx.config.tags[key]
    parts = [NOT_SEARCHED + f"# {md_escape(t.label)}"]
    if t.synonyms:
        parts.append(f"**Aussi appelée :** {md_escape(', '.join(t.synonyms))}")
    parts.append(f"[Toutes les étiquettes]({urls.link(here, urls.TAGS_INDEX)})")
    parts.append("## Réponses {#kb-reponses}")
    parts.append(
        answer_list(ctx, here, answers, show_service=True)
        if answers
        else "Aucune réponse publiée avec cette étiquette."
    )
    return "\n\n".join(parts) + "\n"


def dashboard(ctx: SiteContext) -> str:
    here = urls.FRESHNESS
    config = ctx.config
    rows = freshness.counts_by_service(ctx.answers, config, ctx.today)
    links = {key: urls.link(here, urls.service_page(key)) for key in config.services}
    states: dict[str, list[Answer]] = {"expired": [], "soon": []}
    for answer in ctx.live:
        if answer.valid_until is not None:
            kind = freshness.state(answer, ctx.today, config.expiring_days)
            if kind in states:
                states[kind].append(answer)

    def table(answers: list[Answer], date_header: str) -> str:
        if not answers:
            return "Aucune."
        lines = [f"| Réponse | Service | Responsable | {date_header} |", "| --- | --- | --- | --- |"]
        for a in sorted(answers, key=lambda a: (a.valid_until, *sort_key(a))):
            svc = config.services.get(a.service or "")
            lines.append(
                f"| [{md_escape(a.title or a.id)}]({urls.link(here, ctx.doc_path(a))}) | "
                f"{md_escape(svc.label) if svc else ''} | {md_escape(ctx.owner(a))} | {short_date(a.valid_until)} |"
            )
        return "\n".join(lines)

    return (
        NOT_SEARCHED
        + "# Fraîcheur des réponses\n\n"
        + f"Situation au **{french_date(ctx.today)}**, date de construction du site. "
        + "Sur chaque réponse, le bandeau calculé à l'ouverture de la page, "
        + "avec la date du jour, fait foi.\n\n"
        + freshness.chart_svg(rows, ctx.today)
        + "\n\n"
        + freshness.table_markdown(rows, links)
        + f"\n\n## Réponses expirées ({len(states['expired'])}) {{#kb-expirees}}\n\n"
        + table(states["expired"], "Valable jusqu'au")
        + f"\n\n## À revoir dans les {config.expiring_days} jours ({len(states['soon'])}) {{#kb-a-revoir}}\n\n"
        + table(states["soon"], "Valable jusqu'au")
        + "\n"
    )


def glossary(ctx: SiteContext) -> str:
    rows = [
        f"| **{md_escape(term)}** | {md_escape(meaning)} |"
        for term, meaning in sorted(ctx.config.glossary.items(), key=lambda kv: fold(kv[0]))
    ]
    return (
        "# Glossaire\n\n"
        + "Les sigles employés dans les réponses. Dans une réponse, un sigle souligné en pointillés "
        + "affiche sa signification au survol.\n\n"
        + "| Sigle | Signification |\n| --- | --- |\n"
        + "\n".join(rows)
        + "\n"
    )
