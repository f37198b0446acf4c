"""Seuls les champs du contrat de réponse sont acceptés dans l'en-tête.

Une faute de frappe dans un nom de champ ferait disparaître l'information sans
bruit : elle est signalée avec le champ le plus proche.

Exemple en erreur :

```yaml
valid_untill: 2027-06-30
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
from kb_tools.schema import FIELDS
from kb_tools.text import did_you_mean, quote_list

RULE = Rule("KB100", "unknown-key", Level.ERROR)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    if not answer.readable:
        return
    for key in answer.meta:
        if key not in FIELDS:
            hint = did_you_mean(key, FIELDS)
            yield RULE.on(
                answer,
                (key,),
                f"champ inconnu « {key} »",
                expected=quote_list(FIELDS, limit=20),
                received=key,
                fix=hint or "supprimez ce champ ou corrigez son nom",
            )
