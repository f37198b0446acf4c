"""The France Services partners: who takes a case at level 2, and how to reach them.

In France Services, the counter handles level 1 (information, help with
online procedures); level 2 goes to a correspondent at one of the nine
national partners. They exist by default (:data:`NATIONAL`); the
``partners:`` section of ``kb.yml`` sets, per partner, the territory's
channel (correspondent, phone, e-mail, partner-space link, usual delay) with
its review dates, and may add local partners::

    partners:
      caf:
        correspondent: "Référente France Services, CAF du Département-Exemple"
        phone: "01 99 00 30 00"        # must be in contacts.phones
        email: "partenaires@caf.example" # contacts.emails or contacts.domains
        partner_space: "https://partenaires.caf.example"
        delay: "réponse sous 5 jours ouvrés"
        reviewed: 2026-10-01
        valid_until: 2027-04-01        # required as soon as a channel is set

An answer names its level 2 in its front matter (see :func:`handoffs`)::

    level2: {partner: caf, when: "dossier bloqué après un premier contact"}

Reading ``kb.yml`` never raises: problems are reported through the config
reader (rule KB900, with their line), like the rest of ``kb.yml``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, Protocol

from kb_tools.pii import INSTITUTIONAL_DOMAINS, phone_digits
from kb_tools.schema import CONFIG
from kb_tools.source import parse_iso_date
from kb_tools.text import fold, redact_url, short, suggest

SECTION = "partners"
FIELD = "level2"  # the answer front matter field
CHANNEL_KEYS = ("correspondent", "phone", "email", "partner_space", "delay")
KEYS = CONFIG[SECTION].entry_key_names  # declared in kb_tools/schema.py
HANDOFF_KEYS = ("partner", "when")
_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # as the other keys of kb.yml
RESERVED = ("index", "charte")  # the site's partenaires/index.md and partenaires/charte.md
_EMAIL_RE = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Partner:
    key: str
    label: str  # full French label, e.g. "Caisse d'allocations familiales (CAF)"
    short: str  # what lists and the box print, e.g. "CAF"
    website: str = ""  # the partner's public site (national default)
    national: bool = False  # one of the nine national France Services partners
    correspondent: str = ""  # who takes the case for the territory
    phone: str = ""
    email: str = ""
    partner_space: str = ""  # the partner's space for France Services agents
    delay: str = ""  # the usual answer delay, as text
    reviewed: dt.date | None = None
    valid_until: dt.date | None = None  # the channel must be checked again after this date
    owner: str = ""  # who re-checks the channel (default: the maintainers of kb.yml)

    @property
    def has_channel(self) -> bool:
        return any(getattr(self, name) for name in CHANNEL_KEYS)

    def expired(self, today: dt.date) -> bool:
        return self.valid_until is not None and self.valid_until < today


NATIONAL: tuple[Partner, ...] = (
    Partner("caf", "Caisse d'allocations familiales (CAF)", "CAF", "https://www.caf.fr", True),
    Partner("assurance-maladie", "Assurance maladie (CPAM)", "Assurance maladie", "https://www.ameli.fr", True),
    Partner(
        "assurance-retraite",
        "Assurance retraite (CARSAT, CNAV)",
        "Assurance retraite",
        "https://www.lassuranceretraite.fr",
        True,
    ),
    Partner("msa", "Mutualité sociale agricole (MSA)", "MSA", "https://www.msa.fr", True),
    Partner("france-travail", "France Travail", "France Travail", "https://www.francetravail.fr", True),
    Partner("dgfip", "Finances publiques (DGFiP)", "DGFiP", "https://www.impots.gouv.fr", True),
    Partner("la-poste", "La Poste", "La Poste", "https://www.laposte.fr", True),
    Partner("justice", "Ministère de la Justice", "Justice", "https://www.justice.fr", True),
    Partner("interieur-ants", "Ministère de l'Intérieur (ANTS)", "ANTS", "https://ants.gouv.fr", True),
)

# Names editors write for a partner (acronyms, former names) -> its key, for suggestions.
ALIASES = {
    "cpam": "assurance-maladie",
    "ameli": "assurance-maladie",
    "secu": "assurance-maladie",
    "carsat": "assurance-retraite",
    "cnav": "assurance-retraite",
    "retraite": "assurance-retraite",
    "pole-emploi": "france-travail",
    "pole emploi": "france-travail",
    "impots": "dgfip",
    "finances-publiques": "dgfip",
    "poste": "la-poste",
    "ants": "interieur-ants",
    "interieur": "interieur-ants",
    "prefecture": "interieur-ants",
}


def national_partners() -> dict[str, Partner]:
    """The nine national partners, without any local channel."""
    return {p.key: p for p in NATIONAL}


def suggestions(name: str, keys: Iterable[str]) -> list[str]:
    """Known partner keys close to ``name`` (an alias such as « CPAM » first)."""
    keys = list(keys)
    alias = ALIASES.get(fold(name).strip())
    close = suggest(name, keys)
    if alias in keys:
        close = [alias, *(k for k in close if k != alias)]
    return close


# -- kb.yml -------------------------------------------------------------------


class Reader(Protocol):
    """What the kb.yml reader (kb_tools/config.py) lends to this section."""

    def bad(self, key: KeyPath, message: str, **kw: str) -> None: ...

    def text(self, key: KeyPath, value: Any) -> str: ...

    def unknown_keys(self, key: KeyPath, section: dict[str, Any], known: tuple[str, ...], where: str) -> None: ...


class Contacts(Protocol):
    """The institutional allowlist (``contacts`` and ``local`` of kb.yml)."""

    emails: frozenset[str]
    phones: frozenset[str]
    domains: frozenset[str]


def read_partners(
    section: Any, reader: Reader, contacts: Contacts, is_url: Callable[[str], bool]
) -> dict[str, Partner]:
    """The partners: the national ones, with what ``section`` (the value of
    ``partners:`` in kb.yml) sets, and the local ones it adds. Bad values
    are reported through ``reader`` and left out."""
    result = national_partners()
    if section is None:
        return result
    if not isinstance(section, dict):
        reader.bad(
            (SECTION,),
            "la section « partners » doit être une table : une clé par partenaire",
            expected="partners:\n  caf:\n    correspondent: …",
            received=type(section).__name__,
            fix="écrivez une clé par partenaire (caf, assurance-maladie…) suivie de ses champs",
        )
        return result
    for key, spec in section.items():
        partner = _read_one(str(key), spec, result.get(str(key)), reader, contacts, is_url)
        if partner is not None:
            result[partner.key] = partner
    return result


def _read_one(
    key: str,
    spec: Any,
    default: Partner | None,
    reader: Reader,
    contacts: Contacts,
    is_url: Callable[[str], bool],
) -> Partner | None:
    at: KeyPath = (SECTION, key)
    if not _KEY_RE.match(key) or key in RESERVED:
        reader.bad(
            at,
            f"clé de partenaire « {key} » invalide",
            expected="minuscules, chiffres et tirets, par exemple « caf » ou « mdph » (ni « index » ni « charte »)",
            received=key,
            fix="renommez la clé ; les réponses la citent dans « level2: {partner: …} »",
        )
        return None
    if spec is None:
        spec = {}
    if not isinstance(spec, dict):
        reader.bad(
            at,
            f"le partenaire « {key} » doit être une table de champs",
            expected="correspondent, phone, email, partner_space, delay, reviewed, valid_until",
            received=short(spec),
            fix="écrivez un champ par ligne sous la clé du partenaire",
        )
        return None
    reader.unknown_keys(at, spec, KEYS, f"le partenaire « {key} »")
    values: dict[str, Any] = {}
    for name in ("label", "correspondent", "delay", "owner"):
        if name in spec:
            values[name] = reader.text((*at, name), spec[name]).strip()
    for name in ("website", "partner_space"):
        if name in spec:
            values[name] = _url((*at, name), spec[name], reader, is_url)
    if "phone" in spec:
        values["phone"] = _phone((*at, "phone"), key, spec["phone"], reader, contacts)
    if "email" in spec:
        values["email"] = _email((*at, "email"), key, spec["email"], reader, contacts)
    for name in ("reviewed", "valid_until"):
        if name in spec:
            values[name] = _date((*at, name), spec[name], reader)
    if default is None:
        label = values.get("label", "")
        if not label:
            reader.bad(
                at,
                f"le partenaire local « {key} » n'a pas de « label »",
                expected="label: …",
                fix="ajoutez « label: » (son nom complet) ; les neuf partenaires nationaux ont déjà le leur : "
                + ", ".join(p.key for p in NATIONAL),
            )
            return None
        default = Partner(key, label, label)
    partner = replace(default, **{k: v for k, v in values.items() if v or k in ("reviewed", "valid_until")})
    if partner.has_channel and partner.valid_until is None and "valid_until" not in spec:
        reader.bad(
            at,
            f"le contact du partenaire « {key} » n'a pas de date de revérification",
            expected="valid_until: AAAA-MM-JJ",
            fix="ajoutez « valid_until: » : la date à laquelle revérifier ce contact avec le partenaire "
            "(il apparaît alors dans le contrôle des dates de chaque nuit, comme une réponse)",
        )
    if partner.reviewed and partner.valid_until and partner.reviewed > partner.valid_until:
        reader.bad(
            (*at, "valid_until"),
            f"contact du partenaire « {key} » : « valid_until » est avant « reviewed »",
            expected=f"une date après le {partner.reviewed.isoformat()}",
            received=partner.valid_until.isoformat(),
            fix="la date de revérification suit la date de vérification : corrigez l'une des deux",
        )
    return partner


def _url(key: KeyPath, value: Any, reader: Reader, is_url: Callable[[str], bool]) -> str:
    text = reader.text(key, value).strip()
    if not text or is_url(text):
        return text
    reader.bad(
        key,
        f"« {'.'.join(map(str, key))} » doit être une adresse web http:// ou https://",
        expected="une adresse comme https://partenaires.exemple.fr, sans identifiant ni jeton",
        received=short(redact_url(text)),
        fix="copiez l'adresse https:// de la page telle que le navigateur l'affiche",
    )
    return ""


def _phone(key: KeyPath, partner: str, value: Any, reader: Reader, contacts: Contacts) -> str:
    text = reader.text(key, value).strip()
    digits = phone_digits(text)
    if not text or (digits and digits in contacts.phones):
        return text
    reader.bad(
        key,
        f"le téléphone du partenaire « {partner} » n'est pas un contact institutionnel de kb.yml",
        expected="un numéro déclaré dans contacts.phones",
        received=short(text),
        fix="déclarez cette ligne institutionnelle dans « contacts: phones: » (jamais le portable d'une personne), "
        "ou retirez-la",
    )
    return ""


def _email(key: KeyPath, partner: str, value: Any, reader: Reader, contacts: Contacts) -> str:
    text = reader.text(key, value).strip()
    address = text.lower()
    domain = address.rsplit("@", 1)[-1]
    domains = contacts.domains | INSTITUTIONAL_DOMAINS
    allowed = address in contacts.emails or any(domain == d or domain.endswith("." + d) for d in domains)
    if not text or (_EMAIL_RE.match(text) and allowed):
        return text
    reader.bad(
        key,
        f"l'adresse du partenaire « {partner} » n'est pas un contact institutionnel de kb.yml",
        expected="une adresse de contacts.emails, ou d'un domaine de contacts.domains",
        received=short(text),
        fix="déclarez cette adresse fonctionnelle dans « contacts: emails: » (jamais l'adresse nominative "
        "d'une personne), ou retirez-la",
    )
    return ""


def _date(key: KeyPath, value: Any, reader: Reader) -> dt.date | None:
    day, _ = parse_iso_date(value)
    if day is None:
        reader.bad(
            key,
            f"« {'.'.join(map(str, key))} » n'est pas une date",
            expected="une date AAAA-MM-JJ, par exemple 2027-04-01",
            received=short(repr(value)),
            fix="écrivez la date sous la forme AAAA-MM-JJ",
        )
    return day


# -- answers ------------------------------------------------------------------


@dataclass(frozen=True)
class Handoff:
    """One level 2 of an answer: the partner's key and when to hand over."""

    partner: str
    when: str
    at: KeyPath  # where ``partner`` is written in the front matter


def handoffs(meta: dict[str, Any]) -> list[Handoff]:
    """The level 2 hand-offs an answer declares, read leniently (KB112 reports
    what does not fit): ``level2: caf``, ``level2: {partner: caf, when: "…"}``
    or a list of these."""
    raw = meta.get(FIELD)
    items: list[tuple[KeyPath, Any]] = (
        [((FIELD, i), v) for i, v in enumerate(raw)] if isinstance(raw, list) else [((FIELD,), raw)]
    )
    found: list[Handoff] = []
    for at, item in items:
        if isinstance(item, str) and item.strip():
            found.append(Handoff(item.strip(), "", at))
        elif isinstance(item, dict) and isinstance(item.get("partner"), str) and item["partner"].strip():
            when = item.get("when")
            found.append(
                Handoff(item["partner"].strip(), when.strip() if isinstance(when, str) else "", (*at, "partner"))
            )
    return found
