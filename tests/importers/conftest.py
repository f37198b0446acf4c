"""Fixtures of the importer tests (helpers and constants: ``sp_kb.py``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .sp_kb import FIXTURES, KB


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A copy of the fixture fiches (corrupt one included) that a test may edit."""
    folder = tmp_path / "source"
    folder.mkdir()
    for path in FIXTURES.glob("*.xml"):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def kb(tmp_path: Path, source: Path) -> KB:
    return KB(tmp_path / "kb", source)
