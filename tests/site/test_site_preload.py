"""Preload hints for a page's scripts (kb_tools.site.preload): every script the theme loads
is asked for from the top of <head>, nothing else, and never before the page's policy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb_tools.site import csp, preload

PAGE = (
    '<!doctype html><html><head><meta charset="utf-8">'
    '<link rel="stylesheet" href="assets/stylesheets/main.css">'
    '<script src="assets/kb-search.js"></script>'
    "<script>__md_scope=new URL('.',location)</script>"
    "</head><body><article>{content}</article>"
    '<script id="__config" type="application/json">{{"base": "."}}</script>'
    '<script src="assets/javascripts/bundle.123.min.js"></script>'
    '<script src="assets/kb.js" defer></script>'
    '<script src="assets/kb-offline.js" defer></script>'
    "</body></html>"
)

HINT = re.compile(r'<link rel="preload" as="script" href="([^"]*)">')


def hints(page: str) -> list[str]:
    return HINT.findall(page)


def test_every_script_of_the_theme_is_preloaded_in_document_order_after_the_policy() -> None:
    page = csp.with_policy(PAGE.format(content="<p>Bonjour</p>"))
    out = preload.with_preloads(page)
    assert hints(out) == [
        "assets/kb-search.js",
        "assets/javascripts/bundle.123.min.js",
        "assets/kb.js",
        "assets/kb-offline.js",
    ]
    head = out.split("</head>", 1)[0]
    policy = head.index('http-equiv="Content-Security-Policy"')
    assert policy < head.index('rel="preload"') < head.index('rel="stylesheet"')
    assert out.replace("".join(f'<link rel="preload" as="script" href="{h}">' for h in hints(out)), "") == page


@pytest.mark.parametrize(
    "tag",
    [
        '<script src="https://cdn.example.org/x.js"></script>',
        '<script src="//cdn.example.org/x.js"></script>',
        '<script src="javascript:alert(1)//.js"></script>',
        '<script src="data:text/javascript,alert(1)//.js"></script>',
        '<script src="a.js&quot;&gt;&lt;script&gt;alert(1)//.js"></script>',
        '<script src="assets/m.js" type="module"></script>',
        '<script src="assets/legacy.js" nomodule></script>',
        '<script src="assets/data.json" type="application/json"></script>',
        "<script src='x.js\" onload=alert(1) a=.js'></script>",
    ],
)
def test_only_plain_paths_of_classic_scripts_are_preloaded(tag: str) -> None:
    page = PAGE.format(content="").replace("</head>", tag + "</head>")
    found = preload.script_sources(page)
    assert found == [
        "assets/kb-search.js",
        "assets/javascripts/bundle.123.min.js",
        "assets/kb.js",
        "assets/kb-offline.js",
    ]


def test_the_content_s_scripts_are_never_preloaded_and_each_script_once() -> None:
    content = '<script src="assets/evil.js"></script>'
    page = PAGE.format(content=content).replace("</body>", '<script src="assets/kb.js" defer></script></body>')
    assert "assets/evil.js" not in preload.script_sources(page, content)
    assert preload.script_sources(page, content).count("assets/kb.js") == 1


def test_a_page_without_scripts_or_head_is_left_as_it_is() -> None:
    assert preload.with_preloads("<p>Bonjour</p>") == "<p>Bonjour</p>"
    bare = "<html><head><title>t</title></head><body><p>x</p></body></html>"
    assert preload.with_preloads(bare) == bare
    no_head = '<p>x</p><script src="assets/kb.js"></script>'
    assert preload.with_preloads(no_head) == no_head


@pytest.mark.slow
def test_built_pages_preload_the_scripts_they_run(sample_site: Path) -> None:
    for rel in ("index.html", "reponses/etat-civil/acte-de-naissance/index.html", "404.html"):
        page = (sample_site / rel).read_text(encoding="utf-8")
        scripts = re.findall(r'<script src="([^"]+)"', page)
        assert hints(page) == list(dict.fromkeys(scripts)), rel
        assert any("javascripts/bundle." in h for h in hints(page)) and any(
            h.endswith("kb-search.js") for h in hints(page)
        )
        head = page.split("</head>", 1)[0]
        assert head.index("Content-Security-Policy") < head.index('rel="preload"'), rel
