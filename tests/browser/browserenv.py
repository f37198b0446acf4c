"""The browser the tests and the site benchmark use, and what to do when it is missing.

Debian's Chromium (``/usr/bin/chromium``, or ``KB_CHROMIUM``) driven by Playwright;
never a browser downloaded by Playwright. Without it the browser tests are
skipped with a message, unless ``KB_REQUIRE_BROWSER=1`` (set by ``.ci/run``):
then they fail.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType
from typing import NoReturn

import pytest

CHROMIUM = os.environ.get("KB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def browser_required() -> bool:
    return os.environ.get("KB_REQUIRE_BROWSER", "") == "1"


def unavailable(reason: str) -> NoReturn:
    """Skip (or fail under KB_REQUIRE_BROWSER=1) because the browser tooling is missing."""
    if browser_required():
        pytest.fail(f"{reason} (KB_REQUIRE_BROWSER=1: the browser tests must run)", pytrace=False)
    pytest.skip(
        f"{reason}; the browser tests need Debian's Chromium (apt-get install chromium) "
        "and the test extras (bash scripts/setup.sh test)",
        allow_module_level=True,
    )


def import_or_unavailable(name: str) -> ModuleType:
    """Import a module the browser tests need, at collection time."""
    try:
        return importlib.import_module(name)
    except ImportError:
        unavailable(f"Python module {name} is not installed")


def chromium_problem() -> str | None:
    """Why Chromium cannot be used, or None."""
    path = Path(CHROMIUM)
    if not path.is_file() or not os.access(path, os.X_OK):
        return f"Chromium not found at {CHROMIUM}"
    return None
