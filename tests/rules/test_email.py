"""KB503 personal-email: allowlist, local values and domains are accepted."""

RULE = "KB503"


def test_private_address_reported_and_masked(kb):
    path = kb.valid("etat-civil/acte.md", "Écrire à jean.exemple@gmail.com pour le suivi.\n")
    kb.check([(path, 7, 10, RULE)])
    problem = kb.only(RULE)
    assert "jean.exemple@gmail.com" not in problem.full_message()
    assert problem.received == "je******************om"


def test_address_in_front_matter_and_code(kb):
    path = kb.add("etat-civil/acte.md", kb.header(extra='owner: "marie@orange.fr"\n') + "```\nx@free.fr\n```\n")
    kb.check([(path, 2, 9, RULE), (path, 9, 1, RULE)])


def test_institutional_addresses_allowed(kb):
    kb.valid(
        "etat-civil/acte.md",
        """\
        - déclarée : contact@ants.gouv.fr, Contact@ANTS.gouv.fr
        - valeur locale : etat-civil@mairie-test.fr
        - domaine : accueil@exempleville.example, urbanisme@services.exempleville.example
        """,
    )
    kb.check([])


def test_lookalike_domain_reported(kb):
    path = kb.valid("etat-civil/acte.md", "x@exempleville.example.com et y@faux-exempleville.example\n")
    kb.check([(path, 7, 1, RULE), (path, 7, 31, RULE)])


def test_imported_sheets_are_checked_too(kb):
    # ``origin:`` does not switch the rule off: public addresses pass, a private one does not.
    path = kb.add(
        "etat-civil/acte.md",
        kb.header(extra="origin: {source: service-public, id: F1427}\n")
        + "courrier.scec@diplomatie.gouv.fr, contact@service-public.fr\njean@gmail.com\n",
    )
    kb.check([(path, 9, 1, RULE)])
