"""KB201 duplicate-id."""

RULE = "KB201"


def test_same_file_name_in_two_folders(kb):
    kb.valid("etat-civil/acte-de-naissance.md", title="Acte de naissance")
    path = kb.valid("identite/acte-de-naissance.md", title="Acte de naissance pour un passeport")
    kb.check([(path, 1, 1, RULE)])
    problem = kb.only(RULE)
    assert (
        problem.message
        == "identifiant « acte-de-naissance » déjà utilisé par docs/reponses/etat-civil/acte-de-naissance.md"
    )


def test_three_copies_report_two(kb):
    kb.valid("a/acte.md", title="A")
    second = kb.valid("b/acte.md", title="B")
    third = kb.valid("c/acte.md", title="C")
    kb.check([(second, 1, 1, RULE), (third, 1, 1, RULE)], RULE)


def test_unreadable_file_still_has_an_id(kb):
    kb.valid("etat-civil/acte.md")
    path = kb.add("identite/acte.md", "")
    kb.check([(path, 0, 0, "KB002"), (path, 1, 1, RULE)])


def test_distinct_file_names(kb):
    kb.valid("etat-civil/acte-de-naissance.md")
    kb.valid("etat-civil/acte-de-naissance-etranger.md")
    kb.check([])


def test_ids_differing_only_by_case_are_duplicates(kb):
    upper = kb.valid("etat-civil/Doublon.md", title="Doublon majuscule")
    lower = kb.valid("etat-civil/doublon.md", title="Doublon minuscule")
    kb.check([(lower, 1, 1, RULE)], RULE)  # files are read in name order: capitals first
    assert kb.only(RULE).message == f"identifiant « doublon » déjà utilisé par {upper}"
    kb.check([(upper, 0, 0, "KB603")], "KB603")  # and the capital is not a valid id
