"""KB103 missing-field."""

RULE = "KB103"


def test_absent_fields_reported_at_the_front_matter_start(kb):
    path = kb.add("etat-civil/acte.md", "---\nservice: etat-civil\n---\nTexte.\n")
    kb.check([(path, 1, 1, RULE)] * 3)
    messages = [p.message for p in kb.problems()]
    assert messages == [
        "champ obligatoire « tags » absent",
        "champ obligatoire « title » absent",
        "champ obligatoire « valid_until » absent",
    ]


def test_empty_fields_reported_at_their_line(kb):
    path = kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: ""
        service:
        tags: []
        valid_until: 2027-06-30
        ---
        """,
    )
    kb.check([(path, 2, 1, RULE), (path, 3, 1, RULE), (path, 4, 1, RULE)])
    assert {p.message.rsplit(" ", 1)[-1] for p in kb.problems()} == {"vide"}


def test_fix_explains_the_field(kb):
    kb.add("etat-civil/acte.md", '---\ntitle: "Acte"\nservice: etat-civil\ntags: [acte]\n---\n')
    problem = kb.only(RULE)
    assert problem.expected == "valid_until: 2027-06-30"
    assert problem.fix.startswith("ajoutez « valid_until: »")


def test_numeric_title_is_present(kb):
    kb.add("etat-civil/acte.md", kb.header().replace('title: "Acte de naissance"', "title: 1901"))
    kb.check([])


def test_all_required_fields(kb):
    kb.valid("etat-civil/acte.md")
    kb.check([])
