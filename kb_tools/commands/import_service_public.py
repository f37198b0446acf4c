"""``kb import service-public SOURCE``: import or re-import DILA fiches.

Exit codes: 0 done; 1 done, but some fiches could not be imported; 2 bad
usage, unreadable source or bad configuration (nothing written).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from kb_tools.commands import import_kb_export
from kb_tools.commands._common import iso_date, today_of
from kb_tools.importers.service_public import SourceError, import_service_public, read_import_config
from kb_tools.importers.service_public.lock import ImportLocked, import_lock
from kb_tools.importers.service_public.report import FORMATS
from kb_tools.source import read_yaml_file

CONFIG_NAME = "kb.yml"
HELP = """codes de sortie : 0 import terminé ; 1 import terminé mais des fiches
n'ont pas pu être importées ; 2 mauvaise utilisation, source illisible ou
configuration incorrecte (rien n'est écrit)."""


class ConfigReadError(Exception):
    pass


def register(subparsers: argparse._SubParsersAction) -> None:
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
    p.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        help="racine de la base (dossier qui contient kb.yml ; par défaut le dossier courant)",
    )
    p.add_argument("--dry-run", action="store_true", help="montrer ce qui changerait sans rien écrire")
    p.add_argument("--format", choices=sorted(FORMATS), default="text", help="format du rapport (text par défaut)")
    p.add_argument("--today", type=iso_date, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=run)
    import_kb_export.register_importer(sub)


def read_kb_yaml(root: Path) -> dict[str, Any]:
    """kb.yml as a plain mapping, read by the engine's reader (no link, no
    special file, no YAML alias, bounded nesting)."""
    path = root / CONFIG_NAME
    if not path.exists() and not path.is_symlink():
        raise ConfigReadError(f"{path} introuvable : lancez la commande à la racine de la base ou passez --root")
    src = read_yaml_file(path)
    for defect in src.defects:
        if defect.kind == "unreadable":
            raise ConfigReadError(f"{path} illisible : {defect.detail}")
        where = f":{defect.line}" if defect.line else ""
        raise ConfigReadError(f"{path}{where} : YAML invalide ; lancez « kb validate » pour le détail")
    return src.meta


def run(args: argparse.Namespace) -> int:
    try:
        raw = read_kb_yaml(args.root)
    except ConfigReadError as exc:
        print(f"kb import: {exc}", file=sys.stderr)
        return 2
    cfg, problems = read_import_config(raw)
    if problems:
        print("kb import: la section « import: » de kb.yml est incorrecte, rien n'a été importé :", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        with import_lock(args.root, enabled=not args.dry_run):
            report = import_service_public(args.root, args.source, cfg, today_of(args), dry_run=args.dry_run)
    except (SourceError, ImportLocked) as exc:
        print(f"kb import: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(FORMATS[args.format](report))
    if args.format == "text":
        print(f"Durée : {time.perf_counter() - started:.1f} s")
    return 1 if report.errors else 0
