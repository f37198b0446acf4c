"""Une réponse publiée ne garde aucun texte du modèle de `kb new`.

`kb new` écrit un brouillon (`status: draft`, non publié) dont chaque
consigne commence par « À compléter : ». Tant qu'une de ces consignes reste
dans une réponse publiée, l'agent lirait la consigne au lieu de la réponse.

Exemple en erreur (réponse sans `status: draft`) :

```markdown
## En bref

À compléter : la réponse à donner à l'usager en deux ou trois phrases.
```

Exemple correct :

```markdown
## En bref

L'acte de naissance se demande à la mairie du lieu de naissance, gratuitement.
```

Tant que la réponse n'est pas prête, gardez `status: draft` : elle est validée
mais pas publiée.
"""

import re
from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule

RULE = Rule("KB111", "template-text", Level.ERROR)

# « À compléter : » at the start of a line, a list item or a task item
# (accents optional: "A completer :" typed on a keyboard without them).
MARKER_RE = re.compile(
    r"^\s*(?:>\s*)*(?:(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?)?([àa]\s+compl[ée]ter\s*:)", re.IGNORECASE
)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    if not answer.readable or answer.status == "draft":
        return
    for line_no, line in answer.prose:
        match = MARKER_RE.match(line)
        if match is None:
            continue
        yield RULE.at(
            answer.rel,
            line_no,
            match.start(1) + 1,
            "texte du modèle laissé dans une réponse publiée",
            expected="le vrai texte de la réponse",
            received=_shortened(line.strip()),
            fix="remplacez la consigne « À compléter : … » par le contenu à donner à l'usager ; "
            "tant que la réponse n'est pas prête, remettez « status: draft » (brouillon non publié)",
        )


def _shortened(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
