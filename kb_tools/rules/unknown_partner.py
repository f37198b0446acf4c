"""Le niveau 2 d'une réponse (`level2`) doit nommer un partenaire déclaré.

Les neuf partenaires nationaux de France Services existent d'office : `caf`,
`assurance-maladie` (CPAM), `assurance-retraite` (CARSAT, CNAV), `msa`,
`france-travail`, `dgfip`, `la-poste`, `justice`, `interieur-ants` (ANTS) ;
un partenaire local se déclare dans la section `partners` de `kb.yml`.
`level2` s'écrit `{partner: …, when: "…"}` (`when`, facultatif, dit en une
condition courte quand passer le relais), ou une liste de ces tables quand
le partenaire dépend de la situation. Un sigle (CPAM, CARSAT, ANTS) est
reconnu et la bonne clé est proposée.

Exemple en erreur :

```yaml
level2: {partner: cpam, quand: "immatriculation bloquée"}
```

Exemple correct :

```yaml
level2: {partner: assurance-maladie, when: "immatriculation bloquée"}
```
"""

from collections.abc import Iterator
from typing import Any

from kb_tools.model import Answer
from kb_tools.partners import FIELD, HANDOFF_KEYS, suggestions
from kb_tools.problem import Level, Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.text import did_you_mean, quote_list, short

RULE = Rule("KB112", "unknown-partner", Level.ERROR)
EXAMPLE = f'{FIELD}: {{partner: caf, when: "dossier bloqué après un premier contact"}}'


def check(answer: Answer, ctx: Context) -> Iterator[Problem]:
    if not answer.readable or answer.meta.get(FIELD) is None:
        return
    raw = answer.meta[FIELD]
    items = [((FIELD, i), v) for i, v in enumerate(raw)] if isinstance(raw, list) else [((FIELD,), raw)]
    if not items:
        yield RULE.on(
            answer,
            (FIELD,),
            "« level2 » est une liste vide",
            expected=EXAMPLE,
            received="[]",
            fix="nommez le partenaire qui prend le relais, ou supprimez le champ",
        )
    for at, item in items:
        yield from _check_item(answer, ctx, at, item)


def _check_item(answer: Answer, ctx: Context, at: tuple[str | int, ...], item: Any) -> Iterator[Problem]:
    if isinstance(item, str):
        yield from _check_partner(answer, ctx, at, item)
        return
    if not isinstance(item, dict):
        yield RULE.on(
            answer,
            at,
            "« level2 » doit nommer un partenaire",
            expected=EXAMPLE,
            received=short(item),
            fix='écrivez une table « {partner: …, when: "…"} » (ou une liste de ces tables)',
        )
        return
    for key in item:
        if key not in HANDOFF_KEYS:
            yield RULE.on(
                answer,
                (*at, key),
                f"clé inconnue « {key} » dans « level2 »",
                expected="partner, when",
                received=str(key),
                fix=did_you_mean(str(key), HANDOFF_KEYS) or "gardez « partner » et, en option, « when »",
            )
    when = item.get("when")
    if when is not None and not isinstance(when, str):
        yield RULE.on(
            answer,
            (*at, "when"),
            "« level2.when » doit être un texte",
            expected='when: "dossier bloqué après un premier contact"',
            received=short(when),
            fix="écrivez la condition entre guillemets",
        )
    if "partner" not in item:
        yield RULE.on(
            answer,
            at,
            "« level2 » ne nomme pas de partenaire",
            expected=EXAMPLE,
            fix=f"ajoutez « partner: » ; partenaires connus : {quote_list(ctx.kb.config.partners, limit=30)}",
        )
        return
    partner = item["partner"]
    if not isinstance(partner, str):
        yield RULE.on(
            answer,
            (*at, "partner"),
            "« level2.partner » doit être la clé d'un partenaire",
            expected="partner: caf",
            received=short(partner),
            fix=f"partenaires connus : {quote_list(ctx.kb.config.partners, limit=30)}",
        )
        return
    yield from _check_partner(answer, ctx, (*at, "partner"), partner)


def _check_partner(answer: Answer, ctx: Context, at: tuple[str | int, ...], name: str) -> Iterator[Problem]:
    known = ctx.kb.config.partners
    if name.strip() in known:
        return
    close = suggestions(name, known)
    hint = f"vouliez-vous dire « {close[0]} » ? " if close else ""
    others = f"autres partenaires proches : {', '.join(close[1:])} ; " if len(close) > 1 else ""
    yield RULE.on(
        answer,
        at,
        f"partenaire inconnu « {name} »",
        expected="une clé des partenaires (les neuf nationaux ou la section partners de kb.yml)",
        received=name,
        fix=hint
        + others
        + f"partenaires connus : {quote_list(known, limit=30)} (un partenaire local se déclare dans kb.yml)",
    )
