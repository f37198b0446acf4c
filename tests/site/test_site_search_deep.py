"""Whole answers in the search index (sections, budget), the vocabulary and the typo correction."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from sitekb import answer

from kb_tools.site import search, search_deep
from kb_tools.site.context import SiteContext
from kb_tools.site.search_deep import allowed_edits, correct_word, damerau


def shaped(ctx: SiteContext, template: str | None = None) -> dict:
    return search.shape_index({"config": {}, "docs": []}, ctx, use_directory_urls=True, question_template=template)


# --- edit distance and correction ------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("passeport", "passeport", 0),
        ("passport", "passeport", 1),  # insertion
        ("proccuration", "procuration", 1),  # deletion
        ("naissanse", "naissance", 1),  # substitution
        ("inscirption", "inscription", 1),  # transposition counts as one edit (Damerau)
        ("pasport", "passeport", 2),
        ("abc", "xyz", 3),
    ],
)
def test_damerau(a: str, b: str, distance: int) -> None:
    assert damerau(a, b, 3) == distance
    assert damerau(b, a, 3) == distance


def test_damerau_stops_above_the_limit() -> None:
    assert damerau("passeport", "procuration", 1) == 2
    assert damerau("a" * 5, "a" * 9, 2) == 3  # lengths too far apart: not computed


def test_allowed_edits_by_length() -> None:
    assert [allowed_edits("x" * n) for n in (3, 4, 5, 8, 9, 12)] == [0, 0, 1, 1, 2, 2]


WORDS = ["passeport", "passport", "identité", "procuration", "perdu", "carte", "vitale", "naissance", "cartes"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("passeport", None),  # the base's own word: never corrected
        ("Passeport", None),
        ("identite", None),  # accents and case do not make a typo
        ("passe", None),  # a prefix: the agent is still typing
        ("perdus", None),  # a plural of a known word (the stemmer matches it)
        ("indentité", "identité"),  # 9 letters: up to two edits
        ("proccuration", "procuration"),
        ("pasport", "passport"),  # 7 letters: one edit; "passeport" is two away
        ("naissanse", "naissance"),
        ("cartt", "carte"),  # best-ranked word first among equals ("carte" before "cartes")
        ("cart", None),  # 4 letters: never corrected
        ("xylophone", None),  # nothing close enough
        ("vitalle", "vitale"),
    ],
)
def test_correct_word(typed: str, expected: str | None) -> None:
    assert correct_word(typed, WORDS) == expected


def test_exact_word_wins_over_a_closer_ranked_one() -> None:
    # "carte" is known: even though "cartes" ranks after it, nothing is corrected.
    assert correct_word("cartes", ["carte", "cartes"]) is None


# --- sections --------------------------------------------------------------------

BODY = """Le résumé.

## Étapes

1. Aller en mairie ({{ mairie.horaires }}).

## Cas particuliers

- **Crémation** : une autorisation du maire.
"""


def test_sections_follow_their_answer(make_ctx: Callable[..., SiteContext]) -> None:
    ctx = make_ctx({"docs/reponses/etat-civil/a.md": answer("Acte A", body=BODY)})
    docs = shaped(ctx)["docs"]
    locations = [d["location"] for d in docs]
    assert locations == [
        "reponses/etat-civil/a/",
        "reponses/etat-civil/a/#etapes",
        "reponses/etat-civil/a/#cas-particuliers",
    ]  # the article first, then its sections: Material shows them as its sub-results
    cases = docs[2]
    assert cases["title"] == "Cas particuliers"
    assert cases["keywords"].split() == ["crémation", "autorisation", "maire"]  # searched, not shown
    assert cases["text"] == ("<p>Crémation : une autorisation du maire.</p>" if search_deep.SNIPPET_LIMIT else "")


def test_placeholders_filled_in_sections(make_ctx: Callable[..., SiteContext]) -> None:
    ctx = make_ctx({"docs/reponses/etat-civil/a.md": answer("Acte A", body=BODY)})
    steps = shaped(ctx)["docs"][1]
    assert "{{" not in steps["keywords"] + steps["text"]
    assert {"lundi", "vendredi"} <= set(steps["keywords"].split())  # "du lundi au vendredi de 9 h à 17 h"


def test_section_budget(make_ctx: Callable[..., SiteContext]) -> None:
    def words(part: int) -> str:  # 400 distinct words, different in each part
        return " ".join(f"mot{chr(97 + part)}{chr(97 + n % 20)}{chr(97 + n // 20)}" for n in range(400))

    sections = "".join(f"## Partie {n}\n\nDébut de la partie {n}. {words(n)}\n\n" for n in range(5))
    sections += "## Courte\n\nUne phrase courte, gardée entière, avec kiosque.\n"
    ctx = make_ctx({"docs/reponses/etat-civil/a.md": answer("Acte A", body="Résumé.\n\n" + sections)})
    parts = search_deep.section_texts(ctx.live[0], ctx)
    assert len(parts) == search_deep.MAX_SECTIONS == 6
    assert all(sum(len(p) for p in s.snippet) <= search_deep.SNIPPET_LIMIT + 2 for s in parts)
    sizes = [len(s.keywords) for s in parts]
    assert all(size <= search_deep.KEYWORDS_SECTION_LIMIT for size in sizes)
    assert search_deep.KEYWORDS_LIMIT - 100 < sum(sizes) <= search_deep.KEYWORDS_LIMIT
    assert parts[-1].keywords == "phrase courte gardée entière avec kiosque"  # a short section: whole


def test_keywords_are_the_words_not_shown_once_each(make_ctx: Callable[..., SiteContext]) -> None:
    body = "Résumé avec acte.\n\n## Étapes\n\nEnsuite crémation, crémation, Acte et urne.\n"
    ctx = make_ctx({"docs/reponses/etat-civil/a.md": answer("Acte A", body=body)})
    (steps,) = search_deep.section_texts(ctx.live[0], ctx)
    assert steps.keywords.split() == ["ensuite", "crémation", "urne"]  # "acte": already in the entry


def test_shares() -> None:
    assert search_deep.shares([100, 5000, 50, 5000], total=1000, cap=400) == [100, 400, 50, 400]
    assert search_deep.shares([900, 900, 900], total=900, cap=400) == [300, 300, 300]
    assert search_deep.shares([], total=900, cap=400) == []


def test_summary_section_not_repeated(sample_ctx: SiteContext) -> None:
    docs = shaped(sample_ctx)["docs"]
    assert not [d for d in docs if d["location"].endswith("#en-bref")]
    assert "reponses/identite/cni/#pieces" in [d["location"] for d in docs]


def test_index_is_linear_in_answers(make_ctx: Callable[..., SiteContext]) -> None:
    files = {f"docs/reponses/etat-civil/a{n}.md": answer(f"Acte {n}", body=BODY) for n in range(40)}
    ctx = make_ctx(files)
    assert len(shaped(ctx)["docs"]) == 40 * 3


# --- what the browser gets ----------------------------------------------------------


def test_vocabulary_strong_words_first(sample_ctx: SiteContext) -> None:
    words = search_deep.vocabulary(sample_ctx)
    assert len(words) == len(set(words))
    assert words.index("passeport") < words.index("vendredi")  # title/alias word before a section word
    assert "pièce" in words  # a section's word
    assert all(len(w) >= search_deep.MIN_WORD for w in words)


def test_browser_data(sample_ctx: SiteContext) -> None:
    kb = shaped(sample_ctx, template="## La question de l'usager\n")["config"]["kb"]
    assert isinstance(kb["words"], str) and " passeport " in f" {kb['words']} "
    propose = kb["propose"]
    assert urlsplit(propose["url"]).path.endswith("/-/issues/new")
    assert propose["url"].startswith(sample_ctx.config.repo_url or "?")
    assert propose["template"] == "nouvelle-question-usager"
    assert propose["description"] == "## La question de l'usager\n"
    assert not parse_qs(urlsplit(propose["url"]).query)  # the browser adds the query


def test_no_link_without_repository() -> None:
    assert search_deep.question_link(None, "x") is None
