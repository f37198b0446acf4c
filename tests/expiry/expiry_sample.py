"""Where the small sample knowledge base lives, and the date its tests use."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

SAMPLE = Path(__file__).parent / "sample"
TODAY = dt.date(2027, 7, 1)


def copy_sample(dest: Path) -> Path:
    shutil.copytree(SAMPLE, dest)
    return dest
