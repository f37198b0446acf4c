"""``kb codeowners``: the GitLab CODEOWNERS file generated from kb.yml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb_tools.cli import main
from kb_tools.codeowners import TOOLING_PATHS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).parent / "expiry" / "sample"

SERVICES = """
[État civil] @ville/etat-civil
/docs/reponses/etat-civil/

[Citoyenneté et élections] @ville/elections
/docs/reponses/citoyennete/
/docs/reponses/citoyennete/procuration-expiree.md @ville/elus

[Accueil] @agent.dupont
/docs/reponses/accueil/
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "kb"))


def codeowners(root: Path, *args: str) -> int:
    return main(["codeowners", "--root", str(root), *args])


def test_one_section_per_service_and_tooling_to_the_maintainers(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert codeowners(root) == 0
    text = capsys.readouterr().out
    assert text.startswith(
        "# Fichier généré par « kb codeowners » à partir de kb.yml : ne le modifiez pas à la main.\n"
    )
    tooling = "[Configuration et outillage] @@maintainer\n" + "\n".join(TOOLING_PATHS) + "\n"
    assert tooling in text
    assert "/kb.yml\n" in tooling and "/.gitlab-ci.yml\n" in tooling
    assert text.endswith(SERVICES)  # in kb.yml order; an answer with its own owner gets its own line


def test_maintainers_from_kb_yml_or_option(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = root / "kb.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site:\n", 'site:\n  maintainers: "@ville/informatique"\n'),
        encoding="utf-8",
    )
    assert codeowners(root) == 0
    assert "[Configuration et outillage] @ville/informatique\n" in capsys.readouterr().out
    assert codeowners(root, "--maintainers", "@marie.martin") == 0
    assert "[Configuration et outillage] @marie.martin\n" in capsys.readouterr().out


def test_write_then_check(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = root / ".gitlab" / "CODEOWNERS"
    assert codeowners(root, "--output", str(target)) == 0
    assert target.read_text(encoding="utf-8").endswith(SERVICES)
    capsys.readouterr()
    assert codeowners(root, "--check") == 0
    assert capsys.readouterr().err == "kb codeowners: .gitlab/CODEOWNERS est à jour.\n"


def test_check_fails_when_kb_yml_changed(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = root / ".gitlab" / "CODEOWNERS"
    assert codeowners(root, "--output", str(target)) == 0
    config = root / "kb.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('owner: "@ville/elections"', 'owner: "@ville/citoyennete"'),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert codeowners(root, "--check") == 1
    captured = capsys.readouterr()
    assert captured.err == (
        "kb codeowners: .gitlab/CODEOWNERS n'est pas à jour par rapport à kb.yml. "
        "Régénérez-le avec « kb codeowners --output .gitlab/CODEOWNERS » et committez-le.\n"
    )
    assert (
        "-[Citoyenneté et élections] @ville/elections\n+[Citoyenneté et élections] @ville/citoyennete\n" in captured.out
    )
    assert target.read_text(encoding="utf-8").count("@ville/elections") == 1  # --check writes nothing


def test_check_fails_when_the_file_is_missing(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert codeowners(root, "--check") == 1
    assert "kb codeowners: .gitlab/CODEOWNERS est absent par rapport à kb.yml." in capsys.readouterr().err


def test_invalid_owner_is_refused(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = root / "kb.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('owner: "@agent.dupont"', 'owner: "Agent Dupont"'), encoding="utf-8"
    )
    assert codeowners(root) == 2
    assert "responsable « Agent Dupont » du service « accueil » invalide" in capsys.readouterr().err


def test_no_kb_yml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert codeowners(tmp_path) == 2
    assert "kb.yml introuvable" in capsys.readouterr().err


def test_the_committed_codeowners_is_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    status = codeowners(ROOT, "--check")
    assert status == 0, capsys.readouterr().out
