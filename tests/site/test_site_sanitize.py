"""The sanitizer's allowlists and the page policy, as functions (kb_tools.site.sanitize, kb_tools.site.csp)."""

from __future__ import annotations

import pytest
from sitekb import ROOT

from kb_tools.site import csp
from kb_tools.site.sanitize import sanitize_html, text_html

KEPT = [
    '<h2 id="pieces">Pièces<a class="headerlink" href="#pieces" title="Lien vers cette section">¶</a></h2>',
    '<div class="admonition note"><p class="admonition-title">Note</p><p>x</p></div>',
    '<details class="info" open=""><summary>Les chiffres</summary><p>x</p></details>',
    '<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked="" id="__tabbed_1_1" name="__tabbed_1"'
    ' type="radio"><div class="tabbed-labels"><label for="__tabbed_1_1">Un</label></div></div>',
    '<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled="" checked="">'
    '<span class="task-list-indicator"></span></label> fait</li>',
    '<table><thead><tr><th style="text-align:right">a</th></tr></thead><tbody><tr><td style="text-align:center">1'
    "</td></tr></tbody></table>",
    '<p><abbr title="Caisse d\'allocations familiales">CAF</abbr></p>',
    '<pre><code class="language-yaml">a: &lt;b&gt;\n  c: 1\n</code></pre>',
    '<div class="kb-banner" data-valid-until="2027-09-30" data-expiring-days="30" role="status" hidden=""></div>',
    '<time class="kb-valid-until" data-valid-until="2027-09-30" datetime="2027-09-30">30 septembre 2027</time>',
    '<a class="md-button kb-action-edit" href="https://gitlab.example.org/x/-/edit/main/a.md">Modifier</a>',
    '<a href="mailto:accueil@mairie.example">écrire</a> <a href="tel:+33199001000">appeler</a> <a href="../b/">b</a>',
    '<button type="button" class="md-button kb-search-open">Rechercher</button>',
    '<figure class="kb-chart"><svg class="kb-chart__svg" role="img" aria-labelledby="t d" viewBox="0 0 10 10"'
    ' width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title id="t">T</title>'
    '<desc id="d">D</desc><rect x="1" y="2" width="3" height="4" fill="#c62828"></rect>'
    '<text x="1" y="2" text-anchor="end" class="kb-chart__label">L</text></svg></figure>',
    '<p><img src="plan.png" alt="Plan" width="300" loading="lazy"></p>',
]


@pytest.mark.parametrize("fragment", KEPT)
def test_legitimate_markup_is_kept(fragment: str) -> None:
    assert sanitize_html(fragment) == fragment


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ('<p onclick="alert(1)" style="color:red">a</p>', "<p>a</p>"),
        ('<div title="a>b" onclick="alert(1)">x</div>', '<div title="a&gt;b">x</div>'),
        ("<img src=x onerror=alert(1)>", '<img src="x">'),
        ('<a href="javascript:alert(1)">a</a>', "<a>a</a>"),
        ('<a href=" jav&#x09;ascript:alert(1)">a</a>', "<a>a</a>"),
        ('<a href="data:text/html,<script>alert(1)</script>">a</a>', "<a>a</a>"),
        ("<script>alert(1)</script>après", "après"),
        ("<style>body{display:none}</style>x", "x"),
        ("<iframe srcdoc='<script>alert(1)</script>'></iframe>x", "x"),
        (
            '<svg onload="alert(1)"><a href="javascript:alert(1)"><text>t</text></a></svg>',
            "<svg><a><text>t</text></a></svg>",
        ),
        ('<form action="https://evil.example"><input type="text" name="q"></form>', '<input name="q">'),
        ('<td style="text-align:right;background:url(javascript:alert(1))">1</td>', "1"),  # outside a table
        ('<p id="__config" data-md-component="search">x</p>', "<p>x</p>"),
        ('<p><a href="#" target="_blank" rel="opener">a</a></p>', '<p><a href="#">a</a></p>'),
        ("<!-- <script>alert(1)</script> -->x", "x"),
    ],
)
def test_anything_else_is_dropped(fragment: str, expected: str) -> None:
    assert sanitize_html(fragment) == expected


def test_table_cell_style_keeps_only_alignment() -> None:
    cell = '<table><tbody><tr><td style="text-align: right; background: url(x)">1</td></tr></tbody></table>'
    assert sanitize_html(cell) == '<table><tbody><tr><td style="text-align:right">1</td></tr></tbody></table>'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("</title><script>alert(1)</script>", "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('"><img src=x onerror=alert(1)>', "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        ("Base de l'accueil", "Base de l&#x27;accueil"),
        ("A &amp; B", "A &amp; B"),  # a title that went through Markdown is not escaped twice
        ("A & B", "A &amp; B"),
    ],
)
def test_template_values_are_escaped_once(value: str, expected: str) -> None:
    assert text_html(value) == expected


PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><script>var a=1</script>'
    '<script id="__config" type="application/json">{"search": "assets/javascripts/workers/search.js"}</script>'
    '</head><body><article>{content}</article><script src="assets/kb.js"></script></body></html>'
)


def page_with(content: str) -> str:
    return PAGE.replace("{content}", content)


def test_policy_allows_the_theme_inline_scripts_by_hash_only() -> None:
    page = page_with("<p>x</p>")
    out = csp.with_policy(page, "<p>x</p>")
    assert out.startswith('<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')
    value = csp.page_policy(page, "<p>x</p>")
    assert value == (
        f"default-src 'self'; script-src 'self' {csp.script_hash('var a=1')}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'"
    )
    assert "unsafe-inline" not in value.split("script-src", 1)[1].split(";", 1)[0]


def test_a_script_in_the_content_is_never_allowed() -> None:
    content = "<script>alert(1)</script>"
    value = csp.page_policy(page_with(content), content)
    assert csp.script_hash("alert(1)") not in value
    assert csp.script_hash("var a=1") in value


def test_script_hash_is_the_browsers() -> None:
    # Value from the CSP specification's example: sha256 of "alert('Hello, world.');"
    assert csp.script_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_offline_shim_bootstrap_is_allowed() -> None:
    shim = (ROOT / "docs/assets/vendor/iframe-worker/shim.js").read_text(encoding="utf-8")
    page = page_with("")
    bootstrap = csp.shim_bootstrap(shim, "assets/javascripts/workers/search.js")
    assert bootstrap is not None
    assert bootstrap.startswith('postMessage=function c(s,n){parent.postMessage(s,n||"*")};importScripts=function d(')
    assert 'filename:"assets/javascripts/workers/search.js"' in bootstrap
    assert csp.script_hash(bootstrap) in csp.page_policy(page, "", shim)
    assert csp.script_hash(bootstrap) not in csp.page_policy(page, "")


def test_unknown_shim_adds_nothing() -> None:
    page = page_with("")
    assert csp.page_policy(page, "", "/* another shim */") == csp.page_policy(page, "")
