"""Search that never leaves an agent empty-handed (issue 11), online and from the offline copy (file://).

- a typo is corrected against the base's vocabulary, « Résultats pour <em>…</em> » shown;
- a query without result shows the closest answers and a « Proposer cette question »
  link to the GitLab template, prefilled, with personal data masked;
- a word found only in the "Cas particuliers" section of an answer finds it, and the
  result names the section.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import kbsite
import pytest
import yaml
from browserenv import import_or_unavailable

import_or_unavailable("playwright.sync_api")

from playwright.sync_api import Page, Route  # noqa: E402
from searching import INPUT, ITEM, LINK, META, open_search, result_hrefs, result_ids, search, wait_until_ready  # noqa: E402

pytestmark = pytest.mark.browser

CORRECTION = ".kb-search-correction"
SUGGESTION = "a.kb-search-suggestion"
PROPOSE = "a.kb-search-propose"

# (typed, expected answers (any of them), the word shown as the correction; None: the base knows the word)
TYPOS = [
    ("indentité", {"cni-premiere-demande", "cni-renouvellement", "cni-perte-ou-vol"}, "identité"),
    ("proccuration", {"procuration-de-vote"}, "procuration"),
    ("pasport perdu", {"passeport"}, "passport"),
    ("passport", {"passeport"}, None),  # an alias of the answer: exact, not corrected
]
DEEP_WORD = ("végétarien", "restauration-scolaire", "Cas particuliers")


def nir(prefix: str = "1851275123456") -> str:
    """A NIR with a valid key (97 - number mod 97)."""
    return f"{prefix}{97 - int(prefix) % 97:02d}"


ZERO_QUERY = f"voiturette {nir()}"


@pytest.fixture(params=["online", "offline"])
def start(request: pytest.FixtureRequest, page: Page) -> Page:
    if request.param == "online":
        page.goto(request.getfixturevalue("site_url"))
    else:
        offline: Path = request.getfixturevalue("offline_site_dir")
        page.goto((offline / "index.html").as_uri())
    return page


def correction(page: Page) -> tuple[str, list[str]]:
    """The correction line's text and its emphasized (corrected) words; ("", []) when none is shown."""
    text, emphasized = page.evaluate(
        """(sel) => {
          const el = document.querySelector(sel);
          return el ? [el.textContent, Array.from(el.querySelectorAll("em")).map(e => e.textContent)] : ["", []];
        }""",
        CORRECTION,
    )
    return text, emphasized


@pytest.mark.parametrize(("typed", "expected", "shown"), TYPOS, ids=[t[0] for t in TYPOS])
def test_typo_finds_its_answer_with_the_correction(
    start: Page, typed: str, expected: set[str], shown: str | None
) -> None:
    page = start
    ids = result_ids(search(page, typed))
    assert expected & set(ids[:3]), f"{typed!r}: expected one of {expected} in the top 3, got {ids[:5]}"
    if shown is None:
        page.wait_for_timeout(300)
        assert correction(page) == ("", []), "a word the base knows must not be corrected"
    else:
        page.wait_for_selector(CORRECTION, timeout=5_000)
        text, emphasized = correction(page)
        assert text.startswith("Résultats pour "), text
        assert shown in emphasized, (text, emphasized)


def test_a_known_word_is_never_corrected(start: Page) -> None:
    ids = result_ids(search(start, "passeport"))
    assert ids[0] == "passeport"
    start.wait_for_timeout(300)
    assert correction(start) == ("", [])


def test_zero_result_shows_suggestions_and_a_masked_proposal(start: Page) -> None:
    page = start
    assert search(page, ZERO_QUERY) == []
    page.wait_for_selector(PROPOSE, timeout=5_000)
    suggestions = page.eval_on_selector_all(SUGGESTION, "els => els.map(a => [a.textContent, a.href])")
    assert suggestions, "closest answers expected for a query without result"
    assert {"cession-vehicule", "carte-grise-changement-d-adresse"} & set(result_ids([h for _t, h in suggestions]))
    href = page.get_attribute(PROPOSE, "href") or ""
    repo = yaml.safe_load((kbsite.ROOT / "kb.yml").read_text(encoding="utf-8"))["site"]["repo_url"]
    assert href.startswith(f"{repo}/-/issues/new?"), href
    params = parse_qs(urlsplit(href).query)
    assert params["issuable_template"] == ["nouvelle-question-usager"]
    assert params["issue[title]"] == ["voiturette [NIR masqué]"]
    assert "voiturette [NIR masqué]" in params["issue[description]"][0]
    assert "## La question de l'usager" in params["issue[description]"][0]  # the template's text
    assert not re.search(r"\d{6}", href), "the NIR must not leave the browser"
    assert page.inner_text(PROPOSE) == "Proposer cette question"


def test_masks_in_the_page(start: Page) -> None:
    """The masks of kb-search.js: NIR (compact or spaced), e-mail, phones."""
    masked = start.evaluate(
        "(q) => window.kbSearch.maskPersonalData(q)",
        f"nir {nir()} et 1 85 12 75 123 456 {nir()[-2:]}, jean.dupont@gmail.com, 06 12 34 56 78, +33 6 12 34 56 78",
    )
    assert masked == (
        "nir [NIR masqué] et [NIR masqué], [adresse e-mail masquée], [téléphone masqué], [téléphone masqué]"
    )


def test_a_word_of_cas_particuliers_only(start: Page) -> None:
    word, answer_id, heading = DEEP_WORD
    source = (kbsite.ROOT / "docs" / "reponses").rglob(f"{answer_id}.md")
    text = next(source).read_text(encoding="utf-8")
    before, _sep, cases = text.partition(f"## {heading}")
    assert word in cases.split("\n## ", 1)[0] and word not in before, f"{word!r} must be only in « {heading} »"
    page = start
    hrefs = search(page, word)
    assert result_ids(hrefs)[:1] == [answer_id]
    item_text = page.locator(ITEM).first.inner_text()
    assert heading in item_text, item_text


def test_a_query_typed_before_the_sections_are_in_is_answered_again(page: Page, site_url: str) -> None:
    """The first result comes from the answers alone; once their sections are indexed, it is redone."""
    word, answer_id, _heading = DEEP_WORD
    held: list[Route] = []
    page.route("**/search/kb-index-sections.json", lambda route: held.append(route))
    page.goto(site_url)
    open_search(page)
    wait_until_ready(page)
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the worker never asked for the sections"
    page.locator(INPUT).fill(word)
    page.locator(INPUT).press("End")
    page.locator(META).filter(has_text=re.compile(r"\S")).wait_for()
    page.wait_for_timeout(300)
    assert not [h for h in result_hrefs(page) if answer_id in h], "answered too soon"
    assert page.evaluate("window.kbSearch.complete") is False
    held[0].continue_()
    page.wait_for_function("() => window.kbSearch.complete === true")
    page.locator(f'{ITEM} {LINK}[href*="{answer_id}"]').first.wait_for()
    assert result_ids(result_hrefs(page))[:1] == [answer_id]
    assert page.locator(INPUT).input_value() == word


def test_the_index_is_fetched_again_when_the_early_download_fails(page: Page, site_url: str) -> None:
    """The worker downloads the index as the page opens; if that fails (a 4G blip), it asks
    again when Material sets the search up, and the agent still gets results."""
    asked: list[str] = []

    def flaky(route: Route) -> None:
        asked.append(route.request.url)
        if len(asked) == 1:
            route.fulfill(status=503, body="indisponible")
        else:
            route.continue_()

    page.route("**/search/kb-index.json", flaky)
    page.goto(site_url)
    ids = result_ids(search(page, "passeport"))
    assert len(asked) == 2, asked
    assert ids[:1] == ["passeport"], ids[:5]


def test_a_word_finds_its_family(start: Page) -> None:
    """« déménager » is nowhere in the base and no prefix of « déménagement »: its stem finds it."""
    typed, family = "déménager", "déménagement"
    sources = [p.read_text(encoding="utf-8").lower() for p in (kbsite.ROOT / "docs").rglob("*.md")]
    assert not any(typed in text for text in sources) and any(family in text for text in sources)
    page = start
    ids = result_ids(search(page, typed))
    assert {"carte-grise-changement-d-adresse", "changement-de-situation-caf"} & set(ids[:3]), ids[:5]
    marked = page.locator(f"{ITEM} mark").all_inner_texts()
    assert any(m.lower().startswith("déménag") for m in marked), marked
    page.wait_for_timeout(300)
    assert correction(page) == ("", []), "a family match is not a typo"
