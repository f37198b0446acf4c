"""Which files the engine reads and the site publishes: contained, regular, allowed.

- :func:`read_regular` is the one way to read a file that a user wrote: it
  never follows a symbolic link and never opens anything but a regular file
  (a FIFO, a device or a socket is refused before a byte is read).
- :func:`list_docs` walks ``docs/`` without following links: regular files
  are listed, symbolic links (to a file, a folder, nowhere or in a loop) and
  special files are set apart, never read.
- :func:`type_problem` and :func:`name_problem` say whether a file under
  ``docs/`` may be published; :func:`publishable` is the set the site build
  keeps, and the rules KB601-KB603 explain the rest to editors.

Paths here are *doc paths*: relative to ``docs/``, ``/`` separated.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kb_tools.text import slugify

ANSWERS_PREFIX = "reponses/"
ASSETS_PREFIX = "assets/"
VENDOR_PREFIX = "assets/vendor/"

PAGE_SUFFIX = ".md"
# What MkDocs also reads as Markdown (``mkdocs.utils.markdown_extensions``),
# plus ``.md`` written in capitals: kb would not read them.
OTHER_MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
DOCUMENT_SUFFIXES = (".pdf",)
ASSET_SUFFIXES = (".css", ".js")  # the project's own, under docs/assets/ only
LICENCE_NAMES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "COPYING", "NOTICE")  # vendored code

# Answer ids (file names without .md): what ``kb new`` and the importer
# (``sp-f1234``) write. The length keeps every path within file system limits.
ANSWER_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ANSWER_ID_MAX = 100
# Any other file or folder name under docs/: no space, quote or markup character.
SAFE_NAME_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*$")
NAME_MAX = 120

READ_LIMIT = 20_000_000  # no answer, page or kb.yml is anywhere near 20 MB


class UnsafeFileError(OSError):
    """A file the engine refuses to open; ``strerror`` says why, in French."""


def _refusal(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "lien symbolique : le fichier visé n'est pas lu"
    if stat.S_ISFIFO(mode):
        return "tube nommé (FIFO) : ce n'est pas un fichier ordinaire"
    if stat.S_ISSOCK(mode):
        return "socket : ce n'est pas un fichier ordinaire"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "périphérique : ce n'est pas un fichier ordinaire"
    if stat.S_ISDIR(mode):
        return "c'est un dossier, pas un fichier"
    return "ce n'est pas un fichier ordinaire"


def read_regular(path: Path, limit: int = READ_LIMIT) -> bytes:
    """The bytes of ``path``, which must be a regular file and not a link.

    Raises :class:`UnsafeFileError` (a link, a FIFO, a device, a file larger
    than ``limit``) or :class:`OSError` (missing, no permission)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        raise OSError(exc.errno, _french_strerror(exc), str(path)) from None
    if not stat.S_ISREG(mode):
        raise UnsafeFileError(errno.EINVAL, _refusal(mode), str(path))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:  # replaced by a link or a FIFO since lstat
        if exc.errno == errno.ELOOP:
            raise UnsafeFileError(errno.ELOOP, _refusal(stat.S_IFLNK), str(path)) from None
        raise OSError(exc.errno, _french_strerror(exc), str(path)) from None
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise UnsafeFileError(errno.EINVAL, _refusal(mode), str(path))
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise UnsafeFileError(errno.EFBIG, f"fichier trop gros (plus de {limit // 1_000_000} Mo)", str(path))
    return data


def _french_strerror(exc: OSError) -> str:
    return {
        errno.ENOENT: "fichier introuvable",
        errno.EACCES: "permission refusée",
        errno.EISDIR: "c'est un dossier, pas un fichier",
        errno.ENAMETOOLONG: "nom de fichier trop long",
    }.get(exc.errno or 0, exc.strerror or str(exc))


def is_regular_file(path: Path) -> bool:
    """True for a regular file that is not a symbolic link (nothing opened)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


@dataclass(frozen=True)
class Unsafe:
    """A symbolic link or special file found under docs/: never read nor published."""

    path: str  # doc path
    what: str  # French description, without the link's target
    kind: str = "link"  # link, special or unreadable


@dataclass(frozen=True)
class DocsListing:
    files: tuple[str, ...]  # regular files MkDocs would publish (not excluded), sorted
    unsafe: tuple[Unsafe, ...]  # links and special files anywhere under docs/


def excluded(doc_path: str) -> bool:
    """Files MkDocs leaves out by default (``exclude_docs``: ``.*`` and ``/templates/``)."""
    return doc_path.startswith("templates/") or any(part.startswith(".") for part in doc_path.split("/"))


def _describe_link(path: str) -> str:
    try:
        target = os.stat(path)  # stat only: nothing is opened
    except OSError:
        return "lien symbolique cassé ou en boucle"
    if stat.S_ISDIR(target.st_mode):
        return "lien symbolique vers un dossier"
    return "lien symbolique"


def list_docs(docs_dir: Path) -> DocsListing:
    """Every entry under ``docs_dir``, links never followed (one walk)."""
    files: list[str] = []
    unsafe: list[Unsafe] = []
    try:
        if os.path.islink(docs_dir):
            return DocsListing((), (Unsafe(".", "le dossier docs/ est un lien symbolique"),))
    except OSError:  # pragma: no cover - islink does not raise on Linux
        pass
    stack = [("", str(docs_dir))]
    while stack:
        prefix, folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            unsafe.append(
                Unsafe(prefix.rstrip("/") or ".", f"dossier illisible ({_french_strerror(exc)})", "unreadable")
            )
            continue
        subdirs = []
        for entry in entries:
            rel = prefix + entry.name
            try:  # the entry's type comes from the directory listing: no system call per file
                if entry.is_symlink():
                    unsafe.append(Unsafe(rel, _describe_link(entry.path)))
                elif entry.is_dir(follow_symlinks=False):
                    subdirs.append((rel + "/", entry.path))
                elif entry.is_file(follow_symlinks=False):
                    if not excluded(rel):
                        files.append(rel)
                else:
                    mode = entry.stat(follow_symlinks=False).st_mode
                    unsafe.append(Unsafe(rel, _refusal(mode).split(" :")[0], "special"))
            except OSError as exc:
                unsafe.append(Unsafe(rel, f"fichier illisible ({_french_strerror(exc)})", "unreadable"))
        stack.extend(reversed(subdirs))
    return DocsListing(tuple(sorted(files)), tuple(unsafe))


@dataclass(frozen=True)
class Verdict:
    """Why a file may not be published, and how to fix it."""

    message: str
    expected: str
    fix: str


ALLOWED_TYPES = "pages .md, images .png .jpg .jpeg .gif .webp .avif, documents .pdf, .css et .js sous docs/assets/"


def type_problem(doc_path: str) -> Verdict | None:
    """None when a file of this type may be published at ``doc_path``."""
    name = doc_path.rsplit("/", 1)[-1]
    suffix = os.path.splitext(name)[1]
    lower = suffix.lower()
    if suffix == PAGE_SUFFIX:
        return None
    if lower in OTHER_MARKDOWN:
        return Verdict(
            f"extension « {suffix} » : le site afficherait cette page sans qu'elle soit vérifiée",
            "l'extension .md en minuscules",
            f"renommez le fichier en « {name[: -len(suffix)]}.md »",
        )
    if lower in IMAGE_SUFFIXES or lower in DOCUMENT_SUFFIXES:
        return None
    if lower in ASSET_SUFFIXES and doc_path.startswith(ASSETS_PREFIX):
        return None
    if doc_path.startswith(VENDOR_PREFIX) and name in LICENCE_NAMES:
        return None
    if lower in ASSET_SUFFIXES:
        return Verdict(
            f"fichier « {suffix} » hors de docs/assets/ : il ne sera pas publié",
            "les feuilles de style et scripts du projet sous docs/assets/",
            "supprimez-le, ou placez-le sous docs/assets/ avec la revue de l'équipe technique",
        )
    if lower == ".svg":
        fix = "convertissez l'image en PNG (une image SVG peut contenir du script)"
    elif lower in (".html", ".htm", ".xhtml"):
        fix = "écrivez le contenu en Markdown dans un fichier .md"
    else:
        fix = "supprimez ce fichier de docs/, ou convertissez-le en PDF ou en image PNG"
    return Verdict(
        f"type de fichier non publié « {suffix or name} »",
        ALLOWED_TYPES,
        fix,
    )


def suggested_id(name: str) -> str:
    """A valid answer id close to ``name`` (or a generic example)."""
    slug = slugify(name.replace("_", "-").replace(".", "-")).strip("-")
    slug = re.sub(r"-{2,}", "-", slug)[:ANSWER_ID_MAX].strip("-")
    return slug if ANSWER_ID_RE.match(slug) else "acte-de-naissance"


def answer_id_problem(answer_id: str) -> Verdict | None:
    """None when ``answer_id`` is a valid answer id (file name without .md)."""
    if ANSWER_ID_RE.match(answer_id) and len(answer_id) <= ANSWER_ID_MAX:
        return None
    if len(answer_id) > ANSWER_ID_MAX:
        message = f"identifiant trop long ({len(answer_id)} caractères, au plus {ANSWER_ID_MAX})"
    else:
        message = "identifiant invalide : le nom du fichier sert d'adresse et de lien"
    return Verdict(
        message,
        f"minuscules sans accents, chiffres et tirets, {ANSWER_ID_MAX} caractères au plus",
        f"renommez le fichier, par exemple « {suggested_id(answer_id)} »",
    )


def name_problem(doc_path: str) -> Verdict | None:
    """None when every part of ``doc_path`` has a safe name (answers: a valid id)."""
    parts = doc_path.split("/")
    for part in parts[:-1]:
        if not SAFE_NAME_RE.match(part) or len(part) > NAME_MAX:
            return _unsafe_name(f"nom de dossier « {part} »", part)
    name = parts[-1]
    if doc_path.startswith(ANSWERS_PREFIX) and name.endswith(PAGE_SUFFIX):
        return answer_id_problem(name[: -len(PAGE_SUFFIX)])
    if not SAFE_NAME_RE.match(name) or len(name) > NAME_MAX:
        return _unsafe_name("nom de fichier", name)
    return None


def _unsafe_name(what: str, name: str) -> Verdict:
    stem, dot, suffix = name.rpartition(".")
    base, ext = (stem, dot + suffix) if dot and stem else (name, "")
    return Verdict(
        f"{what} non accepté (espace, accent, guillemet ou caractère spécial, ou plus de {NAME_MAX} caractères)",
        "lettres sans accents, chiffres, tirets, points et soulignés",
        f"renommez-le, par exemple « {suggested_id(base)}{ext.lower()} »",
    )


def publishable(files: Iterable[str]) -> frozenset[str]:
    """The doc paths, among regular files, that the site may publish."""
    return frozenset(p for p in files if type_problem(p) is None and name_problem(p) is None)
