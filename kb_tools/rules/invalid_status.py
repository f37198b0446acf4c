"""`status` vaut `draft`, `published` ou `archived` (par défaut `published`).

- `draft` : brouillon, validé mais non publié sur le site ;
- `archived` : la page reste à la même adresse avec un avertissement et sort
  de la recherche.

Exemple en erreur :

```yaml
status: brouillon
```

Exemple correct :

```yaml
status: draft
```
"""

from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.schema import STATUSES
from kb_tools.text import did_you_mean

RULE = Rule("KB106", "invalid-status", Level.ERROR)
_FRENCH = {
    "brouillon": "draft",
    "publie": "published",
    "publié": "published",
    "archive": "archived",
    "archivé": "archived",
}


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    value = answer.meta.get("status")
    if not answer.readable or value is None or not isinstance(value, str) or value in STATUSES:
        return
    hint = _FRENCH.get(value.strip().lower())
    fix = (
        f"vouliez-vous dire « {hint} » ?"
        if hint
        else (did_you_mean(value, STATUSES) or "supprimez le champ pour publier")
    )
    yield RULE.on(
        answer, ("status",), f"statut inconnu « {value} »", expected=", ".join(STATUSES), received=value, fix=fix
    )
