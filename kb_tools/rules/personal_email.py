"""Pas d'adresse e-mail personnelle dans une réponse ni dans `kb.yml`.

Sont autorisées les adresses déclarées dans `kb.yml` (`contacts.emails`, les
valeurs de `local`), celles des domaines de `contacts.domains`, celles des
domaines publics de l'État (`gouv.fr`, `service-public.fr`) et celles que
publient les fiches importées (`contacts-service-public.yml`, écrit par
`kb import`). Les adresses déguisées sont reconnues : `jean [at] exemple.fr`,
`arobase`, `&#64;`, `exemple\\.fr`, `%40`. Les fiches importées de
Service-Public.fr sont vérifiées comme le reste. Tous les rapports masquent
l'adresse.

Exemple en erreur :

```markdown
Écrire à jean.exemple@gmail.com pour le suivi.
```

Exemple correct :

```markdown
Écrire au service : {{ etat_civil.courriel }}
```
"""

from collections.abc import Iterator

from kb_tools import pii
from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules import _pii
from kb_tools.rules._base import Context, Rule, Scope

RULE = Rule("KB503", "personal-email", Level.ERROR, scope=Scope.ANSWER | Scope.CONFIG)
MESSAGE = "adresse e-mail qui n'est pas un contact institutionnel"
EXPECTED = "une adresse déclarée dans kb.yml (contacts ou local)"
FIX = "utilisez un repère {{ … }} de kb.yml, ou déclarez l'adresse institutionnelle dans contacts.emails"


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    yield from _pii.check_answer(RULE, answer, ctx, pii.EMAIL, MESSAGE, expected=EXPECTED, fix=FIX)


def check_config(ctx: Context) -> Iterator[Problem]:
    yield from _pii.check_config(
        RULE,
        ctx,
        pii.EMAIL,
        MESSAGE,
        expected=EXPECTED,
        fix="déclarez l'adresse institutionnelle dans contacts.emails, ou supprimez-la",
    )
