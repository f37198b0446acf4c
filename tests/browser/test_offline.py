"""The offline mode (service worker) in a real browser.

The site is built twice from the project (two ``KB_BUILD_TIME``) and served over
``http://127.0.0.1`` by a server of this module that can be switched off (it
then answers 503 and counts what it was asked). After a first visit, the
browser goes offline (``context.set_offline(True)``, server off): an answer
never visited opens, its banner computed from the browser's date, search finds
answers, instant navigation works, and nothing reached the server. Back online
with the second build served, the page announces « Nouvelle version disponible
— recharger »; the button shows the new « Version du … ». No policy violation
on the way (the worker registers under the site's Content-Security-Policy).

From ``file://`` (the zip copy) nothing registers and the page still works;
without service workers in the browser, the same.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import kbsite
import pytest
from browserenv import import_or_unavailable
from conftest import ROOT, mkdocs_build, mkdocs_env

import_or_unavailable("playwright.sync_api")

from playwright.sync_api import Browser, Page, expect  # noqa: E402
from searching import search  # noqa: E402
from test_accessibility import check  # noqa: E402  (axe, WCAG 2.1 AA and RGAA 4)

pytestmark = pytest.mark.browser

FIRST_BUILD = "2026-12-01T08:30:00+01:00"
SECOND_BUILD = "2026-12-02T09:45:00+01:00"
FIRST_VERSION = "Version du 1er décembre 2026 à 08:30"
SECOND_VERSION = "Version du 2 décembre 2026 à 09:45"
UPDATE = "Nouvelle version disponible — recharger"
NEVER_VISITED = "acte-de-naissance"  # valid until 2027-09-30
BROWSER_TODAY = "2027-09-20"  # so its « À revérifier » banner shows, computed by the browser
RECORD_VIOLATIONS = (
    "window.__violations = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
)
WORKER_ACTIVE = "() => navigator.serviceWorker.controller !== null"
CACHED_COUNT = """async () => {
  const names = (await caches.keys()).filter(n => n.startsWith("kb-offline-"));
  if (names.length !== 1) return -names.length;
  return (await (await caches.open(names[0])).keys()).length;
}"""
REGISTRATIONS = """async () => {
  if (!("serviceWorker" in navigator)) return -1;
  try { return (await navigator.serviceWorker.getRegistrations()).length; } catch (e) { return -2; }
}"""


class Switchable:
    """A static server of one directory that can be switched off (503, requests counted)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.down = False
        self.asked_while_down: list[str] = []
        state = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def do_GET(self) -> None:
                if state.down:
                    state.asked_while_down.append(self.path)
                    self.send_error(503)
                    return
                super().do_GET()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        handler = functools.partial(Handler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, name="http offline", daemon=True).start()

    def publish(self, site: Path) -> None:
        """Replace the served files by another build (as a new deployment does)."""
        for child in self.directory.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        shutil.copytree(site, self.directory, dirs_exist_ok=True)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The project built at two build times (same content)."""
    sites = {}
    for name, built in (("first", FIRST_BUILD), ("second", SECOND_BUILD)):
        sites[name] = tmp_path_factory.mktemp(f"site-{name}")
        mkdocs_build(ROOT, sites[name], env=mkdocs_env(KB_BUILD_TIME=built))
    return sites


@pytest.fixture
def server(builds: dict[str, Path], tmp_path: Path) -> Iterator[Switchable]:
    live = tmp_path / "live"
    live.mkdir()
    srv = Switchable(live)
    srv.publish(builds["first"])
    yield srv
    srv.close()


def manifest(site: Path) -> dict[str, Any]:
    return json.loads((site / "kb-offline.json").read_text(encoding="utf-8"))


def wait_until_kept(page: Page, site: Path, version: str = FIRST_VERSION) -> None:
    """The worker controls the page and its one cache holds every precached file and its manifest."""
    page.wait_for_function(WORKER_ACTIVE, timeout=60_000)
    expected = len(manifest(site)["precache"]) + 1
    deadline = time.monotonic() + 60
    while (count := page.evaluate(CACHED_COUNT)) != expected:
        assert time.monotonic() < deadline, f"{count} files kept, {expected} expected"
        page.wait_for_timeout(250)
    expect(page.locator(".kb-version")).to_have_text(f"{version} · disponible hors connexion")


def test_offline_after_the_first_visit_then_a_new_version(
    page: Page, builds: dict[str, Path], server: Switchable
) -> None:
    first = manifest(builds["first"])
    assert first["version"] != manifest(builds["second"])["version"], "a new build must be a new version"
    page.add_init_script(RECORD_VIOLATIONS)
    page.add_init_script(f"window.KB_TODAY = '{BROWSER_TODAY}';")
    page.goto(server.url)
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content") or ""
    assert "worker-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    wait_until_kept(page, builds["first"])

    page.context.set_offline(True)
    server.down = True
    answer = kbsite.kb().by_id[NEVER_VISITED]
    page.goto(server.url + kbsite.answer_path(NEVER_VISITED))
    expect(page.locator(".md-content h1").first).to_contain_text(answer.title or "?")
    expect(page.locator(".kb-banner")).to_contain_text("À revérifier : expire le 30 septembre 2027")
    expect(page.locator(".kb-version")).to_have_text(f"{FIRST_VERSION} · hors connexion")
    hrefs = search(page, "carte d'identité")
    assert any("/reponses/" in h for h in hrefs), hrefs
    page.keyboard.press("Escape")
    page.locator(".kb-meta a").first.click()  # instant navigation, offline
    page.wait_for_url("**/services/**")
    expect(page.locator(".md-content h1").first).to_be_visible()
    page.goto(server.url + "pas-gardee/")  # never built: the worker's notice
    expect(page.locator("h1")).to_have_text("Page non disponible hors connexion")
    asked = [p for p in server.asked_while_down if not p.startswith("/sw.js")]  # the browser's update check
    assert asked == [], f"offline, the server was asked for {asked}"

    server.publish(builds["second"])
    server.down = False
    page.context.set_offline(False)
    page.goto(server.url)
    expect(page.locator(".kb-update")).to_have_text(UPDATE, timeout=60_000)
    expect(page.locator(".kb-version")).to_contain_text(FIRST_VERSION)  # still the copy in use
    check(page, "home page with the update notice")
    page.locator(".kb-update__reload").click()
    expect(page.locator(".kb-version")).to_have_text(f"{SECOND_VERSION} · disponible hors connexion", timeout=30_000)
    expect(page.locator(".kb-update")).to_have_count(0)
    assert page.evaluate(CACHED_COUNT) == len(manifest(builds["second"])["precache"]) + 1  # the old cache is gone
    assert page.evaluate("window.__violations") == []


def test_answers_beyond_the_budget_are_kept_at_their_first_visit(
    page: Page, builds: dict[str, Path], server: Switchable, tmp_path: Path
) -> None:
    """Two answers listed as ``lazy`` (as beyond the budget): not kept at installation;
    the one visited online opens offline, the other one does not."""
    site = tmp_path / "budget"
    shutil.copytree(builds["first"], site)
    data = manifest(site)
    visited, never = kbsite.answer_path(NEVER_VISITED), kbsite.answer_path("passeport")
    data["lazy"] = [pair for pair in data["precache"] if pair[0] in (visited, never)]
    data["precache"] = [pair for pair in data["precache"] if pair not in data["lazy"]]
    assert len(data["lazy"]) == 2
    (site / "kb-offline.json").write_text(json.dumps(data), encoding="utf-8")  # same version: sw.js unchanged
    server.publish(site)
    page.goto(server.url)
    wait_until_kept(page, site)
    page.goto(server.url + visited)
    expect(page.locator(".md-content h1").first).to_be_visible()
    deadline = time.monotonic() + 30
    while page.evaluate(CACHED_COUNT) != len(data["precache"]) + 2:  # kept at its first visit
        assert time.monotonic() < deadline, "the visited answer was not kept"
        page.wait_for_timeout(200)
    page.context.set_offline(True)
    server.down = True
    page.goto(server.url)
    page.goto(server.url + visited)
    expect(page.locator(".md-content h1").first).to_contain_text(kbsite.kb().by_id[NEVER_VISITED].title or "?")
    page.goto(server.url + never)
    expect(page.locator("h1")).to_have_text("Page non disponible hors connexion")


NEXT_INSTALL = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  await registration.update();
  const worker = registration.installing;
  if (!worker) return "no new version";
  return await new Promise(resolve => worker.addEventListener("statechange", () => {
    if (worker.state === "installed" || worker.state === "redundant") resolve(worker.state);
  }));
}"""


def test_a_file_that_does_not_match_the_manifest_is_never_kept(
    page: Page, builds: dict[str, Path], server: Switchable, tmp_path: Path
) -> None:
    """A deployment under way (or a stale cache) serves a page of another build: the new
    version is not installed, the copy in use goes on (and so does a good deployment after)."""
    page.goto(server.url)
    wait_until_kept(page, builds["first"])
    torn = tmp_path / "torn"
    shutil.copytree(builds["second"], torn)
    version = "assets/kb-version.js"  # changed between the builds: downloaded, not copied
    shutil.copy2(builds["first"] / version, torn / version)  # the old one still served
    server.publish(torn)
    assert page.evaluate(NEXT_INSTALL) == "redundant"
    page.reload()
    expect(page.locator(".kb-version")).to_have_text(f"{FIRST_VERSION} · disponible hors connexion")
    expect(page.locator(".kb-update")).to_have_count(0)
    server.publish(builds["second"])
    assert page.evaluate(NEXT_INSTALL) == "installed"


def test_the_file_copy_registers_nothing_and_works(page: Page, offline_site_dir: Path) -> None:
    assert not (offline_site_dir / "sw.js").exists()
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto((offline_site_dir / "index.html").as_uri())
    expect(page.locator(".kb-version")).to_have_text(re.compile(r"^Version du \d"))
    assert search(page, "acte de naissance"), "no search result in the offline copy"
    assert page.evaluate(REGISTRATIONS) <= 0
    assert "hors connexion" not in page.locator(".kb-version").inner_text()
    assert page.evaluate("window.__violations") == []


def test_without_service_workers_the_site_works(browser: Browser, builds: dict[str, Path], server: Switchable) -> None:
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", service_workers="block")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(server.url)
        expect(page.locator(".kb-version")).to_have_text(FIRST_VERSION)
        assert search(page, "acte de naissance")
        assert page.evaluate(REGISTRATIONS) <= 0
        assert errors == []
    finally:
        context.close()
