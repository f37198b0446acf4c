"""Pas de coordonnées bancaires (IBAN) dans une réponse.

Seuls les IBAN dont la clé de contrôle est juste sont signalés. Le rapport
masque le numéro.

Exemple en erreur :

```markdown
Remboursement sur FR76 3000 6000 0112 3456 7890 189.
```

Exemple correct :

```markdown
Le remboursement est versé sur le compte dont l'usager a fourni le RIB.
```
"""

import re
from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.rules._pii import mask, matches

RULE = Rule("KB502", "personal-iban", Level.ERROR)
# The scan looks for the check digits and what follows them, then checks the
# two letters of the country code before them in Python: a pattern that starts
# with digits lets the regex engine skip the (mostly alphabetic) text quickly.
IBAN_RE = re.compile(r"[0-9][0-9](?: ?[A-Za-z0-9]){11,30}(?!\w)")


def country_code_before(match: re.Match[str]) -> bool:
    """Two ASCII letters right before the check digits, starting a word."""
    start, text = match.start(), match.string
    if start < 2 or not (text[start - 2 : start].isascii() and text[start - 2 : start].isalpha()):
        return False
    return start == 2 or not (text[start - 3].isalnum() or text[start - 3] == "_")


def is_iban(candidate: str) -> bool:
    compact = candidate.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(c, 36)) for c in rearranged)
    return int(digits) % 97 == 1


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    for line, column, m in matches(IBAN_RE, answer):
        if not country_code_before(m):
            continue
        column -= 2
        # An IBAN may be followed by words: try the longest prefix that checks out.
        value = m.string[m.start() - 2 : m.end()]
        groups = value.split(" ")
        for end in range(len(groups), 0, -1):
            if is_iban(" ".join(groups[:end])):
                yield RULE.at(
                    answer.rel,
                    line,
                    column,
                    "coordonnées bancaires (IBAN)",
                    received=mask(value),
                    fix="supprimez ce numéro : une réponse ne contient jamais de donnée personnelle",
                )
                break
