"""Les dates doivent être cohérentes : `reviewed` n'est pas dans le futur et
précède `valid_until`.

Niveau avertissement : la réponse reste publiée, mais une date de vérification
dans le futur ou postérieure à la fin de validité est presque toujours une
faute de frappe.

Exemple en erreur (vérifié le 16 novembre 2026) :

```yaml
reviewed: 2027-11-16
valid_until: 2027-06-30
```

Exemple correct :

```yaml
reviewed: 2026-11-16
valid_until: 2027-06-30
```
"""

from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule

RULE = Rule("KB109", "date-order", Level.WARNING)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    reviewed, until = answer.reviewed, answer.valid_until
    if not answer.readable or reviewed is None:
        return
    if reviewed > ctx.today:
        yield RULE.on(
            answer,
            ("reviewed",),
            "la date de vérification est dans le futur",
            expected=f"au plus tard {ctx.today.isoformat()}",
            received=reviewed.isoformat(),
            fix="indiquez la date à laquelle la réponse a réellement été vérifiée",
        )
    if until is not None and until < reviewed:
        yield RULE.on(
            answer,
            ("valid_until",),
            "valid_until précède la date de vérification",
            expected=f"après {reviewed.isoformat()}",
            received=until.isoformat(),
            fix="la fin de validité est en général 6 à 12 mois après la vérification",
        )
