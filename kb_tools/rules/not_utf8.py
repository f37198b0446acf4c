"""Le fichier doit être encodé en UTF-8.

Un fichier enregistré dans un autre encodage (Windows-1252, Latin-1) affiche des
caractères illisibles sur le site. Le message donne la ligne et la colonne du
premier octet invalide. Un BOM UTF-8 et des fins de ligne Windows (CRLF) sont
acceptés.

Exemple en erreur : un fichier enregistré en « ANSI » depuis le Bloc-notes, où
`é` est l'octet `e9`.

Exemple correct : le même fichier enregistré en « UTF-8 » (c'est le cas de tout
fichier modifié dans l'éditeur web de GitLab).
"""

from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.source import DefectKind

RULE = Rule("KB001", "not-utf8", Level.ERROR)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    for d in answer.src.defects:
        if d.kind is DefectKind.NOT_UTF8:
            yield RULE.at(
                answer.rel,
                d.line,
                d.column,
                "le fichier n'est pas en UTF-8",
                expected="du texte UTF-8",
                received=d.detail,
                fix="réenregistrez le fichier en UTF-8 (dans GitLab, copiez le texte dans l'éditeur web)",
            )
        elif d.kind is DefectKind.UNREADABLE:
            yield RULE.at(
                answer.rel,
                0,
                0,
                "le fichier ne peut pas être lu",
                received=d.detail,
                fix="vérifiez les droits du fichier",
            )
