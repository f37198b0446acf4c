"""Les réponses citées dans `related` doivent exister.

L'identifiant d'une réponse est le nom de son fichier sans `.md`
(`docs/reponses/etat-civil/livret-de-famille.md` → `livret-de-famille`).

Exemple en erreur :

```yaml
related: [livret-famille]
```

Exemple correct :

```yaml
related: [livret-de-famille]
```
"""

from collections.abc import Iterator

from kb_tools.model import Answer
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.text import did_you_mean

RULE = Rule("KB107", "unknown-related", Level.ERROR)


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    if not answer.readable:
        return
    by_id = ctx.kb.by_id
    for key, rid in answer.items("related"):
        if not isinstance(rid, str):
            continue
        rid = rid.removesuffix(".md").rsplit("/", 1)[-1]
        if rid == answer.id:
            yield RULE.on(
                answer, key, "la réponse se cite elle-même dans related", received=rid, fix="retirez cet identifiant"
            )
        elif rid not in by_id:
            hint = did_you_mean(rid, [i for i in by_id if i != answer.id])
            yield RULE.on(
                answer,
                key,
                f"réponse liée inconnue « {rid} »",
                expected="l'identifiant (nom de fichier sans .md) d'une réponse existante",
                received=rid,
                fix=hint or "vérifiez le nom du fichier de la réponse visée",
            )
