"""Shared helper for the rule tests: a small knowledge base written into tmp_path.

Each test adds a few answer files given as strings, then states the exact
problems it expects as ``(path, line, column, rule_id)`` tuples, like the
yamllint rule tests do with ``(line, column, rule)``.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable
from pathlib import Path

import pytest

from kb_tools.kb import load_kb
from kb_tools.problem import Problem
from kb_tools.rules.runner import validate

TODAY = dt.date(2026, 11, 16)

CONFIG = """\
site:
  name: "Base de test"
  repo_url: "https://gitlab.example.org/test/base"
local:
  mairie:
    telephone: "01 99 00 10 00"
    courriel: "accueil@exempleville.example"
    horaires: "du lundi au vendredi de 9 h à 17 h"
  etat_civil:
    courriel: "etat-civil@mairie-test.fr"
services:
  etat-civil:
    label: "État civil"
    owner: "@test/etat-civil"
  identite:
    label: "Identité et titres"
    owner: "@test/titres"
tags:
  acte:
    label: "Acte"
  naissance:
    label: "Naissance"
    synonyms: ["né", "naître"]
  identite:
    label: "Identité"
  mariage:
    label: "Mariage"
glossary:
  CNI: "Carte nationale d'identité"
  PACS: "Pacte civil de solidarité"
contacts:
  emails: ["contact@ants.gouv.fr"]
  phones: ["3939", "01 40 00 00 00"]
  domains: ["exempleville.example"]
freshness:
  expiring_days: 30
"""

# A valid front matter: the body of an answer built with header() starts on line 7.
HEADER = """\
---
title: "{title}"
service: etat-civil
tags: [acte, naissance]
valid_until: 2027-06-30
---
"""
BODY_LINE = 7

Expected = tuple[str, int, int, str]


def header(title: str = "Acte de naissance", extra: str = "") -> str:
    """A valid front matter; the body that follows starts on line ``BODY_LINE``.

    ``extra`` lines go right after the opening ``---`` (from line 2 on) and
    push the others down.
    """
    return HEADER.format(title=title).replace("---\n", "---\n" + extra, 1)


class SampleKB:
    """A knowledge base on disk: ``kb.yml`` plus the files a test adds."""

    BODY = BODY_LINE
    header = staticmethod(header)

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "docs" / "reponses").mkdir(parents=True)
        self.config(CONFIG)

    def config(self, text: str) -> None:
        """Replace ``kb.yml`` (dedented)."""
        (self.root / "kb.yml").write_text(textwrap.dedent(text), encoding="utf-8")

    def write(self, rel: str, content: str | bytes) -> str:
        """Write a file at ``rel`` (relative to the root); str is dedented."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(textwrap.dedent(content).encode("utf-8"))
        else:
            path.write_bytes(content)
        return rel

    def add(self, name: str, content: str | bytes) -> str:
        """Write an answer under ``docs/reponses/``; returns its KB path."""
        return self.write(f"docs/reponses/{name}", content)

    def valid(self, name: str, body: str = "Texte de la réponse.\n", title: str | None = None) -> str:
        """An answer with a valid front matter and ``body`` starting on line 7."""
        title = title or Path(name).stem.replace("-", " ").capitalize()
        text = header(title)
        folder = name.rpartition("/")[0]
        if folder in ("etat-civil", "identite"):  # the service is the folder's (KB110)
            text = text.replace("service: etat-civil", f"service: {folder}", 1)
        return self.add(name, text + textwrap.dedent(body))

    def problems(
        self,
        today: dt.date = TODAY,
        check_expiry: bool = False,
        changed: Iterable[str] | None = None,
    ) -> list[Problem]:
        return validate(load_kb(self.root), today, check_expiry=check_expiry, changed=changed)

    def found(self, *rules: str, **kw: object) -> list[Expected]:
        """``(path, line, column, rule_id)`` of the problems of ``rules`` (all if none)."""
        return [
            (p.path, p.line, p.column, p.rule_id)
            for p in self.problems(**kw)  # type: ignore[arg-type]
            if not rules or p.rule_id in rules
        ]

    def check(self, expected: Iterable[Expected], *rules: str, **kw: object) -> None:
        """Assert exactly these problems (of ``rules``, or of every rule)."""
        assert self.found(*rules, **kw) == sorted(expected)

    def only(self, rule: str, **kw: object) -> Problem:
        """The one problem of ``rule``, to check its message."""
        found = [p for p in self.problems(**kw) if p.rule_id == rule]  # type: ignore[arg-type]
        assert len(found) == 1, found
        return found[0]


@pytest.fixture
def kb(tmp_path: Path) -> SampleKB:
    return SampleKB(tmp_path)
