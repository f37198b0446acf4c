"""Pas de numéro de téléphone personnel dans une réponse ni dans `kb.yml`.

Sont autorisés les numéros déclarés dans `kb.yml` (`contacts.phones` et les
valeurs de `local`), comparés chiffres seuls (`+33 1`, `+33 (0)1` et `0033 1`
valent `01`). Les numéros courts nationaux (3939, 3646…) et les numéros de
services en 08 ne sont pas concernés, ni ceux que publient les fiches
importées (`contacts-service-public.yml`, écrit par `kb import`). Tous les
séparateurs sont reconnus (espaces insécables, tirets, points, barres
obliques). Les fiches importées de Service-Public.fr sont vérifiées comme le
reste. Tous les rapports masquent le numéro.

Exemple en erreur :

```markdown
Rappeler l'usager au 06 12 34 56 78.
```

Exemple correct :

```markdown
Standard de la mairie : {{ mairie.telephone }}
```
"""

from collections.abc import Iterator

from kb_tools import pii
from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules import _pii
from kb_tools.rules._base import Context, Rule, Scope

RULE = Rule("KB504", "personal-phone", Level.ERROR, scope=Scope.ANSWER | Scope.CONFIG)
MESSAGE = "numéro de téléphone qui n'est pas un contact institutionnel"
EXPECTED = "un numéro déclaré dans kb.yml (contacts.phones ou local)"
FIX = "utilisez un repère {{ … }} de kb.yml, ou déclarez le numéro institutionnel dans contacts.phones"


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    yield from _pii.check_answer(RULE, answer, ctx, pii.PHONE, MESSAGE, expected=EXPECTED, fix=FIX)


def check_config(ctx: Context) -> Iterator[Problem]:
    yield from _pii.check_config(
        RULE,
        ctx,
        pii.PHONE,
        MESSAGE,
        expected=EXPECTED,
        fix="déclarez le numéro institutionnel dans contacts.phones, ou supprimez-le",
    )
