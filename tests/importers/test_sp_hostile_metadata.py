"""Issue 9: a fiche's ``dc:title`` and ``dc:description`` are written as plain
YAML strings (never markup, never extra keys) and published with nothing
executable."""

from __future__ import annotations

import sys
from pathlib import Path

import markdown
import yaml

from kb_tools.kb import load_kb
from kb_tools.site.answer_page import render_answer
from kb_tools.site.context import build_context
from kb_tools.site.sanitize import sanitize_html, text_html

from .sp_kb import KB, TODAY, fiche_xml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "site"))
from htmlcheck import fragment_findings

TITLE = "</title><script>alert(1)</script> {: onclick=alert(1) }"
DESCRIPTION = "<img src=x onerror=alert(1)>\n---\norigin: forged\n' \" : # &"
BODY = "<Introduction><Paragraphe>Texte de la fiche.</Paragraphe></Introduction>"


def xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_hostile_title_and_description(kb: KB, tmp_path: Path) -> None:
    source = tmp_path / "hostile"
    source.mkdir()
    (source / "F90001.xml").write_bytes(fiche_xml(BODY, title=xml_text(TITLE), description=xml_text(DESCRIPTION)))
    kb.run(source)
    text = kb.text("F90001")
    meta = yaml.safe_load(text[4 : text.index("\n---\n", 4)])
    assert meta["title"] == TITLE
    assert meta["description"] == " ".join(DESCRIPTION.split())  # one line, nothing else
    assert isinstance(meta["origin"], dict) and meta["origin"]["id"] == "F90001"

    ctx = build_context(load_kb(kb.root), TODAY)
    answer = next(a for a in ctx.answers if a.id == "sp-f90001")
    page = markdown.Markdown(extensions=["toc", "attr_list", "md_in_html", "abbr", "tables", "admonition"]).convert(
        render_answer(answer, ctx).markdown
    )
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; {: onclick=alert(1) }" in page  # shown as text
    assert fragment_findings(sanitize_html(page)) == []
    assert "<" not in text_html(meta["title"]) and '"' not in text_html(meta["description"])


def test_stray_emphasis_marks_at_the_edges_of_a_title_are_dropped(kb: KB, tmp_path: Path) -> None:
    """DILA's F34487 is titled « **Carte d'identité »: agents see « Carte d'identité »."""
    source = tmp_path / "marks"
    source.mkdir()
    (source / "F90001.xml").write_bytes(fiche_xml(BODY, title="**Carte d'identité"))
    (source / "F90002.xml").write_bytes(fiche_xml(BODY, fiche_id="F90002", title="_Titre de séjour * "))
    (source / "F90003.xml").write_bytes(fiche_xml(BODY, fiche_id="F90003", title="Taux de 2 * 3 %"))
    kb.run(source)
    titles = {}
    for fiche in ("F90001", "F90002", "F90003"):
        text = kb.text(fiche)
        titles[fiche] = yaml.safe_load(text[4 : text.index("\n---\n", 4)])["title"]
    assert titles == {"F90001": "Carte d'identité", "F90002": "Titre de séjour", "F90003": "Taux de 2 * 3 %"}
