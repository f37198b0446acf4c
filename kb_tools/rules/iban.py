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
from kb_tools.rules._pii import all_lines, mask

RULE = Rule("KB502", "personal-iban", Level.ERROR)
IBAN_RE = re.compile(r"(?<![\w])([A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30})(?![\w])", re.IGNORECASE)


def is_iban(candidate: str) -> bool:
    compact = candidate.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(c, 36)) for c in rearranged)
    return int(digits) % 97 == 1


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    for line, text in all_lines(answer):
        for m in IBAN_RE.finditer(text):
            # An IBAN may be followed by words: try the longest prefix that checks out.
            value = m.group(1)
            groups = value.split(" ")
            for end in range(len(groups), 0, -1):
                if is_iban(" ".join(groups[:end])):
                    yield RULE.at(
                        answer.rel,
                        line,
                        m.start() + 1,
                        "coordonnées bancaires (IBAN)",
                        received=mask(value),
                        fix="supprimez ce numéro : une réponse ne contient jamais de donnée personnelle",
                    )
                    break
