"""``kb import kb-export SOURCE``: start a base from another base's JSON export.

The export (:mod:`kb_tools.export`) is checked against its JSON Schema first:
an invalid document is refused whole, with the JSON path of each problem, and
nothing is written. Then each answer becomes ``docs/reponses/<service>/<id>.md``:

- the body is the export's ``body_markdown_source``: the placeholders stay
  ``{{ mairie.telephone }}``, to be filled by the importing base's own
  ``local:`` values;
- the front matter keeps the answer contract's keys (no ``owner``: the
  importing base's service owner answers for it) plus ``origin:`` (source
  ``kb-export``, the exporting base's name, the answer's id there, the export
  and import dates, and the checksum of what was written);
- an existing file is replaced only when it comes from the same origin (same
  base, same id) and was not edited since (front matter and body still have the
  checksum written); anything else is left as it is and reported;
- ids and services must be safe slugs (no ``../``): the path is built from them.

kb.yml is never modified: the services, tags, glossary terms and local details
the answers need and the importing base lacks are listed, and written as a
kb.yml fragment (``kb-import-a-ajouter.yml`` at the root) to copy from. Then
``kb validate`` applies every rule, personal data and unsafe HTML included,
exactly as for hand-written answers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from kb_tools.config import ANSWERS_DIR, DOCS_DIR, KEY_RE, Config
from kb_tools.errors import SourceError
from kb_tools.export import FORMAT, schema
from kb_tools.importers.writing import dump, write_atomic
from kb_tools.kb import load_kb
from kb_tools.source import read_source

ORIGIN = FORMAT  # origin.source of the answers written here
FRAGMENT_NAME = "kb-import-a-ajouter.yml"
TO_FILL = "À RENSEIGNER"
MAX_BYTES = 512 * 1024 * 1024
MAX_SHOWN = 20  # schema problems listed before "… et N autres"


class ExportFileError(SourceError):
    """The source cannot be used (unreadable, not JSON, not a valid export): nothing is written."""


@dataclass
class KbImportReport:
    base: str = ""
    written: list[str] = field(default_factory=list)  # paths from the root
    unchanged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # one French sentence each
    missing: dict[str, Any] = field(default_factory=dict)  # kb.yml fragment
    fragment: str | None = None  # path of the fragment written


# -- reading and checking the source ----------------------------------------


def json_path(error: ValidationError) -> str:
    """``$.answers[3].id`` for an error of the schema."""
    out = "$"
    for part in error.absolute_path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:59] + "…"


def french_message(error: ValidationError) -> str:
    """What the schema refused, in French."""
    kind, expected = error.validator, cast(Any, error.validator_value)
    instance, error_schema = cast(Any, error.instance), cast(Any, error.schema)
    if kind == "required":
        missing = [name for name in expected if isinstance(instance, dict) and name not in instance]
        return f"champ obligatoire absent : {', '.join(missing)}"
    if kind == "additionalProperties":
        extra = sorted(set(instance) - set(error_schema.get("properties", {})))
        return f"champ inconnu : {', '.join(extra)}"
    if kind == "type":
        names = {"string": "un texte", "array": "une liste", "object": "un objet", "integer": "un entier"}
        names |= {"null": "null", "boolean": "un booléen", "number": "un nombre"}
        wanted = " ou ".join(names.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
        return f"attendu {wanted}, reçu {_shown(instance)}"
    if kind == "pattern":
        if "[a-z0-9-]" in str(expected):
            return f"identifiant invalide {_shown(instance)} : minuscules, chiffres et tirets seulement"
        if "[0-9]{4}" in str(expected):
            return f"date invalide {_shown(instance)} : attendu AAAA-MM-JJ"
        return f"valeur {_shown(instance)} au format inattendu"
    if kind == "const":
        return f"attendu {_shown(expected)}, reçu {_shown(instance)}"
    if kind == "minLength":
        return "texte vide"
    if kind == "maxLength":
        return f"texte trop long (au plus {expected} caractères)"
    if kind == "anyOf":
        return f"valeur {_shown(instance)} refusée : attendu une date AAAA-MM-JJ ou null"
    return f"valeur {_shown(instance)} refusée par le schéma (règle {kind})"


def read_export(source: Path) -> dict[str, Any]:
    """The export at ``source``, checked against the schema; raises :class:`ExportFileError`."""
    try:
        if source.stat().st_size > MAX_BYTES:
            raise ExportFileError(f"{source} : fichier trop gros (plus de {MAX_BYTES // 2**20} Mo)")
        raw = source.read_bytes()
    except FileNotFoundError:
        raise ExportFileError(f"{source} introuvable : indiquez le chemin d'un fichier kb-export.json") from None
    except IsADirectoryError:
        raise ExportFileError(f"{source} est un dossier : indiquez le fichier kb-export.json") from None
    except OSError as exc:
        raise ExportFileError(f"{source} illisible : {exc.strerror or exc}") from None
    try:
        data: dict[str, Any] = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ExportFileError(f"{source} : le fichier n'est pas en UTF-8") from None
    except json.JSONDecodeError as exc:
        raise ExportFileError(
            f"{source}:{exc.lineno}:{exc.colno} : JSON invalide ({exc.msg}) ; attendu un export produit par « kb export »"
        ) from None
    except RecursionError:
        raise ExportFileError(f"{source} : JSON imbriqué trop profondément") from None
    errors = sorted(Draft202012Validator(schema()).iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        lines = [f"  {json_path(e)} : {french_message(e)}" for e in errors[:MAX_SHOWN]]
        if len(errors) > MAX_SHOWN:
            lines.append(f"  … et {len(errors) - MAX_SHOWN} autres problèmes")
        raise ExportFileError(
            f"{source} n'est pas un export valide (schéma kb-export, version 1), rien n'a été importé :\n"
            + "\n".join(lines)
        )
    return data


# -- writing the answers ------------------------------------------------------


def checksum(meta: dict[str, Any], body: str) -> str:
    """Fingerprint of what the import wrote (front matter but ``origin``, and body):
    a later edit of either, however it is formatted, changes it."""
    content = {k: v for k, v in meta.items() if k != "origin"}
    canonical = json.dumps([content, body], ensure_ascii=False, sort_keys=True, default=str)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def front_matter(entry: dict[str, Any], data: dict[str, Any], body: str, today: dt.date) -> dict[str, Any]:
    """The answer's front matter: contract keys in the usual order, then ``origin``."""
    meta: dict[str, Any] = {"title": entry["title"], "service": entry["service"], "tags": entry["tags"]}
    for key in ("valid_until", "reviewed"):
        if entry[key]:
            meta[key] = dt.date.fromisoformat(entry[key])
    for key in ("audience", "description"):
        if entry[key]:
            meta[key] = entry[key]
    for key in ("aliases", "sources", "related"):
        if entry[key]:
            meta[key] = entry[key]
    sums = checksum(meta, body)
    meta["origin"] = {
        "source": ORIGIN,
        "base": data["site"]["name"],
        "id": entry["id"],
        "exported": dt.date.fromisoformat(data["generated"]),
        "imported": today,
        "checksum": sums,
    }
    return meta


def same_origin(meta: dict[str, Any] | None, base: str, answer_id: str) -> bool:
    origin = meta.get("origin") if isinstance(meta, dict) else None
    return (
        isinstance(origin, dict)
        and origin.get("source") == ORIGIN
        and origin.get("base") == base
        and origin.get("id") == answer_id
    )


def import_kb_export(root: Path, source: Path, today: dt.date, dry_run: bool = False) -> KbImportReport:
    """Import the export at ``source`` into the base at ``root``.

    Raises :class:`ExportFileError` (nothing written) when the source is not a
    valid export. Answers that cannot be written are listed in ``refused``.
    """
    data = read_export(source)
    kb = load_kb(root)
    base = data["site"]["name"]
    report = KbImportReport(base=base)
    answers_dir = (kb.config.answers_dir).resolve()
    existing = {a.id: a.rel for a in kb.answers}
    seen: set[str] = set()
    imported: list[dict[str, Any]] = []
    for entry in data["answers"]:
        aid, service = entry["id"], entry["service"]
        if not (KEY_RE.match(aid) and KEY_RE.match(service)):  # the schema says so too: never trust one check
            report.refused.append(f"réponse {aid!r} : identifiant ou service {service!r} invalide, ignorée")
            continue
        if aid in seen:
            report.refused.append(
                f"réponse « {aid} » : identifiant en double dans l'export, seule la première est importée"
            )
            continue
        seen.add(aid)
        rel = f"{DOCS_DIR}/{ANSWERS_DIR}/{service}/{aid}.md"
        path = root / rel
        if not path.resolve().is_relative_to(answers_dir):
            report.refused.append(f"réponse « {aid} » : chemin {rel} hors de {DOCS_DIR}/{ANSWERS_DIR}/, ignorée")
            continue
        if aid in existing and existing[aid] != rel:
            report.refused.append(
                f"réponse « {aid} » : la base a déjà une réponse de cet identifiant ({existing[aid]}), non importée"
            )
            continue
        body = entry["body_markdown_source"].strip("\n") + "\n"
        new_meta = front_matter(entry, data, body, today)
        text = dump(new_meta, body)
        if path.exists():
            current = read_source(path, rel)  # the engine's reader, as kb validate reads the answer
            meta = current.meta if not current.defects else None
            if meta is None or not same_origin(meta, base, aid):
                report.refused.append(f"{rel} existe déjà et ne vient pas de cet export ({base}) : non remplacée")
                continue
            if checksum(meta, current.body.removeprefix("\n")) != meta["origin"].get("checksum"):
                report.refused.append(f"{rel} a été modifiée localement depuis son import : non remplacée")
                continue
            if meta["origin"]["checksum"] == new_meta["origin"]["checksum"]:
                report.unchanged.append(rel)
                imported.append(entry)
                continue
        if not dry_run:
            write_atomic(path, text)
        report.written.append(rel)
        imported.append(entry)
    report.missing = missing_in_config(kb.config, data, imported)
    if report.missing and not dry_run:
        fragment = root / FRAGMENT_NAME
        write_atomic(fragment, fragment_text(report.missing, base))
        report.fragment = FRAGMENT_NAME
    return report


# -- what kb.yml lacks --------------------------------------------------------


def _nested(names: list[str]) -> dict[str, Any]:
    """``["mairie.nom", "ccas.nom"]`` -> ``{"ccas": {"nom": …}, "mairie": {"nom": …}}``."""
    tree: dict[str, Any] = {}
    for name in sorted(names):
        node = tree
        *parents, leaf = name.split(".")
        for part in parents:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                break
            node = child
        else:
            node.setdefault(leaf, TO_FILL)
    return tree


def missing_in_config(config: Config, data: dict[str, Any], imported: list[dict[str, Any]]) -> dict[str, Any]:
    """The kb.yml sections the imported answers need and the base lacks (empty when none)."""
    used_services = {e["service"] for e in imported}
    used_tags = {t for e in imported for t in e["tags"]}
    services = {
        s["key"]: {"label": s["label"], "owner": TO_FILL, "description": s["description"]}
        for s in data["services"]
        if s["key"] in used_services and s["key"] not in config.services
    }
    for key in sorted(used_services - set(config.services) - set(services)):
        services[key] = {"label": key, "owner": TO_FILL, "description": ""}
    tags = {
        t["key"]: {"label": t["label"], "synonyms": t["synonyms"]}
        for t in data["tags"]
        if t["key"] in used_tags and t["key"] not in config.tags
    }
    for key in sorted(used_tags - set(config.tags) - set(tags)):
        tags[key] = {"label": key, "synonyms": []}
    glossary = {term: meaning for term, meaning in data["glossary"].items() if term not in config.glossary}
    local = sorted({name for e in imported for name in e["placeholders"]} - set(config.local))
    missing: dict[str, Any] = {}
    if services:
        missing["services"] = services
    if tags:
        missing["tags"] = tags
    if glossary:
        missing["glossary"] = dict(sorted(glossary.items()))
    if local:
        missing["local"] = _nested(local)
    return missing


def fragment_text(missing: dict[str, Any], base: str) -> str:
    header = (
        f"# À reporter dans kb.yml : ce que les réponses importées de « {base} » emploient\n"
        "# et que cette base ne déclare pas encore (kb import kb-export).\n"
        f"# Remplacez chaque « {TO_FILL} » (responsables GitLab, informations locales),\n"
        "# copiez chaque section sous la section de même nom de kb.yml, puis supprimez ce fichier\n"
        "# et lancez « kb validate ».\n"
    )
    body = yaml.safe_dump(missing, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)
    return header + body
