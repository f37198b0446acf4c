"""KB005 front-matter-not-mapping."""

RULE = "KB005"


def test_front_matter_is_a_list(kb):
    path = kb.add("etat-civil/acte.md", "---\n- title: Acte\n- service: etat-civil\n---\nTexte.\n")
    kb.check([(path, 2, 1, RULE)])  # nothing else: missing fields are not piled up
    assert kb.only(RULE).received == "liste"


def test_front_matter_is_a_scalar_on_its_file_line(kb):
    path = kb.add("etat-civil/acte.md", "---\n# un commentaire\nActe de naissance\n---\nTexte.\n")
    kb.check([(path, 3, 1, RULE)])
    assert kb.only(RULE).received == "texte"


def test_empty_front_matter(kb):
    path = kb.add("etat-civil/acte.md", "---\n---\nTexte.\n")
    kb.check([(path, 1, 1, RULE)])


def test_front_matter_with_only_a_comment(kb):
    path = kb.add("etat-civil/acte.md", "---\n# rien\n---\nTexte.\n")
    kb.check([(path, 2, 1, RULE)])


def test_front_matter_mapping(kb):
    kb.valid("etat-civil/acte.md")
    kb.check([], RULE)
