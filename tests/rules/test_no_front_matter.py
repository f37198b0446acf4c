"""KB003 no-front-matter."""

RULE = "KB003"


def test_no_front_matter(kb):
    path = kb.add("etat-civil/acte.md", "# Acte de naissance\n\nTexte.\n")
    kb.check([(path, 1, 1, RULE)])
    assert "pas d'en-tête" in kb.only(RULE).message


def test_front_matter_not_on_first_line(kb):
    path = kb.add("etat-civil/acte.md", "\n---\ntitle: x\n---\n")
    kb.check([(path, 1, 1, RULE)])


def test_unclosed_front_matter(kb):
    path = kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: "Acte"
        service: etat-civil

        Texte de la réponse.
        """,
    )
    kb.check([(path, 1, 1, RULE)])
    assert "jamais fermé" in kb.only(RULE).message


def test_body_still_scanned_for_personal_data(kb):
    path = kb.add("etat-civil/acte.md", "Rappeler au 06 12 34 56 78.\n")
    kb.check([(path, 1, 1, RULE), (path, 1, 13, "KB504")])


def test_closing_fence_with_dots_and_trailing_spaces(kb):
    kb.add(
        "etat-civil/acte.md",
        '---   \ntitle: "Acte"\nservice: etat-civil\ntags: [acte]\nvalid_until: 2027-06-30\n...\nTexte.\n',
    )
    kb.check([])


def test_horizontal_rule_in_body_is_not_a_fence(kb):
    kb.valid("etat-civil/acte.md", "Avant.\n\n---\n\nAprès.\n")
    kb.check([])
