"""Helpers of the site tests (imported by conftest.py and the test modules)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SAMPLE = HERE / "sample_kb"
TODAY = dt.date(2026, 11, 20)
# What a site build needs from the project, copied beside a knowledge base.
PROJECT_FILES = ("mkdocs.yml", "mkdocs-offline.yml")
PROJECT_DIRS = ("hooks", "overrides", "docs/assets")


def write_kb(root: Path, files: dict[str, str], config: str | None = None) -> Path:
    """kb.yml (the sample's unless given) and answer files (``path: text``, dedented)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "kb.yml").write_text(config or (SAMPLE / "kb.yml").read_text(encoding="utf-8"), encoding="utf-8")
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def answer(title: str, service: str = "etat-civil", tags: str = "[acte]", extra: str = "", body: str = "") -> str:
    """The text of a valid answer file."""
    return (
        f'---\ntitle: "{title}"\nservice: {service}\ntags: {tags}\n'
        f"valid_until: 2027-06-30\nreviewed: 2026-10-01\n{extra}---\n\n## En bref\n\n{body or 'Texte.'}\n"
    )


def copy_project(dest: Path, kb: Path = SAMPLE) -> Path:
    """A knowledge base with the project's site configuration, hooks and assets."""
    shutil.copytree(kb, dest, ignore=shutil.ignore_patterns("site", "site-offline", "README.md"))
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, dest / name)
    for name in PROJECT_DIRS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def mkdocs_build(root: Path, *args: str, today: dt.date | str = TODAY) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` in ``root`` with ``KB_TODAY`` set."""
    kb_today = today.isoformat() if isinstance(today, dt.date) else today
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KB_TODAY=kb_today)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", *args]
    return subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=300)
