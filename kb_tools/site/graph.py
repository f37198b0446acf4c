"""Links between answers: "Voir aussi" both ways, backlinks, suggestions.

Everything here is linear in the number of answers and links: one pass to
index, one pass to read. Suggestions come from a tag -> answers index and look
at a bounded window of candidates per tag, never at every pair of answers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kb_tools.model import Answer, first_of_each_id
from kb_tools.text import fold
from kb_tools.urls import doc_path_of, resolve_link

MAX_LIST = 12  # answers listed in "Voir aussi" (beyond the answer's own) and in backlinks
MIN_LINKS = 3  # fewer linked answers than this: add suggestions
MAX_SUGGESTIONS = 3
CANDIDATE_WINDOW = 24  # candidates looked at per shared tag


@dataclass
class Graph:
    """Ids of the answers each answer shows, in display order."""

    see_also: dict[str, list[str]] = field(default_factory=dict)
    backlinks: dict[str, list[str]] = field(default_factory=dict)
    suggestions: dict[str, list[str]] = field(default_factory=dict)


def sort_key(answer: Answer) -> tuple[str, str]:
    return (fold(answer.title or answer.id), answer.id)


def body_targets(answer: Answer, by_doc_path: dict[str, Answer]) -> list[str]:
    """Ids of the answers an answer links to in its body, in order, once each."""
    found: list[str] = []
    for link in answer.links:
        resolved = resolve_link(answer.rel, link.target)
        if resolved is None:
            continue
        target = by_doc_path.get(resolved[0])
        if target is not None and target.id != answer.id and target.id not in found:
            found.append(target.id)
    return found


def build_graph(answers: list[Answer]) -> Graph:
    """Compute the links of published answers (drafts must already be left out).

    - ``see_also``: the answer's own ``related`` ids, then the answers whose
      ``related`` names it (related works both ways), same service first, up
      to ``MAX_LIST`` in all (the answer's own ``related`` are always kept);
    - ``backlinks``: the answers that point here, through ``related`` or a link
      in their body ("Ces réponses renvoient ici"), less those already in
      ``see_also`` (an answer that names this one in ``related`` is there, so
      in practice these are the links written in other answers' bodies), at
      most ``MAX_LIST``, same service first;
    - ``suggestions``: for an answer linked to fewer than ``MIN_LINKS`` others,
      up to ``MAX_SUGGESTIONS`` answers sharing the most tags with it.

    Archived answers keep their page and their own links, but are never
    proposed to others (no reverse links, backlinks or suggestions from them).
    """
    by_id = first_of_each_id(answers)
    by_doc_path = {doc_path_of(a.rel): a for a in by_id.values()}
    live = {a.id for a in by_id.values() if a.status != "archived"}

    forward: dict[str, list[str]] = {}
    reverse: dict[str, list[str]] = {}
    pointing: dict[str, list[str]] = {}
    outgoing: dict[str, set[str]] = {}
    for answer in by_id.values():
        own = list(dict.fromkeys(r for r in answer.related if r in by_id and r != answer.id))
        forward[answer.id] = own
        body = body_targets(answer, by_doc_path)
        outgoing[answer.id] = set(own) | set(body)
        if answer.id not in live:
            continue
        for target in own:
            reverse.setdefault(target, []).append(answer.id)
        for target in dict.fromkeys(own + body):
            pointing.setdefault(target, []).append(answer.id)

    graph = Graph()
    tag_index = _tag_index(by_id, live)
    for answer in by_id.values():
        aid = answer.id

        def closest(i: str, service: str | None = answer.service) -> tuple[bool, tuple[str, str]]:
            return (by_id[i].service != service, sort_key(by_id[i]))

        own = forward[aid]
        others = sorted((r for r in reverse.get(aid, []) if r not in own), key=closest)
        see_also = own + others[: max(0, MAX_LIST - len(own))]
        shown = set(see_also)
        backlinks = sorted((i for i in pointing.get(aid, []) if i not in shown), key=closest)[:MAX_LIST]
        graph.see_also[aid] = see_also
        graph.backlinks[aid] = backlinks
        linked = set(see_also) | set(backlinks) | outgoing[aid]
        if len(linked) < MIN_LINKS:
            graph.suggestions[aid] = _suggest(answer, by_id, tag_index, linked)
        else:
            graph.suggestions[aid] = []
    return graph


@dataclass
class _TagIndex:
    members: dict[str, list[str]]  # tag -> live answer ids, by service then title
    position: dict[tuple[str, str], int]  # (tag, id) -> index in members[tag]


def _tag_index(by_id: dict[str, Answer], live: set[str]) -> _TagIndex:
    members: dict[str, list[str]] = {}
    ordered = sorted((by_id[i] for i in live), key=lambda a: (a.service or "", *sort_key(a)))
    for answer in ordered:
        for tag in dict.fromkeys(answer.tags):
            members.setdefault(tag, []).append(answer.id)
    position = {(tag, aid): i for tag, ids in members.items() for i, aid in enumerate(ids)}
    return _TagIndex(members, position)


def _suggest(answer: Answer, by_id: dict[str, Answer], index: _TagIndex, linked: set[str]) -> list[str]:
    """Answers sharing the most tags, same service first; a bounded window per tag.

    Each tag's members are ordered by service then title, so the window around
    the answer's own place holds its closest neighbours (same service, similar
    title) and the work per answer stays constant however big a tag grows.
    """
    shared: Counter[str] = Counter()
    half = CANDIDATE_WINDOW // 2
    for tag in dict.fromkeys(answer.tags):
        ids = index.members.get(tag, [])
        here = index.position.get((tag, answer.id), 0)
        start = max(0, min(here - half, len(ids) - CANDIDATE_WINDOW))
        for candidate in ids[start : start + CANDIDATE_WINDOW]:
            if candidate != answer.id and candidate not in linked:
                shared[candidate] += 1

    def rank(cid: str) -> tuple[int, bool, tuple[str, str]]:
        other = by_id[cid]
        return (-shared[cid], other.service != answer.service, sort_key(other))

    return sorted(shared, key=rank)[:MAX_SUGGESTIONS]
