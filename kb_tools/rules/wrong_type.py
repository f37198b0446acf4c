"""Chaque champ a un type : texte, liste ou date.

`tags`, `aliases`, `sources` et `related` sont des listes (une valeur seule est
acceptée et vaut une liste d'un élément) ; `title`, `service`, `owner`,
`audience`, `status` et `description` sont des textes ; `origin` est une table.

Exemple en erreur :

```yaml
title: [Acte, naissance]
tags: {acte: oui}
```

Exemple correct :

```yaml
title: "Acte de naissance"
tags: [acte]
```
"""

from collections.abc import Iterator
from typing import Any

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.schema import FIELDS
from kb_tools.text import short

RULE = Rule("KB104", "wrong-type", Level.ERROR)

_NAMES = {str: "texte", int: "nombre", float: "nombre", bool: "oui/non", list: "liste", dict: "table"}


def _type_name(value: Any) -> str:
    return _NAMES.get(type(value), type(value).__name__)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    if not answer.readable:
        return
    for name, value in answer.meta.items():
        spec = FIELDS.get(name)
        if spec is None or value is None:
            continue
        if spec.kind in ("text", "key") and not isinstance(value, str):
            if isinstance(value, (int, float)) and not isinstance(value, bool) and name == "title":
                continue
            yield RULE.on(
                answer,
                (name,),
                f"« {name} » doit être un texte",
                expected=f"{name}: {spec.example}",
                received=f"{_type_name(value)} {short(value)}",
                fix="écrivez une seule valeur texte, entre guillemets si besoin",
            )
        elif spec.kind == "list":
            items = value if isinstance(value, list) else [value]
            if isinstance(value, dict):
                yield RULE.on(
                    answer,
                    (name,),
                    f"« {name} » doit être une liste",
                    expected=f"{name}: {spec.example}",
                    received=f"table {short(value)}",
                    fix="écrivez [valeur1, valeur2] ou une valeur par ligne précédée de « - »",
                )
                continue
            for i, item in enumerate(items):
                if not isinstance(item, (str, int)) or isinstance(item, bool):
                    yield RULE.on(
                        answer,
                        (name, i),
                        f"élément {i + 1} de « {name} » : un texte est attendu",
                        expected="un texte",
                        received=f"{_type_name(item)} {short(item)}",
                        fix="mettez l'élément entre guillemets ou retirez l'imbrication",
                    )
        elif spec.kind == "mapping" and not isinstance(value, dict):
            yield RULE.on(
                answer, (name,), f"« {name} » doit être une table", expected=spec.example, received=_type_name(value)
            )
