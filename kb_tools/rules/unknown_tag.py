"""Chaque étiquette doit être déclarée dans `kb.yml` (section `tags`).

Le vocabulaire est fermé pour que la recherche et les pages d'étiquettes
restent cohérentes ; pour une nouvelle étiquette, ajoutez-la d'abord à `kb.yml`.

Exemple en erreur :

```yaml
tags: [naissances, etat civil]
```

Exemple correct :

```yaml
tags: [naissance, acte]
```
"""

from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.text import quote_list, suggest

RULE = Rule("KB102", "unknown-tag", Level.ERROR)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    if not answer.readable:
        return
    tags = ctx.kb.config.tags
    for key, tag in answer.items("tags"):
        if not isinstance(tag, str) or tag in tags:
            continue
        close = suggest(tag, tags)
        fix = (
            f"étiquettes proches : {', '.join(close)}"
            if close
            else f"étiquettes connues : {quote_list(tags, limit=40)}"
        )
        yield RULE.on(
            answer,
            key,
            f"étiquette inconnue « {tag} »",
            expected="une clé de la section tags de kb.yml",
            received=tag,
            fix=fix + " (ou déclarez-la dans kb.yml)",
        )
