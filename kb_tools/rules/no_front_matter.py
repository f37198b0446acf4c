"""Une réponse commence par un en-tête YAML entre deux lignes `---`.

Sans en-tête, la réponse n'a ni service, ni étiquettes, ni date de validité.
MkDocs l'accepterait silencieusement : ici c'est une erreur.

Exemple en erreur :

```markdown
# Acte de naissance
Le texte…
```

Exemple correct :

```markdown
---
title: "Obtenir un acte de naissance"
service: etat-civil
tags: [acte]
valid_until: 2027-06-30
---
Le texte…
```
"""

from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.source import DefectKind

RULE = Rule("KB003", "no-front-matter", Level.ERROR)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    for d in answer.src.defects:
        if d.kind is DefectKind.NO_FRONT_MATTER:
            if d.detail == "unclosed":
                yield RULE.at(
                    answer.rel,
                    1,
                    1,
                    "l'en-tête YAML n'est jamais fermé",
                    expected="une seconde ligne --- après l'en-tête",
                    fix="ajoutez une ligne --- seule à la fin de l'en-tête",
                )
            else:
                yield RULE.at(
                    answer.rel,
                    1,
                    1,
                    "pas d'en-tête YAML en début de fichier",
                    expected="une première ligne ---",
                    received=d.detail,
                    fix="ajoutez l'en-tête du modèle de réponse (title, service, tags, valid_until) entre deux lignes ---",
                )
