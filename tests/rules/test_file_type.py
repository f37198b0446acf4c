"""KB602 file-type: only an allowlist of file types under docs/ is published."""

import pytest

from kb_tools.files import publishable
from kb_tools.kb import load_kb

RULE = "KB602"


@pytest.mark.parametrize("name", ["guide.markdown", "guide.mdown", "guide.mkd", "guide.mkdn", "guide.MD", "guide.Md"])
def test_other_markdown_extensions_must_be_renamed(kb, name):
    kb.write(f"docs/guide/{name}", "# Guide\n")
    kb.check([(f"docs/guide/{name}", 0, 0, RULE)])
    problem = kb.only(RULE)
    assert problem.fix == "renommez le fichier en « guide.md »"
    assert problem.expected == "l'extension .md en minuscules"


def test_answer_with_capital_extension_is_reported_not_ignored(kb):
    path = kb.add("etat-civil/acte.MD", "---\ntitle: x\n---\n<script>alert(1)</script>\n")
    kb.check([(path, 0, 0, RULE)])
    assert load_kb(kb.root).answers == []


@pytest.mark.parametrize(
    ("rel", "fix"),
    [
        ("docs/reponses/etat-civil/formulaire.html", "écrivez le contenu en Markdown dans un fichier .md"),
        ("docs/assets/logo.svg", "convertissez l'image en PNG (une image SVG peut contenir du script)"),
        ("docs/notes.txt", "supprimez ce fichier de docs/, ou convertissez-le en PDF ou en image PNG"),
        ("docs/CNAME", "supprimez ce fichier de docs/, ou convertissez-le en PDF ou en image PNG"),
    ],
)
def test_other_types_are_refused(kb, rel, fix):
    kb.write(rel, "<svg onload=alert(1)>")
    kb.check([(rel, 0, 0, RULE)])
    problem = kb.only(RULE)
    assert problem.fix == fix
    assert ".pdf" in problem.expected


def test_scripts_outside_assets_are_refused(kb):
    kb.write("docs/guide/outil.js", "alert(1)")
    kb.write("docs/guide/style.css", "body{}")
    kb.check([("docs/guide/outil.js", 0, 0, RULE), ("docs/guide/style.css", 0, 0, RULE)])


def test_allowlist_is_accepted(kb):
    kb.valid("etat-civil/acte.md")
    for rel in (
        "docs/assets/kb.css",
        "docs/assets/kb.js",
        "docs/assets/vendor/iframe-worker/shim.js",
        "docs/assets/vendor/iframe-worker/LICENSE",
        "docs/assets/plan.png",
        "docs/assets/photo.JPG",
        "docs/reponses/etat-civil/formulaire.pdf",
        "docs/guide/schema.webp",
        "docs/guide/index.md",
    ):
        kb.write(rel, b"x")
    kb.check([])


def test_hidden_files_are_not_published_nor_reported(kb):
    kb.write("docs/.gitkeep", "")
    kb.write("docs/.brouillons/page.html", "<script></script>")
    kb.write("docs/templates/page.html", "<script></script>")
    kb.check([])
    assert load_kb(kb.root).doc_files == frozenset()


def test_publishable_set_is_what_the_rules_accept(kb):
    files = ["index.md", "x.html", "assets/a.js", "guide/b.js", "reponses/a/Mauvais Nom.md", "reponses/a/bon.md"]
    assert publishable(files) == {"index.md", "assets/a.js", "reponses/a/bon.md"}
