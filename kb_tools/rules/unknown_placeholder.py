"""Les informations locales s'écrivent avec un repère `{{ section.cle }}`
déclaré dans `kb.yml` (section `local`).

Adresses, horaires et téléphones sont ainsi saisis une seule fois : un
changement d'horaires est une seule modification de `kb.yml`.

Exemple en erreur :

```markdown
Téléphone : {{ mairie.tel }}
```

Exemple correct :

```markdown
Téléphone : {{ mairie.telephone }}
```
"""

from collections.abc import Iterator

from kb_tools import scan
from kb_tools.model import Answer
from kb_tools.places import known_keys
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.text import did_you_mean

RULE = Rule("KB205", "unknown-placeholder", Level.ERROR)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    local = known_keys(ctx.kb.config.local, ctx.kb.config.places)  # defaults and places' own keys
    for name, line, column in scan.placeholders(answer.src.body, answer.src.body_line, answer.prose):
        if name not in local:
            hint = did_you_mean(name, local)
            yield RULE.at(
                answer.rel,
                line,
                column,
                f"repère inconnu « {{{{ {name} }}}} »",
                expected="un repère déclaré sous « local: » dans kb.yml",
                received=name,
                fix=hint or "déclarez la valeur sous « local: » dans kb.yml ou corrigez le nom",
            )
