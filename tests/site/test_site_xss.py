"""Issue 9, stored XSS: every channel either fails validation with a KB code
naming the file and line, or builds with nothing executable (checked by
parsing every built page, the 404 page and the search index)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from htmlcheck import CSP_RE, fragment_findings, page_findings, site_findings
from sitekb import SAMPLE, TODAY, answer, copy_project, mkdocs_build, write_kb

from kb_tools.kb import load_kb
from kb_tools.rules.runner import validate

pytestmark = pytest.mark.slow

IMG = "<img src=x onerror=alert(1)>"
SITE_NAME = "Base </title><script>alert(1)</script>"

# Every kb.yml value that lands in a page: site name, service and tag labels,
# service description, tag synonyms, glossary meaning, placeholder value.
HOSTILE_CONFIG = (
    (SAMPLE / "kb.yml")
    .read_text(encoding="utf-8")
    .replace("Base d'essai de l'accueil", SITE_NAME.replace('"', '\\"'))
    .replace('label: "État civil"', f'label: "État civil {IMG}"')
    .replace('label: "Famille"', 'label: "Famille <svg onload=alert(1)>"')
    .replace(
        '"Actes de naissance et de décès, livret de famille."',
        '"Actes <a href=\\"javascript:alert(1)\\">ici</a> {: onclick=alert(1) }"',
    )
    .replace('["enfant", "parents"]', '["enfant <b onmouseover=alert(1)>", "parents"]')
    .replace('"Caisse d\'allocations familiales"', '"Caisse \\"><img src=x onerror=alert(1)>"')
    .replace('"du lundi au vendredi de 9 h à 17 h"', f'"de 9 h à 17 h {IMG}"')
)
assert HOSTILE_CONFIG.count("alert(1)") == 8  # every replacement took place

HOSTILE_ANSWERS = {
    # front matter title and description, printed by the theme (<h1>, <title>, <meta>)
    "docs/reponses/etat-civil/titre.md": answer(
        IMG.replace("x", "y"),
        tags="[famille]",
        extra="description: '\"><script>alert(1)</script>'\naliases: ['<svg onload=alert(1)>']\n",
        body="Horaires : {{ mairie.horaires }}. La CAF répond.",
    ),
    # an attribute list in the title
    "docs/reponses/etat-civil/titre-attributs.md": answer('Titre {: onclick=\\"alert(1)\\" }'),
    # raw HTML that passes validation but carries what the allowlist drops
    # (a style fetching from elsewhere, a srcset with a javascript: candidate)
    "docs/reponses/etat-civil/html-brut.md": answer(
        "HTML brut",
        body='<div title="a&gt;b" style="background:url(https://evil.example/x)">Texte</div>\n\n'
        '<img src="x.png" alt="" srcset="javascript:alert(1)">',
    ),
    # what an import writes: dc:title and dc:description as YAML strings
    "docs/reponses/identite/sp-f9999.md": answer(
        "</title><script>alert(1)</script>",
        service="identite",
        tags="[identite]",
        extra="description: '<img src=x onerror=alert(1)>'\norigin: {source: service-public, id: F9999}\n",
        body="Texte de la fiche.",
    ),
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("hostile") / "kb", SAMPLE)
    write_kb(root, HOSTILE_ANSWERS, HOSTILE_CONFIG)
    proc = mkdocs_build(root)
    if proc.returncode != 0:
        pytest.fail(f"hostile site build failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    return root / "site"


def test_hostile_site_builds_with_nothing_executable(hostile_site: Path) -> None:
    assert (hostile_site / "404.html").is_file()
    assert site_findings(hostile_site) == {}


def test_hostile_values_are_shown_as_text(hostile_site: Path) -> None:
    page = (hostile_site / "reponses/etat-civil/titre/index.html").read_text(encoding="utf-8")
    assert "&lt;img src=y onerror=alert(1)&gt;" in page  # the h1 and <title>, escaped, not dropped
    assert '<meta name="description" content="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">' in page
    assert "Base &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page  # site name in the header
    sp = (hostile_site / "reponses/identite/sp-f9999/index.html").read_text(encoding="utf-8")
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; - Base" in sp
    assert 'content="&lt;img src=x onerror=alert(1)&gt;"' in sp
    raw = (hostile_site / "reponses/etat-civil/html-brut/index.html").read_text(encoding="utf-8")
    assert '<div title="a&gt;b">Texte</div>' in raw  # the element kept, its style gone
    assert "srcset" not in raw and "evil.example" not in raw


def test_title_attribute_list_is_plain_text(hostile_site: Path) -> None:
    page = (hostile_site / "reponses/etat-civil/titre-attributs/index.html").read_text(encoding="utf-8")
    assert 'Titre {: onclick="alert(1)" }' in page.replace("&quot;", '"').replace("&#34;", '"')


def test_404_page_carries_the_policy_and_an_escaped_site_name(hostile_site: Path) -> None:
    page = (hostile_site / "404.html").read_text(encoding="utf-8")
    assert CSP_RE.search(page)
    assert page_findings(page) == []
    assert "<script>alert(1)" not in page


def test_search_index_entries_are_sanitized(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search" / "kb-index.json").read_text(encoding="utf-8"))
    sections = json.loads((hostile_site / "search" / "kb-index-sections.json").read_text(encoding="utf-8"))
    index["docs"] += sections["docs"]
    entry = next(d for d in index["docs"] if d["location"] == "reponses/etat-civil/titre/")
    assert entry["title"] == "&lt;img src=y onerror=alert(1)&gt;"
    assert "&lt;svg onload=alert(1)&gt;" in entry["tags"]
    assert all(fragment_findings(str(v)) == [] for d in index["docs"] for v in (d["title"], d["text"]))


def test_the_checker_can_fail() -> None:
    """The checks above are not vacuous: each kind of payload is seen."""
    assert fragment_findings('<p onclick="x">a</p>')
    assert fragment_findings("<script>alert(1)</script>")
    assert fragment_findings('<a href=" jav&#x09;ascript:alert(1)">a</a>')
    assert fragment_findings("<iframe src=x></iframe>")
    page = '<html><head><meta http-equiv="Content-Security-Policy" content="script-src \'self\'"></head>'
    assert page_findings(page + "<body><script>__md_scope=new URL('.')</script></body></html>")
    assert page_findings("<html><body></body></html>") == ["pas de Content-Security-Policy"]


@pytest.mark.parametrize(
    ("body", "line", "column", "rule"),
    [
        ('Texte\n{: onclick="alert(1)" }', 12, 4, "KB404"),
        ('### Titre {: onmouseover="alert(1)" }', 11, 14, "KB404"),
        ('[lien](https://exemple.fr){: onclick="alert(1)" }', 11, 30, "KB404"),
        ('[lien](https://exemple.fr){: href="javascript:alert(1)" }', 11, 30, "KB404"),
        ("<img src=x onerror=alert(1)>", 11, 1, "KB402"),
        ("<script>alert(1)</script>", 11, 1, "KB401"),
        ("[lien](javascript:alert(1))", 11, 6, "KB403"),
        ('<div title="a>b" onclick="alert(1)">Texte</div>', 11, 1, "KB402"),  # a quoted ">" before the handler
    ],
)
def test_channels_the_validator_reports(tmp_path: Path, body: str, line: int, column: int, rule: str) -> None:
    root = write_kb(tmp_path / "kb", {"docs/reponses/etat-civil/a.md": answer("A", body=body)})
    found = [(p.path, p.line, p.column, p.rule_id) for p in validate(load_kb(root), TODAY) if p.is_error]
    assert (("docs/reponses/etat-civil/a.md", line, column, rule)) in found
