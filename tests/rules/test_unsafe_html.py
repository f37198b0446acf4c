"""KB401 unsafe-html."""

import pytest

RULE = "KB401"


@pytest.mark.parametrize(
    ("line", "columns"),
    [
        ("<script>alert(1)</script>", [1]),  # reported once, at the opening tag
        ('Texte <iframe src="https://exemple.fr/formulaire"></iframe>', [7]),
        ('<object data="x.swf">', [1]),
        ("< SCRIPT src=x>", [1]),
        ('<embed src="x"> <form action="/">', [1, 17]),
        ('<svg onload="x">', [1]),
    ],
)
def test_active_tags(kb, line, columns):
    path = kb.valid("etat-civil/acte.md", line + "\n")
    kb.check([(path, 7, c, RULE) for c in columns], RULE)


def test_entity_encoded_text_is_decoded(kb):
    path = kb.valid("etat-civil/acte.md", "&lt;script&gt;alert(1)&lt;/script&gt;\n")
    assert [p[:2] for p in kb.found(RULE)] == [(path, 7)]


def test_html_shown_as_code_is_allowed(kb):
    kb.valid(
        "etat-civil/acte.md",
        """\
        Ne jamais coller `<script>` dans une réponse, ni ceci :

        ```html
        <script>alert(1)</script>
        <iframe src="x"></iframe>
        <object data="x"></object>
        ```

            <script>indenté</script>
        """,
    )
    # Indented lines are still scanned: they may continue a list item.
    assert [p[1:] for p in kb.found(RULE)] == [(15, 5, RULE)]


def test_harmless_html_and_prose(kb):
    kb.valid(
        "etat-civil/acte.md",
        """\
        <div class="encadre">Texte</div> <abbr title="x">CNI</abbr> <br>
        Les scripts et formulaires : <details><summary>Plus</summary>…</details>
        Moins de 3 mois (a<b, b>c), <scriptorium>.
        """,
    )
    kb.check([])


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("~~~ du texte\n<script>alert(1)</script>\n~~~\n", 8),  # not an info string fenced_code accepts
        ("```\n<script>alert(1)</script>\n", 8),  # never closed
        ("```\n<script>alert(1)</script>\n````\n", 8),  # closed by another fence length: not closed
        ("  ```\n<script>alert(1)</script>\n  ```\n", 8),  # indented
        ("- point\n\n    ```\n    <script>alert(1)</script>\n    ```\n", 10),  # in a list item
        ("\\`<script>alert(1)</script>`\n", 7),  # an escaped backtick opens no code
        ("# Titre `\n` a ` <script>alert(1)</script> `\n", 8),  # backticks paired across a heading
        ("<div>\n`<script>alert(1)</script>`\n</div>\n", 8),  # no Markdown inside a raw HTML block
        ("| `a | <script>x</script> | b` |\n| --- | --- | --- |\n", 7),  # table cells pair on their own
    ],
)
def test_script_behind_a_fake_fence_or_code_span_is_reported(kb, body, line):
    path = kb.valid("etat-civil/acte.md", body)
    assert [p[:2] for p in kb.found(RULE)] == [(path, line)]


@pytest.mark.parametrize(
    "body",
    [
        "~~~ html\n<script>alert(1)</script>\n~~~\n",
        "```{.html #exemple}\n<script>alert(1)</script>\n```\n",
        "````\n```\n<script>alert(1)</script>\n```\n````\n",
        "Ne collez jamais `<script>` ni ``<iframe>`` dans une réponse.\n",
    ],
)
def test_real_code_is_still_allowed(kb, body):
    kb.valid("etat-civil/acte.md", body)
    kb.check([], RULE)
