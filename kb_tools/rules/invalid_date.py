"""Les dates s'écrivent au format ISO `AAAA-MM-JJ` et doivent exister.

Concerne `valid_until` et `reviewed`.

Exemple en erreur :

```yaml
valid_until: 30/06/2027
reviewed: 2027-02-30
```

Exemple correct :

```yaml
valid_until: 2027-06-30
reviewed: 2026-11-16
```
"""

from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.schema import DATE_FIELDS
from kb_tools.source import parse_iso_date
from kb_tools.text import short

RULE = Rule("KB105", "invalid-date", Level.ERROR)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    if not answer.readable:
        return
    for name in DATE_FIELDS:
        value = answer.meta.get(name)
        if value is None:
            continue
        _, reason = parse_iso_date(value)
        if reason == "impossible":
            yield RULE.on(
                answer,
                (name,),
                f"« {name} » : cette date n'existe pas",
                expected="une date du calendrier",
                received=short(value),
                fix="vérifiez le jour et le mois ; les dates s'écrivent 2027-06-30",
            )
        elif reason:
            yield RULE.on(
                answer,
                (name,),
                f"« {name} » n'est pas une date au format AAAA-MM-JJ",
                expected="2027-06-30",
                received=short(value),
                fix="les dates s'écrivent 2027-06-30 (année-mois-jour)",
            )
