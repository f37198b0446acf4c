"""Options shared by several commands, and reading them."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path


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


def write_output(path: str | None, text: str) -> None:
    if path in (None, "-"):
        import sys

        sys.stdout.write(text)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text, encoding="utf-8")
