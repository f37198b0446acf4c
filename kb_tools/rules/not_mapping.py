"""L'en-tête doit être une liste de champs `clé: valeur`.

Exemple en erreur :

```yaml
---
- titre de la réponse
- etat-civil
---
```

Exemple correct :

```yaml
---
title: "Titre de la réponse"
service: etat-civil
---
```
"""

from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.source import DefectKind

RULE = Rule("KB005", "front-matter-not-mapping", Level.ERROR)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    for d in answer.src.defects:
        if d.kind is DefectKind.NOT_MAPPING:
            yield RULE.at(
                answer.rel,
                d.line,
                d.column,
                "l'en-tête n'est pas une suite de champs « clé: valeur »",
                expected="title:, service:, tags:, valid_until:",
                received=d.detail,
                fix="écrivez un champ par ligne sous la forme « clé: valeur »",
            )
