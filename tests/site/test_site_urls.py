"""Where pages live: doc paths, links between them, URLs."""

from __future__ import annotations

import pytest
from sitekb import SAMPLE

from kb_tools import urls
from kb_tools.config import load_config
from kb_tools.kb import load_kb


def test_virtual_paths_follow_the_configuration() -> None:
    paths = urls.virtual_paths(load_config(SAMPLE))
    assert paths == {
        "index.md",
        "services/index.md",
        "services/etat-civil.md",
        "services/identite.md",
        "etiquettes/index.md",
        "etiquettes/acte.md",
        "etiquettes/famille.md",
        "etiquettes/identite.md",
        "fraicheur.md",
        "glossaire.md",
        "accessibilite.md",
        "guide/regles.md",
        "guide/reference-kb-yml.md",
        "partenaires/index.md",
        "partenaires/charte.md",
        *(f"partenaires/{key}.md" for key in load_config(SAMPLE).partners),
    }


def test_load_kb_sets_the_virtual_pages() -> None:
    kb = load_kb(SAMPLE)
    assert kb.virtual_pages == urls.virtual_paths(kb.config)


@pytest.mark.parametrize(
    ("doc_path", "directory_url", "file_url"),
    [
        ("index.md", "", "index.html"),
        ("services/index.md", "services/", "services/index.html"),
        ("fraicheur.md", "fraicheur/", "fraicheur.html"),
        ("reponses/etat-civil/acte.md", "reponses/etat-civil/acte/", "reponses/etat-civil/acte.html"),
    ],
)
def test_page_url(doc_path: str, directory_url: str, file_url: str) -> None:
    assert urls.page_url(doc_path, use_directory_urls=True) == directory_url
    assert urls.page_url(doc_path, use_directory_urls=False) == file_url


@pytest.mark.parametrize(
    ("source", "target", "directory_href", "file_href"),
    [
        ("reponses/a/x.md", "services/a.md", "../../../services/a/", "../../services/a.html"),
        ("reponses/a/x.md", "reponses/a/y.md", "../y/", "y.html"),
        ("reponses/a/x.md", "reponses/b/y.md", "../../b/y/", "../b/y.html"),
        ("reponses/a/x.md", "index.md", "../../../", "../../index.html"),
        ("index.md", "reponses/a/y.md", "reponses/a/y/", "reponses/a/y.html"),
        ("etiquettes/index.md", "etiquettes/acte.md", "acte/", "acte.html"),
    ],
)
def test_href_matches_what_mkdocs_writes(source: str, target: str, directory_href: str, file_href: str) -> None:
    assert urls.href(source, target, use_directory_urls=True) == directory_href
    assert urls.href(source, target, use_directory_urls=False) == file_href


def test_link_is_a_relative_md_path() -> None:
    assert urls.link("services/a.md", "reponses/a/x.md") == "../reponses/a/x.md"
    assert urls.link("index.md", "fraicheur.md") == "fraicheur.md"


def test_guide_pages_index_first_rules_page_left_out() -> None:
    files = ["guide/zeta.md", "guide/index.md", "guide/regles.md", "guide/img.png", "reponses/a/x.md"]
    assert urls.guide_pages(files) == ["guide/index.md", "guide/zeta.md"]
