"""``kb export``: the published base as one JSON document (see :mod:`kb_tools.export`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kb_tools.commands._common import Subparsers, add_root, add_today, has_config, say, today_of, write_output
from kb_tools.config import DOCS_DIR
from kb_tools.export import SCHEMA_URL, dumps, export_document
from kb_tools.kb import load_kb
from kb_tools.report import to_text
from kb_tools.rules.runner import validate

HELP = f"""Le document suit le schéma JSON kb_tools/schemas/kb-export.schema.json,
publié aussi sur le site ({SCHEMA_URL}). Seules les réponses publiées sont
exportées (ni brouillon ni archivée).

codes de sortie : 0 export écrit ; 1 la base contient des erreurs (rien n'est
écrit, « kb validate » les détaille) ; 2 mauvaise utilisation, configuration
absente ou fichier de sortie impossible à écrire."""


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "export",
        help="exporter la base publiée en un document JSON",
        description="Écrit la base publiée (services, étiquettes, glossaire, réponses) en un document JSON.",
        epilog=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_root(p)
    add_today(p)
    p.add_argument(
        "--output", "-o", metavar="FICHIER", default=None, help="fichier à écrire (par défaut la sortie standard)"
    )
    p.set_defaults(func=run)


def inside_docs(root: Path, output: str) -> bool:
    """True when ``output`` would land under the base's docs/ folder (published as is by the site)."""
    target = Path(output)
    target = target if target.is_absolute() else Path.cwd() / target
    docs = (root / DOCS_DIR).resolve()
    return target.resolve().is_relative_to(docs)


def run(args: argparse.Namespace) -> int:
    if not has_config("export", args.root):
        return 2
    output = args.output
    if output not in (None, "-") and inside_docs(args.root, output):
        say(
            "export",
            f"refus d'écrire {output} dans {DOCS_DIR}/ : tout ce qui s'y trouve est publié tel quel ; choisissez un autre dossier",
        )
        return 2
    kb = load_kb(args.root)
    today = today_of(args)
    errors = [p for p in validate(kb, today) if p.is_error]
    if errors:
        sys.stderr.write(to_text(errors))
        say(
            "export",
            "la base contient des erreurs, rien n'a été exporté : corrigez-les (« kb validate » les affiche aussi)",
        )
        return 1
    text = dumps(export_document(kb, today))
    try:
        write_output(output, text)
    except OSError as exc:
        say("export", f"impossible d'écrire {output} : {exc.strerror or exc}")
        return 2
    return 0
