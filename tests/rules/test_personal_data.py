"""KB501-KB504 on every channel that gets published, and no report format
ever printing the raw value, whichever rule echoes it (the Problem layer
masks). Parametrized over channels and over the four formats, plus the
command line end to end."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kb_tools import report
from kb_tools.cli import main
from kb_tools.kb import load_kb
from kb_tools.problem import Problem

from .conftest import CONFIG, TODAY, SampleKB

NIR = "2 84 05 75 116 001 58"
NIR_SECRETS = (NIR, NIR.replace(" ", ""), "05 75 116", "0575116")
EMAIL = "jean.dupont@gmail.com"
EMAIL_SECRETS = ("jean.dupont", "dupont@", "gmail")
PHONE = "06 12 34 56 78"
PHONE_SECRETS = (PHONE, "0612345678", "12 34 56", "123456")


def answer(kb: SampleKB, front: str = "", body: str = "Texte.\n", name: str = "etat-civil/acte.md") -> None:
    kb.add(name, f"---\ntitle: Acte\nservice: etat-civil\ntags: [acte]\nvalid_until: 2027-06-30\n{front}---\n{body}")


def config_with(kb: SampleKB, old: str, new: str) -> None:
    assert old in CONFIG
    kb.config(CONFIG.replace(old, new, 1))


# channel -> (what to write, the rule that must report it, the secrets)
CHANNELS: dict[str, tuple[Callable[[SampleKB], None], str, tuple[str, ...]]] = {
    "body": (lambda kb: answer(kb, body=f"NIR : {NIR}\n"), "KB501", NIR_SECRETS),
    "body, narrow no-break spaces": (
        lambda kb: answer(kb, body=f"NIR : {NIR.replace(' ', chr(0x202F))}\n"),
        "KB501",
        (*NIR_SECRETS, NIR.replace(" ", "\u202f")),
    ),
    "body, [at]": (lambda kb: answer(kb, body="Écrire à jean.dupont [at] gmail.com\n"), "KB503", EMAIL_SECRETS),
    "body, +33 (0)": (lambda kb: answer(kb, body="Rappeler le +33 (0)6 12 34 56 78\n"), "KB504", PHONE_SECRETS),
    "title": (
        lambda kb: kb.add("etat-civil/acte.md", f"---\ntitle: 'Dossier {NIR}'\nservice: etat-civil\n---\nTexte.\n"),
        "KB501",
        NIR_SECRETS,
    ),
    "aliases": (lambda kb: answer(kb, front=f'aliases: ["Dossier {NIR}"]\n'), "KB501", NIR_SECRETS),
    "description": (lambda kb: answer(kb, front=f"description: 'Appeler le {PHONE}'\n"), "KB504", PHONE_SECRETS),
    "tag (KB102 echoes it)": (
        lambda kb: kb.add(
            "etat-civil/acte.md", f"---\ntitle: Acte\nservice: etat-civil\ntags: [acte, '{NIR}']\n---\nTexte.\n"
        ),
        "KB501",
        NIR_SECRETS,
    ),
    "related id (KB106 echoes it)": (lambda kb: answer(kb, front=f"related: ['{NIR}']\n"), "KB501", NIR_SECRETS),
    "source (KB107 echoes it)": (lambda kb: answer(kb, front=f"sources: ['{EMAIL}']\n"), "KB503", EMAIL_SECRETS),
    "service (KB101 echoes it)": (
        lambda kb: kb.add("etat-civil/acte.md", f"---\ntitle: Acte\nservice: '{NIR}'\ntags: [acte]\n---\nTexte.\n"),
        "KB501",
        NIR_SECRETS,
    ),
    "unknown key name (KB100 echoes it)": (lambda kb: answer(kb, front=f"'{NIR}': oui\n"), "KB501", NIR_SECRETS),
    "unknown key value": (lambda kb: answer(kb, front=f"notes: 'usager {EMAIL}'\n"), "KB503", EMAIL_SECRETS),
    "nested value": (
        lambda kb: answer(kb, front=f"notes: {{usager: [{{tel: '{PHONE}'}}]}}\n"),
        "KB504",
        PHONE_SECRETS,
    ),
    "value only YAML sees (escape)": (
        lambda kb: answer(kb, front='description: "jean.dupont\\x40gmail.com"\n'),
        "KB503",
        EMAIL_SECRETS,
    ),
    "value only YAML sees (folded)": (
        lambda kb: answer(kb, front="description: >\n  NIR 2 84 05 75\n  116 001 58\n"),
        "KB501",
        ("2 84 05 75 116", "2840575116", "116 001 58"),
    ),
    "file name": (
        lambda kb: answer(kb, name="etat-civil/2-84-05-75-116-001-58.md"),
        "KB501",
        ("2-84-05-75-116-001-58", "05-75-116"),
    ),
    "file name, phone": (
        lambda kb: answer(kb, name="etat-civil/rappeler-06-12-34-56-78.md"),
        "KB504",
        ("06-12-34-56-78", "12-34-56"),
    ),
    "kb.yml glossary meaning": (
        lambda kb: config_with(kb, '  CNI: "Carte nationale d\'identité"', f'  CNI: "Carte nationale, NIR {NIR}"'),
        "KB501",
        NIR_SECRETS,
    ),
    "kb.yml local value": (
        lambda kb: config_with(kb, '    horaires: "du lundi', f'    note: "{NIR}"\n    horaires: "du lundi'),
        "KB501",
        NIR_SECRETS,
    ),
    "kb.yml tag label": (
        lambda kb: config_with(kb, '    label: "Acte"', f'    label: "Acte de {EMAIL}"'),
        "KB503",
        EMAIL_SECRETS,
    ),
    "kb.yml site name": (
        lambda kb: config_with(kb, 'name: "Base de test"', f'name: "Base de test {PHONE}"'),
        "KB504",
        PHONE_SECRETS,
    ),
    "kb.yml service label, entity": (
        lambda kb: config_with(kb, '    label: "État civil"', '    label: "État civil jean.dupont&#64;gmail.com"'),
        "KB503",
        EMAIL_SECRETS,
    ),
}


def problems_and_checked(kb: SampleKB) -> tuple[list[Problem], list[str]]:
    problems = kb.problems()
    checked = [a.rel for a in load_kb(kb.root).answers] + ["kb.yml"]
    return problems, checked


@pytest.mark.parametrize("fmt", sorted(report.FORMATS))
@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_reported_and_masked_in_every_format(kb, channel, fmt):
    write, rule, secrets = CHANNELS[channel]
    write(kb)
    problems, checked = problems_and_checked(kb)
    assert rule in {p.rule_id for p in problems}, problems
    output = report.FORMATS[fmt](problems, checked)
    for secret in secrets:
        assert secret not in output, (channel, fmt, secret)


@pytest.mark.parametrize("fmt", sorted(report.FORMATS))
@pytest.mark.parametrize("channel", ["file name", "service (KB101 echoes it)", "kb.yml glossary meaning"])
def test_command_line_output_masked(kb, capsys, channel, fmt):
    write, _, secrets = CHANNELS[channel]
    write(kb)
    code = main(["validate", "--root", str(kb.root), "--today", TODAY.isoformat(), "--format", fmt])
    out, err = capsys.readouterr()
    assert code == 1
    for secret in secrets:
        assert secret not in out + err


def test_kb101_received_is_masked(kb):
    CHANNELS["service (KB101 echoes it)"][0](kb)
    problem = kb.only("KB101")
    assert problem.received == "2 *****************58"
    assert NIR not in problem.full_message()


def test_file_name_is_reported_on_the_file_and_masked(kb):
    answer(kb, name="etat-civil/2-84-05-75-116-001-58.md")
    masked = "docs/reponses/etat-civil/2-*****************58.md"
    assert kb.found("KB501") == [(masked, 1, 0, "KB501")]
    problem = kb.only("KB501")
    assert "nom du fichier" in problem.message
    assert problem.fix.startswith("renommez le fichier")


def test_same_datum_in_text_and_value_is_reported_once(kb):
    answer(kb, front=f"description: 'NIR {NIR}'\n", body=f"{NIR}\n")
    assert kb.found("KB501") == [
        ("docs/reponses/etat-civil/acte.md", 6, 19, "KB501"),
        ("docs/reponses/etat-civil/acte.md", 8, 1, "KB501"),
    ]


def test_value_only_yaml_sees_is_reported_at_its_key(kb):
    answer(kb, front='description: "jean.dupont\\x40gmail.com"\n')
    assert kb.found("KB503") == [("docs/reponses/etat-civil/acte.md", 6, 1, "KB503")]


def test_kb_yml_reported_at_its_line(kb):
    config_with(kb, '  CNI: "Carte nationale d\'identité"', f'  CNI: "Carte nationale, NIR {NIR}"')
    line = CONFIG.split("\n").index('  CNI: "Carte nationale d\'identité"') + 1
    assert kb.found("KB501") == [("kb.yml", line, 30, "KB501")]


def test_kb_yml_contacts_and_local_values_are_the_allowlist(kb):
    # The starter configuration declares contacts and local values: none is reported.
    kb.check([])
    config_with(kb, 'contacts:\n  emails: ["contact@ants.gouv.fr"]', 'contacts:\n  emails: ["jean@gmail.com"]')
    answer(kb, body="Écrire à jean@gmail.com\n")
    kb.check([])


@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_site_build_messages_masked(kb, channel):
    from kb_tools.site.build import SiteBuild

    write, _, secrets = CHANNELS[channel]
    write(kb)
    build = SiteBuild.load(kb.root, TODAY)
    text = build.abort_message() + "\n".join(build.report_lines())
    assert build.errors
    for secret in secrets:
        assert secret not in text


def test_validating_one_file_whose_name_holds_personal_data(kb, capsys, monkeypatch):
    # Paths given on the command line are compared with the masked problem paths.
    answer(kb, name="etat-civil/rappeler-06-12-34-56-78.md")
    answer(kb, name="etat-civil/autre.md", body="NIR : 1 85 05 78 006 084 91\n")
    monkeypatch.chdir(kb.root)
    code = main(["validate", "--today", TODAY.isoformat(), "docs/reponses/etat-civil/rappeler-06-12-34-56-78.md"])
    out = capsys.readouterr().out
    assert code == 1
    assert "docs/reponses/etat-civil/rappeler-06**********78.md:1:0: KB504" in out
    assert "KB501" not in out  # the other file is not reported
