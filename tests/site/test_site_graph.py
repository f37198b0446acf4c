"""Links between answers: "Voir aussi" both ways, backlinks, suggestions."""

from __future__ import annotations

from collections.abc import Callable

from sitekb import answer

from kb_tools.site import graph
from kb_tools.site.context import SiteContext

A = "docs/reponses/etat-civil/a.md"
B = "docs/reponses/etat-civil/b.md"
C = "docs/reponses/etat-civil/c.md"


def test_related_is_shown_both_ways(make_ctx: Callable[..., SiteContext]) -> None:
    ctx = make_ctx({A: answer("A", extra="related: [b]\n"), B: answer("B")})
    assert ctx.graph.see_also["a"] == ["b"]
    assert ctx.graph.see_also["b"] == ["a"]


def test_backlinks_come_from_body_links_and_skip_what_voir_aussi_shows(make_ctx: Callable[..., SiteContext]) -> None:
    ctx = make_ctx(
        {
            A: answer("A", extra="related: [c]\n"),
            B: answer("B", body="Voir [C](c.md) et [C encore](c.md#en-bref)."),
            C: answer("C"),
        }
    )
    assert ctx.graph.see_also["c"] == ["a"]
    assert ctx.graph.backlinks["c"] == ["b"]  # a is already under "Voir aussi"
    assert ctx.graph.backlinks["a"] == []


def test_own_related_come_first_then_the_others(make_ctx: Callable[..., SiteContext]) -> None:
    ctx = make_ctx(
        {
            A: answer("A", extra="related: [c]\n"),
            B: answer("B", extra="related: [a]\n"),
            C: answer("C"),
        }
    )
    assert ctx.graph.see_also["a"] == ["c", "b"]


def test_reverse_related_are_capped_but_own_related_are_kept(make_ctx: Callable[..., SiteContext]) -> None:
    n = graph.MAX_LIST + 5
    files = {A: answer("A")}
    files.update(
        {f"docs/reponses/identite/x{i:02}.md": answer(f"X{i:02}", "identite", extra="related: [a]\n") for i in range(n)}
    )
    ctx = make_ctx(files)
    assert len(ctx.graph.see_also["a"]) == graph.MAX_LIST
    assert ctx.graph.see_also["a"][0] == "x00"  # by title


def test_archived_answers_are_not_proposed(make_ctx: Callable[..., SiteContext]) -> None:
    ctx = make_ctx(
        {
            A: answer("A", extra="related: [b]\n"),
            B: answer("B", extra="status: archived\nrelated: [c]\n"),
            C: answer("C"),
        }
    )
    assert ctx.graph.see_also["a"] == ["b"]  # the author's choice is kept (marked on the page)
    assert ctx.graph.see_also["c"] == []  # no reverse link from an archived answer
    assert "b" not in ctx.graph.suggestions["c"]


def test_drafts_are_left_out(make_ctx: Callable[..., SiteContext]) -> None:
    ctx = make_ctx({A: answer("A", extra="related: [b]\n"), B: answer("B", extra="status: draft\n")})
    assert "b" not in ctx.by_id
    assert ctx.graph.see_also["a"] == []


def test_suggestions_from_shared_tags_when_few_links(make_ctx: Callable[..., SiteContext]) -> None:
    ctx = make_ctx(
        {
            A: answer("A", tags="[acte, famille]"),
            B: answer("B", tags="[acte, famille]"),
            C: answer("C", tags="[acte]"),
            "docs/reponses/identite/d.md": answer("D", "identite", tags="[identite]"),
        }
    )
    assert ctx.graph.suggestions["a"] == ["b", "c"]  # most shared tags first
    assert ctx.graph.suggestions["d"] == []


def test_no_suggestions_for_a_well_linked_answer(make_ctx: Callable[..., SiteContext]) -> None:
    ctx = make_ctx(
        {
            A: answer("A", extra="related: [b, c, d]\n"),
            B: answer("B"),
            C: answer("C"),
            "docs/reponses/etat-civil/d.md": answer("D"),
            "docs/reponses/etat-civil/e.md": answer("E"),
        }
    )
    assert ctx.graph.suggestions["a"] == []
    assert ctx.graph.suggestions["e"]  # e has no link at all


def test_suggestions_look_at_a_bounded_window_per_tag(make_ctx: Callable[..., SiteContext]) -> None:
    """However many answers share a tag, each answer's candidates are its neighbours."""
    n = 3 * graph.CANDIDATE_WINDOW
    files = {f"docs/reponses/etat-civil/x{i:03}.md": answer(f"X{i:03}") for i in range(n)}
    ctx = make_ctx(files)
    middle = f"x{n // 2:03}"
    suggested = ctx.graph.suggestions[middle]
    assert len(suggested) == graph.MAX_SUGGESTIONS
    assert all(abs(int(s[1:]) - n // 2) <= graph.CANDIDATE_WINDOW // 2 for s in suggested)
