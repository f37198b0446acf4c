"""Pas de numéro de sécurité sociale (NIR) dans une réponse.

Un usager a pu le laisser dans une question reprise telle quelle. Seuls les
numéros dont la clé de contrôle est juste sont signalés (13 chiffres + clé,
espaces et points acceptés, Corse 2A/2B comprise). Le rapport masque le numéro.

Exemple en erreur :

```markdown
L'usager (NIR 2 84 05 75 116 001 40) demande sa carte Vitale.
```

Exemple correct :

```markdown
L'usager demande sa carte Vitale : il doit connaître son numéro de sécurité sociale.
```
"""

import re
from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.rules._pii import mask, matches, starts_a_word

RULE = Rule("KB501", "personal-nir", Level.ERROR)
# No look-behind here (it makes the scan twice as slow): the character before
# a match is checked in Python, see ``starts_a_word``.
NIR_RE = re.compile(
    r"([1-478])[ .-]?(\d{2})[ .-]?(\d{2})[ .-]?(\d{2}|2[AB])[ .-]?(\d{3})[ .-]?(\d{3})[ .-]?(\d{2})(?![\w])",
    re.IGNORECASE,
)


def is_nir(match: re.Match[str]) -> bool:
    sex, year, month, dept, commune, order, key = match.groups()
    dept = dept.upper()
    dept_digits = {"2A": "19", "2B": "18"}.get(dept, dept)
    number = int(sex + year + month + dept_digits + commune + order)
    return 97 - number % 97 == int(key)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    for line, column, m in matches(NIR_RE, answer):
        if starts_a_word(m) and is_nir(m):
            yield RULE.at(
                answer.rel,
                line,
                column,
                "numéro de sécurité sociale (NIR) d'une personne",
                received=mask(m.group()),
                fix="supprimez ce numéro : une réponse ne contient jamais de donnée personnelle",
            )
