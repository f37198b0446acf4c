"""``kb validate`` and ``kb rules`` end to end: exit codes, every output format,
reports, filtering, and what must never happen (tracebacks, modified files,
personal data in a report)."""

from __future__ import annotations

import hashlib
import inspect
import json
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from kb_tools.cli import main
from kb_tools.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-16"
TEXT_LINE = re.compile(
    r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<rule>KB\d{3}) (?P<name>[a-z0-9-]+) \[(erreur|avertissement)\] "
)
NIR = "1 85 05 78 006 084 91"

CONFIG = """\
services:
  etat-civil: {label: "État civil", owner: "@test/etat-civil"}
  identite: {label: "Identité", owner: "@test/titres"}
tags:
  acte: {label: Acte}
  naissance: {label: Naissance}
  identite: {label: Identité}
local:
  mairie:
    telephone: "01 99 00 10 00"
contacts:
  domains: [exempleville.example]
"""


def answer(title: str, service: str = "etat-civil", body: str = "Texte.\n", until: str = "2027-06-30") -> str:
    return f'---\ntitle: "{title}"\nservice: {service}\ntags: [acte]\nvalid_until: {until}\n---\n{body}'


CLEAN = {
    "etat-civil/acte-de-naissance.md": answer("Acte de naissance", body="Voir [la CNI](../identite/cni.md#pieces).\n"),
    "identite/cni.md": answer(
        "Carte d'identité", service="identite", body="## Pièces\n\nTél. {{ mairie.telephone }}\n"
    ),
}
BROKEN = {
    # KB101 at 3:1 and KB504 at 7:5
    "etat-civil/acte-de-naissance.md": answer("Acte de naissance", service="etat_civil", body="Tél 06 12 34 56 78\n"),
    # KB203 at 7:1, KB501 at 8:7, KB503 twice at 9:1 and 9:11 (same address)
    "identite/cni.md": answer(
        "Carte d'identité", service="identite", body=f"[x](absent.md)\nNIR : {NIR}\na@free.fr a@free.fr\n"
    ),
    # KB202 (warning) at 2:1
    "identite/passeport.md": answer("Carte d'identité", service="identite"),
}
BROKEN_ERRORS = 6
BROKEN_WARNINGS = 1


def make_kb(root: Path, answers: dict[str, str]) -> Path:
    root.mkdir()
    (root / "kb.yml").write_text(CONFIG, encoding="utf-8")
    for name, text in answers.items():
        path = root / "docs" / "reponses" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    return make_kb(tmp_path / "propre", CLEAN)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    return make_kb(tmp_path / "erreurs", BROKEN)


def kb(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """Run ``kb ARGS`` in-process: (exit code, stdout, stderr), never a traceback."""
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:  # argparse usage errors
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def validate(capsys: pytest.CaptureFixture[str], root: Path, *args: str | Path) -> tuple[int, str, str]:
    return kb(capsys, "validate", "--root", root, "--today", TODAY, *args)


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# Exit codes and the text format


def test_clean_kb_exits_0(capsys, clean):
    code, out, err = validate(capsys, clean)
    assert (code, out, err) == (0, "Aucun problème.\n", "")


def test_errors_exit_1_with_one_text_line_per_problem(capsys, broken):
    code, out, _ = validate(capsys, broken)
    assert code == 1
    *lines, last = out.splitlines()
    assert last == f"{BROKEN_ERRORS} erreur(s), {BROKEN_WARNINGS} avertissement(s)."
    found = [TEXT_LINE.match(line) for line in lines]
    assert all(found), lines
    positions = [(m["path"].split("/", 2)[2], int(m["line"]), int(m["col"]), m["rule"]) for m in found if m]
    assert positions == [
        ("etat-civil/acte-de-naissance.md", 3, 1, "KB101"),
        ("etat-civil/acte-de-naissance.md", 7, 5, "KB504"),
        ("identite/cni.md", 7, 1, "KB203"),
        ("identite/cni.md", 8, 7, "KB501"),
        ("identite/cni.md", 9, 1, "KB503"),
        ("identite/cni.md", 9, 11, "KB503"),
        ("identite/passeport.md", 2, 1, "KB202"),
    ]
    assert lines[0] == (
        "docs/reponses/etat-civil/acte-de-naissance.md:3:1: KB101 unknown-service [erreur] service inconnu « etat_civil » ; "
        "attendu : une clé de la section services de kb.yml ; reçu : etat_civil. "
        "Correction : vouliez-vous dire « etat-civil » ? services connus : etat-civil, identite"
    )


def test_warnings_exit_0_unless_strict(capsys, clean):
    (clean / "docs/reponses/identite/passeport.md").write_text(
        answer("Carte d'identité", service="identite"), encoding="utf-8"
    )
    code, out, _ = validate(capsys, clean)
    assert code == 0
    assert "KB202 duplicate-title [avertissement]" in out
    assert validate(capsys, clean, "--strict")[0] == 1


def test_missing_kb_yml_exits_2(capsys, tmp_path):
    code, out, err = validate(capsys, tmp_path)
    assert code == 2
    assert out == ""
    assert "kb.yml introuvable" in err
    assert "--root" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "choix invalide"),
        (["--today", "30/06/2027"], "les dates s'écrivent 2027-06-30"),
        (["--report", "junit"], "--report attend FORMAT:FICHIER"),
        (["--report", "pdf:x.pdf"], "--report attend FORMAT:FICHIER"),
        (["--changed-file", "absent.txt"], "illisible"),
        (["--inconnue"], "arguments non reconnus"),
    ],
)
def test_usage_errors_exit_2(capsys, clean, monkeypatch, args, message):
    monkeypatch.chdir(clean)
    code, out, err = kb(capsys, "validate", "--root", clean, *args)
    assert code == 2
    assert message in err
    assert out == ""


def test_no_command_exits_2(capsys):
    code, _, err = kb(capsys)
    assert code == 2
    assert "kb: erreur" in err


def test_internal_error_exits_3_without_traceback(capsys, clean, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("bogue")

    monkeypatch.setattr("kb_tools.commands.validate.validate", boom)
    monkeypatch.delenv("KB_DEBUG", raising=False)
    code, _, err = validate(capsys, clean)
    assert code == 3
    assert "erreur interne inattendue" in err
    assert "bogue" not in err


def test_runs_from_the_kb_root_by_default(capsys, broken, monkeypatch):
    monkeypatch.chdir(broken)
    code, out, _ = kb(capsys, "validate", "--today", TODAY)
    assert code == 1
    assert out.startswith("docs/reponses/etat-civil/acte-de-naissance.md:3:1: KB101")


# Machine formats


def test_json_format(capsys, broken):
    code, out, err = validate(capsys, broken, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert (data["errors"], data["warnings"]) == (BROKEN_ERRORS, BROKEN_WARNINGS)
    first = data["problems"][0]
    assert first == {
        "path": "docs/reponses/etat-civil/acte-de-naissance.md",
        "line": 3,
        "column": 1,
        "rule": "KB101",
        "name": "unknown-service",
        "level": "error",
        "message": "service inconnu « etat_civil »",
        "expected": "une clé de la section services de kb.yml",
        "received": "etat_civil",
        "fix": "vouliez-vous dire « etat-civil » ? services connus : etat-civil, identite",
    }
    assert {p["level"] for p in data["problems"]} == {"error", "warning"}
    assert err == "3 réponse(s) vérifiée(s). 6 erreur(s), 1 avertissement(s).\n"


def test_json_format_clean(capsys, clean):
    code, out, _ = validate(capsys, clean, "--format", "json")
    assert code == 0
    assert json.loads(out) == {"errors": 0, "warnings": 0, "problems": []}


def check_junit(text: str, errors: int, files: int) -> None:
    suites = ET.fromstring(text.encode())
    assert suites.tag == "testsuites"
    [suite] = suites.findall("testsuite")
    cases = suite.findall("testcase")
    failures = suite.findall("testcase/failure")
    assert int(suite.get("tests")) == len(cases) == files
    assert int(suite.get("failures")) == len(failures) == errors
    assert int(suites.get("failures")) == errors
    for case in cases:
        assert case.get("name") == case.get("file")
        for failure in case.findall("failure"):
            assert failure.get("message").startswith(case.get("name") + ":")
            assert re.match(r"KB\d{3} [a-z0-9-]+$", failure.get("type"))


def test_junit_format(capsys, broken):
    code, out, _ = validate(capsys, broken, "--format", "junit")
    assert code == 1
    check_junit(out, errors=BROKEN_ERRORS, files=4)  # three answers and kb.yml
    suite = ET.fromstring(out.encode()).find("testsuite")
    passeport = suite.find("testcase[@name='docs/reponses/identite/passeport.md']")
    assert passeport.find("failure") is None
    assert "KB202 duplicate-title [avertissement]" in passeport.find("system-out").text


def test_junit_format_clean(capsys, clean):
    code, out, _ = validate(capsys, clean, "--format", "junit")
    assert code == 0
    check_junit(out, errors=0, files=3)


def test_junit_carries_no_character_xml_forbids(capsys, clean):
    (clean / "docs/reponses/identite/ctrl.md").write_bytes(b"\x01\x1b[31m titre\n")
    code, out, _ = validate(capsys, clean, "--format", "junit")
    assert code == 1
    check_junit(out, errors=1, files=4)
    assert "\ufffd" in out


def check_codequality(text: str, count: int) -> list[dict]:
    issues = json.loads(text)
    assert isinstance(issues, list)
    assert len(issues) == count
    for issue in issues:
        assert issue["type"] == "issue"
        assert issue["description"].startswith(issue["check_name"] + ": ")
        assert re.match(r"KB\d{3} [a-z0-9-]+$", issue["check_name"])
        assert issue["severity"] in ("major", "minor")
        assert re.match(r"[0-9a-f]{32}$", issue["fingerprint"])
        assert issue["location"]["path"].startswith("docs/") or issue["location"]["path"] == "kb.yml"
        assert issue["location"]["lines"]["begin"] >= 1
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    return issues


def test_codequality_format(capsys, broken):
    code, out, _ = validate(capsys, broken, "--format", "codequality")
    assert code == 1
    issues = check_codequality(out, BROKEN_ERRORS + BROKEN_WARNINGS)
    assert [i["severity"] for i in issues].count("minor") == BROKEN_WARNINGS
    first = issues[0]
    assert first["check_name"] == "KB101 unknown-service"
    assert first["location"] == {"path": "docs/reponses/etat-civil/acte-de-naissance.md", "lines": {"begin": 3}}


def test_codequality_fingerprints_stable_when_lines_move(capsys, broken):
    before = json.loads(validate(capsys, broken, "--format", "codequality")[1])
    path = broken / "docs/reponses/etat-civil/acte-de-naissance.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Tél", "Ajout.\n\nTél"), encoding="utf-8")
    after = json.loads(validate(capsys, broken, "--format", "codequality")[1])
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert [i["location"]["lines"]["begin"] for i in after] != [i["location"]["lines"]["begin"] for i in before]


def test_codequality_clean(capsys, clean):
    code, out, _ = validate(capsys, clean, "--format", "codequality")
    assert (code, json.loads(out)) == (0, [])


def test_reports_written_next_to_the_text_output(capsys, broken, tmp_path):
    junit, quality = tmp_path / "out" / "kb-junit.xml", tmp_path / "gl-code-quality.json"
    code, out, _ = validate(capsys, broken, "--report", f"junit:{junit}", "--report", f"codequality:{quality}")
    assert code == 1
    assert TEXT_LINE.match(out)
    check_junit(junit.read_text(encoding="utf-8"), errors=BROKEN_ERRORS, files=4)
    check_codequality(quality.read_text(encoding="utf-8"), BROKEN_ERRORS + BROKEN_WARNINGS)


def test_output_file(capsys, broken, tmp_path):
    target = tmp_path / "rapport.json"
    code, out, err = validate(capsys, broken, "--format", "json", "--output", target)
    assert (code, out) == (1, "")
    assert json.loads(target.read_text(encoding="utf-8"))["errors"] == BROKEN_ERRORS
    assert "6 erreur(s)" in err


# Options


def test_paths_filter_what_is_reported(capsys, broken, monkeypatch):
    code, out, _ = validate(capsys, broken, broken / "docs/reponses/etat-civil")
    assert code == 1
    assert {line.split(":")[0] for line in out.splitlines()[:-1]} == {"docs/reponses/etat-civil/acte-de-naissance.md"}

    monkeypatch.chdir(broken / "docs")
    code, out, _ = validate(capsys, broken, "reponses/identite/passeport.md")
    assert code == 0  # only a warning in that file
    assert out.splitlines()[-1] == "0 erreur(s), 1 avertissement(s)."

    code, out, _ = validate(capsys, broken, "reponses/identite/passeport.md", "--format", "junit")
    check_junit(out, errors=0, files=1)


def test_paths_filter_keeps_the_whole_kb_loaded(capsys, clean):
    # The link to cni.md#pieces is checked against the other file, which is not reported on.
    code, out, _ = validate(capsys, clean, clean / "docs/reponses/etat-civil")
    assert (code, out) == (0, "Aucun problème.\n")


def test_check_expiry_and_changed_file(capsys, clean, tmp_path):
    late = ["--today", "2027-07-01"]
    assert validate(capsys, clean, *late)[0] == 0  # expiry is opt-in
    code, out, _ = validate(capsys, clean, *late, "--check-expiry")
    assert code == 1
    assert out.count("KB301 expired [erreur]") == 2

    changed = tmp_path / "changed.txt"
    changed.write_text("docs/reponses/identite/cni.md\n", encoding="utf-8")
    code, out, _ = validate(capsys, clean, *late, "--changed-file", changed)
    assert code == 1
    assert "docs/reponses/identite/cni.md:5:1: KB301 expired [erreur]" in out
    assert "docs/reponses/etat-civil/acte-de-naissance.md:5:1: KB301 expired [avertissement]" in out

    changed.write_text("kb.yml\n", encoding="utf-8")
    assert validate(capsys, clean, *late, "--changed-file", changed)[0] == 0


# What must never happen


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "codequality"])
def test_personal_data_masked_in_every_format(capsys, broken, fmt):
    out = validate(capsys, broken, "--format", fmt)[1]
    for secret in (NIR, NIR.replace(" ", ""), "06 12 34 56 78", "a@free.fr"):
        assert secret not in out


def test_validation_never_modifies_files(capsys, broken, tmp_path):
    (broken / "docs/reponses/identite/latin1.md").write_bytes(b"---\ntitle: caf\xe9\n---\r\n")
    (broken / "docs/reponses/identite/bom.md").write_bytes(
        b"\xef\xbb\xbf" + answer("BOM").replace("\n", "\r\n").encode()
    )
    before = tree_digest(broken)
    for fmt in ("text", "json", "junit", "codequality"):
        validate(capsys, broken, "--format", fmt, "--check-expiry")
    assert tree_digest(broken) == before


def test_subprocess_python_m_kb_tools(broken):
    result = subprocess.run(
        [sys.executable, "-m", "kb_tools", "validate", "--root", str(broken), "--today", TODAY, "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["errors"] == BROKEN_ERRORS
    assert "Traceback" not in result.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "kb_tools", "validate", "--root", str(broken / "docs")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr


def test_bundled_knowledge_base_informative(capsys):
    """The real content is still arriving: only "runs cleanly" is asserted here."""
    code, out, _ = kb(capsys, "validate", "--root", ROOT)
    assert code in (0, 1)
    assert re.match(r"(Aucun problème\.|\d+ erreur\(s\), \d+ avertissement\(s\)\.)$", out.splitlines()[-1])


# kb rules


def test_rules_page_lists_every_rule(capsys):
    code, out, _ = kb(capsys, "rules")
    assert code == 0
    for rule_id, module in RULES.items():
        assert f"| [{rule_id}](#{rule_id.lower()}) | `{module.RULE.name}` |" in out
        assert f"## {rule_id} `{module.RULE.name}`" in out


def test_rules_page_to_a_file(capsys, tmp_path):
    target = tmp_path / "regles.md"
    assert kb(capsys, "rules", "--output", target)[:2] == (0, "")
    assert target.read_text(encoding="utf-8").startswith("# Règles de validation")


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_docstring_has_both_examples(rule_id):
    doc = inspect.getdoc(RULES[rule_id]) or ""
    assert "Exemple en erreur" in doc
    assert "Exemple correct" in doc
    assert doc.index("Exemple en erreur") < doc.index("Exemple correct")


def test_rule_ids_and_names_are_unique():
    names = [m.RULE.name for m in RULES.values()]
    assert len(set(names)) == len(names)
    assert all(re.match(r"KB\d{3}$", rule_id) for rule_id in RULES)


# --- a path that selects nothing is an error, never "Aucun problème." ---------


def test_missing_path_fails_with_the_closest_one(capsys, broken, monkeypatch):
    monkeypatch.chdir(broken)
    code, out, err = kb(capsys, "validate", "docs/reponses/etat-civil/acte-de-naissanse.md")
    assert code == 2
    assert out == ""
    assert "« docs/reponses/etat-civil/acte-de-naissanse.md » n'existe pas" in err
    assert "vouliez-vous dire « docs/reponses/etat-civil/acte-de-naissance.md » ?" in err


def test_missing_folder_fails(capsys, broken, monkeypatch):
    monkeypatch.chdir(broken)
    code, _, err = kb(capsys, "validate", "docs/reponses/nope")
    assert code == 2
    assert "« docs/reponses/nope » n'existe pas" in err
    assert "Aucun problème" not in err


def test_path_without_answers_fails(capsys, broken, monkeypatch):
    monkeypatch.chdir(broken)
    (broken / "docs" / "guide").mkdir()
    code, _, err = kb(capsys, "validate", "docs/guide")
    assert code == 2
    assert "ne contient aucune réponse de la base" in err


def test_existing_path_still_filters(capsys, broken, monkeypatch):
    monkeypatch.chdir(broken)
    code, out, _ = kb(capsys, "validate", "docs/reponses/etat-civil")
    assert code == 1
    assert out.startswith("docs/reponses/etat-civil/")


def test_the_garbage_collector_is_left_as_it_was(capsys, clean):
    import gc

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    assert kb(capsys, "validate", "--root", clean)[0] == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # nothing moved to the permanent generation
    gc.disable()
    try:
        kb(capsys, "validate", "--root", clean)
        assert not gc.isenabled()  # a caller's choice is kept too
    finally:
        gc.enable()
