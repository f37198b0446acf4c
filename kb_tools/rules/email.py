"""Pas d'adresse e-mail personnelle dans une réponse.

Sont autorisées les adresses déclarées dans `kb.yml` (`contacts.emails`, les
valeurs de `local`) et celles des domaines de `contacts.domains`. Les fiches
importées de Service-Public.fr ne sont pas concernées (contenu public).

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

from kb_tools.config import email_addresses
from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.rules._pii import mask

RULE = Rule("KB503", "personal-email", Level.ERROR)


def allowed(address: str, emails: frozenset[str], domains: frozenset[str]) -> bool:
    address = address.lower()
    domain = address.rsplit("@", 1)[-1]
    return address in emails or any(domain == d or domain.endswith("." + d) for d in domains)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    if answer.imported:
        return
    cfg = ctx.kb.config
    if "@" not in answer.src.text:
        return
    located = answer.located
    for offset, address in email_addresses(located.text):
        if not allowed(address, cfg.emails, cfg.domains):
            line, column = located.position(offset)
            yield RULE.at(
                answer.rel,
                line,
                column,
                "adresse e-mail qui n'est pas un contact institutionnel",
                expected="une adresse déclarée dans kb.yml (contacts ou local)",
                received=mask(address),
                fix="utilisez un repère {{ … }} de kb.yml, ou déclarez l'adresse institutionnelle dans contacts.emails",
            )
