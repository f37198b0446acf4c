"""axe-core (via axe-playwright-python) on the main kinds of pages: WCAG 2.1 A/AA and RGAA 4.

axe-core tags its RGAA 4 rules ``RGAAv4`` (and ``RGAA-x.y.z`` per criterion);
there is no bare ``RGAA`` tag (axe ignores unknown tags silently, so the
test checks that every tag asked for exists).
"""

from __future__ import annotations

import time
from pathlib import Path
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


def violations_of(page: Page) -> list[dict[str, Any]]:
    """axe's violations on the page as it is now, collapsed blocks opened."""
    page.evaluate("() => document.querySelectorAll('.md-content details').forEach(d => { d.open = true; })")
    page.evaluate(_axe.axe_script)
    known = set(page.evaluate("() => axe.getRules().flatMap(r => r.tags)"))
    assert set(TAGS) <= known, f"axe-core does not know the tags {sorted(set(TAGS) - known)}"
    return _axe.run(page, options=OPTIONS).response["violations"]


def describe(what: str, url: str, violations: list[dict[str, Any]]) -> list[str]:
    lines = [f"{what} ({url}): {len(violations)} accessibility violation(s)"]
    for v in violations:
        lines.append(f"- {v['id']} [{v.get('impact')}] {v['help']} ({v.get('helpUrl', '')})")
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    target: {target}")
            lines.append(f"      html: {node.get('html', '')[:300]}")
            summary = node.get("failureSummary")
            if summary:
                lines.extend(f"      {s}" for s in summary.splitlines())
    return lines


def check(page: Page, what: str) -> None:
    """Run axe on the page as it is now; fail with every violation listed."""
    violations = violations_of(page)
    if violations:
        pytest.fail("\n".join(describe(what, page.url, violations)), pytrace=False)


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


def site_pages(site_dir: Path) -> list[str]:
    """The path of every HTML page of a built site (generated pages included), sorted."""
    found = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        found.append(rel.removesuffix("index.html") if rel.endswith("index.html") else rel)
    return found


def test_every_page_of_the_starter_site(page: Page, site_dir: Path, site_url: str) -> None:
    """axe on each page of the real build: answers, services, tags, guide, generated pages, 404."""
    paths = site_pages(site_dir)
    answers = kbsite.published()
    expected = {"", "accessibilite/", "fraicheur/", "glossaire/", "guide/regles/", "404.html"}
    expected |= {kbsite.answer_path(aid) for aid in answers}
    assert expected <= set(paths), sorted(expected - set(paths))
    failures: list[str] = []
    started = time.perf_counter()
    for path in paths:
        _goto(page, site_url, path) if path != "404.html" else page.goto(site_url + path)
        violations = violations_of(page)
        if violations:
            failures += describe(f"page {path or '/'}", page.url, violations)
    elapsed = time.perf_counter() - started
    print(f"axe: {len(paths)} pages, {len(failures)} violation lines, {elapsed:.0f} s")
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)


@pytest.mark.parametrize("path", ["", "glossaire/", "guide/", "404.html"])
def test_footer_links_to_the_accessibility_statement(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    link = page.locator("footer a.kb-accessibility-link")
    expect(link).to_have_text("Accessibilité : partiellement conforme")
    link.click()
    page.wait_for_url(site_url + "accessibilite/")  # instant navigation changes the URL without a load event
    expect(page.locator("article h1")).to_contain_text("Déclaration d'accessibilité")
    expect(page.locator("article h2", has_text="Voies de recours")).to_be_visible()
    expect(page.locator("article h2", has_text="État de conformité")).to_be_visible()


def test_answer_with_a_place_chosen(page: Page, site_url: str) -> None:
    """The place chooser in the header, a place chosen (by its address) and the note it adds."""
    van = "bus-trifouillis"
    _goto(page, site_url, kbsite.answer_path("cni-perte-ou-vol") + f"?lieu={van}")
    expect(page.locator("#kb-place-select")).to_have_value(van)
    expect(page.locator(".kb-place-note")).to_be_visible()
    page.focus("#kb-place-select")
    check(page, "answer with a place chosen")
