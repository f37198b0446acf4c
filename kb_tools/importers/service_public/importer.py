"""``kb import service-public``: DILA fiches as answers of the knowledge base.

The import runs in three steps, linear in the number of fiches:

1. read the source and parse every file once (its metadata and its tree),
   keep the selected fiches (audience, themes, extra ids), one per id (the
   most recently modified), with their tree;
2. with the set of imported ids known, render each kept tree (links go to the
   local answer when the target is imported, to service-public.fr otherwise)
   and compare it with the file on disk;
3. unless ``dry_run``, write what changed, atomically.

Time is a parameter (``today``): this module never reads the clock.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kb_tools.errors import SourceError
from kb_tools.import_settings import ImportConfig
from kb_tools.importers.service_public.answer import Dates, dates_of, distinct_titles, front_matter, related_of
from kb_tools.importers.service_public.archive import Entry, read_source
from kb_tools.importers.service_public.blocks import Links
from kb_tools.importers.service_public.contacts import contacts_write
from kb_tools.importers.service_public.fiche import Fiche, FicheError, answer_id, parse_date, read_fiche
from kb_tools.importers.service_public.render import Renderer
from kb_tools.importers.service_public.report import FileError, ImportReport, Updated
from kb_tools.importers.service_public.sync import (
    PREFIX,
    Existing,
    Write,
    answers_to_recheck,
    apply,
    archive_text,
    local_titles,
    read_existing,
)
from kb_tools.importers.writing import dump

DOCS = "docs"
ANSWERS = "reponses"


@dataclass(frozen=True)
class Selected:
    fiche: Fiche
    audience: str
    root: ET.Element  # the tree parsed with the metadata: each fiche is parsed once


def import_service_public(
    root: Path, source: Path, cfg: ImportConfig, today: dt.date, *, dry_run: bool = False
) -> ImportReport:
    """Import (or re-import) the fiches of ``source`` into the knowledge base at ``root``.

    Raises :class:`~kb_tools.errors.SourceError` when the source
    cannot be read at all, or holds none of the selected fiches while imported
    answers exist (archiving them all is never what was meant); every other
    problem is in the report."""
    rel_folder = f"{DOCS}/{cfg.folder}"
    report = ImportReport(source=str(source), folder=cfg.folder, dry_run=dry_run)
    selected, failed = select(read_source(source, wanted(cfg)), cfg, report)  # the bytes are not kept
    report.selected = len(selected)
    folder = root / DOCS / cfg.folder
    existing = read_existing(folder, report.errors, rel_folder)
    if not selected and any(e.imported and not e.archived for e in existing.values()):
        raise SourceError(
            f"{source} : aucune fiche de la source ne correspond à la sélection de kb.yml "
            f"(publics : {', '.join(cfg.audiences)}) ; par prudence, aucune fiche importée n'a été archivée. "
            "Vérifiez la source et la section « import: »"
        )
    kept = {fid for fid in failed if (e := existing.get(answer_id(fid))) is not None and e.imported and not e.archived}
    imported = frozenset(selected) | kept
    local = local_titles(root / DOCS / ANSWERS, folder)
    titles = distinct_titles([(s.fiche, s.audience) for s in selected.values()], local)
    links = Links(imported, titles)
    writes: list[Write] = []
    for fid, item in selected.items():
        write = _render_one(item, cfg, today, links, existing.get(answer_id(fid)), report, folder)
        if write:
            writes.append(write)
    protected = {answer_id(fid) for fid in [*selected, *failed]}
    # Contacts the rendered fiches publish are allowed (see contacts.py).
    rendered = [w.text for w in writes] + [existing[aid].text for aid in report.unchanged if aid in existing]
    done = {*report.created, *report.unchanged, *(u.id for u in report.updated)}
    writes += _archive(existing, protected, report, rel_folder)
    kept_texts = [e.text for aid, e in existing.items() if e.imported and aid not in done]
    contacts = contacts_write(root, rendered, kept_texts)
    if contacts is not None:
        writes.append(contacts)
    sources = {u.fiche: u.id for u in report.updated if u.reason == "source"}
    if sources:
        recheck = answers_to_recheck(root / DOCS / ANSWERS, folder, sources, root)
        for u in report.updated:
            u.recheck = recheck.get(u.id, [])
    if not dry_run:
        report.errors += apply(writes, root)
    return report


def wanted(cfg: ImportConfig) -> Callable[[str], bool]:
    """Only files that may be selected are read (``F….xml`` unless told otherwise)."""

    def keep(name: str) -> bool:
        stem = name[:-4].upper()
        return not cfg.only_fiches or stem.startswith("F") or stem in cfg.fiches

    return keep


def audience_for(fiche: Fiche, cfg: ImportConfig) -> str | None:
    """The audience the fiche is imported for, or None when it is not selected."""
    chosen = next((a for a in cfg.audiences if a in fiche.audiences), None)
    if fiche.id in cfg.fiches:
        return chosen or (fiche.audiences[0] if fiche.audiences else cfg.audiences[0])
    if chosen is None or (cfg.only_fiches and not fiche.id.startswith("F")):
        return None
    if cfg.themes and cfg.themes.isdisjoint(fiche.theme_ids):
        return None
    return chosen


def select(entries: list[Entry], cfg: ImportConfig, report: ImportReport) -> tuple[dict[str, Selected], set[str]]:
    """Selected fiches by id, and the ids of files that could not be read."""
    selected: dict[str, Selected] = {}
    failed: set[str] = set()
    report.files_read = len(entries)
    for entry in entries:
        stem = entry.name.rsplit("/", 1)[-1][:-4].upper()
        if entry.data is None:
            report.errors.append(FileError(entry.name, entry.error))
            failed.add(stem)
            continue
        try:
            fiche, root = read_fiche(entry.data, entry.name)
        except FicheError as exc:
            report.errors.append(FileError(entry.name, exc.message, exc.line, exc.column))
            failed.add(stem)
            continue
        audience = audience_for(fiche, cfg)
        if audience is None:
            continue
        previous = selected.get(fiche.id)
        if previous is not None:
            newer = (fiche.modified or dt.date.min) > (previous.fiche.modified or dt.date.min)
            kept, dropped = (fiche, previous.fiche) if newer else (previous.fiche, fiche)
            report.duplicates.append(f"{fiche.id} : {kept.name} gardée, {dropped.name} ignorée")
            if not newer:
                continue
        selected[fiche.id] = Selected(fiche, audience, root)
    return selected, failed - set(selected)


def _render_one(
    item: Selected,
    cfg: ImportConfig,
    today: dt.date,
    links: Links,
    old: Existing | None,
    report: ImportReport,
    folder: Path,
) -> Write | None:
    """The file to write for one selected fiche, or None when there is nothing to write."""
    fiche = item.fiche
    aid = fiche.answer_id
    rel = f"{DOCS}/{cfg.folder}/{aid}.md"
    if old is not None and not old.imported:
        report.errors.append(
            FileError(
                rel,
                "ce fichier n'est pas une fiche importée : il est laissé tel quel ; renommez-le pour importer la fiche",
            )
        )
        return None
    same_source = old is not None and old.origin.get("checksum") == fiche.checksum
    dates = (dates_of(old.meta) if old is not None and same_source else None) or Dates.fresh(today, cfg)
    try:
        renderer = Renderer(fiche, item.audience, links)
        body = renderer.document(item.root)
    except (RecursionError, ValueError, KeyError, TypeError, AttributeError) as exc:
        report.errors.append(FileError(fiche.name, f"conversion impossible ({type(exc).__name__} : {exc})"))
        return None
    report.add_unknown(fiche.name, renderer.unknown)
    text = dump(
        front_matter(fiche, cfg, item.audience, related_of(fiche, links.imported), dates, links.titles[fiche.id]), body
    )
    if old is None:
        target = folder / f"{aid}.md"
        if target.is_symlink() or target.exists():
            return None  # there but unreadable (a link, a FIFO…): reported by read_existing, left as it is
        report.created.append(aid)
        return Write(target, text)
    if old.text == text:
        report.unchanged.append(aid)
        return None
    reason = "source" if not same_source else "réintégrée" if old.archived else "rendu"
    report.updated.append(Updated(aid, fiche.id, fiche.modified, _as_date(old.origin.get("modified")), reason))
    return Write(old.path, text)


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    return parse_date(str(value)) if value else None


def _archive(existing: dict[str, Existing], protected: set[str], report: ImportReport, rel_folder: str) -> list[Write]:
    """Imported answers whose fiche is no longer selected get ``status: archived``."""
    writes = []
    for aid, old in existing.items():
        if aid in protected or not aid.startswith(PREFIX) or not old.imported or old.archived:
            continue
        text = archive_text(old)
        if text is None:
            report.errors.append(
                FileError(
                    f"{rel_folder}/{old.path.name}", "en-tête illisible : la fiche retirée n'a pas pu être archivée"
                )
            )
            continue
        report.archived.append(aid)
        writes.append(Write(old.path, text))
    return writes
