"""KB403 javascript-url."""

RULE = "KB403"


def test_javascript_link(kb):
    path = kb.valid("etat-civil/acte.md", "Cliquer [ici](javascript:alert(1)).\n")
    kb.check([(path, 7, 13, RULE)])


def test_entity_obfuscated_links(kb):
    path = kb.valid(
        "etat-civil/acte.md",
        """\
        [a](&#106;avascript:alert(1))
        [b](&#x6A;&#x61;vascript&#58;alert(1))
        [c](java&#09;script:alert(1))
        [d]( JaVaScRiPt:alert(1))
        """,
    )
    kb.check([(path, 7, 3, RULE), (path, 8, 3, RULE), (path, 9, 3, RULE), (path, 10, 3, RULE)], RULE)  # at "]("


def test_html_attributes_and_reference_definitions(kb):
    path = kb.valid(
        "etat-civil/acte.md",
        """\
        <a href="javascript:void(0)">x</a> <a href=vbscript:msgbox>y</a>
        <form action='data:text/html,<p>'>

        [ref]: javascript:alert(1)
        """,
    )
    kb.check([(path, 7, 4, RULE), (path, 7, 39, RULE), (path, 8, 7, RULE), (path, 10, 5, RULE)], RULE)


def test_in_code_not_reported(kb):
    kb.valid("etat-civil/acte.md", '`[x](javascript:alert(1))`\n\n```\n<a href="javascript:x">\n```\n')
    kb.check([])


def test_ordinary_links_and_prose(kb):
    kb.valid(
        "etat-civil/acte.md",
        """\
        [Aide](https://exemple.fr/javascript/aide) : activer JavaScript: dans le navigateur.
        [Données](https://data.gouv.fr/) <a href="https://exemple.fr">x</a>
        """,
    )
    kb.check([])


def test_destination_on_the_next_line_is_caught(kb):
    path = kb.valid("etat-civil/acte.md", "[Ouvrir](\njavascript:alert(1))\n")
    kb.check([(path, 7, 8, RULE)], RULE)


def test_entity_encoded_scheme_on_the_next_line(kb):
    path = kb.valid("etat-civil/acte.md", "[lien](\n&#106;avascript:alert(1))\n")
    kb.check([(path, 7, 6, RULE)], RULE)


def test_entity_encoded_attribute_split_over_lines(kb):
    path = kb.valid("etat-civil/acte.md", '<a\nhref="&#x6A;&#x61;vascript:alert(1)">x</a>\n')
    kb.check([(path, 8, 1, RULE)], RULE)
