"""Reflow (WCAG 1.4.10 / RGAA 10.11) and text resize (WCAG 1.4.4 / RGAA 10.4)
on every page of the starter site: at 320 CSS pixels wide, and with the text
enlarged to 200 %, no horizontal scroll and no content lost. (The browser's
page zoom at 200 % on a 1280 px screen is a 640 px viewport: the 320 px test
is stricter.)

"No content lost": the page title and the main content are on screen, and no
element of the main content sticks out of the viewport, except inside a
region that scrolls by itself (a wide table or a code block, which WCAG
allows for content that needs two dimensions).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browserenv import import_or_unavailable

import_or_unavailable("playwright.sync_api")

from playwright.sync_api import Browser, Page  # noqa: E402
from test_accessibility import site_pages  # noqa: E402

pytestmark = pytest.mark.browser

TEXT_ZOOM = "html { font-size: 200% !important; }"  # text only, like the browser's text-size setting

LOST = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const problems = [];
  if (root.scrollWidth > width) problems.push(`horizontal scroll: ${root.scrollWidth} px for ${width} px`);
  const main = document.querySelector("article.md-content__inner");
  if (!main) return ["no main content (article.md-content__inner)"];
  const box = main.getBoundingClientRect();
  if (box.width < 100 || box.left < -1 || box.right > width + 1) problems.push(`main content at ${box.left}-${box.right}`);
  const title = main.querySelector("h1");
  if (title) {
    const t = title.getBoundingClientRect();
    if (t.width === 0 || t.left < -1 || t.right > width + 1) problems.push("title out of the screen");
  }
  for (const el of main.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || (r.left >= -1 && r.right <= width + 1)) continue;
    let up = el.parentElement, scrolls = false;
    while (up && up !== main.parentElement) {
      const overflow = getComputedStyle(up).overflowX;
      if (overflow === "auto" || overflow === "scroll") { scrolls = true; break; }
      up = up.parentElement;
    }
    if (!scrolls) problems.push(`<${el.tagName.toLowerCase()} class="${el.className}"> at ${Math.round(r.left)}-${Math.round(r.right)} px`);
    if (problems.length > 5) break;
  }
  return problems;
}"""


def _run(browser: Browser, site_dir: Path, site_url: str, width: int, height: int, css: str | None) -> list[str]:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR")
    page: Page = context.new_page()
    page.set_default_timeout(20_000)
    failures: list[str] = []
    try:
        for path in site_pages(site_dir):
            page.goto(site_url + path)
            page.wait_for_load_state("load")
            if css:
                page.add_style_tag(content=css)
            problems = page.evaluate(LOST)
            if problems:
                failures.append(f"{path or '/'}: " + "; ".join(problems))
    finally:
        context.close()
    return failures


def test_reflow_at_320_px_on_every_page(browser: Browser, site_dir: Path, site_url: str) -> None:
    failures = _run(browser, site_dir, site_url, 320, 640, None)
    assert not failures, "at 320 px wide:\n" + "\n".join(failures)


def test_text_zoom_200_on_every_page(browser: Browser, site_dir: Path, site_url: str) -> None:
    failures = _run(browser, site_dir, site_url, 1280, 900, TEXT_ZOOM)
    assert not failures, "text at 200 %:\n" + "\n".join(failures)


def test_the_check_sees_a_horizontal_scroll(browser: Browser, site_url: str) -> None:
    """The check can fail: a 600 px wide block at 320 px is reported."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(site_url)
        page.wait_for_load_state("load")
        page.add_style_tag(content="article.md-content__inner h1 { width: 600px; }")
        problems = page.evaluate(LOST)
    finally:
        context.close()
    assert any("horizontal scroll" in p or "<h1" in p or "title" in p for p in problems), problems
