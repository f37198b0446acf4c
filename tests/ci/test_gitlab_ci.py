"""The GitLab pipeline, exercised for real with gitlab-ci-local.

The repository (tracked and untracked non-ignored files) is copied into a
temporary directory and committed there; gitlab-ci-local then lists the jobs
of a merge request, a push to the default branch and a schedule, and runs the
validate, build and expiry jobs with its shell executor, reusing the virtual
environment running these tests (``KB_VENV``).

Needs Node 22 and gitlab-ci-local (``bash scripts/install-ci-tools.sh``) and
rsync. Without them the tests are skipped, unless ``KB_REQUIRE_CI_TOOLS=1``
(set by .ci/run), which makes them fail.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from kb_tools.kb import load_kb

ROOT = Path(__file__).resolve().parents[2]
TOOLS_BIN = ROOT / ".tools" / "bin"
REMOTE = "https://gitlab.example.org/exempleville/base-accueil.git"
GIT_ID = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
OVERRIDDEN = [
    "CI_PIPELINE_SOURCE",
    "CI_MERGE_REQUEST_IID",
    "CI_MERGE_REQUEST_DIFF_BASE_SHA",
    "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME",
    "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
    "CI_OPEN_MERGE_REQUESTS",
    "CI_COMMIT_BRANCH",
    "CI_COMMIT_REF_NAME",
]
INSTALL_HINT = "install them with `bash scripts/install-ci-tools.sh` (Node 22 + gitlab-ci-local in .tools/) and `apt-get install -y rsync`"


def _version(cmd: list[str]) -> str:
    try:
        return subprocess.run(
            [*cmd, "--version"], capture_output=True, text=True, timeout=60, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def find_tools() -> tuple[str | None, list[str]]:
    """(gitlab-ci-local command, what is missing)."""
    missing = []
    gcl = os.environ.get("KB_GITLAB_CI_LOCAL") or (
        str(TOOLS_BIN / "gitlab-ci-local")
        if (TOOLS_BIN / "gitlab-ci-local").exists()
        else shutil.which("gitlab-ci-local")
    )
    node = str(TOOLS_BIN / "node") if (TOOLS_BIN / "node").exists() else shutil.which("node")
    if not node or not _version([node]).startswith("v22."):
        missing.append(f"Node 22 (found: {_version([node]) or 'none'})" if node else "Node 22")
    if not gcl or not _version([gcl]):
        missing.append("gitlab-ci-local")
    for tool in ("rsync", "git"):
        if not shutil.which(tool):
            missing.append(tool)
    return gcl, missing


@pytest.fixture(scope="module")
def gcl() -> str:
    command, missing = find_tools()
    if missing or command is None:
        message = f"pipeline tests need {', '.join(missing)}: {INSTALL_HINT}"
        if os.environ.get("KB_REQUIRE_CI_TOOLS") == "1":
            pytest.fail(message + " (KB_REQUIRE_CI_TOOLS=1: a skip is a failure)")
        pytest.skip(message)
    return command


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *GIT_ID, *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def copy_repo(dest: Path) -> Path:
    """Tracked and untracked non-ignored files of the work tree, committed on
    ``main`` in a new repository whose remote looks like the GitLab one."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    dest.mkdir(parents=True)
    for raw in filter(None, listed.split(b"\0")):
        rel = raw.decode()
        src = ROOT / rel
        if src.is_file():  # tracked files deleted in the work tree are skipped
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "Base")
    git(dest, "remote", "add", "origin", REMOTE)
    git(dest, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(dest, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main")
    return dest


def quiet_day(root: Path) -> dt.date:
    """A date at which no answer of the copy is expired: the earliest
    valid_until (so the tests do not depend on the calendar)."""
    dates = [a.valid_until for a in load_kb(root).published if a.valid_until is not None]
    return min(dates) if dates else dt.date.today()


def job_env() -> dict[str, str]:
    """The environment without anything of a surrounding CI or venv."""
    drop = ("CI", "GITLAB_", "KB_", "VIRTUAL_ENV", "PYTHONPATH", "PIP_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env["NO_COLOR"] = "1"
    return env


def run_gcl(
    gcl: str, cwd: Path, *args: str, variables: dict[str, str] | None = None, unset: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    cmd = [
        gcl,
        *args,
        "--no-color",
        "--home",
        str(cwd.parent / "gcl-home"),
        "--ignore-predefined-vars",
        ",".join(OVERRIDDEN),
    ]
    for key, value in (variables or {}).items():
        cmd += ["--variable", f"{key}={value}"]
    for key in unset:
        cmd += ["--unset-variable", key]
    (cwd.parent / "gcl-home").mkdir(exist_ok=True)
    return subprocess.run(cmd, cwd=cwd, env=job_env(), capture_output=True, text=True, timeout=600)


def listed_jobs(gcl: str, cwd: Path, variables: dict[str, str] | None = None, unset: tuple[str, ...] = ()) -> set[str]:
    result = run_gcl(gcl, cwd, "--list-json", variables=variables, unset=unset)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line in ("[", "[]"))  # past any warning
    return {job["name"] for job in json.loads("\n".join(lines[start:])) if job["when"] != "never"}


def merge_request(base_sha: str) -> dict[str, str]:
    return {
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_MERGE_REQUEST_IID": "12",
        "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": "modif",
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base_sha,
    }


def run_job(
    gcl: str, cwd: Path, job: str, variables: dict[str, str], unset: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    return run_gcl(gcl, cwd, job, "--force-shell-executor", variables={"KB_VENV": sys.prefix, **variables}, unset=unset)


def output(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def repo(gcl: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy shared by the listing tests (they change nothing)."""
    return copy_repo(tmp_path_factory.mktemp("pipeline") / "repo")


@pytest.fixture
def fresh(gcl: str, tmp_path: Path) -> Path:
    """A copy of its own for a test that runs jobs."""
    return copy_repo(tmp_path / "repo")


def change_answer(root: Path, valid_until: dt.date | None = None) -> str:
    """Edit the first answer on a new branch and commit; its path."""
    answer = sorted((root / "docs" / "reponses").glob("*/*.md"))[0]
    text = answer.read_text(encoding="utf-8")
    if valid_until is not None:
        text = "\n".join(
            f"valid_until: {valid_until.isoformat()}" if line.startswith("valid_until:") else line
            for line in text.split("\n")
        )
    answer.write_text(text.rstrip("\n") + "\n\nUne phrase ajoutée dans la demande de fusion.\n", encoding="utf-8")
    git(root, "checkout", "-q", "-b", "modif")
    git(root, "commit", "-q", "-am", "Modifier une réponse")
    return answer.relative_to(root).as_posix()


# Which jobs run when.


def test_merge_request_pipeline(gcl: str, repo: Path) -> None:
    jobs = listed_jobs(gcl, repo, merge_request(git(repo, "rev-parse", "HEAD")), unset=("CI_COMMIT_BRANCH",))
    assert jobs == {"validate", "codeowners", "test", "build"}


def test_push_to_the_default_branch(gcl: str, repo: Path) -> None:
    assert listed_jobs(gcl, repo) == {"validate", "codeowners", "test", "pages"}


def test_schedule(gcl: str, repo: Path) -> None:
    assert listed_jobs(gcl, repo, {"CI_PIPELINE_SOURCE": "schedule"}) == {"expiry", "pages"}


def test_push_to_another_branch_runs_nothing(gcl: str, repo: Path) -> None:
    # A branch is checked through its merge request pipeline only.
    assert listed_jobs(gcl, repo, {"CI_COMMIT_BRANCH": "modif", "CI_COMMIT_REF_NAME": "modif"}) == set()


# Jobs run with the shell executor.


def test_validate_job_in_a_merge_request(gcl: str, fresh: Path) -> None:
    base = git(fresh, "rev-parse", "HEAD")
    changed = change_answer(fresh)
    today = quiet_day(fresh)
    result = run_job(
        gcl, fresh, "validate", {**merge_request(base), "KB_TODAY": today.isoformat()}, unset=("CI_COMMIT_BRANCH",)
    )
    assert result.returncode == 0, output(result)
    reports = fresh / "reports"
    assert (reports / "changed-files.txt").read_text(encoding="utf-8").split() == [changed]
    assert isinstance(json.loads((reports / "gl-code-quality.json").read_text(encoding="utf-8")), list)
    junit = ET.parse(reports / "kb-junit.xml").getroot()
    assert junit.get("failures") == "0" and int(junit.get("tests") or 0) > 1
    exported = fresh / ".gitlab-ci-local" / "artifacts" / "validate" / "reports"
    assert {p.name for p in exported.iterdir()} >= {"gl-code-quality.json", "kb-junit.xml", "changed-files.txt"}


def test_validate_job_fails_on_an_expired_answer_the_merge_request_touches(gcl: str, fresh: Path) -> None:
    base = git(fresh, "rev-parse", "HEAD")
    today = quiet_day(fresh)
    changed = change_answer(fresh, valid_until=today - dt.timedelta(days=1))
    result = run_job(
        gcl, fresh, "validate", {**merge_request(base), "KB_TODAY": today.isoformat()}, unset=("CI_COMMIT_BRANCH",)
    )
    assert result.returncode != 0, output(result)
    issues = json.loads((fresh / "reports" / "gl-code-quality.json").read_text(encoding="utf-8"))
    assert [(i["check_name"], i["severity"]) for i in issues if i["location"]["path"] == changed] == [
        ("KB301 expired", "major")
    ]
    failures = [f for f in ET.parse(fresh / "reports" / "kb-junit.xml").getroot().iter("failure")]
    assert any("KB301" in (f.get("type") or "") for f in failures)


def test_build_job(gcl: str, fresh: Path) -> None:
    today = quiet_day(fresh)
    result = run_job(
        gcl,
        fresh,
        "build",
        {**merge_request(git(fresh, "rev-parse", "HEAD")), "KB_TODAY": today.isoformat()},
        unset=("CI_COMMIT_BRANCH",),
    )
    assert result.returncode == 0, output(result)
    assert (fresh / "site" / "index.html").is_file()
    assert (fresh / "site" / "index.html.gz").is_file()  # kb precompress: served by GitLab Pages
    assert (fresh / ".gitlab-ci-local" / "artifacts" / "build" / "site" / "index.html").is_file()
    assert "review/modif" in result.stdout or "review/" in result.stdout  # the environment of the preview
    if (fresh / "mkdocs-offline.yml").is_file():
        archive = fresh / "site" / "telechargement" / "base-hors-ligne.zip"
        with zipfile.ZipFile(archive) as zipped:
            assert "base-hors-ligne/index.html" in zipped.namelist()


def test_expiry_job_passes_when_nothing_is_expired(gcl: str, fresh: Path) -> None:
    today = quiet_day(fresh)
    result = run_job(gcl, fresh, "expiry", {"CI_PIPELINE_SOURCE": "schedule", "KB_TODAY": today.isoformat()})
    assert result.returncode == 0, output(result)
    reports = fresh / "reports"
    data = json.loads((reports / "kb-expiry.json").read_text(encoding="utf-8"))
    assert (data["today"], data["expired"]) == (today.isoformat(), 0)
    assert ET.parse(reports / "kb-expiry-junit.xml").getroot().get("failures") == "0"
    assert isinstance(json.loads((reports / "kb-expiry-codequality.json").read_text(encoding="utf-8")), list)
    assert (reports / "kb-expiry.md").read_text(encoding="utf-8").startswith("# Réponses à revérifier")
    assert (fresh / ".gitlab-ci-local" / "artifacts" / "expiry" / "reports" / "kb-expiry.json").is_file()


def test_expiry_job_fails_when_an_answer_is_expired(gcl: str, fresh: Path) -> None:
    today = quiet_day(fresh)
    kb = load_kb(fresh)
    service = sorted(kb.config.services)[0]
    rel = f"docs/reponses/{service}/reponse-expiree-pour-le-test.md"
    tag = sorted(kb.config.tags)[0]
    (fresh / rel).parent.mkdir(parents=True, exist_ok=True)
    (fresh / rel).write_text(
        "---\n"
        'title: "Réponse expirée pour le test du pipeline"\n'
        f"service: {service}\n"
        f"tags: [{tag}]\n"
        f"valid_until: {(today - dt.timedelta(days=3)).isoformat()}\n"
        f"reviewed: {(today - dt.timedelta(days=200)).isoformat()}\n"
        "---\n\n## En bref\n\nTexte.\n",
        encoding="utf-8",
    )
    git(fresh, "add", "-A")
    git(fresh, "commit", "-q", "-m", "Réponse expirée")
    result = run_job(gcl, fresh, "expiry", {"CI_PIPELINE_SOURCE": "schedule", "KB_TODAY": today.isoformat()})
    assert result.returncode != 0, output(result)
    assert "expirée depuis 3 jour(s)" in result.stdout
    data = json.loads((fresh / "reports" / "kb-expiry.json").read_text(encoding="utf-8"))
    assert data["expired"] == 1
    assert [p["path"] for p in data["problems"] if p["rule"] == "KB301"] == [rel]
    failed = [
        c.get("name")
        for c in ET.parse(fresh / "reports" / "kb-expiry-junit.xml").getroot().iter("testcase")
        if c.find("failure") is not None
    ]
    assert failed == [rel]
