"""Fixtures of the browser tests: built sites, a local HTTP server, headless Chromium.

- ``site_dir``: the real project built with ``mkdocs build --strict`` into a temp dir;
- ``expired_site_dir``: a copy of the project in which one answer expired ten days
  ago, another expires in ten days (the banners are computed by the browser from
  its own clock, so they must be really past / near for today's date), one links
  to another in its body, and an archived and a draft answer are added
  (``expiry_cases`` names them);
- ``offline_site_dir``: the offline copy (``mkdocs-offline.yml``), opened via ``file://``;
- ``serve(path)``: a threaded ``http.server`` on 127.0.0.1 (random port), returns the base URL;
- ``browser`` / ``page``: Debian's Chromium driven by Playwright.

Without Chromium or Playwright the tests are skipped with a message; with
``KB_REQUIRE_BROWSER=1`` (set by ``.ci/run``) that becomes a failure.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import posixpath
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import kbsite
import pytest
import yaml
from browserenv import CHROMIUM, CHROMIUM_ARGS, chromium_problem, import_or_unavailable, unavailable

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

ROOT = kbsite.ROOT
VIEWPORT = {"width": 1280, "height": 900}

# Answer made to expire / to expire soon in the expired build (first one found is used).
EXPIRED_CANDIDATES = ("acte-de-naissance",)
# Top-level entries not copied into the temp project of the expired build
# (everything else is, so that whatever the site build reads is there).
NOT_COPIED = frozenset(
    {".git", ".venv", ".tools", ".hypothesis", ".pytest_cache", ".ruff_cache", "site", "site-offline", "public",
     "build", "node_modules", "tests", "bench"}
)  # fmt: skip


def _not_copied(directory: str, names: list[str]) -> set[str]:
    top = Path(directory) == ROOT
    return {n for n in names if n == "__pycache__" or n.endswith(".egg-info") or (top and n in NOT_COPIED)}


def mkdocs_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(extra)
    return env


def mkdocs_build(root: Path, dest: Path, *, config: str = "mkdocs.yml", env: dict[str, str] | None = None) -> None:
    """``mkdocs build --strict`` of the project at ``root`` into ``dest``; fail the test with mkdocs' output."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(dest)]
    proc = subprocess.run(cmd, cwd=root, env=env or mkdocs_env(), capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        pytest.fail(
            f"site build failed: {' '.join(cmd)} (cwd {root}, exit {proc.returncode})\n{proc.stdout}\n{proc.stderr}",
            pytrace=False,
        )


def _set_front_matter(path: Path, **values: str) -> None:
    """Replace (or add) top-level scalar keys in a Markdown file's YAML front matter."""
    text = path.read_text(encoding="utf-8")
    head, sep, body = text[4:].partition("\n---")
    assert text.startswith("---\n") and sep, f"{path}: no front matter"
    for key, value in values.items():
        line = f"{key}: {value}"
        head, n = re.subn(rf"(?m)^{re.escape(key)}:.*$", line, head)
        if not n:
            head += f"\n{line}"
    path.write_text(f"---\n{head}{sep}{body}", encoding="utf-8")


def copy_project(dest: Path) -> Path:
    """Copy the project (config, hooks, docs…, not the venv, tests or built sites) to ``dest``."""
    shutil.copytree(ROOT, dest, ignore=_not_copied, dirs_exist_ok=True)
    return dest


def answer_files(root: Path) -> dict[str, Path]:
    return {p.stem: p for p in sorted((root / "docs" / "reponses").rglob("*.md"))}


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real knowledge base built with ``mkdocs build --strict``."""
    dest = tmp_path_factory.mktemp("site")
    mkdocs_build(ROOT, dest)
    return dest


@pytest.fixture(scope="session")
def offline_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy (``mkdocs-offline.yml``)."""
    if not (ROOT / "mkdocs-offline.yml").is_file():
        pytest.fail("mkdocs-offline.yml is missing", pytrace=False)
    dest = tmp_path_factory.mktemp("site-offline")
    mkdocs_build(ROOT, dest, config="mkdocs-offline.yml")
    return dest


@pytest.fixture(scope="session")
def expiry_cases() -> dict[str, str]:
    """Ids of the published answers changed in ``expired_site_dir``.

    ``expired`` / ``soon``: valid_until 10 days ago / in 10 days; ``link_source``
    gets a link in its body to ``link_target`` (two answers not related to each
    other), so that the target must list it under "Ces réponses renvoient ici";
    ``archived`` / ``draft``: new answers with that status (and ``*_title``,
    ``*_path``), copied from ``*_template``.
    """
    answers = kbsite.published()
    ids = [i for i in EXPIRED_CANDIDATES if i in answers] + sorted(i for i in answers if i not in EXPIRED_CANDIDATES)
    if len(ids) < 3:
        pytest.fail("need at least three published answers under docs/reponses", pytrace=False)
    source = answers[ids[1]]
    target = next(
        (
            a
            for i, a in sorted(answers.items())
            if i != source.id and i not in source.related and source.id not in a.related
        ),
        None,
    )
    if target is None:
        pytest.fail(f"every answer is related to {source.id}: cannot add a body link", pytrace=False)
    cases = {"expired": ids[0], "soon": ids[1], "link_source": source.id, "link_target": target.id}
    # Archived and draft: new answers (copies of an existing one) that nothing refers to.
    template = answers[ids[-1]]
    for status, suffix, word in (("archived", "archivee", "zéphyrin"), ("draft", "brouillon", "zoroastre")):
        service = template.service or ""
        cases[status] = f"kb-test-{suffix}"
        cases[f"{status}_title"] = f"Réponse de test {word} ({status})"
        cases[f"{status}_path"] = f"reponses/{service}/kb-test-{suffix}/"
        cases[f"{status}_template"] = template.id
    return cases


def _add_answer(root: Path, template: Path, answer_id: str, title: str, status: str) -> None:
    """A new answer: the template's body and front matter, with a new title and status, no links."""
    meta, body = _split(template.read_text(encoding="utf-8"))
    meta.update(title=title, status=status, related=[], aliases=[])
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    (template.parent / f"{answer_id}.md").write_text(f"---\n{head}---\n{body}", encoding="utf-8")


def _split(text: str) -> tuple[dict[str, Any], str]:
    head, sep, body = text[4:].partition("\n---\n")
    assert text.startswith("---\n") and sep, "no front matter"
    return yaml.safe_load(head), body


@pytest.fixture(scope="session")
def expired_site_dir(tmp_path_factory: pytest.TempPathFactory, expiry_cases: dict[str, str]) -> Path:
    """A copy of the project where one answer expired 10 days ago, one expires in 10 days,
    one links to another in its body, one is archived and one is a draft (see ``expiry_cases``).

    Expiry is not a build error (rules KB301/KB302 are opt-in), so this builds with
    the real date; the banners do not depend on the build date anyway: the browser
    computes them from its own clock.
    """
    root = copy_project(tmp_path_factory.mktemp("kb-expired"))
    today = dt.date.today()
    answers = answer_files(root)
    reviewed = (today - dt.timedelta(days=200)).isoformat()
    expired = (today - dt.timedelta(days=10)).isoformat()
    soon = (today + dt.timedelta(days=10)).isoformat()
    _set_front_matter(answers[expiry_cases["expired"]], valid_until=expired, reviewed=reviewed)
    _set_front_matter(answers[expiry_cases["soon"]], valid_until=soon, reviewed=reviewed)
    for status in ("archived", "draft"):
        template = answers[expiry_cases[f"{status}_template"]]
        _add_answer(root, template, expiry_cases[status], expiry_cases[f"{status}_title"], status)
    source, target = answers[expiry_cases["link_source"]], answers[expiry_cases["link_target"]]
    link = posixpath.relpath(target.relative_to(root).as_posix(), source.parent.relative_to(root).as_posix())
    with source.open("a", encoding="utf-8") as f:
        f.write(f"\nVoir également [cette réponse]({link}).\n")
    dest = tmp_path_factory.mktemp("site-expired")
    mkdocs_build(root, dest)
    return dest


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """``serve(directory) -> "http://127.0.0.1:<port>/"`` (one threaded server per directory)."""
    servers: dict[Path, tuple[http.server.ThreadingHTTPServer, str]] = {}

    def start(directory: Path) -> str:
        directory = Path(directory).resolve()
        if directory not in servers:
            handler = functools.partial(_QuietHandler, directory=str(directory))
            httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            httpd.daemon_threads = True
            threading.Thread(target=httpd.serve_forever, name=f"http {directory.name}", daemon=True).start()
            servers[directory] = (httpd, f"http://127.0.0.1:{httpd.server_address[1]}/")
        return servers[directory][1]

    yield start
    for httpd, _ in servers.values():
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def site_url(site_dir: Path, serve: Callable[[Path], str]) -> str:
    return serve(site_dir)


@pytest.fixture(scope="session")
def expired_site_url(expired_site_dir: Path, serve: Callable[[Path], str]) -> str:
    return serve(expired_site_dir)


@pytest.fixture(scope="session", autouse=True)
def browser_tooling() -> None:
    """Checked first, so that a missing browser skips (or fails) before any site is built."""
    import_or_unavailable("playwright.sync_api")
    problem = chromium_problem()
    if problem:
        unavailable(problem)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


def launch(pw: Playwright) -> Browser:
    """Debian's Chromium, headless, no network chatter (never a downloaded browser)."""
    return pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    try:
        browser = launch(playwright_instance)
    except Exception as exc:  # playwright raises its own Error type with the launch log
        unavailable(f"Chromium at {CHROMIUM} could not be started: {exc}")
    yield browser
    browser.close()


def new_page(browser: Browser) -> Page:
    context = browser.new_context(viewport=VIEWPORT, locale="fr-FR", timezone_id="Europe/Paris")
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    page = new_page(browser)
    yield page
    page.context.close()
