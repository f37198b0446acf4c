"""Deux réponses publiées ne doivent pas avoir le même titre : l'agent ne
saurait pas laquelle choisir dans la recherche.

Niveau avertissement. La comparaison ignore majuscules et accents.

Exemple en erreur : deux fichiers titrés « Carte d'identité ».

Exemple correct : « Carte d'identité : première demande » et « Carte
d'identité : perte ou vol ».
"""

from collections.abc import Iterator

from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule, Scope
from kb_tools.text import fold

RULE = Rule("KB202", "duplicate-title", Level.WARNING, scope=Scope.KB)


def check_kb(ctx: Context) -> Iterator[Problem]:
    first: dict[str, str] = {}
    for answer in ctx.kb.answers:
        title = answer.title
        if title is None or not answer.readable or answer.status == "archived":
            continue
        key = " ".join(fold(title).split())
        if key in first:
            line, column = answer.src.pos("title")
            yield RULE.at(
                answer.rel,
                line,
                column,
                f"titre déjà utilisé par {first[key]}",
                received=title,
                fix="précisez le titre (cas, public, étape) pour distinguer les deux réponses",
            )
        else:
            first[key] = answer.rel
