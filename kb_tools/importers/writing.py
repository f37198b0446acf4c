"""Writing answer files, for every importer: the front matter block and the
atomic replacement of a file.

:func:`write_atomic` writes a temporary file in the same folder, then
``os.replace``: a file is either the old one or the new one, never
half-written.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml: same output as the pure Python emitter (checked on the whole corpus), six times faster
    from yaml import CSafeDumper as _SafeDumper
except ImportError:  # pragma: no cover - depends on the platform wheel
    from yaml import SafeDumper as _SafeDumper  # type: ignore[assignment]


class _Dumper(_SafeDumper):
    """``yaml.safe_dump`` without anchors: a date used twice must not become
    ``&id001`` / ``*id001`` (the validator rejects YAML aliases)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def front_block(meta: dict[str, Any]) -> str:
    """``---``, the YAML front matter, ``---``."""
    yaml_text = yaml.dump(
        meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000
    )
    return f"---\n{yaml_text}---\n"


def dump(meta: dict[str, Any], body: str) -> str:
    """The file text: the front matter block, a blank line, the body."""
    return f"{front_block(meta)}\n{body}"


def write_atomic(path: Path, text: str) -> None:
    """Replace (or create) ``path`` with ``text`` in UTF-8, its folder created if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
        os.chmod(tmp, _file_mode(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _file_mode(path: Path) -> int:
    """Keep the mode of the file replaced; new files get the usual 0644 (umask
    applied) rather than the 0600 of a temporary file."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
