"""Une réponse qui expire bientôt (30 jours par défaut, réglable dans
`kb.yml`, `freshness.expiring_days`) est signalée pour être revérifiée à temps.

Règle activée par `kb validate --check-expiry` et par `kb expiry`. Niveau
avertissement.

Exemple en erreur (contrôle du 15 juin 2027) :

```yaml
valid_until: 2027-06-30
```

Exemple correct :

```yaml
valid_until: 2027-12-31
```
"""

from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule

RULE = Rule("KB302", "expiring-soon", Level.WARNING, default=False)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    until = answer.valid_until
    if until is None or answer.status != "published" or not answer.expires_within(ctx.today, ctx.expiring_days):
        return
    days = (until - ctx.today).days
    yield RULE.on(
        answer,
        ("valid_until",),
        f"réponse à revérifier : expire dans {days} jour(s)",
        received=until.isoformat(),
        fix="revérifiez la réponse puis repoussez « valid_until »",
    )
