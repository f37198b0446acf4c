"""Drive Material for MkDocs' built-in search in a Playwright page.

Independent of ``kb_tools``: used by the browser tests and by ``bench/bench_site.py``.

Material reads the query on ``keyup`` (not ``input``) and renders the results of
each query into ``.md-search-result``: the metadata line (``.md-search-result__meta``,
"3 documents trouvés") is rewritten for every result message, then the first ten
items are appended synchronously. A ``MutationObserver`` on that line therefore
tells exactly when the results of the last query are on screen, without guessing
with sleeps. Each query is run from an empty input so that two identical queries
in a row still produce a fresh result message.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Page

INPUT = "input.md-search__input"
META = ".md-search-result__meta"
ITEM = "li.md-search-result__item"
LINK = "a.md-search-result__link"

# Installs (once per page) a counter of result renderings and the time of the last one.
_INSTALL = """
() => {
  if (window.__kbSearch) return true;
  const meta = document.querySelector(".md-search-result__meta");
  if (!meta) return false;
  const state = { gen: 0, at: 0, sent: 0 };
  new MutationObserver(() => { state.gen += 1; state.at = performance.now(); })
    .observe(meta, { childList: true, characterData: true, subtree: true });
  window.__kbSearch = state;
  return true;
}
"""

# Text Material puts in the metadata line while its worker builds the index.
_INITIALIZER = """
() => {
  const el = document.getElementById("__config");
  const config = el ? JSON.parse(el.textContent) : {};
  return (config.translations || {})["search.result.initializer"] || null;
}
"""

# No new rendering for that many milliseconds.
SETTLE_MS = 500
_SETTLED = "(ms) => performance.now() - window.__kbSearch.at > ms"

_HREFS = """
(sel) => Array.from(document.querySelectorAll(sel.item)).map(item => {
  const link = item.querySelector(sel.link);
  return link ? link.href : null;
}).filter(Boolean)
"""


def wait_until_complete(page: Page, timeout: float = 30_000) -> None:
    """Wait until the site's own worker has indexed every answer's sections (no-op elsewhere).

    It indexes them after it is ready, and answers a query typed meanwhile from the answers
    alone. Offline (``file://``) the worker starts when the search opens: open it first.
    """
    page.wait_for_function("() => !window.kbSearch || window.kbSearch.complete !== false", timeout=timeout)


def result_hrefs(page: Page) -> list[str]:
    """The result links on screen (absolute URLs, best first)."""
    hrefs: list[str] = page.evaluate(_HREFS, {"item": ITEM, "link": LINK})
    return hrefs


@dataclass
class SearchTiming:
    """Result of one query with the time (ms) from the final keystroke to the results on screen."""

    hrefs: list[str]
    ms: float


def wait_until_ready(page: Page, timeout: float = 30_000) -> None:
    """Wait until Material's search worker has built its index (the "initialising" text is gone)."""
    page.wait_for_selector(META, state="attached", timeout=timeout)
    initializer = page.evaluate(_INITIALIZER)
    page.wait_for_function(
        """(init) => {
          const meta = document.querySelector(".md-search-result__meta");
          return meta && meta.textContent.trim() !== "" && (init === null || meta.textContent.trim() !== init);
        }""",
        arg=initializer,
        timeout=timeout,
    )


def open_search(page: Page, timeout: float = 10_000) -> None:
    """Open the search dialog the way a user does: click the search field (or the header's search button)."""
    field = page.locator(INPUT)
    if field.is_visible():
        field.click()
    else:  # narrow viewport: the header shows a magnifier button instead of the field
        page.locator('header label[for="__search"]').first.click()
    page.wait_for_function("() => document.getElementById('__search')?.checked === true", timeout=timeout)
    page.locator(INPUT).focus()


def _install(page: Page) -> None:
    if not page.evaluate(_INSTALL):
        raise RuntimeError("no Material search on this page (.md-search-result__meta not found)")


def _gen(page: Page) -> int:
    return int(page.evaluate("() => window.__kbSearch.gen"))


def _submit(page: Page, value: str, timeout: float) -> float:
    """Put ``value`` in the field and release a key; wait for its results; return the ms taken."""
    field = page.locator(INPUT)
    if value == "" and field.input_value() == "":
        return 0.0
    before = _gen(page)
    field.fill(value)
    page.evaluate("() => { window.__kbSearch.sent = performance.now(); }")
    # Material reads the field on keyup; "End" only moves the caret (no search shortcut bound to it).
    field.press("End")
    page.wait_for_function("(before) => window.__kbSearch.gen > before", arg=before, timeout=timeout)
    return float(page.evaluate("() => window.__kbSearch.at - window.__kbSearch.sent"))


def search_timed(page: Page, query: str, *, timeout: float = 30_000) -> SearchTiming:
    """Run ``query`` in the page's search and return the result links (absolute URLs, best first) and timing."""
    wait_until_ready(page, timeout=timeout)
    _install(page)
    if page.evaluate("() => document.getElementById('__search')?.checked") is not True:
        open_search(page)
    wait_until_complete(page, timeout=timeout)
    _submit(page, "", timeout)
    ms = _submit(page, query, timeout)
    hrefs = result_hrefs(page)
    if not hrefs:
        # Under load the rendering we waited for may have been the empty
        # query's, arriving late: read again once the results have settled.
        page.wait_for_function(_SETTLED, arg=SETTLE_MS, timeout=timeout)
        hrefs = result_hrefs(page)
    return SearchTiming(hrefs=hrefs, ms=ms)


def search(page: Page, query: str, *, timeout: float = 30_000) -> list[str]:
    """Run ``query`` in Material's search on ``page``; return the result page URLs, best first.

    The page must already show a page of the site. Only the first ten results are
    rendered eagerly by Material; that is all we need (top 1 / top 3).
    """
    return search_timed(page, query, timeout=timeout).hrefs


def page_id(href: str) -> str:
    """The page's id from a result URL: ``…/reponses/etat-civil/acte-de-naissance/?h=x#y`` -> ``acte-de-naissance``.

    Works for directory URLs (``…/id/``) and for the offline copy's file URLs (``…/id.html``).
    """
    path = unquote(urlsplit(href).path).rstrip("/")
    name = posixpath.basename(path)
    if name == "index.html":
        name = posixpath.basename(posixpath.dirname(path))
    return name.removesuffix(".html")


def result_ids(hrefs: list[str]) -> list[str]:
    """``page_id`` of each result, duplicates removed (Material may list a page once per section)."""
    seen: dict[str, None] = {}
    for href in hrefs:
        seen.setdefault(page_id(href), None)
    return list(seen)


def search_ids(page: Page, query: str, **kwargs: Any) -> list[str]:
    """``search`` returning page ids instead of URLs."""
    return result_ids(search(page, query, **kwargs))
