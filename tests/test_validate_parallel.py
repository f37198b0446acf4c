"""Checking answers in forked processes gives exactly the serial result."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kb_tools.kb import load_kb
from kb_tools.rules import runner as validate_module
from kb_tools.rules.runner import validate

ROOT = Path(__file__).resolve().parents[1]


def test_parallel_and_serial_results_are_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate_module, "PARALLEL_FROM", 0)
    # The bundled answers plus a broken one, so there are problems to compare.
    kb = load_kb(ROOT)
    broken = tmp_path / "kb"
    (broken / "docs" / "reponses" / "x").mkdir(parents=True)
    (broken / "kb.yml").write_bytes((ROOT / "kb.yml").read_bytes())
    for answer in kb.answers[:20]:
        target = broken / answer.rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(answer.src.path.read_bytes())
    (broken / "docs" / "reponses" / "x" / "bad.md").write_text(
        "---\ntitle: T\nservice: nope\ntags: [x]\nvalid_until: 2027-02-30\n---\n<script>\n06 12 34 56 78\n",
        encoding="utf-8",
    )
    today = dt.date(2026, 11, 23)
    serial = validate(load_kb(broken), today, check_expiry=True)
    parallel = validate(load_kb(broken), today, check_expiry=True, workers=2)
    assert len(serial) > 5
    assert parallel == serial
