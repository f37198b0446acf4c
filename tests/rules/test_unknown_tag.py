"""KB102 unknown-tag."""

RULE = "KB102"


def test_unknown_tags_in_flow_list_with_suggestions(kb):
    path = kb.add(
        "etat-civil/acte.md", kb.header().replace("tags: [acte, naissance]", "tags: [naissances, acte, etat civil]")
    )
    kb.check([(path, 4, 8, RULE), (path, 4, 26, RULE)])
    first, second = (p for p in kb.problems() if p.rule_id == RULE)
    assert first.received == "naissances"
    assert first.fix.startswith("étiquettes proches : naissance")
    assert second.fix.startswith("étiquettes connues : acte, identite, mariage, naissance")


def test_unknown_tag_in_block_list(kb):
    path = kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: "Acte"
        service: etat-civil
        valid_until: 2027-06-30
        tags:
          - acte
          - naisance
        ---
        """,
    )
    kb.check([(path, 7, 5, RULE)])


def test_single_tag_as_text(kb):
    path = kb.add("etat-civil/acte.md", kb.header().replace("tags: [acte, naissance]", "tags: mariages"))
    kb.check([(path, 4, 1, RULE)])


def test_synonym_is_not_a_tag(kb):
    path = kb.add("etat-civil/acte.md", kb.header().replace("tags: [acte, naissance]", "tags: [né]"))
    kb.check([(path, 4, 8, RULE)])


def test_declared_tags(kb):
    kb.add(
        "etat-civil/acte.md",
        kb.header().replace("tags: [acte, naissance]", "tags: [acte, naissance, mariage, identite]"),
    )
    kb.add("etat-civil/mariage.md", kb.header("Mariage").replace("tags: [acte, naissance]", "tags: mariage"))
    kb.check([])
