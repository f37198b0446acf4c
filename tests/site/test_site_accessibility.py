"""The accessibility statement: generated from kb.yml in the RGAA model's
structure, and linked from the footer of every page."""

from __future__ import annotations

import re
from pathlib import Path

from sitekb import SAMPLE

from kb_tools import urls
from kb_tools.site import accessibility, pages

SECTIONS = [
    "État de conformité",
    "Résultats des tests",
    "Contenus non accessibles",
    "Établissement de cette déclaration",
    "Retour d'information et contact",
    "Voies de recours",
]
DECLARED = """
accessibility:
  entity: "Commune de Testville"
  contact: "accessibilite@exempleville.example"
  date: 2026-12-01
  level: partiellement conforme
  rate: 62
  audit_by: "la mission numérique"
  non_conformities:
    - "Le graphique n'a pas de légende."
  pages: ["Accueil", "Acte de naissance"]
"""


def _config() -> str:
    return (SAMPLE / "kb.yml").read_text(encoding="utf-8") + DECLARED


def test_statement_follows_the_rgaa_model(make_ctx) -> None:
    ctx = make_ctx({}, config=_config())
    md = pages.virtual_pages(ctx)[urls.ACCESSIBILITY]
    headings = re.findall(r"^## (.+?) \{#", md, flags=re.M)
    assert headings == SECTIONS
    assert md.startswith("---\nsearch:\n  exclude: true\n---\n\n# Déclaration d'accessibilité\n")
    assert "Commune de Testville s'engage" in md
    assert "est **partiellement conforme** avec le RGAA version 4.1" in md
    assert "**62 %** des critères du RGAA version 4.1" in md and "la mission numérique" in md
    assert "- Le graphique n'a pas de légende." in md
    assert "établie le 1er décembre 2026" in md
    assert "[accessibilite@exempleville.example](mailto:accessibilite@exempleville.example)" in md
    assert "Défenseur des droits" in md and "Libre réponse 71120" in md
    assert "- Acte de naissance" in md  # the audit's sample
    # the page types tested, counted from this build
    assert f"{len(ctx.config.services)} pages de service" in md
    assert f"{len(ctx.config.tags)} pages d'étiquette" in md
    assert "axe-core" in md and "320 pixels" in md and "200 %" in md
    assert accessibility.footer_text(ctx.config.accessibility) == "Accessibilité : partiellement conforme"


def test_without_a_section_the_site_says_non_conforme(sample_ctx) -> None:
    md = pages.virtual_pages(sample_ctx)[urls.ACCESSIBILITY]
    assert "est **non conforme**" in md and "n'est pas renseignée" in md
    assert "Aucun audit de conformité complet" in md
    assert accessibility.footer_text(sample_ctx.config.accessibility) == "Accessibilité : non conforme"


def test_every_page_links_to_the_statement_from_its_footer(sample_site: Path) -> None:
    pages_html = sorted(sample_site.rglob("index.html"))
    assert len(pages_html) > 10
    assert (sample_site / "accessibilite" / "index.html").is_file()
    for page in pages_html:
        text = page.read_text(encoding="utf-8")
        match = re.search(r'<a class="kb-accessibility-link" href="([^"]+)">Accessibilité : non conforme</a>', text)
        assert match, page
        target = (page.parent / match.group(1)).resolve()
        assert target == (sample_site / "accessibilite").resolve(), page
