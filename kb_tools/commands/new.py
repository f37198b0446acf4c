"""``kb new SERVICE ID``: create a new answer from the template."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kb_tools.commands._common import Subparsers, add_root, add_today, has_config, today_of
from kb_tools.config import load_config
from kb_tools.new_answer import plan_answer, write_answer

HELP = """codes de sortie : 0 fichier créé (son chemin est affiché) ; 1 refusé, le
fichier ou l'identifiant existe déjà (rien n'est écrit, un identifiant libre est
proposé) ; 2 mauvaise utilisation (service ou étiquette inconnus, identifiant
invalide, kb.yml absent)."""


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "new",
        help="créer une nouvelle réponse à partir du modèle",
        description="Crée docs/reponses/SERVICE/ID.md à partir du modèle de réponse, avec les dates et le responsable remplis.",
        epilog=HELP,
    )
    p.add_argument("service", help="clé du service dans kb.yml, par exemple etat-civil")
    p.add_argument("id", help="identifiant de la réponse (nom du fichier), par exemple acte-de-naissance")
    p.add_argument("--title", default=None, help="titre de la réponse (par défaut tiré de l'identifiant)")
    p.add_argument("--tag", action="append", default=[], dest="tags", help="étiquette déclarée dans kb.yml (répétable)")
    add_root(p)
    add_today(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    if not has_config("new", root):
        return 2
    plan = plan_answer(load_config(root), args.service, args.id, today_of(args), title=args.title, tags=args.tags)
    if plan.errors:
        for error in plan.errors:
            print(f"kb new: {error}", file=sys.stderr)
        return 1 if plan.conflict else 2
    try:
        write_answer(plan)
    except FileExistsError:
        print(f"kb new: {plan.rel} existe déjà : rien n'a été écrit", file=sys.stderr)
        return 1
    print(plan.rel)
    for hint in plan.hints:
        print(f"kb new: {hint}", file=sys.stderr)
    print(
        "kb new: brouillon créé (status: draft, non publié). Remplacez chaque « À compléter : » par le vrai texte, "
        f"retirez la ligne « status: draft », puis vérifiez avec « kb validate {plan.rel} ».",
        file=sys.stderr,
    )
    return 0
