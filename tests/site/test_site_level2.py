"""Level 2 in the site: the « Niveau 2 » box, the partner pages, the charter
(kb_tools/site/level2.py), on tests/site/sample_kb (KB_TODAY 2026-11-20)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb_tools import urls
from kb_tools.site import level2, nav, pages, sanitize
from kb_tools.site.answer_page import render_answer
from kb_tools.site.context import SiteContext


def page(ctx: SiteContext, answer_id: str, use_directory_urls: bool = True) -> str:
    return render_answer(ctx.by_id[answer_id], ctx, use_directory_urls).markdown


def box_of(markdown: str) -> str:
    return markdown.split("## Niveau 2 {#kb-niveau-2}\n\n", 1)[1].split("\n\n", 1)[0]


def test_the_box_says_who_how_and_when(sample_ctx: SiteContext) -> None:
    md = page(sample_ctx, "passeport")
    box = box_of(md)
    assert box == (
        '<div class="kb-level2"><dl class="kb-level2__handoff">'
        '<dt>Qui</dt><dd><a href="../../../partenaires/interieur-ants/">Ministère de l&#x27;Intérieur (ANTS)</a>'
        " — Référent France Services de la préfecture</dd>"
        '<dt>Comment</dt><dd><a href="tel:0199003090">01 99 00 30 90</a> · '
        '<a href="https://partenaires.ants.example">espace partenaire</a> · délai habituel : réponse sous 5 jours ouvrés'
        ' <span class="kb-level2__reviewed">(vérifié le 1er octobre 2026)</span></dd>'
        "<dt>Quand</dt><dd>demande d&#x27;urgence ou dossier bloqué</dd></dl></div>"
    )
    assert md.index("## Niveau 2") < md.index("## Suggestions")  # after the body, before the lists
    assert sanitize.sanitize_html(box) == box.replace("&#x27;", "'")  # the sanitizer keeps all of it


def test_two_partners_a_stale_contact_and_the_offline_links(sample_ctx: SiteContext) -> None:
    box = box_of(page(sample_ctx, "cni", use_directory_urls=False))
    assert box.count('<dl class="kb-level2__handoff">') == 2
    assert '<a href="../../partenaires/interieur-ants.html">' in box
    assert '<a href="../../partenaires/justice.html">Ministère de la Justice</a> — Point-justice du secteur' in box
    assert "<dd>aucune ligne directe déclarée ; site du partenaire : " in box
    assert '<em class="kb-level2__stale">(contact à revérifier depuis le 1er novembre 2026)</em>' in box
    assert "<dd>usurpation d&#x27;identité soupçonnée</dd>" in box


def test_no_box_without_level2(sample_ctx: SiteContext) -> None:
    assert "Niveau 2" not in page(sample_ctx, "acte-de-naissance")


def test_a_partner_without_a_local_channel_points_to_its_site(make_ctx) -> None:
    from sitekb import answer

    ctx = make_ctx({"docs/reponses/x/courrier.md": answer("Courrier", extra="level2: la-poste\n")})
    box = box_of(page(ctx, "courrier"))
    assert (
        "<dd>aucun canal de correspondant déclaré pour le territoire ; site du partenaire : "
        '<a href="https://www.laposte.fr">laposte.fr</a></dd>'
    ) in box
    assert f"<dt>Quand</dt><dd>{level2.DEFAULT_WHEN}</dd>" in box


def test_partner_page_lists_every_answer_handing_over_to_it(sample_ctx: SiteContext) -> None:
    md = pages.virtual_pages(sample_ctx)["partenaires/interieur-ants.md"]
    assert md.startswith("---\nsearch:\n  exclude: true\n---\n\n# Ministère de l'Intérieur (ANTS)\n")
    assert "## Réponses qui passent le relais (2) {#kb-reponses}" in md
    assert (
        "- **[Faire un passeport](../reponses/identite/passeport.md)**  \n"
        "  Quand : demande d'urgence ou dossier bloqué · *Identité et titres*"
    ) in md
    assert "[Faire une carte d'identité](../reponses/identite/cni.md)" in md
    assert "ancienne-procedure" not in md  # archived
    justice = pages.virtual_pages(sample_ctx)["partenaires/justice.md"]
    assert "## Réponses qui passent le relais (1)" in justice and "brouillon" not in justice  # draft
    msa = pages.virtual_pages(sample_ctx)["partenaires/msa.md"]
    assert "Aucune réponse ne passe le relais à ce partenaire pour l'instant." in msa


def test_the_charter_lists_reorientations_partner_by_partner(sample_ctx: SiteContext) -> None:
    md = pages.virtual_pages(sample_ctx)["partenaires/charte.md"]
    assert md.startswith("---\nsearch:\n  exclude: true\n---\n\n# Charte d'orientation vers les partenaires\n")
    ants = md.split("## Ministère de l'Intérieur (ANTS) {#interieur-ants}")[1].split("\n## ")[0]
    assert "2 réponses · [page du partenaire](interieur-ants.md)" in ants
    assert (
        "| [Faire une carte d'identité](../reponses/identite/cni.md) | carte non reçue après six semaines | "
        "Identité et titres |"
    ) in ants
    assert "| [Faire un passeport](../reponses/identite/passeport.md) | demande d'urgence ou dossier bloqué |" in ants
    justice = md.split("{#justice}")[1].split("\n## ")[0]
    assert justice.count("| [") == 1 and "usurpation d'identité soupçonnée" in justice
    assert md.index("{#justice}") < md.index("{#interieur-ants}")  # the nine in their order, then local ones
    rest = md.split("## Sans démarche réorientée {#kb-sans-demarche}")[1]
    assert "[La Poste](la-poste.md)" in rest and "[Caisse d'allocations familiales (CAF)](caf.md)" in rest
    assert "ancienne-procedure" not in md and "brouillon" not in md


def test_partners_index_and_nav(sample_ctx: SiteContext) -> None:
    md = pages.virtual_pages(sample_ctx)[urls.PARTNERS_INDEX]
    assert (
        "| [Ministère de l'Intérieur (ANTS)](interieur-ants.md) | national | Référent France Services de la préfecture | 2 |"
        in md
    )
    assert "| [La Poste](la-poste.md) | national | — | 0 |" in md
    assert "(charte.md)" in md
    items = nav.nav(sample_ctx.config, [])
    section = next(i["Partenaires"] for i in items if isinstance(i, dict) and "Partenaires" in i)
    assert section[:3] == [urls.PARTNERS_INDEX, {"Charte d'orientation": urls.CHARTER}, {"CAF": "partenaires/caf.md"}]
    assert len(section) == 2 + 9  # the index, the charter, the nine partners: never an answer


@pytest.mark.slow
def test_built_site(sample_site: Path) -> None:
    def main(path: str) -> str:
        text = (sample_site / path / "index.html").read_text(encoding="utf-8")
        return text.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]

    answer = main("reponses/identite/passeport")
    assert '<h2 id="kb-niveau-2">Niveau 2' in answer
    assert '<a href="../../../partenaires/interieur-ants/">Ministère de l\'Intérieur (ANTS)</a>' in answer
    assert '<a href="tel:0199003090">01 99 00 30 90</a>' in answer
    partner = main("partenaires/interieur-ants")
    assert '<a href="../../reponses/identite/passeport/">Faire un passeport</a>' in partner
    assert '<a href="../../reponses/identite/cni/">Faire une carte d\'identité</a>' in partner
    charter = main("partenaires/charte")
    assert '<h2 id="interieur-ants">' in charter and "<table>" in charter
    assert '<a href="../../reponses/identite/passeport/">Faire un passeport</a>' in charter
