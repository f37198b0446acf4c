"""Un fichier de réponse ne doit pas être vide.

Exemple en erreur : un fichier `docs/reponses/etat-civil/nouveau.md` créé sans
contenu.

Exemple correct : un fichier qui commence par son en-tête (voir le modèle de
réponse) et contient le texte de la réponse.
"""

from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.source import DefectKind

RULE = Rule("KB002", "empty-file", Level.ERROR)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    if any(d.kind is DefectKind.EMPTY for d in answer.src.defects):
        yield RULE.at(
            answer.rel,
            0,
            0,
            "le fichier est vide",
            expected="un en-tête YAML entre deux lignes --- puis le texte",
            fix="partez du modèle de réponse ou supprimez le fichier",
        )
