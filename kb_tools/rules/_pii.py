"""Shared helpers for the personal data rules (KB501-KB504)."""

from __future__ import annotations

import re

from kb_tools.model import Answer

_MAY_HOLD_DATA = re.compile(r"\d\d|@")  # every pattern of KB501-KB504 needs one


def all_lines(answer: Answer) -> list[tuple[int, str]]:
    """Every line of the file that holds two digits in a row or an @, front
    matter and code blocks included; computed once per answer for the four rules."""
    lines = answer.__dict__.get("_pii_lines")
    if lines is None:
        search = _MAY_HOLD_DATA.search
        lines = [(n, line) for n, line in enumerate(answer.src.text.split("\n"), start=1) if search(line)]
        answer.__dict__["_pii_lines"] = lines
    return lines


def mask(value: str) -> str:
    """Never copy personal data into reports: keep only both ends."""
    compact = value.strip()
    if len(compact) <= 6:
        return "*" * len(compact)
    return compact[:2] + "*" * (len(compact) - 4) + compact[-2:]
