"""Search quality: every query of tests/search_quality/*.yml run in the real site's search.

Each file holds entries ``{query, expected}`` (``expected`` = an answer id, or a
list of acceptable ids), optionally ``must: true`` for queries that must find
their answer in the top 3 whatever the overall score. Files may be a list of
entries or a mapping with the list under ``queries``.

Scores: success@1 (an expected answer is the first result) and success@3 (in the
top 3). The test fails below ``MIN_SUCCESS_AT_3`` and on any ``must`` entry
outside the top 3; it always prints the failures and the scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import kbsite
import pytest
from browserenv import import_or_unavailable

import_or_unavailable("playwright.sync_api")

import yaml  # noqa: E402
from playwright.sync_api import Page  # noqa: E402
from searching import result_ids, search  # noqa: E402

pytestmark = pytest.mark.browser

QUERIES_DIR = kbsite.ROOT / "tests" / "search_quality"
MIN_SUCCESS_AT_3 = 0.9


@dataclass
class Entry:
    file: str
    query: str
    expected: tuple[str, ...]
    must: bool = False


@dataclass
class Outcome:
    entry: Entry
    ids: list[str]

    @property
    def rank(self) -> int | None:
        """1-based rank of the first expected answer among the results (None: not found)."""
        for i, answer_id in enumerate(self.ids, start=1):
            if answer_id in self.entry.expected:
                return i
        return None

    @property
    def at1(self) -> bool:
        return self.rank == 1

    @property
    def at3(self) -> bool:
        return self.rank is not None and self.rank <= 3


def load_entries(directory: Path = QUERIES_DIR) -> tuple[list[Entry], list[str]]:
    """Every entry of every ``*.yml`` / ``*.yaml`` file, and the problems found in the files."""
    entries: list[Entry] = []
    problems: list[str] = []
    for path in sorted([*directory.glob("*.yml"), *directory.glob("*.yaml")]):
        name = path.relative_to(kbsite.ROOT).as_posix()
        try:
            data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            problems.append(f"{name}: unreadable: {exc}")
            continue
        if isinstance(data, dict):
            data = data.get("queries", [])
        if not isinstance(data, list):
            problems.append(f"{name}: expected a list of {{query, expected}} entries")
            continue
        for n, item in enumerate(data, start=1):
            if not isinstance(item, dict) or not item.get("query") or not item.get("expected"):
                problems.append(f"{name}: entry {n}: needs 'query' and 'expected': {item!r}")
                continue
            expected = item["expected"]
            ids = tuple(str(e) for e in expected) if isinstance(expected, list) else (str(expected),)
            entries.append(Entry(name, str(item["query"]), ids, bool(item.get("must", False))))
    return entries, problems


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    found, problems = load_entries()
    published = kbsite.published()
    for entry in found:
        unknown = [e for e in entry.expected if e not in published]
        if unknown:
            problems.append(
                f"{entry.file}: {entry.query!r}: expected {', '.join(unknown)} is not a published answer id"
            )
    if problems:
        pytest.fail("search-quality files:\n" + "\n".join(problems), pytrace=False)
    if not found:
        pytest.fail(f"no search-quality query found in {QUERIES_DIR}", pytrace=False)
    return found


def report(outcomes: list[Outcome]) -> str:
    total = len(outcomes)
    at1 = sum(o.at1 for o in outcomes)
    at3 = sum(o.at3 for o in outcomes)
    lines = [
        f"search quality: {total} queries, success@1 = {at1 / total:.3f} ({at1}), success@3 = {at3 / total:.3f} ({at3})"
    ]
    by_file: dict[str, list[Outcome]] = {}
    for o in outcomes:
        by_file.setdefault(o.entry.file, []).append(o)
    lines.append("")
    lines.append("| file | queries | success@1 | success@3 |")
    lines.append("|---|---|---|---|")
    for file, group in by_file.items():
        n = len(group)
        lines.append(f"| {file} | {n} | {sum(o.at1 for o in group) / n:.2f} | {sum(o.at3 for o in group) / n:.2f} |")
    misses = [o for o in outcomes if not o.at1]
    if misses:
        lines.append("")
        lines.append("Not first (rank '-' = not in the top 10):")
        lines.append("")
        lines.append("| rank | must | query | expected | got (top 3) | file |")
        lines.append("|---|---|---|---|---|---|")
        for o in sorted(misses, key=lambda o: (o.at3, o.entry.file)):
            rank = "-" if o.rank is None else str(o.rank)
            lines.append(
                f"| {rank} | {'yes' if o.entry.must else ''} | {o.entry.query} | {' / '.join(o.entry.expected)} "
                f"| {', '.join(o.ids[:3]) or '(no result)'} | {o.entry.file} |"
            )
    return "\n".join(lines)


def test_search_quality(
    page: Page,
    site_url: str,
    entries: list[Entry],
    record_property: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    page.goto(site_url)
    outcomes = [Outcome(entry, result_ids(search(page, entry.query))) for entry in entries]
    text = report(outcomes)
    with capsys.disabled():
        print("\n" + text)
    total = len(outcomes)
    at1 = sum(o.at1 for o in outcomes) / total
    at3 = sum(o.at3 for o in outcomes) / total
    record_property("search_queries", total)
    record_property("success_at_1", round(at1, 4))
    record_property("success_at_3", round(at3, 4))
    must_missed = [o for o in outcomes if o.entry.must and not o.at3]
    assert not must_missed, "queries marked must: true not in the top 3:\n" + "\n".join(
        f"- {o.entry.query!r} -> expected {'/'.join(o.entry.expected)}, got {o.ids[:3]}" for o in must_missed
    )
    assert at3 >= MIN_SUCCESS_AT_3, f"success@3 = {at3:.3f} < {MIN_SUCCESS_AT_3}\n{text}"
