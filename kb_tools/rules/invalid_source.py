"""Une source est une adresse web (`https://…`) ou un identifiant de fiche
Service-Public.fr (`F1427`, `R1406`, `N358`).

Un texte libre est aussi accepté s'il contient « Source : » (mention
d'attribution des fiches importées). Une adresse qui contient un identifiant ou
un jeton (`https://nom:motdepasse@…`, `?private_token=…`) est refusée : les
sources sont publiées sur la page ; le message la montre masquée.

Exemple en erreur :

```yaml
sources: [site de la CAF]
```

Exemple correct :

```yaml
sources: [F1427, https://www.caf.fr/allocataires]
```
"""

import re
from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.text import redact_url

RULE = Rule("KB108", "invalid-source", Level.ERROR)
SP_ID_RE = re.compile(r"^[FRN]\d{1,6}$")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


def is_valid_source(value: str) -> bool:
    return bool(SP_ID_RE.match(value) or URL_RE.match(value) or value.startswith("Source :"))


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    if not answer.readable:
        return
    for key, value in answer.items("sources"):
        if not isinstance(value, str):
            continue
        shown = redact_url(value)
        if shown != value:  # published on the answer page: never an identifier or a token
            yield RULE.on(
                answer,
                key,
                f"source qui contient un identifiant ou un jeton « {shown} »",
                expected="l'adresse publique de la page, sans identifiant ni jeton",
                received=shown,
                fix="copiez l'adresse de la page telle qu'un usager la voit, sans « nom:motdepasse@ » ni « ?token=… »",
            )
        elif not is_valid_source(value.strip()):
            yield RULE.on(
                answer,
                key,
                f"source non reconnue « {value} »",
                expected="une adresse https://… ou un identifiant Service-Public.fr comme F1427",
                received=value,
                fix="indiquez l'adresse de la page officielle ou le numéro de fiche",
            )
