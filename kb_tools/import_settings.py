"""The ``import.service_public`` section of kb.yml: defaults, reading, checking.

It lives in the engine, beside :mod:`kb_tools.config`, which calls it: the
section is part of kb.yml's contract, so ``kb validate`` and the site build
check it (KB900, with its line) exactly as ``kb import`` reads it.

:func:`read_import_config` never raises: it returns the configuration (with
defaults where a value is wrong) and every problem found, as readable French
messages that name the key, what was expected and how to fix it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kb_tools.schema import CONFIG
from kb_tools.text import did_you_mean

SECTION = "import.service_public"
AUDIENCES = ("particuliers", "professionnels", "associations")
ID_RE = re.compile(r"^[FNR]\d{1,6}$")  # a Service-Public.fr fiche (F), theme (N) or resource (R)
KEYS = tuple(k.name for k in CONFIG["import"].key("service_public").keys)  # declared in kb_tools/schema.py


@dataclass(frozen=True)
class SettingProblem:
    """One problem of the ``import:`` section, with its key path in kb.yml."""

    key: tuple[str, ...]  # from the top of kb.yml: ("import", "service_public", "audiences")
    message: str
    expected: str = ""
    received: str = ""
    fix: str = ""


@dataclass(frozen=True)
class ImportConfig:
    folder: str = "reponses/service-public"  # relative to docs/
    audiences: tuple[str, ...] = ("particuliers",)
    themes: frozenset[str] = frozenset()  # empty: every theme
    fiches: frozenset[str] = frozenset()  # always imported
    only_fiches: bool = True  # F… publications only
    validity_days: int = 365
    default_service: str = "national"
    default_tag: str = "fiche-nationale"
    service_map: Mapping[str, str] = field(default_factory=dict)  # theme id -> service key
    tag_map: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # theme id -> tag keys


def validate_import_config(raw: Mapping[str, Any]) -> list[str]:
    """Readable messages for a bad ``import:`` section of ``raw`` (all of kb.yml,
    so that services and tags can be checked against their declarations)."""
    return read_import_config(raw)[1]


def read_import_config(raw: Mapping[str, Any]) -> tuple[ImportConfig, list[str]]:
    reader = _Reader(raw)
    return reader.read(), reader.errors


def check_import_config(raw: Mapping[str, Any]) -> tuple[ImportConfig, list[SettingProblem]]:
    """The settings and their problems with key paths (for kb.yml's reader)."""
    reader = _Reader(raw)
    return reader.read(), reader.problems


class _Reader:
    def __init__(self, raw: Mapping[str, Any]) -> None:
        raw = raw if isinstance(raw, Mapping) else {}
        services, tags = raw.get("services"), raw.get("tags")
        self.services = list(services) if isinstance(services, Mapping) else []
        self.tags = list(tags) if isinstance(tags, Mapping) else []
        self.raw = raw
        self.errors: list[str] = []  # as kb import prints them
        self.problems: list[SettingProblem] = []  # with their key, for kb.yml's positions

    def bad(self, key: str, message: str, expected: str = "", received: object = None, fix: str = "") -> None:
        shown = "" if received is None else repr(received)
        path = ("import", "service_public", *(key.split(".") if key else ()))
        self.problems.append(SettingProblem(path, message, expected, shown, fix))
        text = f"kb.yml, {SECTION}{'.' + key if key else ''} : {message}"
        if expected:
            text += f" ; attendu : {expected}"
        if received is not None:
            text += f" ; reçu : {shown}"
        if fix:
            text += f". Correction : {fix}"
        self.errors.append(text)

    def read(self) -> ImportConfig:
        section = self.section()
        default = ImportConfig()
        for key in section:
            if key not in KEYS:
                self.bad(
                    str(key),
                    "clé inconnue",
                    expected=", ".join(KEYS),
                    fix=did_you_mean(str(key), KEYS) or "supprimez-la",
                )
        cfg = ImportConfig(
            folder=self.folder(section.get("folder", default.folder)),
            audiences=self.audiences(section.get("audiences", list(default.audiences))),
            themes=frozenset(self.ids("themes", section.get("themes", []), "N")),
            fiches=frozenset(self.ids("fiches", section.get("fiches", []), "FNR")),
            only_fiches=self.boolean("only_fiches", section.get("only_fiches", True)),
            validity_days=self.days(section.get("validity_days", default.validity_days)),
            default_service=self.declared(
                "default_service", section.get("default_service", default.default_service), self.services, "service"
            ),
            default_tag=self.declared(
                "default_tag", section.get("default_tag", default.default_tag), self.tags, "étiquette"
            ),
            service_map=self.mapping(
                "service_map", section.get("service_map", {}), self.services, "service", many=False
            ),
            tag_map=self.mapping("tag_map", section.get("tag_map", {}), self.tags, "étiquette", many=True),
        )
        return cfg

    def section(self) -> Mapping[str, Any]:
        block = self.raw.get("import")
        if block is None:
            return {}
        if not isinstance(block, Mapping):
            message, expected = "doit être une table", "« service_public: » avec ses réglages"
            self.problems.append(SettingProblem(("import",), message, expected))
            self.errors.append(f"kb.yml, import : {message} ; attendu : {expected}")
            return {}
        for key in block:
            if key != "service_public":
                fix = did_you_mean(str(key), ["service_public"]) or "supprimez-la"
                self.problems.append(
                    SettingProblem(("import", str(key)), "importeur inconnu", "service_public", str(key), fix)
                )
                self.errors.append(
                    f"kb.yml, import.{key} : importeur inconnu ; attendu : service_public. Correction : {fix}"
                )
        section = block.get("service_public") or {}
        if not isinstance(section, Mapping):
            self.bad("", "doit être une table clé: valeur", expected="folder, audiences, themes…", received=section)
            return {}
        return section

    def folder(self, value: Any) -> str:
        default = ImportConfig.folder
        if not isinstance(value, str) or not value.strip():
            self.bad("folder", "doit être un chemin relatif à docs/", expected=default, received=value)
            return default
        norm = posixpath.normpath(value.strip().strip("/"))
        if value.startswith("/") or norm.startswith("..") or not norm.startswith("reponses/"):
            self.bad(
                "folder",
                "le dossier des fiches importées doit être sous docs/reponses/ (pour être des réponses)",
                expected=default,
                received=value,
            )
            return default
        return norm

    def audiences(self, value: Any) -> tuple[str, ...]:
        items = value if isinstance(value, list) else [value]
        good = []
        for item in items:
            if item in AUDIENCES:
                good.append(item)
            else:
                self.bad(
                    "audiences",
                    f"public inconnu « {item} »",
                    expected=", ".join(AUDIENCES),
                    fix=did_you_mean(str(item), AUDIENCES) or "choisissez parmi les publics attendus",
                )
        if not items:
            self.bad("audiences", "aucun public", expected="au moins un de " + ", ".join(AUDIENCES), received=value)
        return tuple(dict.fromkeys(good)) or ImportConfig.audiences

    def ids(self, key: str, value: Any, kinds: str) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.bad(key, "doit être une liste d'identifiants", expected="[N19810, F1427]", received=value)
            return []
        good = []
        for item in value:
            text = str(item).strip().upper()
            if ID_RE.match(text) and text[0] in kinds:
                good.append(text)
            else:
                example = "N19810" if kinds == "N" else "F1427"
                self.bad(
                    key,
                    f"identifiant invalide « {item} »",
                    expected=f"un identifiant Service-Public.fr comme {example}",
                )
        return good

    def boolean(self, key: str, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        self.bad(key, "doit valoir true ou false", received=value)
        return True

    def days(self, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 3650:
            return value
        self.bad(
            "validity_days",
            "durée de validité invalide",
            expected="un nombre de jours entre 1 et 3650, par exemple 365",
            received=value,
        )
        return ImportConfig.validity_days

    def declared(self, key: str, value: Any, choices: list[str], what: str) -> str:
        if isinstance(value, str) and value in choices:
            return value
        where, undeclared = (
            ("services", "service non déclaré") if what == "service" else ("tags", "étiquette non déclarée")
        )
        self.bad(
            key,
            f"{undeclared} « {value} »",
            expected=f"une clé déclarée sous « {where}: » dans kb.yml",
            fix=did_you_mean(str(value), choices) or f"déclarez-la sous « {where}: »",
        )
        return str(value)

    def mapping(self, key: str, value: Any, choices: list[str], what: str, many: bool) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.bad(key, "doit être une table identifiant: clé", expected="{N359: etat-civil}", received=value)
            return {}
        out: dict[str, Any] = {}
        for theme, target in value.items():
            theme_id = str(theme).strip().upper()
            if not ID_RE.match(theme_id):
                self.bad(
                    f"{key}.{theme}",
                    f"identifiant de thème invalide « {theme} »",
                    expected="un identifiant Service-Public.fr comme N19810",
                )
                continue
            targets = target if many and isinstance(target, list) else [target]
            if not many and isinstance(target, list):
                self.bad(f"{key}.{theme}", "un seul service par thème", received=target)
                continue
            keys = tuple(self.declared(f"{key}.{theme}", t, choices, what) for t in targets)
            out[theme_id] = keys if many else keys[0]
        return out
