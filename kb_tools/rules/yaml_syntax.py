"""L'en-tête doit être du YAML valide.

Le numéro de ligne indiqué est celui du fichier (pas celui de l'en-tête seul).
Causes fréquentes : deux-points dans un titre non entouré de guillemets,
indentation irrégulière, guillemet non fermé.

Exemple en erreur :

```yaml
title: Carte d'identité : renouvellement
tags: [identite
```

Exemple correct :

```yaml
title: "Carte d'identité : renouvellement"
tags: [identite]
```
"""

from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.source import DefectKind

RULE = Rule("KB004", "yaml-syntax", Level.ERROR)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    for d in answer.src.defects:
        if d.kind is DefectKind.YAML_SYNTAX:
            yield RULE.at(
                answer.rel,
                d.line,
                d.column,
                "erreur de syntaxe YAML dans l'en-tête",
                received=d.detail,
                fix="vérifiez cette ligne : mettez les textes contenant « : » ou « # » entre guillemets, fermez les crochets et les guillemets, gardez la même indentation",
            )
