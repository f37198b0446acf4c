"""Pas de coordonnées bancaires (IBAN) dans une réponse ni dans `kb.yml`.

Seuls les IBAN dont la clé de contrôle est juste sont signalés, groupés ou
non (espaces, espaces insécables, tirets). Le texte, chaque valeur de
l'en-tête, le nom du fichier et chaque valeur de `kb.yml` sont vérifiés.
Tous les rapports masquent le numéro.

Exemple en erreur :

```markdown
Remboursement sur FR76 3000 6000 0112 3456 7890 189.
```

Exemple correct :

```markdown
Le remboursement est versé sur le compte dont l'usager a fourni le RIB.
```
"""

from collections.abc import Iterator

from kb_tools import pii
from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules import _pii
from kb_tools.rules._base import Context, Rule, Scope

RULE = Rule("KB502", "personal-iban", Level.ERROR, scope=Scope.ANSWER | Scope.CONFIG)
MESSAGE = "coordonnées bancaires (IBAN)"
FIX = "supprimez ce numéro : une réponse ne contient jamais de donnée personnelle"


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    yield from _pii.check_answer(RULE, answer, ctx, pii.IBAN, MESSAGE, fix=FIX)


def check_config(ctx: Context) -> Iterator[Problem]:
    yield from _pii.check_config(RULE, ctx, pii.IBAN, MESSAGE, fix="supprimez ce numéro de kb.yml")
