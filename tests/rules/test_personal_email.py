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


def test_disguised_addresses_reported(kb):
    path = kb.valid(
        "etat-civil/acte.md",
        """\
        jean.dupont [at] gmail.com
        jean.dupont (at) gmail (dot) com
        jean.dupont arobase gmail.com
        jean.dupont&#64;gmail.com
        jean.dupont&commat;gmail.com
        jean\\_dupont@gmail\\.com
        [écrire](mailto:jean%40gmail.com)
        """,
    )
    kb.check(
        [
            (path, 7, 1, RULE),
            (path, 8, 1, RULE),
            (path, 9, 1, RULE),
            (path, 10, 1, RULE),
            (path, 11, 1, RULE),
            (path, 12, 1, RULE),
            (path, 13, 17, RULE),
        ]
    )
    problem = kb.problems()[0]
    assert "dupont" not in problem.full_message()


def test_reported_in_kb_yml_but_not_the_declared_contacts(kb):
    from .conftest import CONFIG

    kb.config(CONFIG.replace('  CNI: "Carte nationale d\'identité"', '  CNI: "Carte, voir jean [at] free.fr"'))
    line = CONFIG.split("\n").index('  CNI: "Carte nationale d\'identité"') + 1
    kb.check([("kb.yml", line, 21, RULE)])


def test_reported_in_a_file_name(kb):
    kb.add("etat-civil/ecrire-a-jean@free.fr.md", kb.header() + "Texte.\n")
    kb.check([("docs/reponses/etat-civil/ec********************md", 1, 0, RULE)], RULE)
