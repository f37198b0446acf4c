"""Les liens internes doivent mener à un fichier qui existe.

Les liens s'écrivent avec le chemin relatif du fichier `.md` visé, depuis le
dossier de la réponse.

Exemple en erreur :

```markdown
Voir [le livret de famille](livret-famille.md).
```

Exemple correct :

```markdown
Voir [le livret de famille](livret-de-famille.md) ou
[la carte d'identité](../identite/cni-premiere-demande.md).
```
"""

import functools
from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.text import did_you_mean
from kb_tools.urls import resolve_link

RULE = Rule("KB203", "broken-link", Level.ERROR)


@functools.lru_cache(maxsize=8)
def file_names(doc_files: frozenset[str]) -> frozenset[str]:
    return frozenset(p.rsplit("/", 1)[-1] for p in doc_files)


# Suggestions are computed for the first broken links of a file only: each
# one compares the name with every file of the base.
HINTS_PER_FILE = 50


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    kb = ctx.kb
    hints = HINTS_PER_FILE
    for link in answer.links:
        resolved = resolve_link(answer.rel, link.target)
        if resolved is None:
            continue
        doc_path, _ = resolved
        if doc_path in kb.doc_files or doc_path in kb.virtual_pages:
            continue
        hints -= 1
        hint = did_you_mean(doc_path.rsplit("/", 1)[-1], file_names(kb.doc_files)) if hints >= 0 else ""
        yield RULE.at(
            answer.rel,
            link.line,
            link.column,
            "lien vers un fichier qui n'existe pas",
            expected="le chemin relatif d'un fichier de docs/",
            received=link.target,
            fix=hint
            or "vérifiez le chemin ; depuis une réponse, « ../service/identifiant.md » mène à une autre réponse",
        )
