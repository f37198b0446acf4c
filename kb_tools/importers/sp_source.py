"""Reading the XML files of a DILA download: a zip (as DILA publishes them),
a folder searched recursively, a tar archive (``.tar.xz``…) or one XML file.

A source that cannot be read as a whole (missing, unknown format, corrupt or
truncated archive) raises :class:`SourceError`: nothing is imported from it,
since a partial listing would make fiches look withdrawn. A single member that
cannot be read is returned with its error and the others are imported.
"""

from __future__ import annotations

import lzma
import os
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Wanted = Callable[[str], bool]  # file name (no folder) -> read it?
TAR_SUFFIXES = (".tar", ".tar.xz", ".txz", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2")


class SourceError(Exception):
    """The source cannot be read at all; the message names it and says why."""


@dataclass(frozen=True)
class Entry:
    name: str  # path inside the source, "/" separated
    data: bytes | None  # None when the member could not be read
    error: str = ""


def is_xml(name: str) -> bool:
    return name.lower().endswith(".xml")


def read_source(path: Path, wanted: Wanted) -> list[Entry]:
    """Every wanted XML file of the source, sorted by name."""
    if not path.exists():
        raise SourceError(
            f"{path} : source introuvable ; attendu : un fichier .zip, .tar.xz, .xml ou un dossier de fiches XML"
        )
    if path.is_dir():
        entries = _folder(path, wanted)
    elif path.name.lower().endswith(".zip") or zipfile.is_zipfile(path):
        entries = _zip(path, wanted)
    elif path.name.lower().endswith(TAR_SUFFIXES):
        entries = _tar(path, wanted)
    elif is_xml(path.name):
        entries = [_file(path, path.name)]
    else:
        raise SourceError(
            f"{path} : format de source non reconnu ; attendu : un fichier .zip (téléchargement DILA), .tar.xz, .xml ou un dossier"
        )
    return sorted(entries, key=lambda e: e.name)


def _file(path: Path, name: str) -> Entry:
    try:
        return Entry(name, path.read_bytes())
    except OSError as exc:
        return Entry(name, None, f"fichier illisible ({exc.strerror or exc})")


def _folder(root: Path, wanted: Wanted) -> list[Entry]:
    entries = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in filenames:
            if is_xml(filename) and wanted(filename):
                full = Path(dirpath) / filename
                entries.append(_file(full, full.relative_to(root).as_posix()))
    return entries


def _zip(path: Path, wanted: Wanted) -> list[Entry]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SourceError(f"{path} : archive zip illisible ou tronquée ({exc}) ; rien n'a été importé") from None
    entries = []
    with archive:
        for info in archive.infolist():
            base = info.filename.rsplit("/", 1)[-1]
            if info.is_dir() or not is_xml(base) or not wanted(base):
                continue
            try:
                entries.append(Entry(info.filename, archive.read(info)))
            except (
                zipfile.BadZipFile,
                zlib.error,
                lzma.LZMAError,
                EOFError,
                OSError,
                NotImplementedError,
                RuntimeError,
            ) as exc:
                entries.append(Entry(info.filename, None, f"membre de l'archive illisible ({exc})"))
    return entries


def _tar(path: Path, wanted: Wanted) -> list[Entry]:
    entries = []
    try:
        with tarfile.open(path, "r:*") as archive:
            for member in archive:
                base = member.name.rsplit("/", 1)[-1]
                if not member.isfile() or not is_xml(base) or not wanted(base):
                    continue
                stream = archive.extractfile(member)
                if stream is not None:
                    entries.append(Entry(member.name.removeprefix("./"), stream.read()))
    except (tarfile.TarError, lzma.LZMAError, zlib.error, EOFError, OSError) as exc:
        raise SourceError(
            f"{path} : archive corrompue ou tronquée ({exc or type(exc).__name__}) ; rien n'a été importé"
        ) from None
    return entries
