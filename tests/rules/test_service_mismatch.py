"""KB110 service-mismatch: the folder and the ``service`` field name one service."""

RULE = "KB110"


def test_field_differs_from_the_service_folder(kb):
    path = kb.add("etat-civil/cni.md", kb.header("CNI").replace("service: etat-civil", "service: identite"))
    kb.check([(path, 3, 1, RULE)])
    problem = kb.only(RULE)
    assert problem.message == (
        "la réponse est rangée dans le dossier du service « etat-civil » mais déclare « service: identite »"
    )
    assert problem.expected == "service: etat-civil (le dossier docs/reponses/etat-civil/)"
    assert problem.received == "service: identite"
    assert "git mv docs/reponses/etat-civil/cni.md docs/reponses/identite/cni.md" in problem.fix
    assert problem.fix.endswith("sinon écrivez « service: etat-civil »")


def test_folder_that_is_not_a_service(kb):
    path = kb.add("etat_civil/acte.md", kb.header())
    kb.check([(path, 3, 1, RULE)])
    problem = kb.only(RULE)
    assert problem.received == "docs/reponses/etat_civil/acte.md"
    assert problem.expected == "docs/reponses/etat-civil/acte.md"
    assert problem.fix.startswith("le dossier « etat_civil » n'est pas un service : vouliez-vous dire « etat-civil » ?")


def test_answer_outside_any_service_folder(kb):
    path = kb.add("acte.md", kb.header())
    kb.check([(path, 3, 1, RULE)])
    assert "git mv docs/reponses/acte.md docs/reponses/etat-civil/acte.md" in kb.only(RULE).fix


def test_matching_folder_and_imported_fiches(kb):
    kb.valid("etat-civil/acte.md")
    kb.add("service-public/F1427.md", kb.header("Fiche").replace("service: etat-civil", "service: identite"))
    kb.check([], RULE)


def test_import_folder_follows_kb_yml(kb):
    kb.write(
        "kb.yml",
        (kb.root / "kb.yml").read_text(encoding="utf-8")
        + "import:\n  service_public:\n    folder: reponses/national\n",
    )
    kb.add("national/F1427.md", kb.header("Fiche").replace("service: etat-civil", "service: identite"))
    path = kb.add("service-public/F1428.md", kb.header("Fiche 2").replace("service: etat-civil", "service: identite"))
    kb.check([(path, 3, 1, RULE)], RULE)


def test_unknown_service_is_left_to_kb101(kb):
    kb.add("etat-civil/acte.md", kb.header().replace("service: etat-civil", "service: voirie"))
    kb.check([], RULE)
