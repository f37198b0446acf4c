"""An answer as the engine sees it: front matter values read leniently.

Wrong values become ``None`` (or empty lists) here; the rules report them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from kb_tools import scan
from kb_tools.source import DefectKind, SourceFile, parse_iso_date
from kb_tools.text import add_days

BLOCKING = frozenset(DefectKind) - {DefectKind.DUPLICATE_KEY}  # a duplicate key still leaves the file readable


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _str_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, (str, int)) and not isinstance(v, bool)]
    return []


@dataclass
class Answer:
    src: SourceFile
    id: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def rel(self) -> str:
        return self.src.rel

    @property
    def readable(self) -> bool:
        return not any(d.kind in BLOCKING for d in self.src.defects)

    @property
    def title(self) -> str | None:
        return _text(self.meta.get("title"))

    @property
    def service(self) -> str | None:
        return _text(self.meta.get("service"))

    @property
    def tags(self) -> list[str]:
        return _str_list(self.meta.get("tags"))

    @property
    def aliases(self) -> list[str]:
        return _str_list(self.meta.get("aliases"))

    @property
    def sources(self) -> list[str]:
        return _str_list(self.meta.get("sources"))

    @property
    def related(self) -> list[str]:
        return _str_list(self.meta.get("related"))

    @property
    def valid_until(self) -> dt.date | None:
        return parse_iso_date(self.meta.get("valid_until"))[0]

    @property
    def reviewed(self) -> dt.date | None:
        return parse_iso_date(self.meta.get("reviewed"))[0]

    @property
    def status(self) -> str:
        return _text(self.meta.get("status")) or "published"

    @property
    def description(self) -> str | None:
        return _text(self.meta.get("description"))

    @property
    def audience(self) -> str | None:
        return _text(self.meta.get("audience"))

    @property
    def origin(self) -> dict[str, Any]:
        value = self.meta.get("origin")
        return value if isinstance(value, dict) else {}

    @property
    def imported(self) -> bool:
        """A national fiche imported from Service-Public.fr (public content, left
        out of the e-mail and phone rules). Answers imported from another base's
        export (``origin.source: kb-export``) are local content: every rule applies."""
        return self.origin.get("source") == "service-public"

    def items(self, name: str) -> list[tuple[tuple[str | int, ...], Any]]:
        """(key path, value) of each item of a list field; a single value
        counts as a one-item list (located at the field itself)."""
        raw = self.meta.get(name)
        if isinstance(raw, list):
            return [((name, i), value) for i, value in enumerate(raw)]
        return [] if raw is None else [((name,), raw)]

    def owner(self, default: str = "") -> str:
        return _text(self.meta.get("owner")) or default

    @cached_property
    def masked(self) -> scan.Located:
        """The body with code blanked out, for whole-text regex scans."""
        return scan.Located(scan.masked_body(self.src.body, self.src.body_line, self.prose), self.src.body_line)

    @cached_property
    def masked_decoded(self) -> tuple[str, list[int], list[int]]:
        """The masked body with HTML entities decoded, and the map back (see
        :func:`scan.decode_entities`), shared by the HTML rules."""
        return scan.decode_entities(self.masked.text)

    @cached_property
    def located(self) -> scan.Located:
        """The whole file (front matter and code included), for whole-text scans."""
        return scan.Located(self.src.text, 1)

    @cached_property
    def prose(self) -> tuple[tuple[int, str], ...]:
        """Body lines outside code (see :func:`scan.prose_lines`), read once."""
        return scan.prose_lines(self.src.body, self.src.body_line)

    @cached_property
    def headings(self) -> list[tuple[str, str, int]]:
        return scan.headings(self.src.body, self.src.body_line, self.prose)

    @cached_property
    def anchors(self) -> frozenset[str]:
        return frozenset(a for a, _, _ in self.headings)

    @cached_property
    def links(self) -> list[scan.Link]:
        return scan.links(self.src.body, self.src.body_line, self.prose)

    def expires_within(self, today: dt.date, days: int) -> bool:
        until = self.valid_until
        return until is not None and today <= until <= add_days(today, days)

    def expired(self, today: dt.date) -> bool:
        until = self.valid_until
        return until is not None and until < today


def first_of_each_id(answers: Iterable[Answer]) -> dict[str, Answer]:
    """id -> the first answer with that id, in order (a duplicate id is
    reported by KB201; everything else keeps the first one)."""
    result: dict[str, Answer] = {}
    for answer in answers:
        result.setdefault(answer.id, answer)
    return result
