"""``kb expiry``: answers expired or expiring soon, per owner and service, and
optionally one GitLab issue per owner (``--gitlab-sync``)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kb_tools.commands._common import (
    Subparsers,
    add_reports,
    add_root,
    add_today,
    has_config,
    outputs_allowed,
    parse_reports,
    today_of,
    write_output,
)
from kb_tools.errors import SyncError
from kb_tools.expiry import FORMATS, counts_fr, find_expiring, owner_digest
from kb_tools.gitlab_issues import LABEL, TOKEN_VAR, settings_from_env, sync
from kb_tools.kb import load_kb
from kb_tools.text import MAX_DAYS, redact_url, short

HELP = f"""codes de sortie : 0 aucune réponse expirée (des réponses peuvent expirer
bientôt) ; 1 au moins une réponse expirée ; 2 mauvaise utilisation, configuration
absente ou synchronisation GitLab impossible à configurer ({TOKEN_VAR} absent…) ;
4 la synchronisation GitLab a échoué (réseau, jeton refusé), les rapports étant écrits.

Synchronisation GitLab (--gitlab-sync) : un ticket par responsable, étiquette
{LABEL}, titre « Réponses à revérifier — <responsable> », ouvert ou mis à jour,
fermé quand il n'y a plus rien à revérifier. Variables lues : {TOKEN_VAR}
(obligatoire), CI_SERVER_URL et CI_PROJECT_ID (fournies par GitLab CI)."""

SYNC_FAILED = 4


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "expiry",
        help="lister les réponses expirées ou à revérifier bientôt",
        description="Liste les réponses expirées ou qui expirent bientôt, par responsable et par service.",
        epilog=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_root(p)
    add_today(p)
    p.add_argument(
        "--days",
        type=int,
        default=None,
        help="fenêtre « à revérifier bientôt » en jours (par défaut freshness.expiring_days de kb.yml)",
    )
    p.add_argument(
        "--format",
        choices=sorted(FORMATS),
        default="text",
        help="format de sortie (text par défaut ; markdown : un résumé par responsable)",
    )
    p.add_argument(
        "--owner",
        default=None,
        help="avec --format markdown : le résumé de ce seul responsable (par exemple @ville/etat-civil)",
    )
    p.add_argument("--output", "-o", default=None, help="fichier de sortie (par défaut la sortie standard)")
    add_reports(p, "junit:kb-expiry.xml ou markdown:kb-expiry.md")
    p.add_argument(
        "--gitlab-sync",
        action="store_true",
        help=f"ouvrir, mettre à jour ou fermer un ticket GitLab par responsable (jeton dans {TOKEN_VAR})",
    )
    p.add_argument("--gitlab-url", default=None, help="adresse de GitLab (par défaut CI_SERVER_URL)")
    p.add_argument(
        "--gitlab-project", default=None, help="identifiant ou chemin groupe/projet (par défaut CI_PROJECT_ID)"
    )
    p.add_argument("--gitlab-label", default=LABEL, help=f"étiquette des tickets (par défaut {LABEL})")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    reports = parse_reports("expiry", args.report, FORMATS)
    if reports is None:
        return 2
    if args.days is not None and not 0 <= args.days <= MAX_DAYS:
        print(
            f"kb expiry: --days attend un nombre de jours positif ou nul, au plus {MAX_DAYS} (reçu {short(str(args.days))})",
            file=sys.stderr,
        )
        return 2
    if args.owner is not None and args.format != "markdown":
        print("kb expiry: --owner ne s'utilise qu'avec --format markdown", file=sys.stderr)
        return 2
    root: Path = args.root
    if not has_config("expiry", root):
        return 2
    if not outputs_allowed("expiry", root, [args.output, *(path for _, path in reports)]):
        return 2
    settings = None
    if args.gitlab_sync:  # checked first: a missing token must not cost a network call nor a half run
        try:
            settings = settings_from_env(
                os.environ, url=args.gitlab_url, project=args.gitlab_project, label=args.gitlab_label
            )
        except SyncError as exc:
            print(f"kb expiry: {redact_url(str(exc))}", file=sys.stderr)
            return 2
    kb = load_kb(root)
    report = find_expiring(kb, today_of(args), args.days)
    main_text = owner_digest(report, args.owner) if args.owner is not None else FORMATS[args.format](report)
    write_output(args.output, main_text)
    for fmt, path in reports:
        write_output(path, FORMATS[fmt](report))
    if args.output not in (None, "-") or args.format != "text":
        print(f"kb expiry: {counts_fr(list(report.items))}.", file=sys.stderr)
    status = 1 if report.expired else 0
    if settings is not None:
        try:
            actions = sync(settings, report)
        except SyncError as exc:
            print(f"kb expiry: {redact_url(str(exc))}", file=sys.stderr)
            return SYNC_FAILED
        for action in actions:
            print(f"kb expiry: {redact_url(action.describe())}", file=sys.stderr)
        if not actions:
            print("kb expiry: aucun ticket à ouvrir ni à fermer.", file=sys.stderr)
    return status
