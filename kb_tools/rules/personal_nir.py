"""Pas de numéro de sécurité sociale (NIR) dans une réponse ni dans `kb.yml`.

Un usager a pu le laisser dans une question reprise telle quelle. Seuls les
numéros dont la clé de contrôle est juste sont signalés (13 chiffres + clé,
Corse 2A/2B comprise), quels que soient les séparateurs : espaces (y compris
insécables, copiés de Word ou d'un PDF), points, tirets, barres obliques.
Le texte, chaque valeur de l'en-tête, le nom du fichier et chaque valeur de
`kb.yml` sont vérifiés. Tous les rapports masquent le numéro.

Exemple en erreur :

```markdown
L'usager (NIR 2 84 05 75 116 001 40) demande sa carte Vitale.
```

Exemple correct :

```markdown
L'usager demande sa carte Vitale : il doit connaître son numéro de sécurité sociale.
```
"""

from collections.abc import Iterator

from kb_tools import pii
from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules import _pii
from kb_tools.rules._base import Context, Rule, Scope

RULE = Rule("KB501", "personal-nir", Level.ERROR, scope=Scope.ANSWER | Scope.CONFIG)
MESSAGE = "numéro de sécurité sociale (NIR) d'une personne"
FIX = "supprimez ce numéro : une réponse ne contient jamais de donnée personnelle"


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    yield from _pii.check_answer(RULE, answer, ctx, pii.NIR, MESSAGE, fix=FIX)


def check_config(ctx: Context) -> Iterator[Problem]:
    yield from _pii.check_config(RULE, ctx, pii.NIR, MESSAGE, fix="supprimez ce numéro de kb.yml")
