"""axe-core (via axe-playwright-python) on the main kinds of pages: WCAG 2.1 A/AA and RGAA 4.

axe-core tags its RGAA 4 rules ``RGAAv4`` (and ``RGAA-x.y.z`` per criterion);
there is no bare ``RGAA`` tag (axe ignores unknown tags silently, so the
test checks that every tag asked for exists).
"""

from __future__ import annotations

from typing import Any

import kbsite
import pytest
from browserenv import import_or_unavailable

import_or_unavailable("playwright.sync_api")
import_or_unavailable("axe_playwright_python.sync_playwright")

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Page, expect  # noqa: E402
from searching import search  # noqa: E402

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "RGAAv4"]
OPTIONS: dict[str, Any] = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}

_axe = Axe()


def check(page: Page, what: str) -> None:
    """Run axe on the page as it is now, collapsed blocks opened; fail with every violation listed."""
    page.evaluate("() => document.querySelectorAll('.md-content details').forEach(d => { d.open = true; })")
    page.evaluate(_axe.axe_script)
    known = set(page.evaluate("() => axe.getRules().flatMap(r => r.tags)"))
    assert set(TAGS) <= known, f"axe-core does not know the tags {sorted(set(TAGS) - known)}"
    results = _axe.run(page, options=OPTIONS)
    violations = results.response["violations"]
    if violations:
        lines = [f"{what} ({page.url}): {len(violations)} accessibility violation(s)"]
        for v in violations:
            lines.append(f"- {v['id']} [{v.get('impact')}] {v['help']} ({v.get('helpUrl', '')})")
            for node in v["nodes"]:
                target = " ".join(str(t) for t in node["target"])
                lines.append(f"    target: {target}")
                lines.append(f"      html: {node.get('html', '')[:300]}")
                summary = node.get("failureSummary")
                if summary:
                    lines.extend(f"      {s}" for s in summary.splitlines())
        pytest.fail("\n".join(lines), pytrace=False)


def _goto(page: Page, base: str, path: str) -> None:
    response = page.goto(base + path)
    assert response is not None and response.ok, f"{base + path}: HTTP {response and response.status}"
    page.wait_for_load_state("load")


def test_home(page: Page, site_url: str) -> None:
    _goto(page, site_url, "")
    check(page, "home page")


def test_service_page(page: Page, site_url: str) -> None:
    services = sorted({a.service for a in kbsite.published().values() if a.service})
    _goto(page, site_url, f"services/{services[0]}/")
    check(page, f"service page {services[0]}")


def test_tag_index_and_tag_page(page: Page, site_url: str) -> None:
    _goto(page, site_url, "etiquettes/")
    check(page, "tag index")
    tags = sorted({t for a in kbsite.published().values() for t in a.tags if t in kbsite.kb().config.tags})
    _goto(page, site_url, f"etiquettes/{tags[0]}/")
    check(page, f"tag page {tags[0]}")


def test_answer_with_expired_banner(page: Page, expired_site_url: str, expiry_cases: dict[str, str]) -> None:
    _goto(page, expired_site_url, kbsite.answer_path(expiry_cases["expired"]))
    expect(page.locator(".kb-banner--expired")).to_be_visible()
    check(page, "answer with its expired banner")


def test_answer_with_soon_banner(page: Page, expired_site_url: str, expiry_cases: dict[str, str]) -> None:
    _goto(page, expired_site_url, kbsite.answer_path(expiry_cases["soon"]))
    expect(page.locator(".kb-banner--soon")).to_be_visible()
    check(page, "answer with its expiring-soon banner")


def test_dashboard(page: Page, site_url: str) -> None:
    _goto(page, site_url, "fraicheur/")
    check(page, "freshness dashboard")


def test_glossary(page: Page, site_url: str) -> None:
    _goto(page, site_url, "glossaire/")
    check(page, "glossary")


def test_open_search_results(page: Page, site_url: str) -> None:
    _goto(page, site_url, "")
    assert search(page, "acte de naissance"), "no search result"
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    check(page, "open search results")
