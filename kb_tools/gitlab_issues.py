"""One GitLab issue per owner, kept in step with the expiry report.

For each owner with answers to check again, the issue titled
"Réponses à revérifier — <owner>" (label ``kb::expiry``) is created, or updated
(or reopened) with the owner's digest as description; the issues of owners who
have nothing left are closed with a note. Issues are found by label and exact
title, so running twice never creates a duplicate.

The GitLab client (python-gitlab) is imported only when a sync is asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kb_tools.config import is_web_address
from kb_tools.errors import SyncError
from kb_tools.expiry import ExpiryReport, owner_digest, owner_name
from kb_tools.text import redact_url

LABEL = "kb::expiry"
TITLE_PREFIX = "Réponses à revérifier — "
TOKEN_VAR = "GITLAB_TOKEN"
CLOSING_NOTE = (
    "Plus aucune réponse à revérifier pour ce responsable : ticket fermé automatiquement par le contrôle des dates."
)
REOPENING_NOTE = "De nouvelles réponses sont à revérifier : ticket rouvert automatiquement par le contrôle des dates."


@dataclass(frozen=True)
class GitLabSettings:
    url: str
    project: str  # numeric id or "group/project" path
    token: str
    label: str = LABEL


@dataclass(frozen=True)
class SyncAction:
    action: str  # created, updated, reopened, unchanged, closed, closed-duplicate
    owner: str
    title: str
    iid: int
    web_url: str = ""

    def describe(self) -> str:
        verbs = {
            "created": "ouvert",
            "updated": "mis à jour",
            "reopened": "rouvert",
            "unchanged": "inchangé",
            "closed": "fermé",
            "closed-duplicate": "fermé (doublon)",
        }
        return f"ticket #{self.iid} {verbs.get(self.action, self.action)} : {self.title}" + (
            f" ({redact_url(self.web_url)})" if self.web_url else ""
        )


def issue_title(owner: str) -> str:
    return TITLE_PREFIX + owner_name(owner)


def settings_from_env(
    env: Mapping[str, str], *, url: str | None = None, project: str | None = None, label: str = LABEL
) -> GitLabSettings:
    """Settings from the options, then GitLab CI's predefined variables.
    Raises :class:`SyncError` (before any network access) when one is missing."""
    token = env.get(TOKEN_VAR, "").strip()
    missing = []
    if not token:
        missing.append(
            f"la variable d'environnement {TOKEN_VAR} est absente : créez un jeton d'accès au projet "
            "(rôle Reporter au moins, portée « api ») et déclarez-le comme variable CI/CD masquée GITLAB_TOKEN"
        )
    url = (url or env.get("CI_SERVER_URL", "")).strip().rstrip("/")
    if not url:
        missing.append("adresse de GitLab inconnue : passez --gitlab-url ou définissez CI_SERVER_URL")
    elif redact_url(url) != url:
        missing.append(
            f"l'adresse de GitLab « {redact_url(url)} » contient un identifiant ou un jeton : "
            f"donnez l'adresse seule (par exemple https://gitlab.exemple.fr) et le jeton dans {TOKEN_VAR}"
        )
    elif not is_web_address(url):
        missing.append(
            f"adresse de GitLab invalide « {redact_url(url)} » : attendu une adresse http:// ou https://, "
            "par exemple https://gitlab.exemple.fr"
        )
    project = (project or env.get("CI_PROJECT_ID", "")).strip()
    if not project:
        missing.append(
            "projet inconnu : passez --gitlab-project (identifiant ou chemin groupe/projet) ou définissez CI_PROJECT_ID"
        )
    if missing:
        raise SyncError("synchronisation GitLab impossible : " + " ; ".join(missing))
    return GitLabSettings(url=url, project=project, token=token, label=label)


TOKEN_HEADERS = ("PRIVATE-TOKEN", "JOB-TOKEN", "Authorization")


class CrossHostRedirect(Exception):
    """GitLab answered with a redirect to another server: not followed."""

    def __init__(self, source: str, target: str) -> None:
        super().__init__(f"{source} -> {target}")
        self.source, self.target = source, target


def token_safe_session() -> Any:
    """A requests session that never sends the token to another server.

    requests drops ``Authorization`` on a redirect to another host, but
    python-gitlab sends its token in ``PRIVATE-TOKEN``, which requests would
    forward. This session removes the token headers and refuses to follow
    such a redirect (:class:`CrossHostRedirect`)."""
    import requests

    class TokenSafeSession(requests.Session):
        def rebuild_auth(self, prepared_request: Any, response: Any) -> None:
            if self.should_strip_auth(response.request.url, prepared_request.url):
                for name in TOKEN_HEADERS:
                    prepared_request.headers.pop(name, None)
                raise CrossHostRedirect(response.request.url, prepared_request.url)
            super().rebuild_auth(prepared_request, response)

    return TokenSafeSession()


def connect(settings: GitLabSettings) -> tuple[Any, Any]:
    """(client, project) for the settings; no request is made yet."""
    import gitlab

    client = gitlab.Gitlab(settings.url, private_token=settings.token, timeout=30, session=token_safe_session())
    return client, client.projects.get(settings.project, lazy=True)


def sync(settings: GitLabSettings, report: ExpiryReport) -> list[SyncAction]:
    """Connect and sync; every GitLab or network failure becomes a SyncError."""
    import gitlab
    import requests

    client, project = connect(settings)
    try:
        return sync_issues(client, project, report, settings.label)
    except CrossHostRedirect as exc:
        raise SyncError(
            f"GitLab a redirigé la requête vers un autre serveur ({redact_url(exc.target)}) : "
            f"redirection refusée, le jeton {TOKEN_VAR} n'a pas été envoyé ; "
            "passez l'adresse exacte de GitLab avec --gitlab-url ou CI_SERVER_URL"
        ) from exc
    except gitlab.exceptions.GitlabAuthenticationError as exc:
        raise SyncError(
            f"GitLab a refusé le jeton {TOKEN_VAR} ({exc.response_code}) : vérifiez qu'il est valide et a la portée « api »"
        ) from exc
    except gitlab.exceptions.GitlabError as exc:
        raise SyncError(
            f"GitLab a répondu par une erreur ({exc.response_code}) : {redact_url(str(exc.error_message))}"
        ) from exc
    except requests.exceptions.RequestException as exc:
        raise SyncError(f"GitLab injoignable à {redact_url(settings.url)} : {exc.__class__.__name__}") from exc


def _ours(issue: Any) -> bool:
    return str(issue.title).startswith(TITLE_PREFIX)


def sync_issues(client: Any, project: Any, report: ExpiryReport, label: str = LABEL) -> list[SyncAction]:
    """Create, update, reopen or close issues so that each owner with answers
    to check has exactly one open issue describing them."""
    actions: list[SyncAction] = []
    opened: dict[str, Any] = {}
    for issue in sorted(project.issues.list(labels=[label], state="opened", get_all=True), key=lambda i: i.iid):
        if not _ours(issue):
            continue
        if issue.title in opened:  # made by hand or by a race: keep the oldest
            issue.notes.create({"body": f"Doublon de #{opened[issue.title].iid} : fermé automatiquement."})
            issue.state_event = "close"
            issue.save()
            actions.append(SyncAction("closed-duplicate", "", issue.title, issue.iid, getattr(issue, "web_url", "")))
            continue
        opened[issue.title] = issue
    wanted = {issue_title(owner): owner for owner in report.owners()}
    for title, owner in wanted.items():
        description = owner_digest(report, owner)
        issue = opened.get(title)
        if issue is not None:
            if issue.description == description:
                actions.append(SyncAction("unchanged", owner, title, issue.iid, getattr(issue, "web_url", "")))
                continue
            issue.description = description
            issue.save()
            actions.append(SyncAction("updated", owner, title, issue.iid, getattr(issue, "web_url", "")))
            continue
        closed = [
            i
            for i in project.issues.list(labels=[label], state="closed", search=title, get_all=True)
            if i.title == title
        ]
        if closed:
            issue = max(closed, key=lambda i: i.iid)
            issue.description = description
            issue.state_event = "reopen"
            issue.save()
            issue.notes.create({"body": REOPENING_NOTE})
            actions.append(SyncAction("reopened", owner, title, issue.iid, getattr(issue, "web_url", "")))
            continue
        data: dict[str, Any] = {"title": title, "description": description, "labels": label}
        assignee = _user_id(client, owner)
        if assignee is not None:
            data["assignee_ids"] = [assignee]
        issue = project.issues.create(data)
        actions.append(SyncAction("created", owner, title, issue.iid, getattr(issue, "web_url", "")))
    for title, issue in opened.items():
        if title in wanted:
            continue
        issue.notes.create({"body": CLOSING_NOTE})
        issue.state_event = "close"
        issue.save()
        actions.append(
            SyncAction("closed", title.removeprefix(TITLE_PREFIX), title, issue.iid, getattr(issue, "web_url", ""))
        )
    return actions


def _user_id(client: Any, owner: str) -> int | None:
    """The id of a user handle (``@jdupont``) to assign the issue to; groups
    (``@ville/etat-civil``) are only mentioned in the description."""
    name = owner.removeprefix("@")
    if not name or "/" in name or name.startswith("@"):
        return None
    users = client.users.list(username=name, get_all=False)
    return users[0].id if users else None
