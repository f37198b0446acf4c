"""KB404 attribute-list."""

RULE = "KB404"


def test_handler_on_a_paragraph(kb):
    path = kb.valid("etat-civil/acte.md", 'Texte\n{: onclick="alert(1)" }\n')
    kb.check([(path, 8, 4, RULE)], RULE)
    problem = kb.only(RULE)
    assert problem.message == "attribut « onclick » interdit dans une liste d'attributs"
    assert problem.received == 'onclick="alert(1)"'
    assert "#identifiant" in problem.fix


def test_heading_link_and_image(kb):
    body = (
        "### Titre {: onmouseover='x' }\n"
        "[lien](https://exemple.fr){onclick=x}\n"
        '![plan](plan.png){: .large style="width:1px" }\n'
    )
    path = kb.valid("etat-civil/acte.md", body)
    kb.check([(path, 7, 14, RULE), (path, 8, 28, RULE), (path, 9, 28, RULE)], RULE)


def test_address_overridden(kb):
    path = kb.valid("etat-civil/acte.md", "[lien](https://exemple.fr){: href=javascript:alert(1) }\n")
    kb.check([(path, 7, 30, RULE)], RULE)


def test_safe_attributes_accepted(kb):
    body = (
        "## Pièces {: #pieces .important }\n"
        'Texte\n{: title="Info" lang=fr }\n'
        '![plan](plan.png){ width="300" loading=lazy alt="Plan" }\n'
        "Appeler le {{ mairie.telephone }}.\n"
    )
    kb.valid("etat-civil/acte.md", body)
    kb.check([], RULE)


def test_in_code_not_reported(kb):
    kb.valid("etat-civil/acte.md", '```markdown\nTexte\n{: onclick="x" }\n```\n\n`{: onclick="x" }`\n')
    kb.check([], RULE)


def test_long_line_of_braces_is_linear(kb):
    kb.valid("etat-civil/acte.md", "{" * 200_000 + " a=b\n")  # no closing brace: nothing to report
    kb.check([], RULE)
