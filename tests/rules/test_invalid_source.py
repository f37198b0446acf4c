"""KB108 invalid-source."""

RULE = "KB108"


def test_invalid_sources(kb):
    path = kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: "Acte"
        service: etat-civil
        tags: [acte]
        valid_until: 2027-06-30
        sources:
          - F1427
          - www.service-public.fr/F1427
          - "fiche 1427"
          - ftp://exemple.fr
        ---
        """,
    )
    kb.check([(path, 8, 5, RULE), (path, 9, 5, RULE), (path, 10, 5, RULE)])


def test_single_invalid_source(kb):
    path = kb.add("etat-civil/acte.md", kb.header(extra="sources: service-public\n"))
    kb.check([(path, 2, 1, RULE)])
    assert kb.only(RULE).received == "service-public"


def test_valid_sources(kb):
    kb.add(
        "etat-civil/acte.md",
        kb.header(
            extra='sources: [F1427, R1406, N359, "https://www.service-public.fr/particuliers/vosdroits/F1427", '
            '"http://www.legifrance.gouv.fr/x", "Source : Code civil, article 34"]\n'
        ),
    )
    kb.check([])


def test_source_with_credentials_is_refused_and_masked(kb):
    path = kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: "Acte"
        service: etat-civil
        tags: [acte]
        valid_until: 2027-06-30
        sources:
          - https://agent:s3cret@intranet.exemple.fr/procedure
          - https://intranet.exemple.fr/doc?private_token=glpat-s3cret
        ---
        Texte.
        """,
    )
    kb.check([(path, 7, 5, RULE), (path, 8, 5, RULE)], RULE)
    for problem in kb.problems():
        assert "s3cret" not in problem.full_message()
