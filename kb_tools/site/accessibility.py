"""The accessibility statement (« Déclaration d'accessibilité »), from kb.yml.

It follows the structure of the RGAA model statement: État de conformité,
Résultats des tests, Contenus non accessibles, Établissement de cette
déclaration, Retour d'information et contact, Voies de recours. Every page
links to it from its footer (« Accessibilité : partiellement conforme », see
:func:`footer_text`).

It states only what is known: the level, audit rate and known
non-conformities come from kb.yml (``accessibility:``); the automated tests
are described as what they are (run by the project's test suite on the site
template and the starter base, not at each publication), and the pages tested
are the kinds of pages this build generates, counted from this build.
"""

from __future__ import annotations

from kb_tools.config import Accessibility
from kb_tools.site.context import SiteContext
from kb_tools.site.page_text import md_escape
from kb_tools.text import french_date

RGAA = "RGAA version 4.1"
FRONT_MATTER = "---\nsearch:\n  exclude: true\n---\n\n"
LEVEL_SENTENCES = {
    "totalement conforme": "est **totalement conforme** avec le {rgaa}.",
    "partiellement conforme": "est **partiellement conforme** avec le {rgaa}, en raison des non-conformités énumérées ci-dessous.",
    "non conforme": "est **non conforme** avec le {rgaa}.",
}
DEFENSEUR_FORM = "https://formulaire.defenseurdesdroits.fr/"
DEFENSEUR_DELEGATES = "https://www.defenseurdesdroits.fr/saisir/delegues"


def footer_text(acc: Accessibility) -> str:
    """What the footer of every page shows (a link to the statement)."""
    return f"Accessibilité : {acc.level}"


def _bullets(items: list[str] | tuple[str, ...], empty: str) -> str:
    return "\n".join(f"- {md_escape(item)}" for item in items) if items else empty


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


def tested_pages(ctx: SiteContext) -> list[str]:
    """The kinds of pages of this build, with their count."""
    live = len(ctx.live)
    archived = len(ctx.answers) - live
    answers = _plural(live, "page") + " de réponse"
    if archived:
        answers += f" (et {archived} réponse{'s' if archived > 1 else ''} archivée{'s' if archived > 1 else ''})"
    return [
        "la page d'accueil (avec son graphique de fraîcheur) ;",
        f"la liste des services et {_plural(len(ctx.config.services), 'page')} de service ;",
        f"la liste des étiquettes et {_plural(len(ctx.config.tags), 'page')} d'étiquette ;",
        f"{answers}, avec leur bandeau de validité ;",
        "le tableau de bord de la fraîcheur et le glossaire ;",
        "les pages du guide des rédacteurs et la page des règles de validation ;",
        "la recherche ouverte, avec ses résultats ;",
        "la présente déclaration.",
    ]


def contact_markdown(contact: str) -> str:
    if not contact:
        return "aucun contact n'est encore renseigné (section « accessibility » de kb.yml)"
    if "@" in contact and not contact.startswith(("http://", "https://")):
        return f"[{md_escape(contact)}](mailto:{contact})"
    return f"<{contact}>"


def statement(ctx: SiteContext) -> str:
    acc = ctx.config.accessibility
    site = md_escape(ctx.config.site_name)
    entity = md_escape(acc.entity or ctx.config.site_name)
    level = LEVEL_SENTENCES[acc.level].format(rgaa=RGAA)
    parts = [
        FRONT_MATTER + "# Déclaration d'accessibilité",
        f"{entity} s'engage à rendre ses sites internet, intranet, extranet et ses progiciels accessibles "
        "conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.",
        f"Cette déclaration d'accessibilité s'applique au site « {site} ».",
        "## État de conformité {#etat-de-conformite}",
        f"Le site « {site} » {level}",
    ]
    if not acc.declared:
        parts.append(
            "Aucune évaluation n'a encore été déclarée pour ce site : la section « accessibility » "
            "de kb.yml n'est pas renseignée."
        )
    parts.append("## Résultats des tests {#resultats-des-tests}")
    if acc.rate is not None:
        by = f" réalisé par {md_escape(acc.audit_by)}" if acc.audit_by else ""
        parts.append(f"L'audit de conformité{by} révèle que **{acc.rate} %** des critères du {RGAA} sont respectés.")
    else:
        parts.append(
            "Aucun audit de conformité complet n'a encore été réalisé : le niveau indiqué ci-dessus "
            "est une autoévaluation."
        )
    parts.append(
        "**Tests automatisés.** La suite de tests de l'outil qui produit ce site vérifie, sur le gabarit "
        "du site et sur la base de démonstration :\n\n"
        "- chaque page générée avec axe-core (règles WCAG 2.1 niveaux A et AA et règles RGAA 4) ;\n"
        "- l'usage au clavier seul (atteindre la recherche, lire un résultat, ouvrir une réponse, "
        "signaler une erreur), avec un focus toujours visible ;\n"
        "- l'affichage sur 320 pixels de large et avec le texte agrandi à 200 %, sans perte de contenu "
        "ni défilement horizontal.\n\n"
        "Ces tests ne sont pas rejoués à chaque publication du contenu, et les tests automatisés ne "
        "couvrent qu'une partie des critères du RGAA : ils ne remplacent pas un audit."
    )
    parts += [
        "## Contenus non accessibles {#contenus-non-accessibles}",
        "### Non-conformités {#non-conformites}",
        _bullets(acc.non_conformities, "Aucune non-conformité n'est connue à ce jour."),
        "### Dérogations pour charge disproportionnée {#derogations}",
        _bullets(acc.derogations, "Aucune."),
        "### Contenus non soumis à l'obligation d'accessibilité {#contenus-non-soumis}",
        "Les sites et documents externes vers lesquels renvoient les réponses (fiches Service-Public.fr, "
        "sites des organismes) relèvent de leurs éditeurs.",
        "## Établissement de cette déclaration {#etablissement}",
        f"Cette déclaration a été établie le {french_date(acc.date)}."
        if acc.date
        else "Cette déclaration n'est pas encore datée.",
        "**Technologies utilisées pour la réalisation du site :** HTML5, CSS, JavaScript, SVG "
        "(MkDocs et Material for MkDocs).",
        "**Outils utilisés pour vérifier l'accessibilité :** axe-core, piloté par Playwright dans le "
        "navigateur Chromium.",
        "**Pages du site ayant fait l'objet de la vérification de conformité :** les tests automatisés "
        "portent sur chaque page de ces types dans la base de démonstration ; ce site en compte :",
        "\n".join(f"- {line}" for line in tested_pages(ctx)),
    ]
    if acc.pages:
        parts += ["**Échantillon de l'audit :**", _bullets(acc.pages, "")]
    parts += [
        "## Retour d'information et contact {#contact}",
        "Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le "
        "responsable du site pour être orienté vers une alternative accessible ou obtenir le contenu "
        f"sous une autre forme : {contact_markdown(acc.contact)}.",
        "## Voies de recours {#voies-de-recours}",
        "Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable du site "
        "un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un des services du site, "
        "et vous n'avez pas obtenu de réponse satisfaisante.",
        f"- écrire un message au [Défenseur des droits]({DEFENSEUR_FORM}) ;\n"
        f"- contacter [le délégué du Défenseur des droits dans votre région]({DEFENSEUR_DELEGATES}) ;\n"
        "- envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, "
        "Libre réponse 71120, 75342 Paris CEDEX 07.",
    ]
    return "\n\n".join(p for p in parts if p) + "\n"
