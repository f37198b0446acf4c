"""Pas d'attributs HTML de gestion d'événements (`onclick=`, `onerror=`…).

Ces attributs exécutent du code dans le navigateur de l'agent.

Exemple en erreur :

```markdown
<img src="plan.png" onerror="alert(1)">
```

Exemple correct :

```markdown
![Plan d'accès](plan.png)
```
"""

import re
from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.rules._html import first_match

RULE = Rule("KB402", "event-handler", Level.ERROR)
# From a tag start to the handler: unquoted characters, quoted values (which may
# hold ">", as in title="a>b"), or a "<" that starts no tag. A "<letter" ends
# the scan: it is a tag start of its own, where the next search begins. So
# each character is read from one tag start only, and the scan stays linear.
HANDLER_RE = re.compile(
    r"<[a-zA-Z](?:[^<>\"']|\"[^\"]*+\"|'[^']*+'|<(?![a-zA-Z]))*?(?<=[\s/\"'])on[a-zA-Z]+\s*+=", re.IGNORECASE
)
NAME_RE = re.compile(r"on[a-zA-Z]+(?=\s*=$)", re.IGNORECASE)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    for line, column, text in first_match(HANDLER_RE, answer, needs=("<",)):
        name = NAME_RE.search(text)
        attr = name.group() if name else "on…"
        yield RULE.at(
            answer.rel,
            line,
            column,
            f"attribut HTML « {attr}= » interdit",
            received=text[-60:],
            fix="retirez l'attribut ; utilisez la syntaxe Markdown pour les images et les liens",
        )
