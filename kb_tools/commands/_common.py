"""Options shared by several commands, and reading them."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import gc
import sys
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeAlias

from kb_tools.config import CONFIG_NAME, DOCS_DIR
from kb_tools.errors import UsageError

# The object ``register(sub)`` of each command module receives.
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

# Files of the project a report must never replace (besides everything under docs/).
PROTECTED = (CONFIG_NAME, "mkdocs.yml", "mkdocs-offline.yml", ".gitlab-ci.yml", "pyproject.toml")


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date invalide « {text} » : les dates s'écrivent 2027-06-30") from None


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        help="racine de la base (dossier qui contient kb.yml ; par défaut le dossier courant)",
    )


def add_today(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today", type=iso_date, default=None, help="date du jour à utiliser (AAAA-MM-JJ ; par défaut aujourd'hui)"
    )


def today_of(args: argparse.Namespace) -> dt.date:
    """The one place the command line reads the clock."""
    return args.today or dt.date.today()


def add_reports(parser: argparse.ArgumentParser, example: str) -> None:
    parser.add_argument(
        "--report",
        action="append",
        default=[],
        metavar="FORMAT:FICHIER",
        help=f"écrire en plus un rapport, par exemple {example} (répétable)",
    )


def parse_reports(command: str, specs: list[str], formats: Collection[str]) -> list[tuple[str, str]] | None:
    """``FORMAT:FILE`` pairs, or None after saying what is wrong."""
    reports = []
    for spec in specs:
        fmt, _, path = spec.partition(":")
        if fmt not in formats or not path:
            say(
                command,
                f"--report attend FORMAT:FICHIER avec FORMAT parmi {', '.join(sorted(formats))} (reçu « {spec} »)",
            )
            return None
        reports.append((fmt, path))
    return reports


def has_config(command: str, root: Path) -> bool:
    """True when ``root`` holds kb.yml; otherwise says how to fix it."""
    path = root / CONFIG_NAME
    if path.is_file():
        return True  # a link is refused, with its KB900 message, when the configuration is loaded
    if path.is_symlink() or path.exists():
        say(command, f"{path} n'est pas un fichier ordinaire (lien cassé, tube nommé…) : il n'est pas lu")
        return False
    say(command, f"{root / CONFIG_NAME} introuvable : lancez la commande à la racine du projet ou passez --root")
    return False


def outputs_allowed(command: str, root: Path, paths: Iterable[str | None]) -> bool:
    """False, after saying why, when an output file would land in docs/ (it
    would be published, or replace an answer) or replace kb.yml and the like.
    Checked before anything is written; links are resolved first."""
    docs = (root / DOCS_DIR).resolve()
    protected = {(root / name).resolve() for name in PROTECTED}
    for path in paths:
        if path in (None, "-"):
            continue
        try:
            target = Path(path).resolve()
        except (OSError, ValueError):  # cannot be written either: said when writing
            continue
        if target == docs or target.is_relative_to(docs):
            say(
                command,
                f"refus d'écrire « {path} » : ce fichier est dans {DOCS_DIR}/, il serait publié "
                "ou remplacerait une réponse ; écrivez le rapport ailleurs, par exemple « rapports/kb.xml »",
            )
            return False
        if target in protected:
            say(
                command,
                f"refus d'écrire « {path} » : ce fichier fait partie du projet ({target.name}) ; "
                "écrivez le rapport ailleurs, par exemple « rapports/kb.xml »",
            )
            return False
    return True


def say(command: str, message: str) -> None:
    print(f"kb {command}: {message}", file=sys.stderr)


_REASONS = {
    errno.ENOENT: "dossier ou fichier introuvable",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EISDIR: "c'est un dossier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENOSPC: "disque plein",
    errno.ENAMETOOLONG: "nom trop long",
}


def os_reason(exc: OSError) -> str:
    """Why a file could not be read or written, in French."""
    return _REASONS.get(exc.errno or 0, exc.strerror or exc.__class__.__name__)


def write_output(path: str | None, text: str) -> None:
    if path in (None, "-"):
        sys.stdout.write(text)
        return
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            f"impossible d'écrire « {path} » ({os_reason(exc)}) : choisissez un fichier dans un dossier où vous pouvez écrire"
        ) from None


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a base is loaded and checked.

    Loading allocates about a million long-lived objects and no garbage
    cycles: the collector would only walk them again and again (a third of
    the run time on 5,000 answers). Its previous state is restored, so a
    program that calls ``kb_tools.cli.main`` keeps its own settings.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
