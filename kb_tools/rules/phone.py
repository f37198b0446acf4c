"""Pas de numéro de téléphone personnel dans une réponse.

Sont autorisés les numéros déclarés dans `kb.yml` (`contacts.phones` et les
valeurs de `local`), comparés chiffres seuls (`+33 1` vaut `01`). Les numéros
courts nationaux (3939, 3646…) ne sont pas concernés. Les fiches importées de
Service-Public.fr ne le sont pas non plus (contenu public).

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

from kb_tools.config import phone_digits, phone_numbers
from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.rules._pii import mask

RULE = Rule("KB504", "personal-phone", Level.ERROR)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    if answer.imported:
        return
    phones = ctx.kb.config.phones
    located = answer.located
    for offset, number in phone_numbers(located.text):
        if phone_digits(number) not in phones:
            line, column = located.position(offset)
            yield RULE.at(
                answer.rel,
                line,
                column,
                "numéro de téléphone qui n'est pas un contact institutionnel",
                expected="un numéro déclaré dans kb.yml (contacts.phones ou local)",
                received=mask(number),
                fix="utilisez un repère {{ … }} de kb.yml, ou déclarez le numéro institutionnel dans contacts.phones",
            )
