"""The editors' page listing every rule, generated from the rule docstrings."""

from __future__ import annotations

import inspect

from kb_tools.rules import RULES
from kb_tools.schema import FIELDS


def rule_summary(rule_id: str) -> str:
    doc = inspect.getdoc(RULES[rule_id]) or ""
    return doc.split("\n\n", 1)[0].replace("\n", " ")


def rules_markdown() -> str:
    out = [
        "# Règles de validation",
        "",
        "Cette page est générée à partir du code des règles : elle est toujours à jour.",
        "Chaque message de `kb validate`, du rapport de la demande de fusion et de la",
        "construction du site commence par le code et le nom de la règle, par exemple",
        "`KB101 unknown-service`. Cherchez ce code ci-dessous pour savoir quoi corriger.",
        "",
        "Une **erreur** bloque la publication ; un **avertissement** doit être corrigé",
        "avant fusion (la construction stricte du site échoue aussi sur les avertissements).",
        "",
        "| Code | Nom | Niveau | Ce qui est vérifié |",
        "| --- | --- | --- | --- |",
    ]
    for rule_id, module in RULES.items():
        rule = module.RULE
        level = "erreur" if rule.level.value == "error" else "avertissement"
        if not rule.default:
            level += " (contrôle des dates)"
        out.append(f"| [{rule.id}](#{rule.id.lower()}) | `{rule.name}` | {level} | {rule_summary(rule_id)} |")
    out += [
        "",
        "## Champs de l'en-tête",
        "",
        "| Champ | Obligatoire | Description | Exemple |",
        "| --- | --- | --- | --- |",
    ]
    for spec in FIELDS.values():
        out.append(f"| `{spec.name}` | {'oui' if spec.required else 'non'} | {spec.doc} | `{spec.example}` |")
    for module in RULES.values():
        rule = module.RULE
        doc = inspect.getdoc(module) or ""
        out += ["", f"## {rule.id} `{rule.name}` {{#{rule.id.lower()}}}", "", doc]
    return "\n".join(out) + "\n"
