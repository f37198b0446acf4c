"""The generated pages: home, services, tags, dashboard, glossary, rules."""

from __future__ import annotations

import pathlib
from collections.abc import Callable

from sitekb import answer

from kb_tools import urls
from kb_tools.site import pages
from kb_tools.site.context import SiteContext


def test_one_page_per_virtual_path(sample_ctx: SiteContext) -> None:
    assert set(pages.virtual_pages(sample_ctx)) == urls.virtual_paths(sample_ctx.config)


def test_home(sample_ctx: SiteContext) -> None:
    home = pages.virtual_pages(sample_ctx)["index.md"]
    assert home.startswith("---\nsearch:\n  exclude: true\nhide:\n  - toc\n---\n\n# Base d'essai de l'accueil\n")
    assert '<button type="button" class="md-button md-button--primary kb-search-open">' in home
    assert (
        "- **[État civil](services/etat-civil.md)**  \n  Actes de naissance et de décès, livret de famille.  \n  *3 réponses*"
        in home
    )
    assert "*3 réponses*" in home.split("[Identité et titres]")[1]
    assert "## Récemment mises à jour {#kb-recent}" in home
    recent = home.split("{#kb-recent}")[1].split("##")[0]
    assert recent.index("Obtenir un acte de naissance") < recent.index("Faire un passeport")
    assert "zéphyrin" not in home and "zoroastre" not in home  # archived and draft
    assert '<svg class="kb-chart__svg" role="img"' in home
    assert "[Voir le tableau de bord de la fraîcheur](fraicheur.md)" in home


def test_service_page_lists_archived_answers_apart(sample_ctx: SiteContext) -> None:
    md = pages.virtual_pages(sample_ctx)["services/etat-civil.md"]
    live, archived = md.split("## Réponses archivées {#kb-archivees}")
    assert "[Obtenir un acte de naissance](../reponses/etat-civil/acte-de-naissance.md)" in live
    assert "Où et comment demander une copie ou un extrait d'acte de naissance." in live  # description
    assert "Le livret de famille est remis lors du mariage" in live  # first sentence of "En bref"
    assert "valable jusqu'au 30/09/2027" in live
    assert "zéphyrin" in archived and "zéphyrin" not in live
    assert "zoroastre" not in md
    assert "**Responsable :** @essai/etat-civil · **3 réponses**" in md


def test_tag_pages(sample_ctx: SiteContext) -> None:
    generated = pages.virtual_pages(sample_ctx)
    index = generated["etiquettes/index.md"]
    assert "| [Famille](famille.md) | enfant, parents | 2 |" in index
    tag = generated["etiquettes/identite.md"]
    assert "**Aussi appelée :** CNI, papiers" in tag
    assert "[Faire un passeport](../reponses/identite/passeport.md)" in tag
    assert "*Identité et titres*" in tag


def test_dashboard(sample_ctx: SiteContext) -> None:
    md = pages.virtual_pages(sample_ctx)["fraicheur.md"]
    assert "Situation au **20 novembre 2026**" in md
    assert "| [État civil](services/etat-civil.md) | 1 | 1 | 1 | 3 |" in md
    assert "| **Total** | **1** | **1** | **4** | **6** |" in md
    expired = md.split("{#kb-expirees}")[1].split("{#kb-a-revoir}")[0]
    assert (
        "| [Obtenir un acte de décès](reponses/etat-civil/acte-de-deces.md) | État civil | @essai/etat-civil | 31/01/2024 |"
        in expired
    )
    soon = md.split("{#kb-a-revoir}")[1]
    assert "[Obtenir ou remplacer le livret de famille]" in soon


def test_glossary_and_rules(sample_ctx: SiteContext) -> None:
    generated = pages.virtual_pages(sample_ctx)
    assert "| **CAF** | Caisse d'allocations familiales |" in generated["glossaire.md"]
    rules = generated["guide/regles.md"]
    assert rules.startswith("---\nsearch:\n  boost: 0.3\n---\n\n# Règles de validation")
    assert "KB101" in rules


def test_generated_pages_stay_out_of_search_except_glossary_and_guide_references(sample_ctx: SiteContext) -> None:
    for path, md in pages.virtual_pages(sample_ctx).items():
        hidden = md.startswith("---\nsearch:\n  exclude: true\n")
        assert hidden == (path not in ("glossaire.md", "guide/regles.md", "guide/reference-kb-yml.md")), path


def test_empty_service(make_ctx: Callable[..., SiteContext]) -> None:
    ctx = make_ctx({"docs/reponses/etat-civil/a.md": answer("A")})
    md = pages.virtual_pages(ctx)["services/identite.md"]
    assert "Aucune réponse publiée pour ce service." in md
    home = pages.virtual_pages(ctx)["index.md"]
    assert "(services/etat-civil.md)" in home and "*1 réponse*" in home
    assert "(services/identite.md)" not in home, "a service without answers gets no card"


def test_home_links_to_the_offline_copy_except_in_it(sample_ctx: SiteContext) -> None:
    link = '<a class="kb-offline-link" href="telechargement/base-hors-ligne.zip" download>'
    assert link in pages.virtual_pages(sample_ctx)["index.md"]
    assert "kb-offline" not in pages.virtual_pages(sample_ctx, offline_download=False)["index.md"]


def test_the_kb_yml_reference_is_the_declared_contract(sample_ctx: SiteContext) -> None:
    from kb_tools.schema import CONFIG

    md = pages.virtual_pages(sample_ctx)["guide/reference-kb-yml.md"]
    for section in CONFIG.values():
        assert f"## `{section.name}` {{#{section.name}}}" in md
        for key in section.keys:
            assert f"| `{section.name}.{key.name}` |" in md
        for key in section.entry_keys:
            assert f"| `{section.name}.<clé>.{key.name}` |" in md
    assert "| `import.service_public.validity_days` | nombre de jours |" in md
    assert "| `services.<clé>.owner` | texte (obligatoire) |" in md


def test_the_configuration_guide_names_every_section() -> None:
    from kb_tools.schema import CONFIG

    guide = (pathlib.Path(__file__).resolve().parents[2] / "docs/guide/configuration.md").read_text(encoding="utf-8")
    for name in CONFIG:
        assert f"`{name}`" in guide
