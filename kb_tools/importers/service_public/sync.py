"""Bringing the folder of imported answers in line with the new rendering.

The import compares each new file text with what is on disk and decides:
create, update, leave untouched (byte for byte), or archive. Nothing is
written until :func:`apply`, which writes each file atomically
(:func:`~kb_tools.importers.writing.write_atomic`).

Answers on disk, imported or local, are read by the engine's reader
(:mod:`kb_tools.source`): the same front matter, dates and defects as
``kb validate``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb_tools.files import list_docs, read_regular
from kb_tools.importers.service_public.answer import ORIGIN, read_answer
from kb_tools.importers.service_public.report import FileError
from kb_tools.importers.writing import write_atomic
from kb_tools.source import SourceFile, read_source
from kb_tools.text import fold

PREFIX = "sp-"
ARCHIVED = "status: archived"


@dataclass(frozen=True)
class Existing:
    path: Path
    text: str  # exactly as on disk (compared with the new rendering byte for byte)
    src: SourceFile | None  # the engine's reading; None when the front matter is unreadable

    @property
    def meta(self) -> dict[str, Any] | None:
        return self.src.meta if self.src is not None else None

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
        found[path.stem] = Existing(path, text, read_answer(text, path, f"{rel}/{path.name}"))
    return found


def archive_text(existing: Existing) -> str | None:
    """The same answer with ``status: archived`` just before ``origin:`` (or
    at the end of the front matter), any other ``status`` removed; everything
    else is kept as written. None if the front matter cannot be edited line by
    line (unreadable, or keys that do not each start a line)."""
    src = existing.src
    if src is None:
        return None
    starts = {key: src.positions[(key,)] for key in src.meta}  # top-level keys: (line, column)
    lines = [line for line, _ in starts.values()]
    if any(column != 1 for _, column in starts.values()) or len(set(lines)) != len(lines):
        return None
    fence = src.body_line - 1  # closing "---"
    status = starts.get("status", (0, 0))[0]
    status_end = min([line for line in lines if line > status] + [fence]) if status else 0
    before = starts["origin"][0] if "origin" in starts else fence
    text_lines = src.text.split("\n")
    out: list[str] = []
    for number, line in enumerate(text_lines, 1):
        if number == before:
            out.append(ARCHIVED)
        if not status <= number < status_end:
            out.append(line)
    return "\n".join(out)


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
        title = _front_matter(path).get("title")
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
        meta = _front_matter(path)
        for answer in _cited(meta, targets, by_answer):
            found[answer].append(path.relative_to(root).as_posix())
    return found


def _front_matter(path: Path) -> dict[str, Any]:
    """The front matter of a local answer as ``kb validate`` reads it (empty when unreadable)."""
    src = read_source(path, path.name)
    return src.meta if not src.defects else {}


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
