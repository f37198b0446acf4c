"""The place chooser « Je suis à … » (kb.yml ``places:``, docs/assets/kb-places.js),
on the starter base's three places: the mairie, the France Services site and
the van's permanence at Trifouillis-sur-Loue.

The "Où s'adresser" list of an answer follows the chosen place, on screen and
in print; the choice survives a reload and Material's instant navigation; an
address ``?lieu=KEY`` chooses the place; all of it from the offline copy
(``file://``) too; and the chooser works from the keyboard alone.
"""

from __future__ import annotations

from pathlib import Path

import kbsite
import pytest
from browserenv import import_or_unavailable

from kb_tools.places import Place

import_or_unavailable("playwright.sync_api")

from playwright.sync_api import Locator, Page, expect  # noqa: E402
from test_keyboard import assert_visible_focus, focused, tab_until  # noqa: E402

pytestmark = pytest.mark.browser

ANSWER = "cni-perte-ou-vol"  # its "Où s'adresser" uses mairie.adresse and mairie.horaires
VAN = "bus-trifouillis"
FS = "fs-exempleville"
SELECT = "#kb-place-select"


def place(key: str) -> Place:
    return kbsite.kb().config.places[key]


def where_to_go(page: Page) -> Locator:
    """The list that follows the heading « Où s'adresser »."""
    return page.locator('article h2:has-text("Où s\'adresser") + ul')


# Every span and link of the page holds the chosen place's value (or the default).
MISMATCHES = """(key) => {
  const data = window.KB_PLACES;
  const place = data.places.find(p => p.key === key);
  const value = name => place && name in place.local ? place.local[name] : data.defaults[name];
  const bad = [];
  document.querySelectorAll("span.kb-local[data-kb-key]").forEach(el => {
    const want = value(el.dataset.kbKey);
    if (want !== undefined && el.textContent !== want) bad.push([el.dataset.kbKey, el.textContent, want]);
  });
  return {count: document.querySelectorAll("span.kb-local").length, bad};
}"""


def assert_page_follows(page: Page, key: str) -> None:
    result = page.evaluate(MISMATCHES, key)
    assert result["count"] > 0, "no local detail on this page"
    assert result["bad"] == [], result["bad"]


def answer_url(base: str, offline: bool = False) -> str:
    path = kbsite.answer_path(ANSWER)
    return base + (path.rstrip("/") + ".html" if offline else path)


def check_switch_reload_and_print(page: Page, url: str) -> None:
    page.goto(url)
    defaults = kbsite.kb().config.local
    van = place(VAN)
    expect(where_to_go(page)).to_contain_text(defaults["mairie.adresse"])
    expect(page.locator(SELECT)).to_have_value("")

    page.select_option(SELECT, VAN)
    expect(where_to_go(page)).to_contain_text(van.local["mairie.adresse"])
    expect(where_to_go(page)).to_contain_text(van.local["mairie.horaires"])
    expect(where_to_go(page)).not_to_contain_text(defaults["mairie.adresse"])
    assert page.locator(f"{SELECT} option:checked").inner_text() == van.label  # shown in the header
    expect(page.locator(".kb-place-note")).to_contain_text(van.label)
    assert_page_follows(page, VAN)

    page.reload()
    expect(page.locator(SELECT)).to_have_value(VAN)
    expect(where_to_go(page)).to_contain_text(van.local["mairie.adresse"])

    page.emulate_media(media="print")
    expect(page.locator(".kb-place-note")).to_be_visible()
    expect(page.locator(".kb-place-note")).to_contain_text(f"Informations locales pour : {van.label}")
    expect(where_to_go(page)).to_contain_text(van.local["mairie.horaires"])
    page.emulate_media(media="screen")

    page.select_option(SELECT, "")  # back to the territory's defaults
    expect(where_to_go(page)).to_contain_text(defaults["mairie.adresse"])
    expect(page.locator(".kb-place-note")).to_contain_text("valeurs par défaut")
    page.emulate_media(media="print")
    assert page.locator(".kb-place-note").inner_text() == "Informations locales : valeurs par défaut du territoire"
    page.emulate_media(media="screen")


def test_switch_place_reload_and_print(page: Page, site_url: str) -> None:
    check_switch_reload_and_print(page, answer_url(site_url))


def test_place_from_the_address_and_instant_navigation(page: Page, site_url: str) -> None:
    page.goto(answer_url(site_url) + f"?lieu={FS}")
    expect(page.locator(SELECT)).to_have_value(FS)
    assert page.evaluate("() => localStorage.getItem('kb-place')") == FS
    assert_page_follows(page, FS)
    # An unknown key in the address is ignored: the stored choice stays.
    page.goto(answer_url(site_url) + "?lieu=nulle-part")
    expect(page.locator(SELECT)).to_have_value(FS)
    # Another answer, through Material's instant navigation (no page load). The
    # site has no site_url, so its sitemap is empty and Material does not take
    # over clicks: the navigation is asked for as Material's own links do.
    page.select_option(SELECT, VAN)
    page.evaluate("() => { window.__kbSamePage = true; }")  # lost on a real page load
    href = page.locator("ul.kb-related-list a").first.get_attribute("href")
    title = page.inner_text("article h1")
    page.evaluate("(href) => window.location$.next(new URL(href, location.href))", href)
    page.wait_for_function("(title) => document.querySelector('article h1').innerText !== title", arg=title)
    expect(page.locator(SELECT)).to_have_value(VAN)
    expect(page.locator(SELECT)).to_have_count(1)
    assert page.evaluate("() => window.__kbSamePage === true"), "no instant navigation: the test proves nothing"
    page.wait_for_function("() => document.querySelectorAll('span.kb-local').length > 0")
    expect(page.locator(".kb-place-note")).to_contain_text(place(VAN).label)
    assert_page_follows(page, VAN)


def test_conseiller_numerique_follows_the_france_services_site(page: Page, site_url: str) -> None:
    page.goto(site_url + kbsite.answer_path("conseiller-numerique") + f"?lieu={FS}")
    value = place(FS).local["conseiller_numerique.permanence"]
    expect(page.locator('span.kb-local[data-kb-key="conseiller_numerique.permanence"]').first).to_have_text(value)


def test_offline_copy(page: Page, offline_site_dir: Path) -> None:
    check_switch_reload_and_print(page, answer_url(offline_site_dir.as_uri() + "/", offline=True))
    page.goto(answer_url(offline_site_dir.as_uri() + "/", offline=True) + f"?lieu={VAN}")
    expect(page.locator(SELECT)).to_have_value(VAN)
    assert_page_follows(page, VAN)


def test_chooser_by_keyboard_alone(page: Page, site_url: str) -> None:
    page.goto(answer_url(site_url))
    page.wait_for_load_state("load")
    state = tab_until(page, lambda s: s["tag"] == "SELECT", "place chooser")
    assert page.evaluate("() => document.activeElement.id") == "kb-place-select"
    assert_visible_focus(state, "place chooser")
    label = page.evaluate("() => document.activeElement.labels[0].textContent")
    assert label == "Je suis à"
    for expected in kbsite.kb().config.places:
        page.keyboard.press("ArrowDown")
        expect(page.locator(SELECT)).to_have_value(expected)
    van = place(VAN)
    expect(where_to_go(page)).to_contain_text(van.local["mairie.adresse"])
    assert focused(page) is not None
    page.keyboard.press("Home")
    expect(page.locator(SELECT)).to_have_value("")
    expect(where_to_go(page)).to_contain_text(kbsite.kb().config.local["mairie.adresse"])
