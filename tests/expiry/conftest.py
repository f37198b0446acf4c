"""A fresh copy of the small sample knowledge base for each test that asks."""

from __future__ import annotations

from pathlib import Path

import pytest
from expiry_sample import copy_sample


@pytest.fixture
def kb_root(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "kb")
