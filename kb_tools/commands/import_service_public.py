"""``kb import service-public SOURCE``: import or re-import DILA fiches.

Exit codes: 0 done; 1 done, but some fiches could not be imported; 2 bad
usage, unreadable source or bad configuration (nothing written).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kb_tools.commands import import_kb_export
from kb_tools.commands._common import Subparsers, add_root, has_config, iso_date, say, today_of
from kb_tools.config import CONFIG_NAME, load_config
from kb_tools.errors import ConfigError, KbError
from kb_tools.importers.service_public import ImportConfig, import_service_public, read_import_config
from kb_tools.importers.service_public.lock import import_lock
from kb_tools.importers.service_public.report import FORMATS

HELP = """codes de sortie : 0 import terminé ; 1 import terminé mais des fiches
n'ont pas pu être importées ; 2 mauvaise utilisation, source illisible ou
configuration incorrecte (rien n'est écrit)."""


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="importer des contenus officiels ou l'export d'une autre base",
        description="Importe des contenus officiels comme réponses de la base.",
    )
    sub = parser.add_subparsers(dest="importer", metavar="SOURCE", parser_class=type(parser))
    sub.required = True
    p = sub.add_parser(
        "service-public",
        help="importer les fiches « Vos droits et démarches » de Service-Public.fr (XML DILA)",
        description="Convertit les fiches XML de la DILA en réponses sous docs/reponses/service-public/ ; un nouvel import ne réécrit que ce qui a changé.",
        epilog=HELP,
    )
    p.add_argument(
        "source",
        type=Path,
        metavar="SOURCE",
        help="archive .zip téléchargée de la DILA, archive .tar.xz, ou dossier de fichiers XML",
    )
    add_root(p)
    p.add_argument("--dry-run", action="store_true", help="montrer ce qui changerait sans rien écrire")
    p.add_argument("--format", choices=sorted(FORMATS), default="text", help="format du rapport (text par défaut)")
    p.add_argument("--today", type=iso_date, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=run)
    import_kb_export.register_importer(sub)


def import_settings(root: Path) -> ImportConfig:
    """The ``import.service_public`` settings of the base at ``root``, kb.yml
    read by the engine's loader (no link, no special file, no YAML alias,
    bounded nesting). Raises :class:`ConfigError` when kb.yml cannot be read or
    the section is wrong; other problems of kb.yml are ``kb validate``'s."""
    config = load_config(root)
    path = root / CONFIG_NAME
    if config.source is None:  # not a regular file: the loader said why
        defect = config.defects[0]
        raise ConfigError(f"{path} : {defect.message.removeprefix(CONFIG_NAME + ' ')}. Correction : {defect.fix}")
    if config.source.defects:  # the YAML cannot be read: the loader's first defect, as kb validate gives it
        unread, defect = config.source.defects[0], config.defects[0]
        if unread.kind == "unreadable":
            raise ConfigError(f"{path} illisible : {unread.detail}")
        raise ConfigError(
            f"{path}:{defect.line}:{defect.column} : {defect.message.rstrip(' :')}. Correction : {defect.fix}"
        )
    settings, problems = read_import_config(config.raw)
    if problems:
        raise ConfigError(
            "la section « import: » de kb.yml est incorrecte, rien n'a été importé :\n"
            + "\n".join(f"  {problem}" for problem in problems)
        )
    return settings


def run(args: argparse.Namespace) -> int:
    if not has_config("import", args.root):
        return 2
    started = time.perf_counter()
    try:
        settings = import_settings(args.root)
        with import_lock(args.root, enabled=not args.dry_run):
            report = import_service_public(args.root, args.source, settings, today_of(args), dry_run=args.dry_run)
    except KbError as exc:
        say("import", str(exc))
        return exc.exit_code
    sys.stdout.write(FORMATS[args.format](report))
    if args.format == "text":
        print(f"Durée : {time.perf_counter() - started:.1f} s")
    return 1 if report.errors else 0
