"""The places where agents work (``places:`` in ``kb.yml``): the mairie,
France Services sites, each permanence of a van.

Each place has a key, a label, an optional kind, commune and schedule, and
its own local details (``local:``) as overrides of the territory's defaults
(the top-level ``local:`` section). A detail a place does not set is
inherited from the defaults. A key a place declares that the defaults do not
is that place's own: the other places have no value for it, and an answer
that uses it is reported for each of them (rule KB206).

:func:`read_places` is called by the ``kb.yml`` reader (``config.py``); it
reports bad values through the reader, with their line in ``kb.yml``, and
never raises.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from kb_tools.schema import CONFIG
from kb_tools.text import did_you_mean, short, suggest

KINDS = ("mairie", "france-services", "permanence", "autre")
PLACE_KEYS = CONFIG["places"].entry_key_names  # declared in kb_tools/schema.py
_LABEL_MAX = 120

Key = tuple[str | int, ...]


class Reader(Protocol):
    """What :func:`read_places` needs from the ``kb.yml`` reader."""

    def bad(self, key: Key, message: str, **kw: str) -> None: ...

    def mapping(self, key: Key, value: Any, required: bool = True) -> dict[str, Any]: ...

    def text(self, key: Key, value: Any) -> str: ...

    def check_key(self, key: Key, name: str) -> None: ...

    def local_text(self, key: Key, value: Any) -> str: ...

    def unknown_keys(self, key: Key, section: dict[str, Any], known: tuple[str, ...], where: str) -> None: ...


@dataclass(frozen=True)
class Place:
    key: str
    label: str
    kind: str = ""
    commune: str = ""
    schedule: str = ""
    local: Mapping[str, str] = field(default_factory=dict)  # overrides only, "section.cle" -> value

    def values(self, defaults: Mapping[str, str]) -> dict[str, str]:
        """Every local detail of this place: the defaults, overridden."""
        return {**defaults, **self.local}

    def resolves(self, name: str, defaults: Mapping[str, str]) -> bool:
        return name in self.local or name in defaults


def known_keys(defaults: Mapping[str, str], places: Mapping[str, Place]) -> set[str]:
    """Every placeholder name declared somewhere: in the defaults or in a place."""
    known = set(defaults)
    for place in places.values():
        known.update(place.local)
    return known


def missing_for(name: str, defaults: Mapping[str, str], places: Mapping[str, Place]) -> list[Place]:
    """The places for which ``name`` has no value (neither inherited nor overridden)."""
    if name in defaults:
        return []
    return [p for p in places.values() if name not in p.local]


def read_places(reader: Reader, section: Any, defaults: Mapping[str, str]) -> dict[str, Place]:
    """The ``places:`` section (absent: no place, the site shows the defaults)."""
    places: dict[str, Place] = {}
    if section is None:
        return places
    key: Key = ("places",)
    section = reader.mapping(key, section)
    for name, spec in section.items():
        name = str(name)
        reader.check_key((*key, name), name)
        spec = reader.mapping((*key, name), spec)
        places[name] = _read_place(reader, (*key, name), name, spec, defaults)
    return places


def _read_place(reader: Reader, key: Key, name: str, spec: dict[str, Any], defaults: Mapping[str, str]) -> Place:
    reader.unknown_keys(key, spec, PLACE_KEYS, f"le lieu « {name} »")
    label = reader.text((*key, "label"), spec["label"]).strip() if "label" in spec else ""
    if not label:
        reader.bad(
            key,
            f"le lieu « {name} » n'a pas de « label »",
            expected="label: le nom que les agents reconnaissent",
            fix='ajoutez par exemple « label: "France Services itinérant — permanence de Trifouillis" »',
        )
    elif len(label) > _LABEL_MAX:
        reader.bad(
            (*key, "label"),
            f"le nom du lieu « {name} » est trop long pour l'en-tête du site",
            expected=f"au plus {_LABEL_MAX} caractères",
            received=short(label),
            fix="raccourcissez-le ; les détails vont dans « schedule: » ou « local: »",
        )
    kind = reader.text((*key, "kind"), spec["kind"]).strip() if "kind" in spec else ""
    if kind and kind not in KINDS:
        reader.bad(
            (*key, "kind"),
            f"type de lieu inconnu « {kind} »",
            expected=", ".join(KINDS),
            received=kind,
            fix=did_you_mean(kind, KINDS) or "choisissez l'un des types attendus",
        )
        kind = ""
    commune = reader.text((*key, "commune"), spec["commune"]).strip() if "commune" in spec else ""
    schedule = reader.text((*key, "schedule"), spec["schedule"]).strip() if "schedule" in spec else ""
    local: dict[str, str] = {}
    section = reader.mapping((*key, "local"), spec.get("local"), required=False)
    _read_local(reader, section, (*key, "local"), (), local, defaults)
    return Place(name, label or name, kind, commune, schedule, local)


def _read_local(
    reader: Reader,
    section: dict[str, Any],
    key: Key,
    path: tuple[str, ...],
    out: dict[str, str],
    defaults: Mapping[str, str],
) -> None:
    for name, value in section.items():
        sub, dotted = (*key, name), (*path, str(name))
        if isinstance(value, dict):
            _read_local(reader, value, sub, dotted, out, defaults)
            continue
        placeholder = ".".join(dotted)
        if placeholder not in defaults:
            parent, _, leaf = placeholder.rpartition(".")
            leaves = [d.rpartition(".")[2] for d in defaults if d.rpartition(".")[0] == parent]
            close = suggest(leaf, leaves, n=1)
            if close:  # a typo would silently leave the default in place
                reader.bad(
                    sub,
                    f"« {placeholder} » du lieu « {key[1]} » n'existe pas dans « local: »",
                    expected="une information déclarée dans « local: » (valeur par défaut du territoire)",
                    received=placeholder,
                    fix=f"vouliez-vous dire « {parent}.{close[0]} » ? Sinon, déclarez-la aussi dans « local: »",
                )
        out[placeholder] = reader.local_text(sub, value)


def site_data(defaults: Mapping[str, str], places: Mapping[str, Place], used: Iterable[str]) -> dict[str, Any]:
    """What the site's place chooser needs: the defaults and each place's
    overrides, restricted to the placeholders answers use."""
    names = sorted(set(used))
    return {
        "defaults": {n: defaults[n] for n in names if n in defaults},
        "places": [
            {
                "key": p.key,
                "label": p.label,
                "kind": p.kind,
                "commune": p.commune,
                "schedule": p.schedule,
                "local": {n: p.local[n] for n in names if n in p.local},
            }
            for p in places.values()
        ],
    }
