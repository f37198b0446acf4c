"""Une réponse dont la date `valid_until` est passée doit être revérifiée.

Règle activée par `kb validate --check-expiry` et par `kb expiry` (contrôle de
chaque nuit). Dans une demande de fusion, une réponse **modifiée** et expirée
est une erreur (renouvelez `valid_until` en la touchant) ; les autres réponses
expirées ne sont que des avertissements, pour que personne ne soit bloqué par
la réponse d'un autre service.

Exemple en erreur (contrôle du 1er juillet 2027) :

```yaml
valid_until: 2027-06-30
```

Exemple correct : après vérification du contenu,

```yaml
reviewed: 2027-07-01
valid_until: 2028-01-31
```
"""

from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule

RULE = Rule("KB301", "expired", Level.ERROR, default=False)
SOFT = Rule(RULE.id, RULE.name, Level.WARNING, default=False)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    until = answer.valid_until
    if until is None or answer.status != "published" or until >= ctx.today:
        return
    rule = RULE if ctx.changed is None or answer.rel in ctx.changed else SOFT
    days = (ctx.today - until).days
    yield rule.on(
        answer,
        ("valid_until",),
        f"réponse expirée depuis {days} jour(s)",
        expected=f"une date après le {ctx.today.isoformat()}",
        received=until.isoformat(),
        fix="revérifiez la réponse auprès des sources, puis mettez à jour « reviewed » et « valid_until »",
    )
