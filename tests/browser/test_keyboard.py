"""Keyboard only: reach the search, read a result, open an answer, report an
error, with the focus visible at every step (WCAG 2.1.1, 2.4.7 / RGAA 12.13, 10.7).

"Visible" is checked on the focused element's computed style: an outline
(style not ``none``, width above zero) or a box shadow. Nothing is clicked.
"""

from __future__ import annotations

from typing import Any

import kbsite
import pytest
from browserenv import import_or_unavailable

import_or_unavailable("playwright.sync_api")

from playwright.sync_api import Page, Route, expect  # noqa: E402
from searching import wait_until_ready  # noqa: E402

pytestmark = pytest.mark.browser

MAX_TABS = 300

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    tag: el.tagName, cls: String(el.className), text: (el.textContent || "").trim().slice(0, 60),
    href: el.getAttribute("href"),
    outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0,
    shadow: s.boxShadow !== "none",
    size: r.width > 0 && r.height > 0,
  };
}"""


def focused(page: Page) -> dict[str, Any] | None:
    return page.evaluate(FOCUSED)


def assert_visible_focus(state: dict[str, Any] | None, where: str) -> None:
    assert state is not None, f"{where}: the focus is lost (on <body>)"
    assert state["size"], f"{where}: the focused element has no size: {state}"
    assert state["outline"] or state["shadow"], f"{where}: focus not visible (no outline, no shadow): {state}"


def tab_until(page: Page, matches: Any, where: str) -> dict[str, Any]:
    """Press Tab until ``matches(state)``; every element met on the way shows its focus."""
    for n in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        state = focused(page)
        assert_visible_focus(state, f"{where}, Tab #{n}")
        assert state is not None
        if matches(state):
            return state
    pytest.fail(f"{where}: not reached with {MAX_TABS} presses of Tab", pytrace=False)


STABLE_RESULTS = """() => {
  const list = document.querySelector(".md-search-result__list");
  const html = list ? list.innerHTML : "";
  const now = Date.now();
  if (window.__kbResults !== html) { window.__kbResults = html; window.__kbSince = now; return false; }
  return html !== "" && now - window.__kbSince >= 400;
}"""


def wait_for_stable_results(page: Page) -> None:
    """Until the search results have not changed for 400 ms."""
    page.wait_for_function(STABLE_RESULTS, polling=100, timeout=10_000)


def test_search_read_open_and_report_by_keyboard(page: Page, site_url: str) -> None:
    reported: list[str] = []

    def fake_gitlab(route: Route) -> None:  # "Signaler une erreur" opens GitLab: answered locally
        reported.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>GitLab</title><p>ok</p>")

    page.route("https://gitlab.example.org/**", fake_gitlab)
    page.goto(site_url)
    page.wait_for_load_state("load")
    wait_until_ready(page)
    # 1. Reach the search field with Tab alone.
    tab_until(page, lambda s: "md-search__input" in s["cls"], "home page")
    # 2. Type a query, go down into the results, read the first one.
    page.keyboard.type("acte de naissance", delay=10)
    expect(page.locator(".md-search-result__item").first).to_contain_text("naissance")
    wait_for_stable_results(page)  # the list is redrawn per keystroke: a redraw would take the focus away
    page.keyboard.press("ArrowDown")
    result = focused(page)
    assert_visible_focus(result, "first search result")
    assert result is not None and "md-search-result__link" in result["cls"], result
    assert "acte de naissance" in result["text"].lower(), result
    # 3. Open it with Enter.
    page.keyboard.press("Enter")
    page.wait_for_url("**/reponses/etat-civil/acte-de-naissance/**")
    page.wait_for_load_state("load")
    expect(page.locator("article h1")).to_contain_text(kbsite.kb().by_id["acte-de-naissance"].title or "")
    # 4. Reach « Signaler une erreur » with Tab alone, and follow it with Enter.
    state = tab_until(page, lambda s: "kb-action-report" in s["cls"], "answer page")
    assert state["text"] == "Signaler une erreur"
    page.keyboard.press("Enter")
    page.wait_for_url("https://gitlab.example.org/**")
    assert reported and "/-/issues/new?" in reported[0] and "acte-de-naissance" in reported[0]


def test_skip_link_is_first_and_visible(page: Page, site_url: str) -> None:
    page.goto(site_url + kbsite.answer_path("acte-de-naissance"))
    page.wait_for_load_state("load")
    page.keyboard.press("Tab")
    state = focused(page)
    assert_visible_focus(state, "first Tab")
    assert state is not None and "md-skip" in state["cls"], state
    expect(page.locator("a.md-skip")).to_be_in_viewport()


@pytest.mark.parametrize("path", ["", "services/", "etiquettes/", "fraicheur/", "glossaire/", "accessibilite/"])
def test_every_focusable_element_shows_its_focus(page: Page, site_url: str, path: str) -> None:
    """Tab through the whole page (until the focus comes back to the top) on the main page types."""
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    seen = 0
    first: dict[str, Any] | None = None
    for n in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        state = focused(page)
        if state is None or (first is not None and state == first):
            break  # back to the browser's address bar, or wrapped around
        assert_visible_focus(state, f"{path or '/'}, Tab #{n}")
        first = first or state
        seen += 1
    assert seen >= 5, f"{path or '/'}: only {seen} focusable elements"
