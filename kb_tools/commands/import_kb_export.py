"""``kb import kb-export SOURCE``: start a base from another base's JSON export
(see :mod:`kb_tools.importers.kb_export`).

Exit codes: 0 done; 1 done, but some answers were not written (listed); 2 bad
usage, no kb.yml, or a source that is not a valid export (nothing written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kb_tools.commands._common import Subparsers, add_root, has_config, iso_date, say, today_of
from kb_tools.errors import KbError
from kb_tools.importers.kb_export import KbImportReport, import_kb_export

HELP = """Le fichier est d'abord vérifié avec le schéma JSON de l'export (rien n'est
écrit s'il est invalide). Chaque réponse devient docs/reponses/<service>/<id>.md,
marquée « origin: », ses informations locales laissées en {{ repères }} à
renseigner dans la section local: de kb.yml. kb.yml n'est jamais modifié : ce
qui lui manque est écrit dans kb-import-a-ajouter.yml, à recopier. Une réponse
existante n'est remplacée que si elle vient du même export et n'a pas été
modifiée depuis. Lancez ensuite « kb validate ».

codes de sortie : 0 import terminé ; 1 import terminé mais des réponses n'ont
pas été écrites (listées) ; 2 mauvaise utilisation, kb.yml absent ou fichier
qui n'est pas un export valide (rien n'est écrit)."""


def register_importer(sub: Subparsers) -> None:
    """Adds ``kb-export`` to the sources of ``kb import``."""
    p = sub.add_parser(
        "kb-export",
        help="démarrer la base à partir de l'export JSON d'une autre base (kb export)",
        description="Écrit les réponses d'un export kb-export.json comme réponses locales de cette base.",
        epilog=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "source", type=Path, metavar="SOURCE", help="fichier JSON produit par « kb export » (kb-export.json)"
    )
    add_root(p)
    p.add_argument("--dry-run", action="store_true", help="montrer ce qui serait écrit sans rien écrire")
    p.add_argument("--today", type=iso_date, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def summary(report: KbImportReport, dry_run: bool) -> str:
    verb = "seraient écrites" if dry_run else "écrites"
    lines = [
        f"Import de « {report.base} » : {len(report.written)} réponse(s) {verb}, {len(report.unchanged)} inchangée(s)."
    ]
    lines += [f"  écrite : {path}" for path in report.written]
    if report.refused:
        lines.append(f"{len(report.refused)} réponse(s) non écrite(s) :")
        lines += [f"  {reason}" for reason in report.refused]
    if report.missing:
        parts = [f"{name} ({len(values)})" for name, values in report.missing.items()]
        where = f"écrit dans {report.fragment}" if report.fragment else "non écrit (--dry-run)"
        lines.append(
            f"kb.yml ne déclare pas encore ce qu'emploient ces réponses : {', '.join(parts)} ; "
            f"fragment de kb.yml {where}, à compléter et recopier."
        )
    lines.append("Ensuite : « kb validate » applique toutes les règles aux réponses importées.")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    if not has_config("import", args.root):
        return 2
    try:
        report = import_kb_export(args.root, args.source, today_of(args), dry_run=args.dry_run)
    except KbError as exc:
        say("import", str(exc))
        return exc.exit_code
    except OSError as exc:
        say("import", f"écriture impossible : {exc.filename or ''} {exc.strerror or exc}".strip())
        return 2
    sys.stdout.write(summary(report, args.dry_run))
    return 1 if report.refused else 0
