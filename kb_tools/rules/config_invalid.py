"""Le fichier de configuration `kb.yml` doit être valide.

Il déclare les services (clé, libellé, responsable, description), les
étiquettes (clé, libellé, synonymes), le glossaire, les informations locales
(repères `{{ … }}`) et les contacts institutionnels. Une erreur dans ce fichier
est signalée avec sa ligne, comme pour une réponse.

Exemple en erreur :

```yaml
services:
  etat-civil:
    label: "État civil"
```

Exemple correct :

```yaml
services:
  etat-civil:
    label: "État civil"
    owner: "@exempleville/etat-civil"
```
"""

from collections.abc import Iterator

from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule, Scope

RULE = Rule("KB900", "config-invalid", Level.ERROR, scope=Scope.CONFIG)


def check_config(ctx: Context) -> Iterator[Problem]:
    cfg = ctx.kb.config
    for d in cfg.defects:
        yield RULE.at(cfg.path, d.line, d.column, d.message, expected=d.expected, received=d.received, fix=d.fix)
