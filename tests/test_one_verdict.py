"""One verdict: ``kb validate`` and the strict site build (``mkdocs build
--strict``, behind ``scripts/serve.sh``, the merge request's build job and
Pages) pass and fail on the same files, and an untouched ``kb new`` scaffold
is never published."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kb_tools.cli import main

sys.path.insert(0, str(Path(__file__).parent / "site"))
from sitekb import TODAY, answer, copy_project, mkdocs_build

pytestmark = pytest.mark.slow


def kb_validate(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["validate", "--root", str(root), "--today", TODAY.isoformat()])
    out, err = capsys.readouterr()
    return code, out + err


CASES = {
    # warnings: reported by both, blocking neither
    "future reviewed date": (
        {"docs/reponses/etat-civil/futur.md": answer("Date future", extra="").replace("2026-10-01", "2026-12-24")},
        0,
        "KB109",
    ),
    "duplicated title": (
        {"docs/reponses/etat-civil/double.md": answer("Obtenir un acte de naissance")},
        0,
        "KB202",
    ),
    # errors: blocking both
    "unknown tag": ({"docs/reponses/etat-civil/etiquette.md": answer("Étiquette", tags="[inconnue]")}, 1, "KB102"),
    "service mismatch": ({"docs/reponses/etat-civil/mauvais.md": answer("Mauvais", service="identite")}, 1, "KB110"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_kb_validate_and_the_strict_build_agree(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files, expected_code, rule = CASES[case]
    project = copy_project(tmp_path / "kb")
    for rel, text in files.items():
        (project / rel).write_text(text, encoding="utf-8")
    code, report = kb_validate(project, capsys)
    assert rule in report
    build = mkdocs_build(project)
    assert rule in build.stderr + build.stdout  # the build shows the same problem
    assert code == expected_code
    assert (build.returncode == 0) == (code == 0), build.stderr


def test_sample_is_green_in_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "kb")
    assert kb_validate(project, capsys)[0] == 0
    assert mkdocs_build(project).returncode == 0


def test_the_untouched_scaffold_is_not_published(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "kb")
    argv = ["new", "--root", str(project), "--today", TODAY.isoformat(), "etat-civil", "acte-de-mariage"]
    assert main([*argv, "--title", "Obtenir un acte de mariage", "--tag", "acte"]) == 0
    assert kb_validate(project, capsys)[0] == 0  # a draft is valid…
    proc = mkdocs_build(project)
    assert proc.returncode == 0, proc.stderr
    site = project / "site"
    assert (site / "reponses/etat-civil").is_dir()
    assert not (site / "reponses/etat-civil/acte-de-mariage").exists()  # …and not published
    for name in ("kb-index.json", "kb-index-sections.json"):
        assert "acte-de-mariage" not in (site / "search" / name).read_text(encoding="utf-8")
    # Published without being filled in: refused by both.
    path = project / "docs/reponses/etat-civil/acte-de-mariage.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft\n", ""), encoding="utf-8")
    code, report = kb_validate(project, capsys)
    assert code == 1
    assert "KB111 template-text" in report
    assert mkdocs_build(project).returncode == 1
