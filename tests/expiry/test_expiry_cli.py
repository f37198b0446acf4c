"""``kb expiry`` on the command line: exit codes, --output, --report, messages."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from kb_tools.cli import main

TODAY = ["--today", "2027-07-01"]


def run(root: Path, *args: str) -> int:
    return main(["expiry", "--root", str(root), *args])


def test_exit_1_when_an_answer_is_expired(kb_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(kb_root, *TODAY) == 1
    out = capsys.readouterr().out
    assert "KB301 expired [erreur] « Obtenir un acte (expiré) » expirée depuis 30 jour(s)" in out


def test_exit_0_when_answers_only_expire_soon(kb_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(kb_root, "--today", "2027-05-20") == 0
    out = capsys.readouterr().out
    assert "KB302 expiring-soon [avertissement] « Obtenir un acte (expiré) » expire dans 12 jour(s)" in out
    assert "KB301" not in out


def test_exit_0_when_nothing_at_all(kb_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(kb_root, "--today", "2027-01-01", "--days", "10") == 0
    assert capsys.readouterr().out.endswith("Aucune réponse expirée ni à revérifier bientôt.\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--report", "pdf:x.pdf"], "--report attend FORMAT:FICHIER"),
        (["--report", "json"], "--report attend FORMAT:FICHIER"),
        (["--days", "-3"], "--days attend un nombre de jours positif"),
        (["--owner", "@ville/etat-civil"], "--owner ne s'utilise qu'avec --format markdown"),
    ],
)
def test_exit_2_on_bad_usage(kb_root: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    assert run(kb_root, *TODAY, *args) == 2
    assert message in capsys.readouterr().err


def test_exit_2_without_kb_yml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, *TODAY) == 2
    assert "kb.yml introuvable" in capsys.readouterr().err


def test_exit_2_on_unknown_format_and_bad_date(kb_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        run(kb_root, "--format", "pdf")
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        run(kb_root, "--today", "01/07/2027")
    assert exc.value.code == 2
    assert "les dates s'écrivent 2027-06-30" in capsys.readouterr().err


def test_output_and_repeated_reports(kb_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "expiry.json"
    reports = {
        fmt: tmp_path / "reports" / f"expiry.{fmt}" for fmt in ("text", "json", "junit", "codequality", "markdown")
    }
    args = [*TODAY, "--format", "json", "--output", str(out)]
    for fmt, path in reports.items():
        args += ["--report", f"{fmt}:{path}"]
    assert run(kb_root, *args) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "kb expiry: 2 réponse(s) expirée(s), 2 à revérifier bientôt.\n"
    assert json.loads(out.read_text(encoding="utf-8"))["expired"] == 2
    assert json.loads(reports["json"].read_text(encoding="utf-8"))["expiring"] == 2
    assert ET.fromstring(reports["junit"].read_text(encoding="utf-8")).get("failures") == "2"
    assert len(json.loads(reports["codequality"].read_text(encoding="utf-8"))) == 4
    assert (
        reports["markdown"]
        .read_text(encoding="utf-8")
        .startswith("# Réponses à revérifier — contrôle du 1er juillet 2027")
    )
    assert "KB301 expired" in reports["text"].read_text(encoding="utf-8")


def test_markdown_digest_of_one_owner(kb_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(kb_root, *TODAY, "--format", "markdown", "--owner", "@ville/elus") == 1
    out = capsys.readouterr().out
    assert out.startswith("Bonjour @ville/elus,\n")
    assert "Donner procuration (expirée)" in out and "Obtenir un acte" not in out


def test_days_default_comes_from_kb_yml(kb_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = kb_root / "kb.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("expiring_days: 30", "expiring_days: 5"), encoding="utf-8"
    )
    assert run(kb_root, *TODAY, "--format", "json") == 1
    assert json.loads(capsys.readouterr().out)["days"] == 5


NIR = "2 84 05 75 116 001 58"


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "codequality", "markdown"])
def test_personal_data_in_a_title_or_file_name_is_masked(
    kb_root: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    answers = kb_root / "docs" / "reponses" / "etat-civil"
    expired = answers / "acte-expire.md"
    expired.write_text(expired.read_text(encoding="utf-8").replace("(expiré)", f"(NIR {NIR})"), encoding="utf-8")
    expired.rename(answers / "rappeler-06-12-34-56-78.md")
    assert run(kb_root, *TODAY, "--format", fmt) == 1
    out = capsys.readouterr().out
    assert "Obtenir un acte (NIR 2 ****" in out or fmt != "text"
    for secret in (NIR, NIR.replace(" ", ""), "06-12-34-56-78", "12-34-56"):
        assert secret not in out
