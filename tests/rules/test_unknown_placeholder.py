"""KB205 unknown-placeholder."""

RULE = "KB205"


def test_unknown_placeholder_with_suggestion(kb):
    path = kb.valid("etat-civil/acte.md", "Téléphone : {{ mairie.tel }} ou {{mairie.courriel}}.\n")
    kb.check([(path, 7, 13, RULE)])
    problem = kb.only(RULE)
    assert problem.message == "repère inconnu « {{ mairie.tel }} »"
    assert problem.fix == "vouliez-vous dire « mairie.telephone » ?"


def test_section_name_alone_is_not_a_value(kb):
    path = kb.valid("etat-civil/acte.md", "Voir {{ mairie }} et {{ inconnu.valeur }}.\n")
    kb.check([(path, 7, 6, RULE), (path, 7, 22, RULE)])


def test_placeholders_in_code_are_left_alone(kb):
    kb.valid(
        "etat-civil/acte.md",
        """\
        Écrire `{{ mairie.tel }}` dans un repère.

        ~~~
        {{ mairie.tel }}
        ~~~
        """,
    )
    kb.check([])


def test_declared_placeholders(kb):
    kb.valid("etat-civil/acte.md", "{{ mairie.telephone }}, {{ mairie.horaires }}, {{ etat_civil.courriel }}\n")
    kb.check([])
