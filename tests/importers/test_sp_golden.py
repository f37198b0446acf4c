"""The Markdown written for the fixture fiches equals the reviewed golden files."""

from __future__ import annotations

import os

import pytest

from .sp_kb import CORRUPT, EXPECTED, GOOD, KB

UPDATE = os.environ.get("KB_UPDATE_GOLDEN") == "1"


@pytest.fixture
def imported(kb: KB) -> KB:
    report = kb.run()
    assert sorted(report.created) == sorted(f"sp-{f.lower()}" for f in GOOD)
    assert [e.file for e in report.errors] == [f"{CORRUPT}.xml"]
    return kb


@pytest.mark.parametrize("fiche_id", GOOD)
def test_markdown_equals_expected(imported: KB, fiche_id: str) -> None:
    expected = EXPECTED / f"sp-{fiche_id.lower()}.md"
    text = imported.text(fiche_id)
    if UPDATE:
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")


def test_no_golden_file_without_fixture() -> None:
    assert sorted(p.stem for p in EXPECTED.glob("*.md")) == sorted(f"sp-{f.lower()}" for f in GOOD)
