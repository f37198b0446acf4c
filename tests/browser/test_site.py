"""The published site in a real browser: home page, search, freshness banners, links, offline copy."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import kbsite
import pytest
from browserenv import import_or_unavailable

import_or_unavailable("playwright.sync_api")

from playwright.sync_api import Page, expect  # noqa: E402
from searching import page_id, search, search_ids  # noqa: E402

pytestmark = pytest.mark.browser

# Queries typed the way agents type them (no accents) -> the answer expected FIRST.
UNACCENTED_FIRST = [
    ("acte de naissance", {"acte-de-naissance"}),
    ("acte de deces", {"acte-de-deces"}),
    ("carte identite", {"cni-premiere-demande", "cni-renouvellement", "cni-perte-ou-vol"}),
    ("legalisation de signature", {"legalisation-de-signature"}),
    ("prime d'activite", {"prime-d-activite"}),
    ("declaration de naissance", {"declaration-de-naissance"}),
    ("premiere carte d'identite", {"cni-premiere-demande"}),
]
# Acronyms and everyday words -> answers expected in the top 3 (any of them).
TOP3 = [
    ("CNI", {"cni-premiere-demande", "cni-renouvellement"}),
    ("APL", {"aides-au-logement-apl"}),
    ("RSA", {"rsa"}),
    ("bebe", {"declaration-de-naissance", "reconnaissance-enfant"}),
    ("chomage", {"inscription-france-travail", "actualisation-mensuelle"}),
]


def _require_answers(*ids: str) -> None:
    missing = [i for i in ids if i not in kbsite.published()]
    if missing:
        pytest.skip(f"answers not written yet: {', '.join(missing)}")


def _goto(page: Page, base: str, path: str) -> None:
    response = page.goto(base + path)
    assert response is not None and response.ok, f"{base + path}: HTTP {response and response.status}"


# --------------------------------------------------------------------------- home page


def test_home_page(page: Page, site_url: str) -> None:
    config = kbsite.kb().config
    _goto(page, site_url, "")
    assert config.site_name in page.title()
    content = page.locator(".md-content")
    # The search prompt opens Material's search.
    prompt = content.locator(".kb-search-open").first
    expect(prompt).to_be_visible()
    prompt.click()
    expect(page.locator("#__search")).to_be_checked()
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.press("Escape")
    # Every service with a published answer is listed with a link to its page.
    services = {a.service for a in kbsite.published().values()}
    for key in sorted(s for s in services if s in config.services):
        expect(content.locator(f'a[href*="services/{key}"]').first).to_be_visible()
    # The freshness chart is an inline SVG with accessible text, and a table gives its figures.
    chart = content.locator('svg[role="img"]').first
    expect(chart).to_be_visible()
    labelled = chart.get_attribute("aria-labelledby") or chart.get_attribute("aria-label")
    assert labelled and chart.locator("title").count() > 0, "the chart needs a <title> and aria-labelledby/label"
    table = content.locator("table").filter(has_text=config.services[sorted(services)[0]].label).first
    expect(table).to_be_attached()


def test_search_keyboard_shortcut(page: Page, site_url: str) -> None:
    _goto(page, site_url, "")
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()


def test_home_links_to_dashboard(page: Page, site_url: str) -> None:
    _goto(page, site_url, "")
    page.locator('.md-content a[href$="fraicheur/"]').first.click()
    page.wait_for_url("**/fraicheur/**")
    expect(page.locator(".md-content h1")).to_be_visible()


# --------------------------------------------------------------------------- search


@pytest.mark.parametrize(("query", "expected"), UNACCENTED_FIRST)
def test_search_without_accents_first(page: Page, site_url: str, query: str, expected: set[str]) -> None:
    present = expected & set(kbsite.published())
    if not present:
        pytest.skip(f"answers not written yet: {', '.join(sorted(expected))}")
    _goto(page, site_url, "")
    ids = search_ids(page, query)
    assert ids and ids[0] in present, f"{query!r}: expected {' or '.join(sorted(present))} first, got {ids[:5]}"


def test_search_service_name_without_accents(page: Page, site_url: str) -> None:
    """`etat civil` (typed without accents) finds État civil answers or the service page first."""
    _goto(page, site_url, "")
    hrefs = search(page, "etat civil")
    assert hrefs, "no result for 'etat civil'"
    etat_civil = {i for i, a in kbsite.published().items() if a.service == "etat-civil"} | {"etat-civil"}
    assert page_id(hrefs[0]) in etat_civil, f"first result {hrefs[0]} is not about État civil"


@pytest.mark.parametrize(("query", "expected"), TOP3)
def test_search_acronyms_and_synonyms_top3(page: Page, site_url: str, query: str, expected: set[str]) -> None:
    present = expected & set(kbsite.published())
    if not present:
        pytest.skip(f"answers not written yet: {', '.join(sorted(expected))}")
    _goto(page, site_url, "")
    ids = search_ids(page, query)
    assert present & set(ids[:3]), f"{query!r}: expected one of {sorted(present)} in the top 3, got {ids[:5]}"


def test_search_result_opens_the_answer(page: Page, site_url: str) -> None:
    _goto(page, site_url, "")
    hrefs = search(page, "naissance")
    assert hrefs, "no result for 'naissance'"
    title = page.locator("a.md-search-result__link").first.locator("h1").inner_text().strip()
    page.locator("a.md-search-result__link").first.click()
    page.wait_for_url(re.compile(re.escape(hrefs[0].split("?")[0].split("#")[0])))
    expect(page.locator(".md-content h1").first).to_contain_text(title)


def test_archived_answer_kept_but_not_in_search(
    page: Page, expired_site_url: str, expiry_cases: dict[str, str]
) -> None:
    answer_id, title, path = expiry_cases["archived"], expiry_cases["archived_title"], expiry_cases["archived_path"]
    _goto(page, expired_site_url, path)
    notice = page.locator(".md-content .admonition").first
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("rchiv")
    ids = search_ids(page, title)
    assert answer_id not in ids, f"archived answer {answer_id} found by search: {ids[:5]}"
    service = path.split("/")[1]
    _goto(page, expired_site_url, f"services/{service}/")
    assert page.locator(f'.md-content a[href*="/{answer_id}/"]').count() >= 1, "archived answer not on its service page"


def test_draft_not_published(page: Page, expired_site_url: str, expiry_cases: dict[str, str]) -> None:
    answer_id, title = expiry_cases["draft"], expiry_cases["draft_title"]
    response = page.goto(expired_site_url + expiry_cases["draft_path"])
    assert response is not None and response.status == 404, f"draft {answer_id} is published"
    _goto(page, expired_site_url, "")
    ids = search_ids(page, title)
    assert answer_id not in ids, f"draft {answer_id} found by search: {ids[:5]}"


# --------------------------------------------------------------------------- answer pages


def test_expired_banner(page: Page, expired_site_url: str, expiry_cases: dict[str, str]) -> None:
    answer_id = expiry_cases["expired"]
    _goto(page, expired_site_url, kbsite.answer_path(answer_id))
    banner = page.locator(".kb-banner--expired")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("expir")
    expect(page.locator(".kb-banner--soon")).to_have_count(0)


def test_soon_banner(page: Page, expired_site_url: str, expiry_cases: dict[str, str]) -> None:
    _goto(page, expired_site_url, kbsite.answer_path(expiry_cases["soon"]))
    expect(page.locator(".kb-banner--soon")).to_be_visible()
    expect(page.locator(".kb-banner--expired")).to_have_count(0)


def test_expired_banner_after_in_site_navigation(
    page: Page, expired_site_url: str, expiry_cases: dict[str, str]
) -> None:
    """Reaching the answer through a link (Material's instant navigation if enabled) still shows the banner."""
    answer_id = expiry_cases["expired"]
    service = kbsite.kb().by_id[answer_id].service
    _goto(page, expired_site_url, f"services/{service}/")
    page.locator(f'.md-content a[href*="/{answer_id}/"]').first.click()
    page.wait_for_url(f"**/{answer_id}/**")
    expect(page.locator(".kb-banner--expired")).to_be_visible()


def test_fresh_answer_has_no_visible_banner(page: Page, site_url: str) -> None:
    today = dt.date.today()
    fresh = [
        a.id
        for a in kbsite.published().values()
        if a.valid_until and a.valid_until > today + dt.timedelta(days=kbsite.kb().config.expiring_days + 5)
    ]
    if not fresh:
        pytest.skip("no answer valid beyond the expiring window")
    _goto(page, site_url, kbsite.answer_path(fresh[0]))
    assert page.locator(".kb-banner").count() >= 1, "the banner element should be in the page (hidden)"
    expect(page.locator(".kb-banner--expired, .kb-banner--soon")).to_have_count(0)
    for banner in page.locator(".kb-banner").all():
        expect(banner).to_be_hidden()


def test_banner_follows_the_browser_clock(page: Page, site_url: str) -> None:
    """The banner is computed from the browser's date, not the build date."""
    answers = [a for a in kbsite.published().values() if a.valid_until]
    if not answers:
        pytest.skip("no answer with valid_until")
    answer = answers[0]
    assert answer.valid_until is not None
    later = dt.datetime.combine(answer.valid_until + dt.timedelta(days=3), dt.time(12), tzinfo=dt.UTC)
    page.clock.set_fixed_time(later)
    _goto(page, site_url, kbsite.answer_path(answer.id))
    expect(page.locator(".kb-banner--expired")).to_be_visible()


def _section_links(page: Page, heading: str) -> list[str]:
    """Hrefs of the links under the heading (any level) whose text starts with ``heading``."""
    return page.evaluate(
        """(heading) => {
          const hs = [...document.querySelectorAll('.md-content h2, .md-content h3, .md-content h4')];
          const h = hs.find(el => el.textContent.trim().toLowerCase().startsWith(heading.toLowerCase()));
          if (!h) return null;
          const links = [];
          for (let el = h.nextElementSibling; el && !/^H[1-4]$/.test(el.tagName); el = el.nextElementSibling)
            el.querySelectorAll('a[href]').forEach(a => links.push(a.href));
          return links;
        }""",
        heading,
    )


def test_related_both_directions(page: Page, site_url: str) -> None:
    """If A names B in ``related``, A's "Voir aussi" links to B and B's links back to A."""
    answers = kbsite.published()
    pairs = [(a.id, r) for a in answers.values() for r in a.related if r in answers and r != a.id]
    reverse_only = [(s, t) for s, t in pairs if s not in answers[t].related]
    if not pairs:
        pytest.skip("no related answers yet")
    source, target = (reverse_only or pairs)[0]
    _goto(page, site_url, kbsite.answer_path(source))
    related = _section_links(page, "Voir aussi")
    assert related is not None, f"{source}: no 'Voir aussi' section"
    assert target in {page_id(h) for h in related}, f"{source}: 'Voir aussi' lacks {target}: {related}"

    _goto(page, site_url, kbsite.answer_path(target))
    back = {page_id(h) for h in (_section_links(page, "Voir aussi") or [])}
    assert source in back, f"{target}: 'Voir aussi' has no link back to {source} (related works both ways)"


def test_backlinks_from_body_links(page: Page, expired_site_url: str, expiry_cases: dict[str, str]) -> None:
    """An answer linked from another answer's body lists it under "Ces réponses renvoient ici"."""
    source, target = expiry_cases["link_source"], expiry_cases["link_target"]
    _goto(page, expired_site_url, kbsite.answer_path(target))
    back = _section_links(page, "Ces réponses renvoient ici")
    assert back is not None, f"{target}: no 'Ces réponses renvoient ici' section although {source} links to it"
    assert source in {page_id(h) for h in back}, f"{target}: backlinks lack {source}: {back}"


def test_answer_header_and_actions(page: Page, site_url: str) -> None:
    _require_answers("acte-de-naissance")
    answer = kbsite.kb().by_id["acte-de-naissance"]
    _goto(page, site_url, kbsite.answer_path(answer.id))
    expect(page.locator(".md-content h1").first).to_have_text(re.compile("^" + re.escape(answer.title or "")))
    assert answer.valid_until is not None
    expect(page.locator(f'[data-valid-until="{answer.valid_until.isoformat()}"]').first).to_be_attached()
    expect(page.locator(f'.md-content a[href*="services/{answer.service}"]').first).to_be_visible()
    report = page.locator('a[href*="issues/new"]').first
    expect(report).to_be_visible()
    assert "acte-de-naissance" in (report.get_attribute("href") or "")
    # Sources: Service-Public ids become links to service-public.fr
    expect(page.locator('.md-content a[href*="service-public.fr/particuliers/vosdroits/F1427"]').first).to_be_visible()
    # Placeholders are filled.
    assert "{{" not in page.locator(".md-content").inner_text()


# --------------------------------------------------------------------------- offline copy


def test_offline_copy_searches_from_file_url(page: Page, offline_site_dir: Path) -> None:
    _require_answers("acte-de-naissance")
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "blob:")) else outside.append(r.url))
    page.goto((offline_site_dir / "index.html").as_uri())
    hrefs = search(page, "acte de naissance")
    assert hrefs, "no search result in the offline copy"
    assert all(h.startswith("file://") for h in hrefs), hrefs
    ids = [page_id(h) for h in hrefs]
    assert "acte-de-naissance" in ids[:3], ids[:5]
    item = page.locator("li.md-search-result__item").nth(ids.index("acte-de-naissance"))
    item.locator("a.md-search-result__link").first.click()
    page.wait_for_url("**/acte-de-naissance.html*")
    expect(page.locator(".md-content h1").first).to_contain_text("naissance")
    assert not outside, f"the offline copy fetched from the network: {outside}"


def test_site_fetches_nothing_from_outside(page: Page, site_url: str) -> None:
    """Intranet: fonts, scripts and search come from the site itself."""
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((site_url, "data:", "blob:")) else outside.append(r.url))
    _goto(page, site_url, "")
    search(page, "naissance")
    _goto(page, site_url, kbsite.answer_path(sorted(kbsite.published())[0]))
    page.wait_for_load_state("networkidle")
    assert not outside, f"requests outside the site: {outside}"
