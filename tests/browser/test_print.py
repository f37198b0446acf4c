"""Printing an answer for a citizen: one or two A4 pages, nothing but the answer."""

from __future__ import annotations

import re

import kbsite
import pytest
from browserenv import import_or_unavailable

import_or_unavailable("playwright.sync_api")

from playwright.sync_api import Page  # noqa: E402

pytestmark = pytest.mark.browser

PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?!s)")
# Parts of the screen layout that must not reach paper.
SCREEN_ONLY = [
    ".md-header",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-search",
    ".md-footer",
    ".kb-actions",
]


def pdf_pages(page: Page) -> int:
    pdf = page.pdf(format="A4", print_background=False, prefer_css_page_size=True)
    return len(PAGE_OBJECT.findall(pdf))


def test_every_answer_prints_on_one_or_two_a4_pages(page: Page, site_url: str) -> None:
    too_long = {}
    for answer_id in sorted(kbsite.published()):
        page.goto(site_url + kbsite.answer_path(answer_id))
        pages = pdf_pages(page)
        if not 1 <= pages <= 2:
            too_long[answer_id] = pages
    assert too_long == {}, f"answers that do not print on 1-2 A4 pages: {too_long}"


def test_print_shows_the_answer_without_navigation_or_search(page: Page, site_url: str) -> None:
    page.goto(site_url + kbsite.answer_path("cni-perte-ou-vol"))
    page.emulate_media(media="print")
    for selector in SCREEN_ONLY:
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"{selector} is visible in print"
    assert page.locator("h1").is_visible()
    assert page.locator(".kb-meta").is_visible(), "the header (service, dates) is printed"
    assert page.locator("article h2", has_text="Ce que l'usager doit fournir").is_visible()
