"""Les champs `title`, `service`, `tags` et `valid_until` sont obligatoires.

Exemple en erreur :

```yaml
title: "Obtenir un acte de naissance"
service: etat-civil
```

Exemple correct :

```yaml
title: "Obtenir un acte de naissance"
service: etat-civil
tags: [acte, naissance]
valid_until: 2027-06-30
```
"""

from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.schema import FIELDS, REQUIRED

RULE = Rule("KB103", "missing-field", Level.ERROR)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    if not answer.readable:
        return
    for name in REQUIRED:
        value = answer.meta.get(name)
        if value is None or value == "" or value == []:
            spec = FIELDS[name]
            what = "absent" if name not in answer.meta else "vide"
            yield RULE.on(
                answer,
                (name,),
                f"champ obligatoire « {name} » {what}",
                expected=f"{name}: {spec.example}",
                fix=f"ajoutez « {name}: » ({spec.doc})",
            )
