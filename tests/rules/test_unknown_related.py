"""KB107 unknown-related."""

RULE = "KB107"


def test_unknown_related_with_suggestion(kb):
    kb.valid("etat-civil/livret-de-famille.md")
    path = kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: "Acte"
        service: etat-civil
        tags: [acte]
        valid_until: 2027-06-30
        related:
          - livret-famille
          - cni-perte
        ---
        """,
    )
    kb.check([(path, 7, 5, RULE), (path, 8, 5, RULE)])
    first, second = (p for p in kb.problems() if p.rule_id == RULE)
    assert first.fix == "vouliez-vous dire « livret-de-famille » ?"
    assert second.fix == "vérifiez le nom du fichier de la réponse visée"


def test_self_reference(kb):
    path = kb.add("etat-civil/acte.md", kb.header(extra="related: acte\n"))
    kb.check([(path, 2, 1, RULE)])
    assert kb.only(RULE).message == "la réponse se cite elle-même dans related"


def test_related_in_another_folder_by_id_path_or_file_name(kb):
    kb.valid("identite/cni.md")
    kb.valid("etat-civil/livret.md")
    kb.add("etat-civil/acte.md", kb.header(extra="related: [cni, identite/cni.md, livret.md]\n"))
    kb.check([])
