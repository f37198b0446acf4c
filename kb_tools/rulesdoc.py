"""The editors' reference pages, generated from the code so they are always
true: every rule (from the rule docstrings and the answer fields of
:data:`kb_tools.schema.FIELDS`) and every key of kb.yml (from
:data:`kb_tools.schema.CONFIG`)."""

from __future__ import annotations

import inspect

from kb_tools.rules import RULES
from kb_tools.schema import CONFIG, FIELDS, ConfigKey


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
        "Une **erreur** bloque la fusion et la publication ; un **avertissement** est",
        "affiché partout (`kb validate`, aperçu, demande de fusion, publication) mais ne bloque rien.",
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


_KINDS = {
    "text": "texte",
    "address": "adresse https://",
    "branch": "nom de branche",
    "days": "nombre de jours",
    "list": "liste",
    "mapping": "table",
    "date": "date AAAA-MM-JJ",
    "percent": "pourcentage",
    "yes-no": "true ou false",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _key_rows(prefix: str, keys: tuple[ConfigKey, ...]) -> list[str]:
    rows = []
    for key in keys:
        required = " (obligatoire)" if key.required else ""
        example = f"`{key.name}: {_cell(key.example)}`" if key.example else ""
        rows.append(f"| `{prefix}{key.name}` | {_KINDS[key.kind]}{required} | {_cell(key.doc)} | {example} |")
        rows += _key_rows(f"{prefix}{key.name}.", key.keys)
    return rows


def config_reference_markdown() -> str:
    """Every section and key kb.yml accepts, as the reader checks them."""
    out = [
        "# Référence de kb.yml",
        "",
        "Cette page est générée à partir de la déclaration de `kb.yml` dans le code",
        "(`kb_tools/schema.py`) : c'est celle que `kb validate` applique. Une clé qui n'y figure",
        "pas est signalée (`KB900 config-invalid`) avec la clé connue la plus proche.",
        "Le mode d'emploi est la page « La configuration de la base » du guide.",
        "",
        "| Section | Obligatoire | Contenu | Exemple |",
        "| --- | --- | --- | --- |",
    ]
    for section in CONFIG.values():
        required = "oui" if section.required else "non"
        out.append(
            f"| [`{section.name}`](#{section.name}) | {required} | {_cell(section.doc)} | `{_cell(section.example)}` |"
        )
    for section in CONFIG.values():
        out += ["", f"## `{section.name}` {{#{section.name}}}", "", section.doc, ""]
        if section.keys:
            out += ["| Clé | Valeur | Rôle | Exemple |", "| --- | --- | --- | --- |"]
            out += _key_rows(f"{section.name}.", section.keys)
        elif section.entry_keys:
            out += [
                "Une entrée par clé (minuscules, chiffres et tirets), chacune avec :",
                "",
                "| Clé | Valeur | Rôle | Exemple |",
                "| --- | --- | --- | --- |",
            ]
            out += _key_rows(f"{section.name}.<clé>.", section.entry_keys)
        else:
            out.append("Clés libres, choisies par la commune.")
    return "\n".join(out) + "\n"
