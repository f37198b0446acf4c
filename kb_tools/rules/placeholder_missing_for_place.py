"""Chaque repère `{{ section.cle }}` qu'une réponse utilise doit avoir une
valeur pour chacun des lieux déclarés sous `places:` dans `kb.yml`.

Un lieu (la mairie, un espace France Services, une permanence du bus France
Services) hérite des informations de `local:` (les valeurs par défaut du
territoire) et n'écrit sous son propre `local:` que ce qui change. Une
information déclarée seulement dans certains lieux, et pas dans `local:`,
n'a pas de valeur pour les autres : une réponse qui l'utilise est signalée
une fois par lieu où elle manque (à sa première utilisation dans la
réponse), car l'agent de ce lieu lirait un repère vide. Un repère déclaré
nulle part relève de la règle KB205.

Sans section `places:`, cette règle ne signale rien.

Exemple en erreur :

```yaml
local:
  mairie:
    horaires: "du lundi au vendredi de 8 h 30 à 17 h 30"
places:
  mairie:
    label: "Hôtel de ville d'Exempleville"
  bus-trifouillis:
    label: "France Services itinérant — permanence de Trifouillis"
    local:
      france_services:
        permanence: "2e et 4e mardis du mois, salle des fêtes"
```

```markdown
Le bus passe {{ france_services.permanence }}.
```

Exemple correct :

```yaml
local:
  france_services:
    permanence: "voir l'accueil de l'espace France Services"
```
"""

from collections.abc import Iterator

from kb_tools import scan
from kb_tools.model import Answer
from kb_tools.places import known_keys, missing_for
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule

RULE = Rule("KB206", "placeholder-missing-for-place", Level.ERROR)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    config = ctx.kb.config
    if not config.places:
        return
    known = known_keys(config.local, config.places)
    seen: set[str] = set()
    for name, line, column in scan.placeholders(answer.src.body, answer.src.body_line, answer.prose):
        if name in seen or name not in known:  # unknown everywhere: KB205
            continue
        seen.add(name)
        section, _, leaf = name.rpartition(".")
        for place in missing_for(name, config.local, config.places):
            yield RULE.at(
                answer.rel,
                line,
                column,
                f"le repère « {{{{ {name} }}}} » n'a pas de valeur pour le lieu « {place.key} » ({place.label})",
                expected=f"« {name} » sous « local: » ou sous « places: {place.key}: local: » dans kb.yml",
                received=f"aucune valeur pour « {place.key} »",
                fix=(
                    f"ajoutez « {leaf}: … » sous « places: {place.key}: local: {section}: » dans kb.yml, "
                    f"ou une valeur par défaut sous « local: {section}: »"
                ),
            )
