"""Fixtures of the site tests.

- ``make_kb(files)`` / ``make_ctx(files)``: a small knowledge base in ``tmp_path``
  (the sample's kb.yml plus the given answer files), for the unit tests;
- ``sample_ctx``: the site context of ``tests/site/sample_kb``;
- ``sample_site``: ``tests/site/sample_kb`` built once with ``mkdocs build --strict``
  (``KB_TODAY`` fixed) by the project's own mkdocs.yml and hooks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sitekb import SAMPLE, TODAY, copy_project, mkdocs_build, write_kb

from kb_tools.kb import KnowledgeBase, load_kb
from kb_tools.site.context import SiteContext, build_context


@pytest.fixture
def make_kb(tmp_path: Path) -> Callable[..., KnowledgeBase]:
    def make(files: dict[str, str], config: str | None = None) -> KnowledgeBase:
        return load_kb(write_kb(tmp_path / "kb", files, config))

    return make


@pytest.fixture
def make_ctx(make_kb: Callable[..., KnowledgeBase]) -> Callable[..., SiteContext]:
    def make(files: dict[str, str], config: str | None = None, today: dt.date = TODAY) -> SiteContext:
        return build_context(make_kb(files, config), today)

    return make


@pytest.fixture(scope="session")
def sample_ctx() -> SiteContext:
    return build_context(load_kb(SAMPLE), TODAY)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample knowledge base built with ``mkdocs build --strict``; returns the site directory."""
    root = copy_project(tmp_path_factory.mktemp("sample") / "kb")
    proc = mkdocs_build(root)
    if proc.returncode != 0:
        pytest.fail(f"sample site build failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    return root / "site"
