"""What an import did, and its two output formats (text for people, JSON for tools)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

SHOWN = 20  # items listed per category in the text report


@dataclass(frozen=True)
class FileError:
    file: str
    message: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        where = (
            self.file
            + (f":{self.line}" if self.line else "")
            + (f":{self.column}" if self.line and self.column else "")
        )
        return f"{where}: {self.message}"


@dataclass
class Updated:
    id: str  # answer id, "sp-f1427"
    fiche: str  # "F1427"
    modified: dt.date | None  # upstream date now
    previous: dt.date | None  # upstream date of the file replaced
    reason: str  # "source" (the fiche changed upstream), "rendu" (links or settings), "réintégrée"
    recheck: list[str] = field(default_factory=list)  # local answers relating to this fiche


@dataclass
class ImportReport:
    source: str
    folder: str
    dry_run: bool = False
    files_read: int = 0
    selected: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[Updated] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    unknown: dict[str, Counter[str]] = field(default_factory=dict)  # element -> file -> count
    errors: list[FileError] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return len(self.created) + len(self.updated) + len(self.archived)

    def add_unknown(self, file: str, counts: Counter[str]) -> None:
        for tag, n in counts.items():
            self.unknown.setdefault(tag, Counter())[file] += n

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["unknown"] = {tag: dict(sorted(files.items())) for tag, files in sorted(self.unknown.items())}
        return data


def format_json(report: ImportReport) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2, default=str) + "\n"


def _listing(items: list[str], indent: str = "    ") -> list[str]:
    lines = [indent + item for item in items[:SHOWN]]
    if len(items) > SHOWN:
        lines.append(f"{indent}… et {len(items) - SHOWN} autre(s)")
    return lines


def format_text(report: ImportReport) -> str:
    lines = []
    if report.dry_run:
        lines.append("Simulation (--dry-run) : aucun fichier n'a été écrit.")
    lines.append(f"Import Service-Public.fr depuis {report.source} vers docs/{report.folder}/")
    lines.append(f"  {report.files_read} fichier(s) XML lu(s), {report.selected} fiche(s) retenue(s)")
    lines.append(f"  créées : {len(report.created)}")
    lines += _listing(report.created)
    lines.append(f"  mises à jour : {len(report.updated)}")
    for u in report.updated[:SHOWN]:
        why = {"source": "fiche modifiée", "rendu": "liens ou réglages", "réintégrée": "de nouveau sélectionnée"}.get(
            u.reason, u.reason
        )
        dates = (
            f", modifiée le {u.modified}"
            + (f" (auparavant {u.previous})" if u.previous and u.previous != u.modified else "")
            if u.modified
            else ""
        )
        lines.append(f"    {u.id} ({why}{dates})")
        lines += [f"      à revérifier : {path}" for path in u.recheck]
    if len(report.updated) > SHOWN:
        lines.append(f"    … et {len(report.updated) - SHOWN} autre(s)")
    lines.append(f"  inchangées : {len(report.unchanged)}")
    lines.append(f"  archivées (status: archived) : {len(report.archived)}")
    lines += _listing(report.archived)
    recheck = sorted({p for u in report.updated for p in u.recheck})
    if recheck:
        lines.append(f"Réponses locales à revérifier (liées à une fiche modifiée) : {len(recheck)}")
        lines += _listing(recheck, "  ")
    if report.duplicates:
        lines.append(
            f"Fiches présentes en double dans la source (la plus récente est gardée) : {len(report.duplicates)}"
        )
        lines += _listing(report.duplicates, "  ")
    if report.unknown:
        lines.append("Éléments XML inconnus (leur texte est conservé) :")
        for tag, files in sorted(report.unknown.items()):
            names = sorted(files)
            shown = ", ".join(names[:5]) + (f", … ({len(names)} fichiers)" if len(names) > 5 else "")
            lines.append(f"  <{tag}> : {sum(files.values())} occurrence(s) dans {len(names)} fichier(s) : {shown}")
    if report.errors:
        lines.append(
            f"Erreurs : {len(report.errors)} fichier(s) non importé(s) (les fiches déjà présentes sont gardées telles quelles)"
        )
        lines += [f"  {e}" for e in report.errors]
    return "\n".join(lines) + "\n"


FORMATS = {"text": format_text, "json": format_json}
