"""KB112 unknown-partner."""

RULE = "KB112"


def test_unknown_partner_with_suggestion(kb):
    path = kb.add("etat-civil/acte.md", kb.header(extra="level2: {partner: caff, when: dossier bloqué}\n"))
    kb.check([(path, 2, 19, RULE)])
    problem = kb.only(RULE)
    assert problem.message == "partenaire inconnu « caff »"
    assert problem.received == "caff"
    assert problem.fix.startswith("vouliez-vous dire « caf » ? ")
    assert "partenaires connus : assurance-maladie, assurance-retraite, caf," in problem.fix


def test_an_acronym_suggests_the_partner_key(kb):
    kb.add("etat-civil/acte.md", kb.header(extra="level2: {partner: CPAM}\n"))
    assert kb.only(RULE).fix.startswith("vouliez-vous dire « assurance-maladie » ?")
    kb.add("etat-civil/acte.md", kb.header(extra="level2: {partner: ANTS}\n"))
    assert kb.only(RULE).fix.startswith("vouliez-vous dire « interieur-ants » ?")


def test_unknown_partner_in_a_list_and_as_a_shorthand(kb):
    path = kb.add(
        "etat-civil/acte.md",
        kb.header(extra="level2:\n  - {partner: assurance-retraite, when: régime général}\n  - partner: mça\n"),
    )
    kb.check([(path, 4, 14, RULE)])
    assert kb.only(RULE).fix.startswith("vouliez-vous dire « msa » ?")
    other = kb.add("etat-civil/autre.md", kb.header("Autre", extra="level2: dgfipp\n"))
    kb.check([(path, 4, 14, RULE), (other, 2, 1, RULE)])


def test_shape_problems(kb):
    path = kb.add("etat-civil/acte.md", kb.header(extra="level2: {partenaire: caf, when: 3}\n"))
    kb.check([(path, 2, 1, RULE), (path, 2, 22, RULE), (path, 2, 33, RULE)])
    messages = sorted(p.message for p in kb.problems() if p.rule_id == RULE)
    assert messages == sorted(
        [
            "clé inconnue « partenaire » dans « level2 »",
            "« level2.when » doit être un texte",
            "« level2 » ne nomme pas de partenaire",
        ]
    )
    kb.add("etat-civil/acte.md", kb.header(extra="level2: 12\n"))
    assert kb.only(RULE).message == "« level2 » doit nommer un partenaire"


def test_declared_partners_pass(kb):
    kb.add("etat-civil/acte.md", kb.header(extra='level2: {partner: caf, when: "dossier bloqué"}\n'))
    kb.add("etat-civil/b.md", kb.header("B", extra="level2: [{partner: msa}, la-poste]\n"))
    kb.check([])


def test_a_local_partner_declared_in_kb_yml(kb):
    from .conftest import CONFIG

    kb.add("etat-civil/acte.md", kb.header(extra="level2: {partner: mdph}\n"))
    assert kb.only(RULE).received == "mdph"
    kb.config(CONFIG + 'partners:\n  mdph:\n    label: "Maison départementale des personnes handicapées"\n')
    kb.check([])
