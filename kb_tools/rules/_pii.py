"""Shared helpers for the personal data rules (KB501-KB504)."""

from __future__ import annotations

from collections.abc import Iterator

from kb_tools.model import Answer


def all_lines(answer: Answer) -> Iterator[tuple[int, str]]:
    """Every line of the file, front matter and code blocks included."""
    for number, line in enumerate(answer.src.text.split("\n"), start=1):
        if any(c.isdigit() for c in line) or "@" in line:
            yield number, line


def mask(value: str) -> str:
    """Never copy personal data into reports: keep only both ends."""
    compact = value.strip()
    if len(compact) <= 6:
        return "*" * len(compact)
    return compact[:2] + "*" * (len(compact) - 4) + compact[-2:]
