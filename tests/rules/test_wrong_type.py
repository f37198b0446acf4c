"""KB104 wrong-type."""

RULE = "KB104"


def test_list_title_and_mapping_tags(kb):
    path = kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: [Acte, naissance]
        service: etat-civil
        tags: {acte: oui}
        valid_until: 2027-06-30
        ---
        """,
    )
    kb.check([(path, 2, 1, RULE), (path, 4, 1, RULE)], RULE)
    title, tags = (p for p in kb.problems() if p.rule_id == RULE)
    assert title.message == "« title » doit être un texte"
    assert title.received == "liste ['Acte', 'naissance']"
    assert tags.message == "« tags » doit être une liste"


def test_nested_list_item(kb):
    path = kb.add("etat-civil/acte.md", kb.header(extra="aliases: [acte, [a, b], {c: d}]\n"))
    kb.check([(path, 2, 17, RULE), (path, 2, 25, RULE)])
    assert kb.problems()[0].message == "élément 2 de « aliases » : un texte est attendu"


def test_boolean_and_number_for_text(kb):
    path = kb.add("etat-civil/acte.md", kb.header(extra="owner: true\naudience: 12\n"))
    kb.check([(path, 2, 1, RULE), (path, 3, 1, RULE)])
    assert kb.problems()[0].received == "oui/non True"


def test_yes_and_no_stay_text(kb):
    kb.add("etat-civil/acte.md", kb.header(extra="audience: no\ndescription: yes\n"))
    kb.check([])


def test_origin_must_be_a_mapping(kb):
    path = kb.add("etat-civil/acte.md", kb.header(extra="origin: service-public\n"))
    kb.check([(path, 2, 1, RULE)])


def test_single_values_and_numbers_accepted(kb):
    kb.valid("etat-civil/f1427.md")
    kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: 1901
        service: etat-civil
        tags: acte
        aliases: extrait
        sources: F1427
        related: f1427
        valid_until: 2027-06-30
        owner:
        ---
        """,
    )
    kb.check([])
