"""End to end: tests/site/sample_kb built by ``mkdocs build --strict`` with the
project's mkdocs.yml and hooks (KB_TODAY=2026-11-20), then the HTML checked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sitekb import copy_project, mkdocs_build

pytestmark = pytest.mark.slow


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def main_content(page: str) -> str:
    return page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


def test_answer_header_and_banner(sample_site: Path) -> None:
    page = html(sample_site, "reponses/etat-civil/acte-de-naissance")
    assert '<html lang="fr"' in page
    body = main_content(page)
    assert '<h1 id="obtenir-un-acte-de-naissance">Obtenir un acte de naissance' in body
    assert (
        '<div class="kb-banner" data-valid-until="2027-09-30" data-expiring-days="30" role="status" hidden=""></div>'
        in body  # as the sanitizer writes boolean attributes
    )
    assert '<a href="../../../services/etat-civil/">État civil</a>' in body
    assert 'data-valid-until="2027-09-30" datetime="2027-09-30">30 septembre 2027</time>' in body
    assert "assets/kb.js" in page and "assets/kb.css" in page


def test_placeholders_abbreviations_and_task_list(sample_site: Path) -> None:
    body = main_content(html(sample_site, "reponses/etat-civil/acte-de-naissance"))
    assert "Téléphone de la mairie : 01 99 00 10 00" in body
    assert "Appeler le {{ mairie.telephone }}" in body  # code block untouched
    assert '<abbr title="Caisse d\'allocations familiales">CAF</abbr>' in body
    assert 'class="task-list-item"' in body


def test_related_both_ways_backlinks_and_suggestions(sample_site: Path) -> None:
    naissance = main_content(html(sample_site, "reponses/etat-civil/acte-de-naissance"))
    livret = main_content(html(sample_site, "reponses/etat-civil/livret-de-famille"))
    passeport = main_content(html(sample_site, "reponses/identite/passeport"))
    see_also = naissance.split('id="kb-voir-aussi"')[1].split("</ul>")[0]
    assert 'href="../livret-de-famille/"' in see_also
    assert 'href="../acte-de-naissance/"' in livret.split('id="kb-voir-aussi"')[1].split("</ul>")[0]
    backlinks = naissance.split('id="kb-renvois"')[1].split("</ul>")[0]
    assert 'href="../../identite/cni/"' in backlinks
    suggestions = passeport.split('id="kb-suggestions"')[1].split("</ul>")[0]
    assert 'href="../cni/"' in suggestions and 'href="../sp-f1341/"' in suggestions
    assert '<h2 class="kb-related" id="kb-voir-aussi">' in naissance


def test_sources_and_actions(sample_site: Path) -> None:
    naissance = main_content(html(sample_site, "reponses/etat-civil/acte-de-naissance"))
    assert 'href="https://www.service-public.fr/particuliers/vosdroits/F1427"' in naissance
    cni = main_content(html(sample_site, "reponses/identite/cni"))
    assert '<a href="../sp-f1341/">Fiche Service-Public.fr F1341</a> (copie locale)' in cni
    assert "issuable_template=signaler-une-erreur" in naissance
    # Material's edit button, from kb.yml's repository
    edit = "https://gitlab.example.org/essai/base-accueil/-/edit/main/docs/reponses/etat-civil/acte-de-naissance.md"
    assert f'<a href="{edit}" title="Editer cette page" class="md-content__button md-icon" rel="edit">' in naissance


def test_draft_is_not_published(sample_site: Path) -> None:
    assert not (sample_site / "reponses/etat-civil/brouillon-mariage").exists()
    everything = "".join(p.read_text(encoding="utf-8") for p in sample_site.rglob("*.html"))
    assert "zoroastre" not in everything
    for name in ("kb-index.json", "kb-index-sections.json", "search_index.json"):
        assert "zoroastre" not in (sample_site / "search" / name).read_text(encoding="utf-8")


def test_archived_answer_kept_with_a_notice_and_out_of_search(sample_site: Path) -> None:
    body = main_content(html(sample_site, "reponses/etat-civil/ancienne-procedure"))
    assert '<div class="admonition warning kb-archived">' in body
    assert '<p class="admonition-title">Réponse archivée</p>' in body
    service = main_content(html(sample_site, "services/etat-civil"))
    assert service.index("kb-archivees") < service.index("zéphyrin")
    index = "".join(
        (sample_site / "search" / n).read_text(encoding="utf-8") for n in ("kb-index.json", "kb-index-sections.json")
    )
    assert "ancienne-procedure" not in index and "zéphyrin" not in index


def test_search_index_files(sample_site: Path) -> None:
    """Material's page code gets a stub (no entry, no vocabulary); the worker the whole index."""
    stub = json.loads((sample_site / "search/search_index.json").read_text(encoding="utf-8"))
    index = json.loads((sample_site / "search/kb-index.json").read_text(encoding="utf-8"))
    sections = json.loads((sample_site / "search/kb-index-sections.json").read_text(encoding="utf-8"))
    assert stub["docs"] == []
    assert stub["config"]["kb"]["data"] == "search/kb-index.json"
    assert stub["config"]["kb"]["sections"] == "search/kb-index-sections.json"
    # The answers first (a first result), their sections in the second file.
    assert index["docs"] and all("#" not in d["location"] for d in index["docs"])
    assert sections["docs"] and all("#" in d["location"] for d in sections["docs"])
    pages = {d["location"] for d in index["docs"]}
    assert {d["location"].split("#")[0] for d in sections["docs"]} <= pages
    assert "words" not in stub["config"]["kb"] and index["config"]["kb"]["words"]
    assert stub["config"]["kb"]["propose"] == index["config"]["kb"]["propose"]
    assert {k: v for k, v in stub["config"].items() if k != "kb"} == {
        k: v for k, v in index["config"].items() if k != "kb"
    }


def test_search_index(sample_site: Path) -> None:
    index = json.loads((sample_site / "search/kb-index.json").read_text(encoding="utf-8"))
    answers = [d for d in index["docs"] if d["location"].startswith("reponses/") and "#" not in d["location"]]
    assert sorted(d["location"] for d in answers) == [
        "reponses/etat-civil/acte-de-deces/",
        "reponses/etat-civil/acte-de-naissance/",
        "reponses/etat-civil/livret-de-famille/",
        "reponses/identite/cni/",
        "reponses/identite/passeport/",
        "reponses/identite/sp-f1341/",
    ]
    naissance = next(d for d in answers if d["location"] == "reponses/etat-civil/acte-de-naissance/")
    assert set(naissance) == {"location", "title", "text", "tags", "aliases"}
    section_file = json.loads((sample_site / "search/kb-index-sections.json").read_text(encoding="utf-8"))
    sections = [d for d in section_file["docs"] if d["location"].startswith("reponses/")]
    assert "reponses/identite/cni/#pieces" in {d["location"] for d in sections}  # whole answers: search_deep
    assert set(index["config"]["kb"]) >= {"words"}
    assert "etat" in naissance["tags"][-1].split()  # folded copy of "État civil"
    fields = index["config"]["fields"]
    assert fields["title"]["boost"] > fields["tags"]["boost"] > fields["text"]["boost"]
    assert index["config"]["lang"] == ["fr"]
    others = {d["location"].split("#")[0] for d in index["docs"] + section_file["docs"]} - {
        d["location"] for d in answers + sections
    }
    others -= {d["location"].split("#")[0] for d in sections}
    assert others <= {"glossaire/", "guide/regles/", "guide/reference-kb-yml/"}  # lists of answers are not searched


def test_nav_never_lists_answers(sample_site: Path) -> None:
    for path in ("", "reponses/etat-civil/acte-de-naissance", "services/etat-civil"):
        page = html(sample_site, path)
        nav = page.split('<nav class="md-nav md-nav--primary"', 1)[1].split(
            '<div class="md-sidebar md-sidebar--secondary"'
        )[0]
        assert "reponses/" not in nav, path
    home = html(sample_site, "")
    for label in ("Accueil", "Services", "Étiquettes", "Fraîcheur", "Glossaire", "Guide des rédacteurs"):
        assert label in home


def test_generated_pages(sample_site: Path) -> None:
    for path in (
        "",
        "services",
        "services/identite",
        "etiquettes",
        "etiquettes/acte",
        "fraicheur",
        "glossaire",
        "guide/regles",
    ):
        assert (sample_site / path / "index.html").is_file(), path
    home = main_content(html(sample_site, ""))
    assert 'class="md-button md-button--primary kb-search-open"' in home
    assert '<svg class="kb-chart__svg" role="img"' in home
    assert 'href="telechargement/base-hors-ligne.zip"' in home
    assert "<table>" in main_content(html(sample_site, "fraicheur"))
    assert not list((sample_site.parent / "docs").glob("index.md"))  # nothing written into docs/


def test_each_answer_page_is_small(sample_site: Path) -> None:
    for page in (sample_site / "reponses").rglob("index.html"):
        assert page.stat().st_size < 40_000, page


def test_a_broken_answer_stops_the_build_with_its_position(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "kb")
    bad = root / "docs/reponses/etat-civil/casse.md"
    bad.write_text(
        '---\ntitle: "Réponse cassée"\nservice: etat-civl\ntags: [acte]\nvalid_until: 2027-01-01\n---\n\nTexte.\n',
        encoding="utf-8",
    )
    proc = mkdocs_build(root)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1
    assert re.search(r"^docs/reponses/etat-civil/casse\.md:3:1: KB101 unknown-service \[erreur\] ", out, re.M), out
    assert "Traceback" not in out
    assert "Construction du site interrompue" in out


def test_a_bad_kb_today_is_reported(tmp_path: Path) -> None:
    proc = mkdocs_build(copy_project(tmp_path / "kb"), today="2026-13-01")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1
    assert "KB_TODAY invalide « 2026-13-01 »" in out and "Traceback" not in out


def test_a_warning_is_shown_and_does_not_block_the_strict_build(tmp_path: Path) -> None:
    # One policy with `kb validate` (kb_tools.problem.blocking): warnings never block.
    root = copy_project(tmp_path / "kb")
    (root / "docs/reponses/etat-civil/doublon.md").write_text(
        '---\ntitle: "Obtenir un acte de naissance"\nservice: etat-civil\ntags: [acte]\nvalid_until: 2027-01-01\n---\n\nTexte.\n',
        encoding="utf-8",
    )
    proc = mkdocs_build(root)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert re.search(r"INFO\s+-\s+docs/reponses/etat-civil/(acte-de-naissance|doublon)\.md:\d+:\d+: KB202 ", out), out
    assert "[avertissement]" in out and "Traceback" not in out


def test_offline_copy(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "kb")
    proc = mkdocs_build(root, "-f", "mkdocs-offline.yml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = root / "site-offline"
    page = (site / "reponses/etat-civil/acte-de-naissance.html").read_text(encoding="utf-8")
    assert '<a href="../../services/etat-civil.html">État civil</a>' in page
    assert "assets/vendor/iframe-worker/shim.js" in page and "unpkg.com" not in page
    script = (site / "search/search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = ")
    index = json.loads(script.removeprefix("var __index = "))
    assert "reponses/identite/cni.html" in [d["location"] for d in index["docs"]]
    assert "kb-offline-link" not in (site / "index.html").read_text(encoding="utf-8")
    first = json.loads((site / "search/kb-index.json").read_text(encoding="utf-8"))
    sections = json.loads((site / "search/kb-index-sections.json").read_text(encoding="utf-8"))
    assert index["config"] == first["config"]
    assert sorted(d["location"] for d in index["docs"]) == sorted(
        d["location"] for d in first["docs"] + sections["docs"]
    )
