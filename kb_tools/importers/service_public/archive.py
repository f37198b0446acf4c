"""Reading the XML files of a DILA download: a zip (as DILA publishes them),
a folder searched recursively, a tar archive (``.tar.xz``…) or one XML file.

A source that cannot be read as a whole (missing, unknown format, corrupt or
truncated archive, not a regular file) raises
:class:`~kb_tools.errors.SourceError`: nothing is
imported from it, since a partial listing would make fiches look withdrawn. A
single member that cannot be read is returned with its error and the others
are imported.

Nothing is trusted: archive members are read in chunks with a size cap (per
member, declared and actual, and for the whole source), so a zip bomb stops
early; links, special files and members named outside the archive (``../``,
absolute paths) are refused, never followed nor extracted.
"""

from __future__ import annotations

import lzma
import os
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kb_tools.errors import SourceError
from kb_tools.files import read_regular

Wanted = Callable[[str], bool]  # file name (no folder) -> read it?
TAR_SUFFIXES = (".tar", ".tar.xz", ".txz", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2")
MEMBER_MAX = 20_000_000  # the largest DILA fiche is 0.4 MB
TOTAL_MAX = 1_000_000_000  # the whole "Vos droits" download is 80 MB of XML
CHUNK = 1 << 16


@dataclass(frozen=True)
class Entry:
    name: str  # path inside the source, "/" separated
    data: bytes | None  # None when the member could not be read
    error: str = ""


def is_xml(name: str) -> bool:
    return name.lower().endswith(".xml")


def read_source(path: Path, wanted: Wanted) -> list[Entry]:
    """Every wanted XML file of the source, sorted by name."""
    try:
        mode = os.stat(path).st_mode  # the source named on the command line may be a link
    except OSError:
        raise SourceError(
            f"{path} : source introuvable ; attendu : un fichier .zip, .tar.xz, .xml ou un dossier de fiches XML"
        ) from None
    if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
        raise SourceError(
            f"{path} : ce n'est ni un fichier ordinaire ni un dossier (tube nommé, périphérique ou socket) ; "
            "rien n'a été lu. Attendu : un fichier .zip, .tar.xz, .xml ou un dossier de fiches XML"
        )
    if path.is_dir():
        entries = _folder(path, wanted)
    elif path.name.lower().endswith(".zip") or zipfile.is_zipfile(path):
        entries = _zip(path, wanted)
    elif path.name.lower().endswith(TAR_SUFFIXES):
        entries = _tar(path, wanted)
    elif is_xml(path.name):
        entries = [_file(path.resolve(), path.name)]
    else:
        raise SourceError(
            f"{path} : format de source non reconnu ; attendu : un fichier .zip (téléchargement DILA), .tar.xz, .xml ou un dossier"
        )
    return sorted(entries, key=lambda e: e.name)


def _file(path: Path, name: str) -> Entry:
    try:
        return Entry(name, read_regular(path, MEMBER_MAX))
    except OSError as exc:
        return Entry(name, None, f"fichier refusé ou illisible ({exc.strerror or exc})")


def unsafe_name(name: str) -> bool:
    """A member name that points outside the archive (absolute, ``..``, drive)."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":")


class _Budget:
    """Bytes left for the whole source."""

    def __init__(self, path: Path) -> None:
        self.path, self.left = path, TOTAL_MAX

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise SourceError(
                f"{self.path} : plus de {TOTAL_MAX // 1_000_000} Mo de fichiers XML une fois décompressés ; "
                "ce n'est pas un téléchargement DILA (bombe de décompression ?), rien n'a été importé"
            )


def _read_capped(stream: IO[bytes], budget: _Budget) -> bytes | None:
    """The member's bytes, or None past ``MEMBER_MAX`` (read in chunks: the
    declared size of a zip member is not trusted)."""
    chunks, size = [], 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        budget.take(len(chunk))
        if size > MEMBER_MAX:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


TOO_BIG = f"membre refusé : plus de {MEMBER_MAX // 1_000_000} Mo une fois décompressé (une fiche fait moins de 1 Mo)"


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
    budget = _Budget(path)
    with archive:
        for info in archive.infolist():
            base = info.filename.rsplit("/", 1)[-1]
            if info.is_dir() or not is_xml(base) or not wanted(base):
                continue
            refused = _zip_refusal(info)
            if refused:
                entries.append(Entry(info.filename, None, refused))
                continue
            try:
                with archive.open(info) as stream:
                    data = _read_capped(stream, budget)
                entries.append(Entry(info.filename, data) if data is not None else Entry(info.filename, None, TOO_BIG))
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


def _zip_refusal(info: zipfile.ZipInfo) -> str:
    kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the archiver stored no type
    if kind not in (0, stat.S_IFREG):
        return "membre refusé : lien symbolique ou fichier spécial dans l'archive"
    if unsafe_name(info.filename):
        return "membre refusé : son nom sort de l'archive (« .. » ou chemin absolu)"
    if info.file_size > MEMBER_MAX:
        return TOO_BIG
    return ""


def _tar(path: Path, wanted: Wanted) -> list[Entry]:
    entries = []
    budget = _Budget(path)
    try:
        with tarfile.open(path, "r:*") as archive:
            for member in archive:
                base = member.name.rsplit("/", 1)[-1]
                if member.isdir() or not is_xml(base) or not wanted(base):
                    continue
                name = member.name.removeprefix("./")
                if not member.isfile():
                    entries.append(Entry(name, None, "membre refusé : lien ou fichier spécial dans l'archive"))
                elif unsafe_name(member.name):
                    entries.append(
                        Entry(name, None, "membre refusé : son nom sort de l'archive (« .. » ou chemin absolu)")
                    )
                elif member.size > MEMBER_MAX:
                    entries.append(Entry(name, None, TOO_BIG))
                else:
                    stream = archive.extractfile(member)
                    data = _read_capped(stream, budget) if stream is not None else None
                    entries.append(Entry(name, data) if data is not None else Entry(name, None, TOO_BIG))
    except (tarfile.TarError, lzma.LZMAError, zlib.error, EOFError, OSError) as exc:
        raise SourceError(
            f"{path} : archive corrompue ou tronquée ({exc or type(exc).__name__}) ; rien n'a été importé"
        ) from None
    return entries
