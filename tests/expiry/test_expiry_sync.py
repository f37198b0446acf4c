"""``kb expiry --gitlab-sync`` against a local stand-in for GitLab: one issue
per owner, created, updated, reopened or closed, never duplicated."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_gitlab import FakeGitLab, Server

from kb_tools.cli import main

TITLES = {
    "Réponses à revérifier — @agent.dupont",
    "Réponses à revérifier — @ville/elus",
    "Réponses à revérifier — @ville/etat-civil",
}


@pytest.fixture
def gitlab(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGitLab]:
    with Server(FakeGitLab(users={"agent.dupont": 7})) as state:
        monkeypatch.setenv("GITLAB_TOKEN", state.token)
        monkeypatch.setenv("CI_SERVER_URL", state.url)
        monkeypatch.setenv("CI_PROJECT_ID", state.project)
        yield state


def sync(root: Path, today: str = "2027-07-01", *args: str) -> int:
    return main(
        [
            "expiry",
            "--root",
            str(root),
            "--today",
            today,
            "--format",
            "json",
            "--output",
            str(root / "out.json"),
            "--gitlab-sync",
            *args,
        ]
    )


def set_valid_until(root: Path, rel: str, date: str) -> None:
    path = root / "docs" / "reponses" / rel
    lines = [
        f"valid_until: {date}" if line.startswith("valid_until:") else line
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_creates_one_issue_per_owner(kb_root: Path, gitlab: FakeGitLab, capsys: pytest.CaptureFixture[str]) -> None:
    assert sync(kb_root) == 1  # the exit code still tells that answers are expired
    assert {i["title"] for i in gitlab.opened()} == TITLES
    for issue in gitlab.issues.values():
        assert issue["labels"] == ["kb::expiry"]
        owner = issue["title"].removeprefix("Réponses à revérifier — ")
        assert issue["description"].startswith(f"Bonjour {owner},\n")  # the owner is mentioned
    by_title = {i["title"]: i for i in gitlab.issues.values()}
    assert by_title["Réponses à revérifier — @agent.dupont"]["assignees"] == [{"id": 7}]  # a user is also assigned
    assert by_title["Réponses à revérifier — @ville/etat-civil"]["assignees"] == []  # a group is only mentioned
    assert "Obtenir un acte (expiré)" in by_title["Réponses à revérifier — @ville/etat-civil"]["description"]
    assert "Donner procuration" not in by_title["Réponses à revérifier — @ville/etat-civil"]["description"]
    err = capsys.readouterr().err
    assert "kb expiry: ticket #1 ouvert : Réponses à revérifier — @agent.dupont" in err


def test_rerun_creates_no_duplicate_and_changes_nothing(
    kb_root: Path, gitlab: FakeGitLab, capsys: pytest.CaptureFixture[str]
) -> None:
    sync(kb_root)
    gitlab.requests.clear()
    assert sync(kb_root) == 1
    assert len(gitlab.issues) == 3
    assert gitlab.calls("POST") == [] and gitlab.calls("PUT") == []  # only reads
    assert capsys.readouterr().err.count("inchangé") == 3


def test_updates_the_description(kb_root: Path, gitlab: FakeGitLab) -> None:
    sync(kb_root)
    gitlab.requests.clear()
    assert sync(kb_root, "2027-07-02") == 1  # one day later: "expirée depuis 31 jour(s)"
    assert len(gitlab.issues) == 3 and gitlab.calls("POST", r"/issues$") == []
    updates = gitlab.calls("PUT")
    assert len(updates) == 3 and all(set(r.body) == {"description"} for r in updates)
    etat_civil = next(i for i in gitlab.issues.values() if i["title"].endswith("@ville/etat-civil"))
    assert "expirée depuis 31 jour(s)" in etat_civil["description"]


def test_closes_the_issue_of_an_owner_with_nothing_left(kb_root: Path, gitlab: FakeGitLab) -> None:
    sync(kb_root)
    set_valid_until(kb_root, "citoyennete/procuration-expiree.md", "2028-06-30")  # checked again by @ville/elus
    assert sync(kb_root) == 1
    elus = next(i for i in gitlab.issues.values() if i["title"].endswith("@ville/elus"))
    assert elus["state"] == "closed"
    assert gitlab.notes[elus["iid"]] == [
        "Plus aucune réponse à revérifier pour ce responsable : ticket fermé automatiquement par le contrôle des dates."
    ]
    assert len(gitlab.opened()) == 2


def test_reopens_rather_than_duplicates(kb_root: Path, gitlab: FakeGitLab) -> None:
    sync(kb_root)
    set_valid_until(kb_root, "citoyennete/procuration-expiree.md", "2028-06-30")
    sync(kb_root)
    set_valid_until(kb_root, "citoyennete/procuration-expiree.md", "2027-06-30")
    sync(kb_root)
    elus = [i for i in gitlab.issues.values() if i["title"].endswith("@ville/elus")]
    assert len(elus) == 1 and elus[0]["state"] == "opened"
    assert len(gitlab.issues) == 3


def test_everything_closed_when_all_is_up_to_date(kb_root: Path, gitlab: FakeGitLab) -> None:
    sync(kb_root)
    assert sync(kb_root, "2027-01-01", "--days", "10") == 0
    assert gitlab.opened() == []


def test_other_issues_are_left_alone_and_duplicates_closed(kb_root: Path, gitlab: FakeGitLab) -> None:
    other = gitlab.add_issue("Revoir la page d'accueil")  # same label, another subject
    unlabelled = gitlab.add_issue("Réponses à revérifier — @ville/etat-civil", labels=("autre",))
    first = gitlab.add_issue("Réponses à revérifier — @ville/etat-civil", "ancien texte")
    second = gitlab.add_issue("Réponses à revérifier — @ville/etat-civil", "copie faite à la main")
    sync(kb_root)
    assert other["state"] == "opened" and other["description"] == ""
    assert unlabelled["state"] == "opened" and unlabelled["description"] == ""
    assert first["state"] == "opened" and "Obtenir un acte (expiré)" in first["description"]  # the oldest is kept
    assert second["state"] == "closed" and gitlab.notes[second["iid"]] == [
        f"Doublon de #{first['iid']} : fermé automatiquement."
    ]
    assert len([i for i in gitlab.opened() if i["title"] in TITLES and i["labels"] == ["kb::expiry"]]) == 3


def test_options_override_the_ci_variables(kb_root: Path, gitlab: FakeGitLab, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI_SERVER_URL")
    monkeypatch.delenv("CI_PROJECT_ID")
    assert (
        sync(
            kb_root,
            "2027-07-01",
            "--gitlab-url",
            gitlab.url,
            "--gitlab-project",
            gitlab.project,
            "--gitlab-label",
            "fraicheur",
        )
        == 1
    )
    assert {tuple(i["labels"]) for i in gitlab.issues.values()} == {("fraicheur",)}
    assert all(r.query.get("labels") == "fraicheur" for r in gitlab.calls("GET", r"/issues$"))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("no network access expected")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_missing_token_is_a_clear_usage_error_without_network(
    kb_root: Path,
    gitlab: FakeGitLab,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    no_network: None,
) -> None:
    monkeypatch.delenv("GITLAB_TOKEN")
    assert sync(kb_root) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "kb expiry: synchronisation GitLab impossible : la variable d'environnement GITLAB_TOKEN est absente"
    )
    assert "variable CI/CD masquée GITLAB_TOKEN" in err
    assert gitlab.requests == []
    assert not (kb_root / "out.json").exists()  # nothing half done


def test_missing_url_and_project_are_named(
    kb_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], no_network: None
) -> None:
    monkeypatch.setenv("GITLAB_TOKEN", "x")
    monkeypatch.delenv("CI_SERVER_URL", raising=False)
    monkeypatch.delenv("CI_PROJECT_ID", raising=False)
    assert sync(kb_root) == 2
    err = capsys.readouterr().err
    assert "passez --gitlab-url ou définissez CI_SERVER_URL" in err and "passez --gitlab-project" in err


def test_refused_token_exits_4_after_writing_the_reports(
    kb_root: Path, gitlab: FakeGitLab, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITLAB_TOKEN", "wrong")
    assert sync(kb_root) == 4
    assert "GitLab a refusé le jeton GITLAB_TOKEN (401)" in capsys.readouterr().err
    assert (kb_root / "out.json").exists()
    assert gitlab.issues == {}


def test_unreachable_gitlab_exits_4(
    kb_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("GITLAB_TOKEN", "x")
    monkeypatch.setenv("CI_SERVER_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("CI_PROJECT_ID", "42")
    assert sync(kb_root) == 4
    assert f"GitLab injoignable à http://127.0.0.1:{port}" in capsys.readouterr().err
