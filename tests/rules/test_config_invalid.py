"""KB900 config-invalid: kb.yml problems, with their line in kb.yml."""

import json

import pytest

RULE = "KB900"


def test_several_problems_each_at_its_line(kb):
    kb.config(
        """\
        services:
          etat-civil:
            label: "État civil"
          Bad_Key:
            label: y
            owner: z
            color: red
        tags:
          acte: {label: Acte, synonyms: oui}
        servics: {}
        freshness:
          expiring_days: -3
        contacts:
          emails: a@exempleville.example
        """
    )
    kb.check(
        [
            ("kb.yml", 3, 5, RULE),  # etat-civil has no owner
            ("kb.yml", 5, 5, RULE),  # Bad_Key is not a valid key
            ("kb.yml", 7, 12, RULE),  # unknown key "color"
            ("kb.yml", 9, 33, RULE),  # synonyms is not a list
            ("kb.yml", 10, 1, RULE),  # unknown section
            ("kb.yml", 12, 18, RULE),  # negative delay
            ("kb.yml", 14, 11, RULE),  # emails is not a list
        ],
        RULE,  # the address itself is KB503: contacts.emails is broken, so it is not declared
    )
    messages = {p.line: p for p in kb.problems()}
    assert messages[10].fix == "vouliez-vous dire « services » ?"
    assert messages[3].message == "le service « etat-civil » n'a pas de « owner »"


def test_yaml_syntax_error_at_its_line(kb):
    kb.config('site:\n  name: "Base\nservices:\n  etat-civil: {label: x, owner: y}\n')
    kb.check([("kb.yml", 2, 9, RULE)], RULE)


def test_duplicate_section(kb):
    kb.config("services: {a: {label: A, owner: o}}\ntags: {}\nservices: {b: {label: B, owner: o}}\n")
    kb.check([("kb.yml", 3, 1, RULE)])


def test_not_a_mapping(kb):
    kb.config("- services\n- tags\n")
    kb.check([("kb.yml", 1, 1, RULE)])


def test_not_utf8(kb):
    kb.root.joinpath("kb.yml").write_bytes(b'site:\n  name: "Mairie d\'\xc9vry"\n')
    kb.check([("kb.yml", 2, 19, RULE)])


@pytest.mark.parametrize("text", ["", "# rien\n", "services: {}\n"])
def test_no_services(kb, text):
    kb.config(text)
    assert kb.found(RULE)[0][0] == "kb.yml"


def test_missing_config_reported_without_position(kb):
    kb.root.joinpath("kb.yml").unlink()
    assert kb.found(RULE) == [("kb.yml", 0, 0, RULE)]


def test_answers_checked_against_a_broken_config(kb):
    kb.config("services: [\n")
    path = kb.valid("etat-civil/acte.md")
    assert ("kb.yml", 2, 1, RULE) in kb.found()
    assert (path, 3, 1, "KB101") in kb.found()


def test_valid_config(kb):
    kb.check([])


def test_empty_document_points_at_an_existing_line(kb):
    kb.root.joinpath("kb.yml").write_text("---", encoding="utf-8")
    kb.check([("kb.yml", 1, 1, RULE)])
    assert kb.only(RULE).message == "YAML illisible (not-mapping) : vide"


ACCESSIBILITY_OK = """\
services:
  etat-civil: {label: "État civil", owner: "@x/etat-civil"}
tags: {}
contacts:  # the statement's contact is published: it must be an institutional one (KB503)
  emails: ["accessibilite@exempleville.example"]
accessibility:
  entity: "Commune d'Exempleville"
  contact: "accessibilite@exempleville.example"
  date: 2026-12-01
  level: partiellement conforme
  non_conformities: ["Un défaut connu."]
"""


def test_accessibility_section_accepted(kb):
    kb.config(ACCESSIBILITY_OK)
    kb.check([])


def test_accessibility_section_problems_each_at_its_line(kb):
    kb.config(
        """\
        services:
          etat-civil: {label: "État civil", owner: "@x/etat-civil"}
        tags: {}
        accessibility:
          entity: "Commune d'Exempleville"
          contact: "écrire à la mairie"
          date: 01/12/2026
          level: partielement conforme
          rate: 120
          non_conformities: "un seul texte"
          contatc: x
        """
    )
    kb.check(
        [
            ("kb.yml", 6, 12, RULE),  # contact is neither an e-mail nor a URL
            ("kb.yml", 7, 9, RULE),  # not a date
            ("kb.yml", 8, 10, RULE),  # unknown level
            ("kb.yml", 9, 9, RULE),  # not a percentage
            ("kb.yml", 10, 21, RULE),  # not a list of texts
            ("kb.yml", 11, 12, RULE),  # unknown key
        ]
    )
    messages = {p.line: p for p in kb.problems()}
    assert messages[8].fix == "vouliez-vous dire « partiellement conforme » ?"
    assert messages[11].fix == "vouliez-vous dire « contact » ?"


def test_accessibility_section_missing_fields(kb):
    kb.config('services:\n  a: {label: A, owner: o}\ntags: {}\naccessibility:\n  entity: "Mairie"\n')
    problems = kb.problems()
    assert {p.message for p in problems} == {
        f"« accessibility.{name} » manquant : la déclaration d'accessibilité en a besoin"
        for name in ("contact", "date", "level")
    }
    assert {(p.rule_id, p.line) for p in problems} == {(RULE, 4)}


SERVICES = "services:\n  etat-civil: {label: x, owner: y}\ntags: {}\n"


@pytest.mark.parametrize(
    "url",
    [
        "javascript://%0aalert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://gitlab.example.org/x",
        "https://oauth2:glpat-secret@gitlab.example.org/x",
        'https://gitlab.example.org/x" onclick="alert(1)',
        "https:///x",
    ],
)
def test_repo_url_must_be_a_plain_web_address(kb, url):
    kb.config(f"site:\n  repo_url: {json.dumps(url)}\n" + SERVICES)
    kb.check([("kb.yml", 2, 13, RULE)], RULE)
    problem = kb.only(RULE)
    assert "http:// ou https://" in problem.message
    assert problem.fix
    assert "glpat-secret" not in problem.full_message()  # credentials are never echoed


def test_repo_url_http_and_https_pass(kb):
    kb.config('site:\n  repo_url: "HTTPS://gitlab.example.org:8443/a/b/"\n' + SERVICES)
    kb.check([], RULE)
    kb.config('site:\n  repo_url: "http://gitlab.intranet/a/b"\n' + SERVICES)
    kb.check([], RULE)


def test_edit_branch_must_be_a_branch_name(kb):
    kb.config('site:\n  edit_branch: "main\\" onclick=\\"x"\n' + SERVICES)
    kb.check([("kb.yml", 2, 16, RULE)], RULE)


def test_local_value_that_runs_code_is_refused(kb):
    kb.config('local:\n  commune:\n    site_web: " jAvA\\tscript:alert(1)"\n' + SERVICES)
    kb.check([("kb.yml", 3, 15, RULE)], RULE)
    assert "exécute du code" in kb.only(RULE).message


@pytest.mark.parametrize(("section", "key"), [("site", "default_validity_days"), ("freshness", "expiring_days")])
@pytest.mark.parametrize("value", ["99999999999999", "36501", "1e9", "-1"])
def test_day_counts_are_bounded(kb, section, key, value):
    kb.config(f"{section}:\n  {key}: {value}\n" + SERVICES)
    kb.check([("kb.yml", 2, len(key) + 5, RULE)], RULE)
    assert "36500" in kb.only(RULE).expected


def test_the_import_section_is_checked_by_kb_validate(kb):
    kb.config(
        """\
        services:
          etat-civil: {label: "État civil", owner: "@t/ec"}
        tags:
          acte: {label: Acte}
        import:
          service_public:
            audiences: [particulier]
            validity_days: 0
            default_service: etat_civil
            default_tag: acte
            dossier: x
        """
    )
    found = [(p.line, p.column, p.message) for p in kb.problems() if p.rule_id == RULE]
    assert found == [
        (7, 16, "« import.service_public.audiences » : public inconnu « particulier »"),
        (8, 20, "« import.service_public.validity_days » : durée de validité invalide"),
        (9, 22, "« import.service_public.default_service » : service non déclaré « etat_civil »"),
        (11, 14, "« import.service_public.dossier » : clé inconnue"),
    ]
    fixes = {p.message.split(" : ")[0]: p.fix for p in kb.problems() if p.rule_id == RULE}
    assert fixes["« import.service_public.audiences »"] == "vouliez-vous dire « particuliers » ?"
    assert fixes["« import.service_public.default_service »"] == "vouliez-vous dire « etat-civil » ?"


def test_no_import_section_no_import_check(kb):
    kb.config(
        """\
        services:
          etat-civil: {label: "État civil", owner: "@t/ec"}
        tags:
          acte: {label: Acte}
        """
    )
    assert [p for p in kb.problems() if p.rule_id == RULE] == []
