"""An answer rendered to the Markdown of its page."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from sitekb import SAMPLE, answer

from kb_tools.site.answer_page import render_answer
from kb_tools.site.context import SiteContext


def page(ctx: SiteContext, answer_id: str, use_directory_urls: bool = True) -> str:
    return render_answer(ctx.by_id[answer_id], ctx, use_directory_urls).markdown


def test_title_banner_and_header(sample_ctx: SiteContext) -> None:
    md = page(sample_ctx, "acte-de-naissance")
    assert md.startswith("# Obtenir un acte de naissance\n\n")
    assert (
        '<div class="kb-banner" data-valid-until="2027-09-30" data-expiring-days="30" role="status" hidden></div>' in md
    )
    assert '<strong>Service :</strong> <a href="../../../services/etat-civil/">État civil</a>' in md
    assert '<a href="../../../etiquettes/acte/">Actes d&#x27;état civil</a>' in md
    assert "<strong>Responsable :</strong> @essai/etat-civil" in md  # the service's owner by default
    assert '<time datetime="2026-11-01">1er novembre 2026</time>' in md
    assert (
        '<time class="kb-valid-until" data-valid-until="2027-09-30" datetime="2027-09-30">30 septembre 2027</time>'
        in md
    )


def test_links_for_the_offline_copy(sample_ctx: SiteContext) -> None:
    md = page(sample_ctx, "acte-de-naissance", use_directory_urls=False)
    assert '<a href="../../services/etat-civil.html">État civil</a>' in md
    assert '<a href="livret-de-famille.html">' in md


def test_placeholders_filled_outside_code(sample_ctx: SiteContext) -> None:
    md = page(sample_ctx, "acte-de-naissance")
    assert "Téléphone de la mairie : 01 99 00 10 00, du lundi au vendredi de 9 h à 17 h." in md
    assert "Appeler le {{ mairie.telephone }}" in md


def test_abbreviations_for_the_acronyms_used(sample_ctx: SiteContext) -> None:
    md = page(sample_ctx, "acte-de-naissance")
    assert md.rstrip().endswith("*[CAF]: Caisse d'allocations familiales")
    assert "*[CNI]" not in md


def test_related_sections(sample_ctx: SiteContext) -> None:
    md = page(sample_ctx, "acte-de-naissance")
    assert "## Voir aussi {#kb-voir-aussi .kb-related}" in md
    assert (
        '<ul class="kb-related-list"><li><a href="../livret-de-famille/">Obtenir ou remplacer le livret de famille</a></li></ul>'
        in md
    )
    assert "## Ces réponses renvoient ici {#kb-renvois .kb-related}" in md
    assert '<a href="../../identite/cni/">Faire une carte d&#x27;identité</a>' in md
    passeport = page(sample_ctx, "passeport")
    assert "## Voir aussi" not in passeport
    assert "## Suggestions {#kb-suggestions .kb-related}" in passeport
    assert '<a href="../cni/">Faire une carte d&#x27;identité</a>' in passeport


def test_sources(sample_ctx: SiteContext) -> None:
    md = page(sample_ctx, "acte-de-naissance")
    assert "## Sources {#kb-sources}" in md
    assert (
        '<a href="https://www.service-public.fr/particuliers/vosdroits/F1427">Fiche Service-Public.fr F1427</a>' in md
    )
    assert (
        '<a href="https://www.service-public.fr/particuliers/vosdroits/R1406">'
        "www.service-public.fr/particuliers/vosdroits/R1406</a>" in md
    )
    local = page(sample_ctx, "cni")
    assert '<a href="../sp-f1341/">Fiche Service-Public.fr F1341</a> (copie locale)' in local


def test_actions(sample_ctx: SiteContext) -> None:
    md = page(sample_ctx, "acte-de-naissance")
    edit = "https://gitlab.example.org/essai/base-accueil/-/edit/main/docs/reponses/etat-civil/acte-de-naissance.md"
    assert f'<a class="md-button kb-action-edit" href="{edit}">Proposer une modification</a>' in md
    report = sample_ctx.report_url(sample_ctx.by_id["acte-de-naissance"])
    assert report is not None and f'href="{report.replace("&", "&amp;")}">Signaler une erreur</a>' in md
    parts = urlsplit(report)
    assert parts.path == "/essai/base-accueil/-/issues/new"
    query = parse_qs(parts.query)
    assert query["issuable_template"] == ["signaler-une-erreur"]
    assert query["issue[title]"] == ["Erreur dans la réponse acte-de-naissance"]


def test_no_actions_without_a_repository(make_ctx: Callable[..., SiteContext]) -> None:
    config = (
        (SAMPLE / "kb.yml")
        .read_text(encoding="utf-8")
        .replace('  repo_url: "https://gitlab.example.org/essai/base-accueil"\n', "")
    )
    ctx = make_ctx({"docs/reponses/etat-civil/a.md": answer("A")}, config=config)
    md = page(ctx, "a")
    assert "kb-actions" not in md


def test_archived_notice(sample_ctx: SiteContext) -> None:
    md = page(sample_ctx, "ancienne-procedure")
    assert '!!! warning kb-archived "Réponse archivée"' in md
    assert "[État civil](../../services/etat-civil.md)" in md
    assert "kb-archived" not in page(sample_ctx, "acte-de-naissance")


def test_answers_are_kept_out_of_materials_index(sample_ctx: SiteContext) -> None:
    rendered = render_answer(sample_ctx.by_id["acte-de-naissance"], sample_ctx)
    assert rendered.meta == {"search": {"exclude": True}}


def test_titles_are_escaped(make_ctx: Callable[..., SiteContext]) -> None:
    ctx = make_ctx(
        {
            "docs/reponses/etat-civil/a.md": answer("A *vraiment* <b>", extra="related: [b]\n"),
            "docs/reponses/etat-civil/b.md": answer("B & <i>"),
        }
    )
    assert page(ctx, "a").startswith("# A \\*vraiment\\* &lt;b\\>\n")
    assert "B &amp; &lt;i&gt;</a>" in page(ctx, "a")
