"""``kb precompress``: gzip and brotli copies beside the built site's files (see :mod:`kb_tools.site.precompress`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kb_tools.commands._common import Subparsers, os_reason, say
from kb_tools.site.precompress import precompress_site

HELP = """Écrit FICHIER.gz et FICHIER.br à côté de chaque fichier texte du site construit
(HTML, JavaScript, CSS, JSON, SVG, XML), quand la copie est plus petite : GitLab
Pages les sert aux navigateurs qui les acceptent, le site est plus rapide sur
une connexion lente. Les fichiers originaux ne sont pas modifiés.

codes de sortie : 0 copies écrites ; 2 dossier absent ou impossible à écrire."""


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "precompress",
        help="écrire les copies compressées (gzip, brotli) du site construit",
        description="Copies compressées du site construit, pour GitLab Pages.",
        epilog=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("site", metavar="DOSSIER", type=Path, help="dossier du site construit (par exemple site)")
    p.set_defaults(func=run)


def _mb(count: int) -> str:
    return f"{count / 1e6:.1f}".replace(".", ",") + " Mo"


def run(args: argparse.Namespace) -> int:
    site: Path = args.site
    if not site.is_dir():
        say("precompress", f"dossier introuvable « {site} » : construisez d'abord le site (mkdocs build)")
        return 2
    try:
        summary = precompress_site(site)
    except OSError as exc:
        say("precompress", f"impossible d'écrire dans « {site} » : {os_reason(exc)}")
        return 2
    line = (
        f"{summary.files} fichiers texte, {_mb(summary.original_bytes)} ; "
        f"gzip : {summary.gzip_files} copies ({_mb(summary.gzip_bytes)} servis)"
    )
    if summary.brotli_missing:
        line += " ; brotli : paquet Python « brotli » absent, aucune copie .br (pip install brotli)"
    else:
        line += f" ; brotli : {summary.brotli_files} copies ({_mb(summary.brotli_bytes)} servis)"
    print(f"kb precompress: {line}")
    return 0
