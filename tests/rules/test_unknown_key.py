"""KB100 unknown-key."""

RULE = "KB100"


def test_misspelt_key_with_suggestion(kb):
    path = kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: "Acte"
        service: etat-civil
        tags: [acte]
        valid_untill: 2027-06-30
        ---
        """,
    )
    kb.check([(path, 1, 1, "KB103"), (path, 5, 1, RULE)])
    problem = kb.only(RULE)
    assert problem.received == "valid_untill"
    assert problem.fix == "vouliez-vous dire « valid_until » ?"
    assert "valid_until" in problem.expected


def test_unknown_key_without_close_match(kb):
    path = kb.add("etat-civil/acte.md", kb.header(extra="couleur: bleu\n"))
    kb.check([(path, 2, 1, RULE)])
    assert kb.only(RULE).fix == "supprimez ce champ ou corrigez son nom"


def test_case_is_significant(kb):
    path = kb.add("etat-civil/acte.md", kb.header().replace("title:", "Title:"))
    kb.check([(path, 1, 1, "KB103"), (path, 2, 1, RULE)])
    assert kb.only(RULE).fix == "vouliez-vous dire « title » ?"


def test_every_contract_field_is_known(kb):
    kb.valid("etat-civil/livret-de-famille.md")
    kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: "Acte"
        service: etat-civil
        tags: [acte]
        valid_until: 2027-06-30
        owner: "@test/etat-civil"
        reviewed: 2026-11-01
        aliases: [extrait de naissance]
        sources: [F1427, "https://www.service-public.fr/particuliers/vosdroits/F1427"]
        related: [livret-de-famille]
        audience: particuliers
        status: published
        description: "Où et comment demander un acte."
        origin: {source: service-public, id: F1427}
        ---
        """,
    )
    kb.check([])
