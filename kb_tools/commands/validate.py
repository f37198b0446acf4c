"""``kb validate [PATHS]``: check the whole knowledge base, report every problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kb_tools.commands._common import (
    Subparsers,
    add_reports,
    add_root,
    add_today,
    has_config,
    os_reason,
    outputs_allowed,
    parse_reports,
    paused_gc,
    today_of,
    write_output,
)
from kb_tools.kb import load_kb
from kb_tools.problem import blocking
from kb_tools.report import FORMATS, summary
from kb_tools.rules.runner import cpu_count, path_filter, validate
from kb_tools.text import did_you_mean

HELP = """codes de sortie : 0 aucune erreur ; 1 au moins une erreur (ou un
avertissement avec --strict) ; 2 mauvaise utilisation ou configuration absente."""


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "validate",
        help="valider la base de connaissances",
        description="Valide toute la base et signale tous les problèmes à la fois.",
        epilog=HELP,
    )
    p.add_argument(
        "paths", nargs="*", help="ne signaler que les problèmes de ces fichiers ou dossiers (toute la base est chargée)"
    )
    add_root(p)
    add_today(p)
    p.add_argument("--format", choices=sorted(FORMATS), default="text", help="format de sortie (text par défaut)")
    p.add_argument("--output", "-o", default=None, help="fichier de sortie (par défaut la sortie standard)")
    add_reports(p, "junit:kb-junit.xml ou codequality:gl-code-quality.json")
    p.add_argument("--strict", action="store_true", help="les avertissements font aussi échouer")
    p.add_argument(
        "--check-expiry",
        action="store_true",
        help="signaler aussi les réponses expirées (KB301) et à revoir bientôt (KB302)",
    )
    p.add_argument(
        "--changed-file",
        type=Path,
        default=None,
        help="liste des fichiers modifiés (un par ligne) : seules ces réponses expirées sont des erreurs",
    )
    p.set_defaults(func=run)


def unmatched_path(root: Path, paths: list[str], checked: list[str]) -> str | None:
    """Why one of the PATHS given selects nothing (a typo must not pass as
    "Aucun problème."), with the closest file or folder of the base."""
    candidates = sorted({c for rel in checked for c in (rel, *(p.as_posix() for p in Path(rel).parents))} - {"."})
    for raw in paths:
        if not Path(raw).exists():
            hint = did_you_mean(raw.rstrip("/"), candidates)
            return f"« {raw} » n'existe pas" + (
                f" : {hint}" if hint else " : donnez un fichier ou un dossier de la base"
            )
        if not any(path_filter(root, [raw])(rel) for rel in checked):
            return (
                f"« {raw} » ne contient aucune réponse de la base : donnez un fichier .md sous docs/reponses/ "
                "ou un dossier qui en contient"
            )
    return None


def run(args: argparse.Namespace) -> int:
    reports = parse_reports("validate", args.report, FORMATS)
    if reports is None:
        return 2
    root: Path = args.root
    if not has_config("validate", root):
        return 2
    if not outputs_allowed("validate", root, [args.output, *(path for _, path in reports)]):
        return 2
    changed = None
    if args.changed_file is not None:
        try:
            changed = [
                line.strip() for line in args.changed_file.read_text(encoding="utf-8").splitlines() if line.strip()
            ]
        except OSError as exc:
            print(f"kb validate: {args.changed_file} illisible : {os_reason(exc)}", file=sys.stderr)
            return 2
        except UnicodeDecodeError as exc:
            print(
                f"kb validate: {args.changed_file} n'est pas encodé en UTF-8 (octet {exc.start + 1}) : "
                "écrivez la liste des fichiers modifiés en UTF-8, un chemin par ligne",
                file=sys.stderr,
            )
            return 2
    with paused_gc():
        kb = load_kb(root)
        problems = validate(
            kb,
            today_of(args),
            check_expiry=args.check_expiry or changed is not None,
            changed=changed,
            workers=cpu_count(),
        )
    checked = [a.rel for a in kb.answers] + [kb.config.path]
    if args.paths:
        if (message := unmatched_path(root, args.paths, checked)) is not None:
            print(f"kb validate: {message}", file=sys.stderr)
            return 2
        keep = path_filter(root, args.paths)
        problems = [p for p in problems if keep(p.path)]
        checked = [c for c in checked if keep(c)]
    write_output(args.output, FORMATS[args.format](problems, checked))
    for fmt, path in reports:
        write_output(path, FORMATS[fmt](problems, checked))
    if args.output not in (None, "-") or args.format != "text":
        print(f"{len(kb.answers)} réponse(s) vérifiée(s). {summary(problems)}", file=sys.stderr)
    return 1 if blocking(problems, strict=args.strict) else 0
