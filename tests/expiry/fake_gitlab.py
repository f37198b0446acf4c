"""A tiny stand-in for the few GitLab REST calls ``kb expiry --gitlab-sync``
makes: list, create and edit issues (``state_event`` closes and reopens),
add a note, look a user up. It listens on 127.0.0.1 (or another loopback
address) on a random port, in a thread, and keeps every request it received.
With ``redirect_to`` set it answers every request with a redirect there.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

ISSUES_RE = re.compile(r"^/api/v4/projects/([^/]+)/issues(?:/(\d+)(/notes)?)?$")
USERS_RE = re.compile(r"^/api/v4/users$")


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: dict[str, Any]
    token: str | None = None  # the PRIVATE-TOKEN header received


@dataclass
class FakeGitLab:
    token: str = "secret-token"
    project: str = "ville/base"
    project_id: int = 42  # the project is found by either
    users: dict[str, int] = field(default_factory=dict)
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    notes: dict[int, list[str]] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    url: str = ""
    redirect_to: str = ""  # base URL every request is redirected to (302)

    def add_issue(
        self, title: str, description: str = "", labels: tuple[str, ...] = ("kb::expiry",), state: str = "opened"
    ) -> dict[str, Any]:
        iid = max(self.issues, default=0) + 1
        issue = {
            "id": 1000 + iid,
            "iid": iid,
            "project_id": self.project_id,
            "title": title,
            "description": description,
            "state": state,
            "labels": list(labels),
            "assignees": [],
            "web_url": f"{self.url}/{self.project}/-/issues/{iid}",
        }
        self.issues[iid] = issue
        return issue

    def calls(self, method: str, pattern: str = "") -> list[Request]:
        return [r for r in self.requests if r.method == method and re.search(pattern, r.path)]

    def opened(self) -> list[dict[str, Any]]:
        return [i for i in self.issues.values() if i["state"] == "opened"]


def _labels(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [v for v in str(value or "").split(",") if v]


def make_handler(state: FakeGitLab) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def reply(self, status: int, payload: Any) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def handle_any(self, method: str) -> None:
            parts = urlsplit(self.path)
            query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body: dict[str, Any] = {}
            if raw:
                if "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw)
                else:
                    body = {k: v[-1] for k, v in parse_qs(raw.decode()).items()}
            state.requests.append(Request(method, parts.path, query, body, self.headers.get("PRIVATE-TOKEN")))
            if state.redirect_to:
                self.send_response(302)
                self.send_header("Location", state.redirect_to + self.path)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.headers.get("PRIVATE-TOKEN") != state.token:
                self.reply(401, {"message": "401 Unauthorized"})
                return
            if USERS_RE.match(parts.path) and method == "GET":
                name = query.get("username", "")
                found = [{"id": state.users[name], "username": name}] if name in state.users else []
                self.reply(200, found)
                return
            match = ISSUES_RE.match(parts.path)
            if not match or unquote(match.group(1)) not in (state.project, str(state.project_id)):
                self.reply(404, {"message": "404 Not found"})
                return
            iid = int(match.group(2)) if match.group(2) else None
            if iid is None and method == "GET":
                self.reply(200, self.list_issues(query))
            elif iid is None and method == "POST":
                issue = state.add_issue(body["title"], body.get("description", ""), tuple(_labels(body.get("labels"))))
                issue["assignees"] = [{"id": a} for a in body.get("assignee_ids", [])]
                self.reply(201, issue)
            elif iid is not None and iid not in state.issues:
                self.reply(404, {"message": "404 Issue Not Found"})
            elif match.group(3) and method == "POST":
                state.notes.setdefault(iid, []).append(body["body"])
                self.reply(201, {"id": len(state.notes[iid]), "body": body["body"]})
            elif method == "PUT":
                issue = state.issues[iid]
                for key in ("title", "description"):
                    if key in body:
                        issue[key] = body[key]
                if "labels" in body:
                    issue["labels"] = _labels(body["labels"])
                event = body.get("state_event")
                if event == "close":
                    issue["state"] = "closed"
                elif event == "reopen":
                    issue["state"] = "opened"
                self.reply(200, issue)
            else:
                self.reply(405, {"message": "405 Method Not Allowed"})

        def list_issues(self, query: dict[str, str]) -> list[dict[str, Any]]:
            wanted = set(_labels(query.get("labels")))
            status = query.get("state", "all")
            search = query.get("search", "").casefold()
            found = []
            for issue in state.issues.values():
                if wanted and not wanted <= set(issue["labels"]):
                    continue
                if status != "all" and issue["state"] != status:
                    continue
                if search and search not in (issue["title"] + " " + issue["description"]).casefold():
                    continue
                found.append(issue)
            return found

        def do_GET(self) -> None:
            self.handle_any("GET")

        def do_POST(self) -> None:
            self.handle_any("POST")

        def do_PUT(self) -> None:
            self.handle_any("PUT")

    return Handler


class Server:
    """``with Server(FakeGitLab()) as gitlab:`` serves until the block ends."""

    def __init__(self, state: FakeGitLab, host: str = "127.0.0.1") -> None:
        self.state = state
        self.httpd = ThreadingHTTPServer((host, 0), make_handler(state))
        state.url = f"http://{host}:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> FakeGitLab:
        self.thread.start()
        return self.state

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
