"""The knowledge base configuration file (``kb.yml``): services, tags, glossary,
local details used as placeholders, institutional contacts.

It is validated like the answers: :func:`load_config` never raises on a bad
file, it returns the defects it found with their line in ``kb.yml``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kb_tools import pii
from kb_tools.files import is_regular_file
from kb_tools.import_settings import ImportConfig, check_import_config
from kb_tools.partners import Partner, national_partners, read_partners
from kb_tools.pii import phone_digits
from kb_tools.places import Place, read_places
from kb_tools.schema import CONFIG, TOP_LEVEL_KEYS
from kb_tools.source import SourceFile, parse_iso_date, read_yaml_file
from kb_tools.text import MAX_DAYS, did_you_mean, redact_url, short

CONFIG_NAME = "kb.yml"
# Written by ``kb import``: the contacts that imported fiches publish (see
# kb_tools/importers/service_public/contacts.py), allowed like ``contacts``.
IMPORTED_CONTACTS = "contacts-service-public.yml"
DOCS_DIR = "docs"
ANSWERS_DIR = "reponses"
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ACCESSIBILITY_LEVELS = ("non conforme", "partiellement conforme", "totalement conforme")
ACCESSIBILITY_KEYS = CONFIG["accessibility"].key_names


@dataclass(frozen=True)
class Service:
    key: str
    label: str
    owner: str
    description: str = ""


@dataclass(frozen=True)
class Tag:
    key: str
    label: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Accessibility:
    """The ``accessibility:`` section: what the accessibility statement says (RGAA)."""

    entity: str = ""
    contact: str = ""  # an institutional e-mail address or a web address
    date: dt.date | None = None
    level: str = "non conforme"
    rate: int | None = None  # percentage of RGAA criteria met, from an audit
    audit_by: str = ""
    non_conformities: tuple[str, ...] = ()
    derogations: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()  # pages of a manual audit's sample
    declared: bool = False  # False: kb.yml has no accessibility section


@dataclass(frozen=True)
class ConfigDefect:
    line: int
    column: int
    message: str
    expected: str = ""
    received: str = ""
    fix: str = ""


@dataclass
class Config:
    root: Path
    site_name: str = "Base de connaissances"
    repo_url: str = ""
    edit_branch: str = "main"
    maintainers: str = ""  # site.maintainers: owners of kb.yml and the tooling (CODEOWNERS)
    default_validity_days: int = 180
    local: dict[str, str] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)  # kb_tools/places.py
    services: dict[str, Service] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    glossary: dict[str, str] = field(default_factory=dict)
    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    expiring_days: int = 30
    import_settings: ImportConfig = field(default_factory=ImportConfig)  # import.service_public
    import_folder: str = f"{DOCS_DIR}/{ANSWERS_DIR}/service-public"  # where `kb import service-public` writes
    accessibility: Accessibility = field(default_factory=Accessibility)
    partners: dict[str, Partner] = field(default_factory=national_partners)  # see kb_tools/partners.py
    raw: dict[str, Any] = field(default_factory=dict)
    path: str = CONFIG_NAME
    source: SourceFile | None = None  # kb.yml as read (text, positions), for the personal data rules
    defects: list[ConfigDefect] = field(default_factory=list)

    @property
    def docs_dir(self) -> Path:
        return self.root / DOCS_DIR

    @property
    def answers_dir(self) -> Path:
        return self.docs_dir / ANSWERS_DIR


def read_imported_contacts(path: Path) -> tuple[set[str], set[str], str]:
    """(phones as digits, addresses, problem) of the contacts file ``kb import``
    writes; empty when there is none."""
    if not path.is_file():
        return set(), set(), ""
    src = read_yaml_file(path)
    if src.defects:
        d = src.defects[0]
        return set(), set(), f"ligne {d.line}, {d.detail or d.kind}"
    lists = []
    for name in ("phones", "emails"):
        value = src.meta.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return set(), set(), f"« {name} » doit être une liste de textes"
        lists.append(value)
    return {phone_digits(p) for p in lists[0]}, {e.strip().lower() for e in lists[1]}, ""


# javascript:, vbscript: and data: addresses, however spaced or cased (browsers
# ignore tabs, line breaks and leading control characters in a URL).
_ACTIVE_SCHEME_RE = re.compile(
    r"^[\x00-\x20]*(?:j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t|d\s*a\s*t\s*a)\s*:",
    re.IGNORECASE,
)
BRANCH_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]{0,199}$")
_HOST_RE = re.compile(r"^[A-Za-z0-9.-]+(?::\d{1,5})?$")


def is_web_address(text: str) -> bool:
    """True for an ``http://`` or ``https://`` address with a plain host name
    and no credentials, spaces or control characters."""
    if any(c.isspace() or ord(c) < 32 or c in "\"'<>\\`" for c in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(_HOST_RE.match(parts.netloc)) and "%" not in parts.netloc


def load_config(root: Path) -> Config:
    """Read and check ``kb.yml`` under ``root``; defects are collected, not raised."""
    cfg = Config(root=root)
    path = root / CONFIG_NAME
    if path.is_symlink() or (path.exists() and not is_regular_file(path)):
        cfg.defects.append(
            ConfigDefect(
                0,
                0,
                f"{CONFIG_NAME} n'est pas un fichier ordinaire (lien symbolique ou fichier spécial) : il n'est pas lu",
                expected=f"le fichier {CONFIG_NAME} lui-même, dans le dépôt",
                received="lien symbolique" if path.is_symlink() else "fichier spécial",
                fix=f"remplacez le lien par le fichier {CONFIG_NAME} lui-même (copie vérifiée de son contenu), puis committez-le",
            )
        )
        return cfg
    if not path.is_file():
        cfg.defects.append(
            ConfigDefect(
                0,
                0,
                "fichier de configuration introuvable",
                expected=f"un fichier {CONFIG_NAME} à la racine de la base",
                received=str(root),
                fix=f"lancez la commande depuis la racine du projet ou passez --root ; le fichier {CONFIG_NAME} décrit services, étiquettes et glossaire",
            )
        )
        return cfg
    src = read_yaml_file(path)
    cfg.source = src
    for d in src.defects:
        cfg.defects.append(
            ConfigDefect(
                d.line,
                d.column,
                f"YAML illisible ({d.kind}) : {d.detail}",
                fix="corrigez la syntaxe YAML à cette ligne",
            )
        )
    if src.defects:
        return cfg
    _Reader(cfg, src).read()
    return cfg


class _Reader:
    def __init__(self, cfg: Config, src: SourceFile) -> None:
        self.cfg, self.src = cfg, src

    def bad(self, key: tuple[str | int, ...], message: str, **kw: str) -> None:
        line, column = self.src.pos(*key)
        self.cfg.defects.append(ConfigDefect(line, column, message, **kw))

    def mapping(self, key: tuple[str | int, ...], value: Any, required: bool = True) -> dict[str, Any]:
        if value is None and not required:
            return {}
        if not isinstance(value, dict):
            self.bad(
                key,
                f"la section « {'.'.join(map(str, key))} » doit être une table clé: valeur",
                expected="une table",
                received=type(value).__name__,
            )
            return {}
        return value

    def text(self, key: tuple[str | int, ...], value: Any) -> str:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value)
        self.bad(
            key, f"« {'.'.join(map(str, key))} » doit être un texte", expected="un texte", received=type(value).__name__
        )
        return ""

    def read(self) -> None:
        raw = self.src.meta
        cfg = self.cfg
        cfg.raw = raw
        for key in raw:
            if key not in TOP_LEVEL_KEYS:
                self.bad(
                    (key,),
                    f"section inconnue « {key} »",
                    expected=", ".join(TOP_LEVEL_KEYS),
                    received=key,
                    fix=did_you_mean(key, TOP_LEVEL_KEYS) or "supprimez-la",
                )
        for name, spec in CONFIG.items():
            if spec.keys and isinstance(raw.get(name), dict) and name != "import":  # import: read_import
                self.unknown_keys((name,), raw[name], spec.key_names, f"« {name} »")
        site = self.mapping(("site",), raw.get("site"), required=False)
        if "maintainers" in site:
            cfg.maintainers = self.text(("site", "maintainers"), site["maintainers"]).strip()
        cfg.site_name = self.text(("site", "name"), site.get("name", cfg.site_name))
        cfg.repo_url = self.web_address(("site", "repo_url"), site.get("repo_url", ""))
        cfg.edit_branch = self.branch(("site", "edit_branch"), site.get("edit_branch", "main"))
        cfg.default_validity_days = self.integer(
            ("site", "default_validity_days"), site.get("default_validity_days", 180), 180
        )
        self.read_local(self.mapping(("local",), raw.get("local"), required=False), ("local",))
        cfg.places = read_places(self, raw.get("places"), cfg.local)
        self.read_services(self.mapping(("services",), raw.get("services")))
        self.read_tags(self.mapping(("tags",), raw.get("tags")))
        self.read_glossary(self.mapping(("glossary",), raw.get("glossary"), required=False))
        self.read_contacts(self.mapping(("contacts",), raw.get("contacts"), required=False))
        cfg.partners = read_partners(raw.get("partners"), self, cfg, is_web_address)  # after contacts: the allowlist
        fresh = self.mapping(("freshness",), raw.get("freshness"), required=False)
        cfg.expiring_days = self.integer(("freshness", "expiring_days"), fresh.get("expiring_days", 30), 30)
        if "import" in raw:  # checked only when declared: the defaults name a "national" service
            self.read_import(raw)
        if raw.get("accessibility") is not None:
            self.read_accessibility(self.mapping(("accessibility",), raw.get("accessibility")))

    def read_import(self, raw: dict[str, Any]) -> None:
        settings, problems = check_import_config(raw)
        self.cfg.import_settings = settings
        self.cfg.import_folder = f"{DOCS_DIR}/{settings.folder}"
        for problem in problems:
            self.bad(
                problem.key,
                f"« {'.'.join(problem.key)} » : {problem.message}",
                expected=problem.expected,
                received=problem.received,
                fix=problem.fix,
            )

    def unknown_keys(
        self, key: tuple[str | int, ...], section: dict[str, Any], known: tuple[str, ...], where: str
    ) -> None:
        """Report the keys of ``section`` that kb_tools.schema.CONFIG does not declare there."""
        for extra in section:
            if extra not in known:
                self.bad(
                    (*key, extra),
                    f"clé inconnue « {extra} » dans {where}",
                    expected=", ".join(known),
                    received=str(extra),
                    fix=did_you_mean(str(extra), known) or "supprimez-la",
                )

    def integer(self, key: tuple[str | int, ...], value: Any, default: int) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_DAYS:
            return value
        self.bad(
            key,
            f"« {'.'.join(map(str, key))} » doit être un nombre de jours",
            expected=f"un entier entre 0 et {MAX_DAYS} (cent ans), par exemple {default}",
            received=short(repr(value)),
            fix=f"écrivez un nombre de jours, par exemple « {key[-1]}: {default} »",
        )
        return default

    def web_address(self, key: tuple[str | int, ...], value: Any) -> str:
        """An http(s) address without credentials, or "" (the address is
        published in every page: a ``javascript:`` one would run on click)."""
        text = self.text(key, value).strip().rstrip("/")
        if not text or is_web_address(text):
            return text
        self.bad(
            key,
            f"« {'.'.join(map(str, key))} » doit être une adresse web http:// ou https://",
            expected="une adresse comme https://gitlab.exemple.fr/groupe/projet, sans identifiant ni jeton",
            received=short(redact_url(text)),
            fix="écrivez l'adresse https:// du projet GitLab, telle qu'elle s'affiche dans le navigateur",
        )
        return ""

    def branch(self, key: tuple[str | int, ...], value: Any) -> str:
        text = self.text(key, value).strip()
        if BRANCH_RE.match(text) and ".." not in text:
            return text
        self.bad(
            key,
            f"« {'.'.join(map(str, key))} » n'est pas un nom de branche",
            expected="lettres, chiffres, « - », « _ », « . » et « / », par exemple « main »",
            received=short(text),
            fix="écrivez le nom de la branche où les rédacteurs proposent leurs modifications",
        )
        return "main"

    def read_local(self, section: dict[str, Any], key: tuple[str | int, ...]) -> None:
        for name, value in section.items():
            sub = (*key, name)
            if isinstance(value, dict):
                self.read_local(value, sub)
            else:
                self.cfg.local[".".join(map(str, sub[1:]))] = self.local_text(sub, value)

    def local_text(self, sub: tuple[str | int, ...], value: Any) -> str:
        """A local detail (of ``local:`` or of a place): a text, never an active address."""
        text = self.text(sub, value)
        if _ACTIVE_SCHEME_RE.match(text):
            self.bad(
                sub,
                f"« {'.'.join(map(str, sub))} » est une adresse qui exécute du code",
                expected="une adresse https://, un texte, un numéro",
                received=short(text),
                fix="remplacez-la par l'adresse https:// de la page",
            )
            text = ""
        return text

    def read_services(self, section: dict[str, Any]) -> None:
        if not section:
            self.bad(
                ("services",),
                "aucun service déclaré",
                expected="au moins un service",
                fix="déclarez les services sous « services: »",
            )
        for key, spec in section.items():
            self.check_key(("services", key), key)
            spec = self.mapping(("services", key), spec)
            label = self.text(("services", key, "label"), spec.get("label")) if "label" in spec else ""
            owner = self.text(("services", key, "owner"), spec.get("owner")) if "owner" in spec else ""
            values = {"label": label, "owner": owner}
            for declared in CONFIG["services"].entry_keys:
                if declared.required and not values.get(declared.name):
                    self.bad(
                        ("services", key),
                        f"le service « {key} » n'a pas de « {declared.name} »",
                        expected=f"{declared.name}: …, par exemple {declared.name}: {declared.example}",
                        fix=f"ajoutez « {declared.name}: » au service",
                    )
            self.unknown_keys(("services", key), spec, CONFIG["services"].entry_key_names, f"le service « {key} »")
            desc = self.text(("services", key, "description"), spec.get("description", ""))
            self.cfg.services[key] = Service(key, label or key, owner, desc)

    def read_tags(self, section: dict[str, Any]) -> None:
        for key, spec in section.items():
            self.check_key(("tags", key), key)
            spec = self.mapping(("tags", key), spec)
            label = self.text(("tags", key, "label"), spec.get("label", key))
            synonyms = spec.get("synonyms", [])
            if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
                self.bad(
                    ("tags", key, "synonyms"),
                    f"les synonymes de « {key} » doivent être une liste de textes",
                    expected='["mot", "autre mot"]',
                    received=repr(synonyms),
                )
                synonyms = []
            self.unknown_keys(("tags", key), spec, CONFIG["tags"].entry_key_names, f"l'étiquette « {key} »")
            self.cfg.tags[key] = Tag(key, label, tuple(synonyms))

    def read_glossary(self, section: dict[str, Any]) -> None:
        for key, value in section.items():
            self.cfg.glossary[str(key)] = self.text(("glossary", key), value)

    def read_contacts(self, section: dict[str, Any]) -> None:
        lists: dict[str, list[str]] = {}
        for name in ("emails", "phones", "domains"):
            value = section.get(name, []) or []
            if not isinstance(value, list):
                self.bad(
                    ("contacts", name),
                    f"« contacts.{name} » doit être une liste",
                    expected="une liste",
                    received=repr(value),
                )
                value = []
            lists[name] = [str(v) for v in value]
        local_values = list(self.cfg.local.values())
        emails = {e.lower().strip() for e in lists["emails"]}
        phones = {phone_digits(p) for p in lists["phones"]}
        for value in local_values:
            for f in pii.find(value, (pii.EMAIL, pii.PHONE)):
                (emails if f.kind == pii.EMAIL else phones).add(f.canonical)
        imported_phones, imported_emails, problem = read_imported_contacts(self.cfg.root / IMPORTED_CONTACTS)
        if problem:
            self.cfg.defects.append(
                ConfigDefect(
                    0,
                    0,
                    f"{IMPORTED_CONTACTS} illisible : {problem}",
                    fix="relancez « kb import service-public » pour le réécrire",
                )
            )
        emails |= imported_emails
        phones |= imported_phones
        self.cfg.emails = frozenset(emails)
        self.cfg.phones = frozenset(phones)
        self.cfg.domains = frozenset(d.lower().lstrip("@") for d in lists["domains"])

    def check_key(self, key: tuple[str | int, ...], name: str) -> None:
        if not KEY_RE.match(str(name)):
            self.bad(
                key,
                f"clé « {name} » invalide",
                expected="minuscules, chiffres et tirets, par exemple « etat-civil »",
                received=str(name),
            )

    def read_accessibility(self, section: dict[str, Any]) -> None:
        key = ("accessibility",)
        for name in (k.name for k in CONFIG["accessibility"].keys if k.required):
            if name not in section:
                self.bad(
                    key,
                    f"« accessibility.{name} » manquant : la déclaration d'accessibilité en a besoin",
                    expected=f"{name}: …",
                    fix=_ACCESSIBILITY_FIX[name],
                )
        entity = self.text((*key, "entity"), section["entity"]) if "entity" in section else ""
        contact = self.text((*key, "contact"), section["contact"]).strip() if "contact" in section else ""
        if contact and not (_CONTACT_EMAIL.match(contact) or _CONTACT_URL.match(contact)):
            self.bad(
                (*key, "contact"),
                "contact d'accessibilité invalide",
                expected="une adresse électronique institutionnelle ou une adresse web (https://…)",
                received=contact,
                fix=_ACCESSIBILITY_FIX["contact"],
            )
        date = None
        if "date" in section:
            date, _ = parse_iso_date(section["date"])
            if date is None:
                self.bad(
                    (*key, "date"),
                    "date de la déclaration d'accessibilité invalide",
                    expected="une date AAAA-MM-JJ, par exemple 2026-11-30",
                    received=repr(section["date"]),
                )
        level = ""
        if "level" in section:
            level = self.text((*key, "level"), section["level"]).strip()
            if level not in ACCESSIBILITY_LEVELS:
                self.bad(
                    (*key, "level"),
                    f"niveau de conformité inconnu « {level} »",
                    expected=", ".join(ACCESSIBILITY_LEVELS),
                    received=level,
                    fix=did_you_mean(level, ACCESSIBILITY_LEVELS) or "choisissez l'un des trois niveaux du RGAA",
                )
                level = ""
        rate = section.get("rate")
        if rate is not None and not (isinstance(rate, int) and not isinstance(rate, bool) and 0 <= rate <= 100):
            self.bad(
                (*key, "rate"),
                "« accessibility.rate » doit être un pourcentage",
                expected="un entier de 0 à 100 (part des critères du RGAA respectés, mesurée par un audit)",
                received=repr(rate),
            )
            rate = None
        lists = {name: self.text_list((*key, name), section.get(name)) for name in _ACCESSIBILITY_LISTS}
        audit_by = self.text((*key, "audit_by"), section["audit_by"]) if "audit_by" in section else ""
        self.cfg.accessibility = Accessibility(
            entity=entity,
            contact=contact,
            date=date,
            level=level or "non conforme",
            rate=rate,
            audit_by=audit_by,
            declared=True,
            **lists,
        )

    def text_list(self, key: tuple[str | int, ...], value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return tuple(v.strip() for v in value)
        self.bad(
            key,
            f"« {'.'.join(map(str, key))} » doit être une liste de textes",
            expected='["premier point", "second point"]',
            received=repr(value),
        )
        return ()


_ACCESSIBILITY_LISTS = ("non_conformities", "derogations", "pages")
_CONTACT_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_CONTACT_URL = re.compile(r"^https?://\S+$")
_ACCESSIBILITY_FIX = {
    "entity": "nommez l'entité responsable, par exemple « entity: \"Commune d'Exempleville\" »",
    "contact": "donnez une adresse institutionnelle, par exemple « contact: accessibilite@exempleville.example »",
    "date": "datez la déclaration, par exemple « date: 2026-11-30 »",
    "level": "indiquez « level: » parmi " + ", ".join(ACCESSIBILITY_LEVELS),
}
