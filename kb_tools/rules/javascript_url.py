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

import html
import itertools
import re
from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.rules._html import first_match

RULE = Rule("KB403", "javascript-url", Level.ERROR)
URL_RE = re.compile(
    r"(?:\]\(\s*<?|\]:\s*|(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?|<)\s*(?:j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|vbscript|data\s*:\s*text/html)\s*:?",
    re.IGNORECASE,
)


OPENERS = ("](", "](<", "]:", "=", '="', "='", "<")
MESSAGE = "lien qui exécute du code (javascript:) interdit"
FIX = "utilisez une adresse https:// vers la page officielle"


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    for line, column, text in first_match(URL_RE, answer, needs=("](", "]:", "=", "<")):
        yield RULE.at(answer.rel, line, column, MESSAGE, received=text, fix=FIX)
    # Markdown lets a link's destination start on the next line: `[x](` + newline.
    lines = answer.prose
    for (lineno, line), (next_no, next_line) in itertools.pairwise(lines):
        if next_no != lineno + 1 or not line.rstrip().endswith(OPENERS):
            continue
        line, next_line = html.unescape(line), html.unescape(next_line)
        joined = line + "\n" + next_line
        for m in URL_RE.finditer(joined):
            if m.start() < len(line) and "\n" in m.group():
                yield RULE.at(
                    answer.rel, lineno, m.start() + 1, MESSAGE, received=m.group().replace("\n", " "), fix=FIX
                )
