"""Bringing the folder of imported answers in line with the new rendering.

:func:`plan` compares each new file text with what is on disk and decides:
create, update, leave untouched (byte for byte), or archive. Nothing is
written until :func:`apply`, which writes each file atomically (temporary
file in the same folder, then ``os.replace``): a file is either the old one or
the new one, never half-written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb_tools.files import list_docs, read_regular
from kb_tools.importers.service_public.answer import ORIGIN, front_block, read_front_matter
from kb_tools.importers.service_public.report import FileError
from kb_tools.textutil import fold

PREFIX = "sp-"


@dataclass(frozen=True)
class Existing:
    path: Path
    text: str
    meta: dict[str, Any] | None

    @property
    def origin(self) -> dict[str, Any]:
        origin = (self.meta or {}).get("origin")
        return origin if isinstance(origin, dict) else {}

    @property
    def imported(self) -> bool:
        return self.origin.get("source") == ORIGIN

    @property
    def archived(self) -> bool:
        return (self.meta or {}).get("status") == "archived"


@dataclass(frozen=True)
class Write:
    path: Path
    text: str


def read_existing(folder: Path, errors: list[FileError], rel: str) -> dict[str, Existing]:
    """The ``sp-*.md`` answers already in the folder, by answer id."""
    found: dict[str, Existing] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob(PREFIX + "*.md")):
        try:
            text = read_regular(path).decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = (exc.strerror or exc) if isinstance(exc, OSError) else exc
            errors.append(
                FileError(f"{rel}/{path.name}", f"réponse importée illisible, laissée telle quelle ({reason})")
            )
            continue
        found[path.stem] = Existing(path, text, read_front_matter(text)[0])
    return found


def archive_text(existing: Existing) -> str | None:
    """The same answer with ``status: archived`` (None if it cannot be read)."""
    meta, body = read_front_matter(existing.text)
    if meta is None:
        return None
    meta = {k: v for k, v in meta.items() if k != "status"}
    ordered: dict[str, Any] = {}
    for key, value in meta.items():
        if key == "origin":
            ordered["status"] = "archived"
        ordered[key] = value
    ordered.setdefault("status", "archived")
    return front_block(ordered) + body


def write_atomic(path: Path, text: str) -> None:
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


def apply(writes: Iterable[Write], root: Path) -> list[FileError]:
    errors = []
    for write in writes:
        try:
            write_atomic(write.path, write.text)
        except OSError as exc:
            errors.append(
                FileError(
                    write.path.relative_to(root).as_posix(),
                    f"écriture impossible, fichier laissé tel quel ({exc.strerror or exc})",
                )
            )
    return errors


def local_answers(answers_dir: Path, skip: Path) -> list[Path]:
    """The regular .md files under ``answers_dir`` (links never followed), outside ``skip``."""
    if not answers_dir.is_dir():
        return []
    paths = (answers_dir / rel for rel in list_docs(answers_dir).files if rel.endswith(".md"))
    return [p for p in paths if not p.is_relative_to(skip)]


def local_titles(answers_dir: Path, skip: Path) -> set[str]:
    """Titles of the local answers (outside ``skip``), folded: an imported fiche
    must not take the title of a local answer (agents could not tell them apart)."""
    titles: set[str] = set()
    for path in local_answers(answers_dir, skip):
        try:
            meta, _ = read_front_matter(read_regular(path).decode("utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        title = meta.get("title") if meta else None
        if isinstance(title, str):
            titles.add(fold(title.strip()))
    return titles


def answers_to_recheck(answers_dir: Path, skip: Path, targets: Mapping[str, str], root: Path) -> dict[str, list[str]]:
    """Local answers (outside ``skip``) whose ``related`` names an imported
    answer of ``targets`` (fiche id -> answer id) or whose ``sources`` cite the
    fiche. Returns answer id -> paths relative to ``root``."""
    by_answer = {answer: fiche for fiche, answer in targets.items()}
    found: dict[str, list[str]] = {answer: [] for answer in by_answer}
    if not targets:
        return found
    for path in local_answers(answers_dir, skip):
        try:
            meta, _ = read_front_matter(read_regular(path).decode("utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        if not meta:
            continue
        for answer in _cited(meta, targets, by_answer):
            found[answer].append(path.relative_to(root).as_posix())
    return found


def _cited(meta: dict[str, Any], targets: Mapping[str, str], by_answer: Mapping[str, str]) -> set[str]:
    hits = set()
    for value in _strings(meta.get("related")):
        rid = value.strip().removesuffix(".md").rsplit("/", 1)[-1]
        if rid in by_answer:
            hits.add(rid)
    for value in _strings(meta.get("sources")):
        ref = value.strip().rstrip("/").rsplit("/", 1)[-1].upper()
        if ref in targets:
            hits.add(targets[ref])
    return hits


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
