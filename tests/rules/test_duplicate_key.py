"""KB006 duplicate-key."""

RULE = "KB006"


def test_duplicate_top_level_key(kb):
    path = kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: "Acte"
        service: etat-civil
        tags: [acte]
        valid_until: 2027-01-31
        valid_until: 2027-06-30
        ---
        """,
    )
    kb.check([(path, 6, 1, RULE)])
    assert "ligne 5" in kb.only(RULE).message


def test_duplicate_nested_key(kb):
    path = kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: "Acte"
        service: etat-civil
        tags: [acte]
        valid_until: 2027-06-30
        origin:
          source: service-public
          source: autre
        ---
        """,
    )
    kb.check([(path, 8, 3, RULE)], RULE)


def test_same_key_in_two_mappings_is_fine(kb):
    kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: "Acte"
        service: etat-civil
        tags: [acte]
        valid_until: 2027-06-30
        origin: {source: service-public, id: F1427}
        ---
        """,
    )
    kb.check([], RULE)


def test_same_value_twice_is_fine(kb):
    kb.add(
        "etat-civil/acte.md",
        '---\ntitle: "acte"\nservice: etat-civil\ntags: [acte, acte]\nvalid_until: 2027-06-30\n---\n',
    )
    kb.check([])
