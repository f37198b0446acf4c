"""Whole answers in the search index, and what the browser needs to correct typos.

Two additions to the index of :mod:`kb_tools.site.search`, both linear in the
number of answers:

- **Sections.** Every section of an answer but "En bref" (already in the
  answer's own entry) becomes an entry ``location#anchor`` placed right after
  the answer's entry: Material's search then shows it under the answer as a
  sub-result naming the section (« Cas particuliers »). Placeholders are
  filled with the territory's defaults (what the page shows before a place is
  chosen). Budget, whatever the answer's length (the index is downloaded and
  built by every browser: at 3,700 answers each byte per answer is 3.7 kB):
  a section is its title (shown under the answer) and its ``keywords``, a field
  Material searches but does not show: the section's words of 4 letters or more,
  once each, lower-cased, not already in the answer's entry nor in an earlier
  section, :data:`KEYWORDS_SECTION_LIMIT` characters per section and
  :data:`KEYWORDS_LIMIT` per answer (short sections whole, the rest shared
  among the long ones: :func:`shares`), :data:`MAX_SECTIONS` sections at most;
  a section that adds no word gets no entry. :data:`SNIPPET_LIMIT` characters
  of the section's text can be shown too (0 by default: the bytes go to the
  words). An answer's sections weigh about 1 kB at most in the index, its own
  entry about 0.8 kB; measured at 3,700 answers: see ``BENCHMARKS.md`` and
  the closing note of issue 11.
- **Vocabulary** (``config.kb`` of the index, read by ``assets/kb-search.js``
  and removed before the index reaches Material's worker): the base's own
  words, accent kept, best first, as one space-separated string. First the
  "strong" words (titles, aliases, tag labels and synonyms, service labels,
  glossary terms and meanings), then the words of the indexed sections that
  appear in at least :data:`MIN_BODY_ANSWERS` answers, each group by the number
  of answers using it. The browser corrects a query word that is not in the
  vocabulary (nor a prefix of one of its words) to the closest word of it:
  :func:`correct_word` is the same algorithm in Python (tests, benchmarks).

The « Proposer cette question » link is built in the browser from
``config.kb.propose`` (GitLab's new issue URL, the template name and its text).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kb_tools import scan
from kb_tools.model import Answer
from kb_tools.site.context import SiteContext
from kb_tools.site.page_text import SUMMARY_SECTION, plain_text, section, summary_paragraphs
from kb_tools.text import fold

SNIPPET_LIMIT = 0  # characters of a section's text shown in a result (0: its title only, see budget)
KEYWORDS_LIMIT = 600  # characters of the words of all the sections of one answer
KEYWORDS_SECTION_LIMIT = 250  # … and of one section
MAX_SECTIONS = 6  # sections of one answer in the index (the first ones)
MIN_BODY_ANSWERS = 1  # every indexed word is the base's own: never "corrected"
MIN_WORD = 4  # shorter words are never corrected to nor from (a 5-letter word is 1 edit from 4)
QUESTION_TEMPLATE = "nouvelle-question-usager"
QUESTION_TEMPLATE_PATH = f".gitlab/issue_templates/{QUESTION_TEMPLATE}.md"

_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_BLANK_LINES = re.compile(r"\n\s*\n")


# --------------------------------------------------------------------------- sections


def cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def within(paragraphs: list[str], limit: int) -> list[str]:
    """The first paragraphs, the last one cut, holding at most about ``limit`` characters."""
    kept: list[str] = []
    room = limit
    for paragraph in paragraphs:
        if room <= 0:
            break
        kept.append(cut(paragraph, room))
        room -= len(paragraph)
    return kept


def shares(lengths: list[int], total: int, cap: int) -> list[int]:
    """Characters kept per section: ``cap`` at most each, ``total`` at most together, short
    sections whole and what they leave shared among the long ones (water-filling)."""
    kept = [0] * len(lengths)
    room = total
    pending = sorted(range(len(lengths)), key=lambda i: lengths[i])
    while pending:
        fair = room // len(pending)
        i = pending.pop(0)
        kept[i] = min(lengths[i], cap, fair)
        room -= kept[i]
    return kept


@dataclass
class Section:
    anchor: str
    heading: str
    snippet: list[str]  # the first paragraphs, SNIPPET_LIMIT characters: shown in the result
    keywords: str  # the section's other words, once each, not already in the answer's entry


def section_texts(answer: Answer, ctx: SiteContext) -> list[Section]:
    """The indexed sections of an answer, within the budget (see the module docstring)."""
    local = ctx.config.local
    seen = {w.casefold() for w in words_of([*strong_texts(answer, ctx), answer.description or ""])}
    seen.update(w.casefold() for w in words_of(summary_paragraphs(answer, local)))
    found: list[tuple[str, str, list[str], list[str]]] = []
    for anchor, heading, _line in answer.headings:
        if anchor == SUMMARY_SECTION or len(found) >= MAX_SECTIONS:
            continue
        markdown = section(answer, anchor) or ""
        filled = scan.fill_placeholders(markdown, local)
        paragraphs = [p for p in map(plain_text, _BLANK_LINES.split(filled)) if p]
        if not paragraphs:
            continue
        snippet = within(paragraphs, SNIPPET_LIMIT)
        seen.update(w.casefold() for w in words_of(snippet))
        others: list[str] = []
        for word in words_of(paragraphs):
            key = word.casefold()
            if key not in seen:
                seen.add(key)
                others.append(key)
        found.append((anchor, plain_text(heading), snippet, others))
    lengths = [sum(len(w) + 1 for w in others) for *_rest, others in found]
    budgets = shares(lengths, KEYWORDS_LIMIT, KEYWORDS_SECTION_LIMIT)
    out: list[Section] = []
    for (anchor, heading, snippet, others), budget in zip(found, budgets, strict=True):
        kept: list[str] = []
        for word in others:
            budget -= len(word) + 1
            if budget < 0:
                break
            kept.append(word)
        if kept or snippet:  # a section that adds no word adds nothing to find
            out.append(Section(anchor, heading, snippet, " ".join(kept)))
    return out


def all_sections(ctx: SiteContext) -> dict[str, list[Section]]:
    """:func:`section_texts` of every live answer, by file (computed once per build)."""
    return {a.rel: section_texts(a, ctx) for a in ctx.live}


def section_entries(
    answer: Answer, ctx: SiteContext, location: str, sections: list[Section] | None = None
) -> list[dict[str, Any]]:
    """The answer's sections as Material section entries (HTML-escaped); ``keywords`` is a
    field Material searches but does not show."""
    entries: list[dict[str, Any]] = []
    for s in section_texts(answer, ctx) if sections is None else sections:
        entry: dict[str, Any] = {
            "location": f"{location}#{s.anchor}",
            "title": html.escape(s.heading, quote=False),
            "text": "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in s.snippet),
        }
        if s.keywords:
            entry["keywords"] = s.keywords
        entries.append(entry)
    return entries


# --------------------------------------------------------------------------- vocabulary


def words_of(texts: Iterable[str]) -> list[str]:
    return [w for text in texts for w in _WORD_RE.findall(text) if len(w) >= MIN_WORD]


def strong_texts(answer: Answer, ctx: SiteContext) -> list[str]:
    config = ctx.config
    texts = [answer.title or "", *answer.aliases]
    for key in answer.tags:
        tag = config.tags.get(key)
        if tag is not None:
            texts.append(tag.label)
            texts.extend(tag.synonyms)
    service = config.services.get(answer.service or "")
    if service is not None:
        texts.append(service.label)
    return texts


def vocabulary(ctx: SiteContext, sections: dict[str, list[Section]] | None = None) -> list[str]:
    """The base's words, best first (see the module docstring); one spelling per folded word."""
    strong: Counter[str] = Counter()
    body: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = {}

    def count(counter: Counter[str], words: list[str]) -> None:
        for word in words:
            key = fold(word)
            spelling.setdefault(key, Counter())[word.casefold()] += 1
        counter.update({fold(w) for w in words})

    for answer in ctx.live:
        count(strong, words_of(strong_texts(answer, ctx)))
        found = section_texts(answer, ctx) if sections is None else sections.get(answer.rel, [])
        texts = [answer.description or "", *summary_paragraphs(answer, ctx.config.local)]
        texts += [t for s in found for t in (*s.snippet, s.keywords)]
        count(body, words_of(texts))
    glossary = words_of([*ctx.config.glossary, *ctx.config.glossary.values()])
    count(strong, glossary)
    ordered = sorted(strong, key=lambda k: (-strong[k], k))
    ordered += sorted((k for k in body if k not in strong and body[k] >= MIN_BODY_ANSWERS), key=lambda k: (-body[k], k))
    return [spelling[k].most_common(1)[0][0] for k in ordered]


def question_link(repo_url: str | None, template_text: str | None) -> dict[str, str] | None:
    """What the browser needs to build the « Proposer cette question » link, None without a repository."""
    if not repo_url:
        return None
    return {
        "url": f"{repo_url.rstrip('/')}/-/issues/new",
        "template": QUESTION_TEMPLATE,
        "description": template_text or "",
    }


def browser_data(
    ctx: SiteContext, template_text: str | None = None, sections: dict[str, list[Section]] | None = None
) -> dict[str, Any]:
    """``config.kb`` of the search index."""
    data: dict[str, Any] = {"words": " ".join(vocabulary(ctx, sections))}
    link = question_link(ctx.config.repo_url, template_text)
    if link is not None:
        data["propose"] = link
    return data


# --------------------------------------------------------------------------- correction


def allowed_edits(word: str) -> int:
    """Edits tolerated for a typed word: 0 under 5 letters, 1 from 5, 2 from 9."""
    n = len(word)
    return 2 if n >= 9 else 1 if n >= 5 else 0


def damerau(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a transposition is one edit); ``limit + 1`` once above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        best = i
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, prev2[j - 2] + 1)
            cur[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[len(b)] if prev[len(b)] <= limit else limit + 1


def known(word: str, keys: dict[str, int]) -> bool:
    """Whether a folded word is the base's own: a word of it, a prefix of one (typing), or one
    with a plural/feminine ending (``perdus``, ``perdue``: the stemmer matches them)."""
    if word in keys:
        return True
    if any(word.endswith(e) and word[: -len(e)] in keys for e in ("s", "x", "e", "es")):
        return True
    return any(k.startswith(word) for k in keys)


def correct_word(word: str, words: list[str]) -> str | None:
    """The vocabulary word (``words`` best first) a typed word stands for, None if it is fine as typed
    or nothing is close enough. Same algorithm as ``assets/kb-search.js``."""
    typed = fold(word)
    edits = allowed_edits(typed)
    keys: dict[str, int] = {}
    for rank, w in enumerate(words):
        keys.setdefault(fold(w), rank)
    if edits == 0 or not typed.isalpha() or known(typed, keys):
        return None
    best: tuple[int, int] | None = None
    found = None
    for key, rank in keys.items():
        if len(key) < MIN_WORD:
            continue
        d = damerau(typed, key, edits)
        if d <= edits and (best is None or (d, rank) < best):
            best, found = (d, rank), words[rank]
    return found
