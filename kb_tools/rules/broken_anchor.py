"""Un lien vers une section (`#ancre`) doit viser un titre qui existe.

L'ancre d'un titre est son texte en minuscules, sans accents, les espaces
remplacés par des tirets : « Où s'adresser » → `#ou-sadresser`.

Exemple en erreur :

```markdown
Voir [les pièces](#pieces-a-fournir).
```

Exemple correct :

```markdown
Voir [les pièces](#ce-que-lusager-doit-fournir).
```
"""

import heapq
from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.text import did_you_mean
from kb_tools.urls import resolve_link

RULE = Rule("KB204", "broken-anchor", Level.ERROR)


HINTS_PER_FILE = 50  # suggestions for the first broken anchors of a file (each reads every anchor)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    hints = HINTS_PER_FILE
    listed: dict[str, str] = {}  # doc path -> its first anchors, for the fix
    for link in answer.links:
        resolved = resolve_link(answer.rel, link.target)
        if resolved is None or not resolved[1]:
            continue
        doc_path, anchor = resolved
        if doc_path not in ctx.kb.doc_files:
            continue  # reported by KB203
        anchors = ctx.kb.anchors_of(doc_path)
        if anchors is None or anchor in anchors:
            continue
        hints -= 1
        hint = did_you_mean(anchor, anchors) if hints >= 0 else ""
        yield RULE.at(
            answer.rel,
            link.line,
            link.column,
            f"section « #{anchor} » introuvable dans {doc_path}",
            expected="l'ancre d'un titre de la page visée",
            received=f"#{anchor}",
            fix=hint or "sections existantes : " + _first(listed, doc_path, anchors),
        )


def _first(listed: dict[str, str], doc_path: str, anchors: frozenset[str]) -> str:
    if doc_path not in listed:
        listed[doc_path] = ", ".join(heapq.nsmallest(10, anchors))
    return listed[doc_path]
