"""``kb codeowners``: generate (or check) the GitLab CODEOWNERS file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kb_tools.codeowners import CODEOWNERS_PATH, diff, generate
from kb_tools.commands._common import Subparsers, add_root, has_config, outputs_allowed, write_output
from kb_tools.files import read_regular
from kb_tools.kb import load_kb

HELP = f"""codes de sortie : 0 fichier écrit, ou à jour avec --check ; 1 avec --check,
{CODEOWNERS_PATH} n'est pas à jour (la différence est affichée) ; 2 mauvaise
utilisation, kb.yml absent ou responsable invalide."""


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "codeowners",
        help="générer le fichier CODEOWNERS de GitLab à partir de kb.yml",
        description="Génère le fichier CODEOWNERS de GitLab : une section par service, avec son responsable.",
        epilog=HELP,
    )
    add_root(p)
    p.add_argument(
        "--maintainers",
        default=None,
        help="responsable de la configuration et de l'outillage (par défaut site.maintainers de kb.yml, sinon @@maintainer)",
    )
    p.add_argument(
        "--output",
        "-o",
        default=None,
        help=f"fichier à écrire, par exemple {CODEOWNERS_PATH} (par défaut la sortie standard)",
    )
    p.add_argument(
        "--check", action="store_true", help=f"ne rien écrire : échouer si {CODEOWNERS_PATH} n'est pas à jour"
    )
    p.add_argument(
        "--file",
        default=CODEOWNERS_PATH,
        help=f"fichier comparé par --check (par défaut {CODEOWNERS_PATH}, relatif à --root)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    if not has_config("codeowners", root):
        return 2
    if not args.check and not outputs_allowed("codeowners", root, [args.output]):
        return 2
    result = generate(load_kb(root), args.maintainers)
    for warning in result.warnings:
        print(f"kb codeowners: {warning}", file=sys.stderr)
    if result.warnings:
        return 2
    if not args.check:
        write_output(args.output, result.text)
        return 0
    path = root / args.file
    try:
        current = read_regular(path).decode("utf-8", errors="replace")  # never a link nor a FIFO
    except FileNotFoundError:
        current = ""
    except OSError as exc:
        print(f"kb codeowners: {args.file} illisible : {exc.strerror}", file=sys.stderr)
        return 2
    if current == result.text:
        print(f"kb codeowners: {args.file} est à jour.", file=sys.stderr)
        return 0
    what = "est absent" if not current else "n'est pas à jour"
    print(
        f"kb codeowners: {args.file} {what} par rapport à kb.yml. Régénérez-le avec « kb codeowners --output {args.file} » et committez-le.",
        file=sys.stderr,
    )
    sys.stdout.write(diff(current, result.text, args.file))
    return 1
