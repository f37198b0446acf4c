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
