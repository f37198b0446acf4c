"""Merge request hygiene files: pre-commit hooks, GitLab templates, the
editors' guide pages and their links (the site build checks them too)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide"
GUIDE_PAGES = [
    "index.md",
    "proposer-une-modification.md",
    "rediger-une-reponse.md",
    "messages-de-validation.md",
    "dates-et-responsables.md",
    "travailler-en-local.md",
    "export-et-reutilisation.md",
]
GENERATED = {
    "guide/regles.md",
    "fraicheur.md",
    "export/kb-export.json",
    "export/kb-export.schema.json",
}  # pages the site build generates
LINK_RE = re.compile(r"(?<!`)\[[^\]]+\]\(([^)\s]+)\)")


@pytest.mark.parametrize("name", [".pre-commit-config.yaml", ".pre-commit-hooks.yaml"])
def test_pre_commit_runs_kb_validate_on_changed_answers(name: str) -> None:
    data = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
    hooks = data if isinstance(data, list) else [h for repo in data["repos"] for h in repo["hooks"]]
    validate = next(h for h in hooks if h["id"] == "kb-validate")
    assert validate["entry"].startswith("kb validate")
    assert validate["language"] in ("system", "python")
    files = re.compile(validate["files"])
    assert files.search("docs/reponses/etat-civil/acte-de-naissance.md")
    assert not files.search("docs/guide/index.md") and not files.search("kb.yml")


def test_gitlab_templates() -> None:
    mr = (ROOT / ".gitlab/merge_request_templates/Default.md").read_text(encoding="utf-8")
    assert "- [ ] J'ai mis `reviewed` à la date du jour et repoussé `valid_until`" in mr
    for name in ("signaler-une-erreur.md", "nouvelle-question-usager.md"):
        text = (ROOT / ".gitlab/issue_templates" / name).read_text(encoding="utf-8")
        assert "données personnelles" in text


@pytest.mark.parametrize("page", GUIDE_PAGES)
def test_guide_links_are_relative_and_exist(page: str) -> None:
    text = (GUIDE / page).read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # code blocks show links, they are not links
    text = re.sub(r"`[^`]*`", "", text)
    for target in LINK_RE.findall(text):
        if target.startswith(("http://", "https://")):
            continue
        path = target.split("#", 1)[0]
        resolved = (GUIDE / path).resolve().relative_to((ROOT / "docs").resolve()).as_posix()
        assert resolved in GENERATED or (ROOT / "docs" / resolved).is_file(), f"{page}: {target}"


def test_guide_links_to_the_rules_page() -> None:
    assert "[règles de validation](regles.md)" in (GUIDE / "messages-de-validation.md").read_text(encoding="utf-8")
