"""Un champ ne doit apparaître qu'une fois dans l'en-tête.

YAML garderait silencieusement la dernière valeur : la première serait perdue.

Exemple en erreur :

```yaml
valid_until: 2027-01-31
valid_until: 2027-06-30
```

Exemple correct :

```yaml
valid_until: 2027-06-30
```
"""

from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.source import DefectKind

RULE = Rule("KB006", "duplicate-key", Level.ERROR)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    for d in answer.src.defects:
        if d.kind is DefectKind.DUPLICATE_KEY:
            first = f" (déjà présent ligne {d.extra})" if d.extra and d.extra != "0" else ""
            yield RULE.at(
                answer.rel,
                d.line,
                d.column,
                f"le champ « {d.detail} » apparaît deux fois{first}",
                fix="gardez une seule ligne pour ce champ",
            )
