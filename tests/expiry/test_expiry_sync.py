"""``kb expiry --gitlab-sync`` against a local stand-in for GitLab: one issue
per owner, created, updated, reopened or closed, never duplicated."""

from __future__ import annotations

import re
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


@pytest.fixture
def free_port() -> int:
    """A port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_gitlab_exits_4(
    kb_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], free_port: int
) -> None:
    port = free_port
    monkeypatch.setenv("GITLAB_TOKEN", "x")
    monkeypatch.setenv("CI_SERVER_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("CI_PROJECT_ID", "42")
    assert sync(kb_root) == 4
    assert f"GitLab injoignable à http://127.0.0.1:{port}" in capsys.readouterr().err


def test_redirect_to_another_host_is_refused_and_the_token_not_sent(
    kb_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # 127.0.0.2 is another host for requests (and on Linux, still loopback).
    with Server(FakeGitLab(), host="127.0.0.2") as elsewhere, Server(FakeGitLab()) as gitlab:
        gitlab.redirect_to = elsewhere.url
        monkeypatch.setenv("GITLAB_TOKEN", gitlab.token)
        monkeypatch.setenv("CI_SERVER_URL", gitlab.url)
        monkeypatch.setenv("CI_PROJECT_ID", gitlab.project)
        assert sync(kb_root) == 4
    assert gitlab.requests and all(r.token == gitlab.token for r in gitlab.requests)  # the real GitLab got it
    assert all(r.token is None for r in elsewhere.requests)  # the other host never did
    err = capsys.readouterr().err
    assert "GitLab a redirigé la requête vers un autre serveur" in err
    assert "127.0.0.2" in err and "le jeton GITLAB_TOKEN n'a pas été envoyé" in err
    assert elsewhere.issues == {}


def test_redirect_to_another_port_is_refused_too(kb_root: Path, gitlab: FakeGitLab) -> None:
    with Server(FakeGitLab()) as front:  # same address, another port: another server for requests
        front.redirect_to = gitlab.url
        assert sync(kb_root, "2027-07-01", "--gitlab-url", front.url) == 4
    assert all(r.token is None for r in gitlab.requests)


def test_token_in_the_url_is_refused_and_never_printed(
    kb_root: Path, gitlab: FakeGitLab, capsys: pytest.CaptureFixture[str], no_network: None
) -> None:
    host = gitlab.url.removeprefix("http://")
    assert sync(kb_root, "2027-07-01", "--gitlab-url", f"http://oauth2:glpat-s3cret@{host}") == 2
    err = capsys.readouterr().err
    assert "glpat-s3cret" not in err
    assert f"http://***@{host}" in err and "contient un identifiant ou un jeton" in err
    assert gitlab.requests == []


def test_token_in_a_query_parameter_is_never_printed(
    kb_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], free_port: int
) -> None:
    port = free_port
    monkeypatch.setenv("GITLAB_TOKEN", "x")
    monkeypatch.setenv("CI_SERVER_URL", f"http://127.0.0.1:{port}/?private_token=glpat-s3cret")
    monkeypatch.setenv("CI_PROJECT_ID", "42")
    assert sync(kb_root) == 2
    err = capsys.readouterr().err
    assert "glpat-s3cret" not in err and "private_token=***" in err


def test_a_title_cannot_run_quick_actions_nor_mention_everyone(kb_root: Path, gitlab: FakeGitLab) -> None:
    path = kb_root / "docs" / "reponses" / "citoyennete" / "procuration-expiree.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'title: "Donner procuration (expirée)"', 'title: "Procuration\\n/close\\n/assign @all\\n@chef #1 ~urgent"'
    )
    path.write_text(text, encoding="utf-8")
    assert sync(kb_root) == 1
    description = next(i["description"] for i in gitlab.issues.values() if i["title"].endswith("@ville/elus"))
    assert description.startswith("Bonjour @ville/elus,\n")  # the owner is still mentioned
    lines = description.split("\n")
    assert not [line for line in lines if line.lstrip().startswith("/")]
    assert re.search(r"Procuration /close /assign @\u2060all @\u2060chef #\u20601 ~\u2060urgent", description)
    for reference in ("@all", "@chef", "#1", "~urgent"):
        assert not re.search(rf"(?<![\w@]){re.escape(reference)}\b", description)


def test_an_owner_cannot_mention_everyone(kb_root: Path, gitlab: FakeGitLab) -> None:
    path = kb_root / "docs" / "reponses" / "citoyennete" / "procuration-expiree.md"
    path.write_text(path.read_text(encoding="utf-8").replace('owner: "@ville/elus"', 'owner: "@all"'), "utf-8")
    assert sync(kb_root) == 1
    description = next(i["description"] for i in gitlab.issues.values() if i["title"].endswith("@all"))
    assert description.startswith("Bonjour @\u2060all,\n")
