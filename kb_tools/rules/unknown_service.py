"""Le service doit être une clé déclarée dans `kb.yml` (section `services`).

Exemple en erreur :

```yaml
service: etat_civil
```

Exemple correct :

```yaml
service: etat-civil
```
"""

from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.text import did_you_mean, quote_list

RULE = Rule("KB101", "unknown-service", Level.ERROR)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    service = answer.service
    services = ctx.kb.config.services
    if not answer.readable or service is None or service in services:
        return
    hint = did_you_mean(service, services)
    fix = (hint + " " if hint else "") + f"services connus : {quote_list(services, limit=30)}"
    yield RULE.on(
        answer,
        ("service",),
        f"service inconnu « {service} »",
        expected="une clé de la section services de kb.yml",
        received=service,
        fix=fix,
    )
