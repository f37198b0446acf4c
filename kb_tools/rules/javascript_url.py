"""Pas de liens `javascript:`, `vbscript:` ou `data:text/html`.

Un tel lien exécute du code au clic au lieu d'ouvrir une page. Le contrôle
voit aussi une adresse renvoyée à la ligne suivante (`[texte](` en fin de ligne).

Exemple en erreur :

```markdown
[Ouvrir le formulaire](javascript:ouvrir())
```

Exemple correct :

```markdown
[Ouvrir le formulaire](https://www.service-public.fr/particuliers/vosdroits/R1406)
```
"""

import re
from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.rules._html import first_match

RULE = Rule("KB403", "javascript-url", Level.ERROR)
URL_RE = re.compile(
    r"(?:\]\(\s*+<?|\]:|(?:href|src|action|formaction|xlink:href)\s*+=\s*+[\"']?|<)\s*+(?:j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|vbscript|data\s*:\s*text/html)\s*:?",
    re.IGNORECASE,
)


# Every match names one of these schemes: texts without any are skipped at once.
# (Searched in the lower-cased text: a case-insensitive regex is much slower.)
SCHEME_RE = re.compile(r"j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|vbscript|data\s*:\s*text/html")
MESSAGE = "lien qui exécute du code (javascript:) interdit"
FIX = "utilisez une adresse https:// vers la page officielle"


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    for line, column, text in first_match(URL_RE, answer, needs=("](", "]:", "=", "<"), gate=SCHEME_RE):
        yield RULE.at(answer.rel, line, column, MESSAGE, received=text, fix=FIX)
