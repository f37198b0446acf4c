"""Deux réponses ne peuvent pas avoir le même identifiant (nom de fichier),
même dans des dossiers différents : l'identifiant sert dans `related` et dans
les adresses du site.

Les majuscules ne comptent pas : `Doublon.md` et `doublon.md` désignent le
même fichier sur Windows et macOS.

Exemple en erreur : `reponses/etat-civil/acte-de-naissance.md` et
`reponses/accueil/acte-de-naissance.md`.

Exemple correct : renommer le second `acte-de-naissance-etranger.md`.
"""

from collections.abc import Iterator

from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule, Scope

RULE = Rule("KB201", "duplicate-id", Level.ERROR, scope=Scope.KB)


def check_kb(ctx: Context) -> Iterator[Problem]:
    first: dict[str, str] = {}
    for answer in ctx.kb.answers:
        key = answer.id.casefold()
        if key in first:
            yield RULE.at(
                answer.rel,
                1,
                1,
                f"identifiant « {answer.id} » déjà utilisé par {first[key]}",
                expected="un nom de fichier unique dans toute la base",
                received=answer.id,
                fix="renommez l'un des deux fichiers et mettez à jour les « related » qui le citent",
            )
        else:
            first[key] = answer.rel
