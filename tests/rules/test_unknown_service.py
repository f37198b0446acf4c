"""KB101 unknown-service."""

RULE = "KB101"


def test_unknown_service_with_suggestion(kb):
    path = kb.add("etat-civil/acte.md", kb.header().replace("service: etat-civil", "service: etat_civil"))
    kb.check([(path, 3, 1, RULE)])
    problem = kb.only(RULE)
    assert problem.received == "etat_civil"
    assert problem.fix.startswith("vouliez-vous dire « etat-civil » ?")
    assert "identite" in problem.fix


def test_accents_and_case_folded_for_the_suggestion(kb):
    kb.add("identite/cni.md", kb.header().replace("service: etat-civil", "service: Identité"))
    assert kb.only(RULE).fix.startswith("vouliez-vous dire « identite » ?")


def test_unknown_service_without_suggestion(kb):
    path = kb.add("etat-civil/acte.md", kb.header().replace("service: etat-civil", "service: voirie"))
    kb.check([(path, 3, 1, RULE)])
    assert kb.only(RULE).fix == "services connus : etat-civil, identite"


def test_declared_services(kb):
    kb.valid("etat-civil/acte.md")
    kb.add("identite/cni.md", kb.header("CNI").replace("service: etat-civil", "service: identite"))
    kb.check([])


def test_service_need_not_match_the_folder(kb):
    kb.add("autre/acte.md", kb.header())
    kb.check([], RULE)
