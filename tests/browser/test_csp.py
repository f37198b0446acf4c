"""The Content-Security-Policy in a real browser.

A handler, an inline script and a ``javascript:`` link are planted in a built
answer page, past validation and sanitizing (written into the HTML after the
build): with the page's policy none of them runs; the same page without its
policy runs them (so the test can fail). The normal site, online and
offline (``file://``), raises no policy violation while it loads pages,
searches, shows banners and follows instant navigation.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from browserenv import import_or_unavailable

import_or_unavailable("playwright.sync_api")

from playwright.sync_api import Page, expect  # noqa: E402
from searching import search  # noqa: E402

pytestmark = pytest.mark.browser

ANSWER = "reponses/etat-civil/acte-de-naissance"
PLANTED = (
    '<p id="planted-handler" onclick="window.__ran = (window.__ran || []).concat(\'onclick\')">Cliquer</p>'
    '<img id="planted-img" src="nowhere.png" onerror="window.__ran = (window.__ran || []).concat(\'onerror\')">'
    "<script>window.__ran = (window.__ran || []).concat('inline')</script>"
    '<a id="planted-link" href="javascript:window.__ran = (window.__ran || []).concat(\'href\')">lien</a>'
)
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
# Records every policy violation of the page (Playwright's init scripts are not subject to the policy).
RECORD_VIOLATIONS = (
    "window.__violations = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
)


def plant(page_file: Path, keep_policy: bool) -> None:
    text = page_file.read_text(encoding="utf-8")
    assert CSP_META.search(text), f"{page_file}: no policy"
    if not keep_policy:
        text = CSP_META.sub("", text)
    marker = '<article class="md-content__inner md-typeset">'
    assert marker in text
    page_file.write_text(text.replace(marker, marker + PLANTED, 1), encoding="utf-8")


def ran(page: Page, expected: int = 0) -> list[str]:
    """What the payload ran after its triggers: waits for ``expected`` runs
    (the control), or gives a blocked payload time to run if it could."""
    page.locator("#planted-handler").click()
    page.locator("#planted-link").click()
    if expected:
        page.wait_for_function(f"new Set(window.__ran || []).size >= {expected}", timeout=10_000)
    else:
        page.wait_for_timeout(500)
    return sorted(set(page.evaluate("window.__ran || []")))  # an image may report its error twice


@pytest.fixture(scope="module")
def planted_site(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built site with the payload planted in one answer page, with and without policy."""
    dest = tmp_path_factory.mktemp("planted") / "site"
    shutil.copytree(site_dir, dest)
    shutil.copytree(dest / ANSWER, dest / "sans-politique")
    plant(dest / ANSWER / "index.html", keep_policy=True)
    plant(dest / "sans-politique" / "index.html", keep_policy=False)
    return dest


def test_planted_handler_does_not_run(page: Page, planted_site: Path, serve: Callable[[Path], str]) -> None:
    base = serve(planted_site)
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(f"{base}/{ANSWER}/")
    expect(page.locator("#planted-handler")).to_be_visible()
    assert ran(page) == []
    violations = page.evaluate("window.__violations")
    assert any(v.startswith("script-src") for v in violations), violations


def test_same_page_without_policy_runs_it(page: Page, planted_site: Path, serve: Callable[[Path], str]) -> None:
    """Control: the payload is live, only the policy stops it."""
    page.goto(f"{serve(planted_site)}/sans-politique/")
    assert ran(page, expected=4) == ["href", "inline", "onclick", "onerror"]


def test_offline_copy_blocks_a_planted_handler(page: Page, offline_site_dir: Path, tmp_path: Path) -> None:
    dest = tmp_path / "offline"
    shutil.copytree(offline_site_dir, dest)
    plant(dest / f"{ANSWER}.html", keep_policy=True)
    page.goto((dest / f"{ANSWER}.html").as_uri())
    expect(page.locator("#planted-handler")).to_be_visible()
    assert ran(page) == []


def test_site_works_under_its_policy(page: Page, site_url: str) -> None:
    page.add_init_script(RECORD_VIOLATIONS)
    page.add_init_script("window.KB_TODAY = '2027-09-20';")  # acte-de-naissance expires within 30 days
    page.goto(f"{site_url}/")
    assert search(page, "acte de naissance"), "no search result"
    page.goto(f"{site_url}/{ANSWER}/")
    expect(page.locator(".kb-banner")).to_be_visible()
    page.locator(".kb-meta a").first.click()  # instant navigation to the service page
    page.wait_for_url("**/services/**")
    expect(page.locator(".md-content h1").first).to_be_visible()
    assert page.evaluate("window.__violations") == []


def test_offline_copy_works_under_its_policy(page: Page, offline_site_dir: Path) -> None:
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto((offline_site_dir / "index.html").as_uri())
    assert search(page, "acte de naissance"), "no search result in the offline copy"
    assert page.evaluate("window.__violations") == []
