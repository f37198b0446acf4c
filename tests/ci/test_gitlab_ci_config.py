"""The shape of .gitlab-ci.yml (read as YAML, no tool needed): the
conventions gitlab-ci-local cannot check, such as workflow:rules (it ignores
them when listing jobs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ci() -> dict[str, Any]:
    return yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))


def jobs(ci: dict[str, Any]) -> dict[str, dict[str, Any]]:
    reserved = {"workflow", "stages", "variables", "default", "include"}
    return {k: v for k, v in ci.items() if k not in reserved and not k.startswith(".")}


def test_merge_request_pipelines_without_duplicate_branch_pipelines(ci: dict[str, Any]) -> None:
    rules = ci["workflow"]["rules"]
    assert rules[0] == {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}
    never = {"if": "$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS", "when": "never"}
    assert never in rules
    assert rules[-1] == {"if": "$CI_COMMIT_BRANCH"}
    assert rules.index(never) == len(rules) - 2  # right before the catch-all branch rule


def test_defaults(ci: dict[str, Any]) -> None:
    default = ci["default"]
    assert default["interruptible"] is True
    assert default["image"] == "python:3.11-slim"
    assert default["cache"]["key"] == {"files": ["requirements/site.lock", "requirements/dev.lock"]}
    assert ci["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"
    assert default["cache"]["paths"] == [".cache/pip"]


def test_rules_everywhere_never_only_or_except(ci: dict[str, Any]) -> None:
    for name, job in jobs(ci).items():
        assert "only" not in job and "except" not in job, name
        assert "rules" in job or "extends" in job, name


def test_reports_and_artifacts(ci: dict[str, Any]) -> None:
    all_jobs = jobs(ci)
    validate = all_jobs["validate"]
    assert validate["artifacts"]["when"] == "always"
    assert set(validate["artifacts"]["reports"]) == {"codequality", "junit"}
    assert 'diff --name-only "$CI_MERGE_REQUEST_DIFF_BASE_SHA...HEAD"' in "\n".join(validate["script"])
    build = all_jobs["build"]
    assert build["environment"]["name"] == "review/$CI_COMMIT_REF_SLUG"
    assert build["environment"]["url"].endswith("/artifacts/file/site/index.html")
    assert build["artifacts"]["paths"] == ["site/"]
    pages = all_jobs["pages"]
    assert pages["pages"] == {"publish": "site"}
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"'} in pages["rules"]
    assert all(need.get("optional") for need in pages["needs"])  # never waits for `expiry`
    expiry = all_jobs["expiry"]
    assert expiry["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert "${GITLAB_TOKEN:+--gitlab-sync}" in "\n".join(expiry["script"])
