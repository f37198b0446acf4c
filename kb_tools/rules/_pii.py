"""What the personal data rules (KB501-KB504) share: where to look.

The detector is :mod:`kb_tools.pii`; here it is run on every channel that
gets published, once per file, and each finding is given its place:

- the whole text of the file (front matter, body, code blocks), positions
  exact;
- every front matter (or kb.yml) key and value as YAML reads it, nested ones
  included, for what only the parser sees (``\\u0040`` escapes, folded lines):
  reported at the key unless the same datum was already found in the text;
- the file name (answers only), reported on line 1, column 0.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kb_tools import pii, scan
from kb_tools.config import Config
from kb_tools.model import Answer
from kb_tools.problem import Problem
from kb_tools.rules._base import Context, Rule
from kb_tools.source import KeyPath, SourceFile

TEXT, VALUE, FILE_NAME = "text", "value", "file-name"


@dataclass(frozen=True)
class Place:
    line: int
    column: int
    channel: str  # text, value (front matter / kb.yml value or key), file-name
    finding: pii.Finding


def _strings(value: Any, text: str) -> list[tuple[KeyPath, str]]:
    """(key path, text) of every key and scalar under ``value`` that YAML
    changed on the way (escapes, folded lines, quotes, ``1_000`` numbers):
    the others are in ``text`` as is, and scanned there already."""
    out: list[tuple[KeyPath, str]] = []
    stack: list[tuple[KeyPath, Any]] = [((), value)]
    while stack:
        key, value = stack.pop()
        if isinstance(value, dict):
            for k, v in value.items():
                sub = (*key, k)
                name = str(k)
                if name not in text:
                    out.append((sub, name))
                stack.append((sub, v))
        elif isinstance(value, list):
            stack.extend(((*key, i), v) for i, v in enumerate(value))
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            scalar = str(value)
            if scalar not in text:
                out.append((key, scalar))
    return out


def places(src: SourceFile, meta: dict[str, Any], located: scan.Located) -> list[Place]:
    """Every personal datum of a YAML-fronted file: its text, then its values."""
    found: list[Place] = []
    seen: set[tuple[str, str]] = set()
    for f in pii.find(src.text):
        line, column = located.position(f.start)
        found.append(Place(line, column, TEXT, f))
        seen.add((f.kind, f.canonical))
    strings = _strings(meta, src.text)
    if strings:
        # One pass over all values joined by line breaks (no pattern crosses one).
        joined = "\n".join(text for _, text in strings)
        starts, at = [], 0
        for _, text in strings:
            starts.append(at)
            at += len(text) + 1
        for f in pii.find(joined):
            if (f.kind, f.canonical) in seen:
                continue
            seen.add((f.kind, f.canonical))
            key = strings[bisect.bisect_right(starts, f.start) - 1][0]
            line, column = src.pos(*key)
            found.append(Place(line, column, VALUE, f))
    return found


def answer_places(answer: Answer) -> list[Place]:
    """The places of an answer, computed once for the four rules."""
    cached = answer.__dict__.get("_pii_places")
    if cached is None:
        cached = places(answer.src, answer.meta, answer.located)
        seen = {(p.finding.kind, p.finding.canonical) for p in cached}
        for f in pii.find(answer.rel):
            if (f.kind, f.canonical) not in seen:
                cached.append(Place(1, 0, FILE_NAME, f))
        answer.__dict__["_pii_places"] = cached
    return cached


def config_places(cfg: Config) -> list[Place]:
    src = cfg.source
    if src is None or not src.text:
        return []
    return places(src, src.meta, scan.Located(src.text, 1))


def allowlist(cfg: Config) -> pii.Allowlist:
    return pii.Allowlist(emails=cfg.emails, domains=cfg.domains, phones=cfg.phones)


def report(
    rule: Rule, path: str, found: list[Place], kind: str, allowed: pii.Allowlist, message: str, **kw: str
) -> Iterator[Problem]:
    for place in found:
        f = place.finding
        if f.kind != kind or allowed.allows(f):
            continue
        where = " (dans le nom du fichier)" if place.channel == FILE_NAME else ""
        fix = kw.get("fix", "")
        if place.channel == FILE_NAME:
            fix = "renommez le fichier : un nom de fichier est publié (adresse de la page)"
        yield rule.at(
            path,
            place.line,
            place.column,
            message + where,
            expected=kw.get("expected", ""),
            received=pii.mask(f.value),
            fix=fix,
        )


def check_answer(rule: Rule, answer: Answer, ctx: Context, kind: str, message: str, **kw: str) -> Iterator[Problem]:
    yield from report(rule, answer.rel, answer_places(answer), kind, allowlist(ctx.kb.config), message, **kw)


def check_config(rule: Rule, ctx: Context, kind: str, message: str, **kw: str) -> Iterator[Problem]:
    cfg = ctx.kb.config
    yield from report(rule, cfg.path, config_places(cfg), kind, allowlist(cfg), message, **kw)
