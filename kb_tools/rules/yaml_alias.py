"""Les ancres et alias YAML (`&nom`, `*nom`, `<<:`) sont refusés dans l'en-tête.

Une réponse n'en a jamais besoin, et des alias imbriqués peuvent faire grossir
l'en-tête sans limite (attaque « billion laughs ») : la validation s'arrête
aussitôt au lieu de bloquer le site.

Exemple en erreur :

```yaml
tags: &t [acte, naissance]
aliases: *t
```

Exemple correct :

```yaml
tags: [acte, naissance]
aliases: [acte de naissance, extrait de naissance]
```
"""

from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.source import DefectKind

RULE = Rule("KB007", "yaml-alias", Level.ERROR)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    for d in answer.src.defects:
        if d.kind is DefectKind.ALIAS:
            yield RULE.at(
                answer.rel,
                d.line,
                d.column,
                "ancre ou alias YAML non autorisé dans l'en-tête",
                fix="recopiez la valeur au lieu d'utiliser &nom / *nom / <<:",
            )
