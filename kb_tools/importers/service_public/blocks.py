"""Blocks of Markdown, how they are put together, and what renderers share.

The fiche renderer (:class:`~kb_tools.importers.service_public.render.Renderer`)
hands itself to the table and section renderers as a :class:`Writer`: they
call back into it for inline text and nested blocks, and never import it, so
that dependencies point one way (``render`` -> ``sections``, ``tables`` ->
``blocks``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Protocol

from kb_tools.importers.service_public.fiche import answer_id, official_url
from kb_tools.importers.service_public.safe_text import block_start, escape, link, local_link, squash

Block = tuple[str, str]  # (kind, markdown): "h", "p", "list", "table", "block"
# Python-Markdown merges two lists separated only by a blank line (even a
# bulleted and a numbered one): a non-breaking space paragraph keeps them apart.
LIST_BREAK = "&nbsp;"


@dataclass(frozen=True)
class Ctx:
    """Where a block is rendered."""

    level: int = 2  # heading level of the next Chapitre
    nested: bool = False  # inside a list item, a note or a collapsible block: no headings

    def deeper(self) -> Ctx:
        return replace(self, level=min(self.level + 1, 6))

    def inside(self) -> Ctx:
        return replace(self, nested=True)


@dataclass(frozen=True)
class Links:
    """Where links to other publications go: the local answer when the fiche
    is imported, the official page otherwise."""

    imported: frozenset[str]
    titles: Mapping[str, str] = field(default_factory=dict)

    def to(self, text_md: str, publication_id: str, audience: str) -> str:
        if not text_md.strip():
            text_md = escape(self.titles.get(publication_id, "") or f"fiche {publication_id}")
        if publication_id in self.imported:
            return local_link(text_md, answer_id(publication_id) + ".md")
        return link(text_md, official_url(publication_id, audience))


class Writer(Protocol):
    """What the table and section renderers need of the fiche renderer."""

    audience: str  # the audience the fiche is imported for
    links: Links
    unknown: Counter[str]  # unknown elements met, by tag (for the report)

    def inline(self, elem: ET.Element) -> str:
        """The text and inline children of ``elem`` as one line of Markdown."""
        ...

    def inline_element(self, elem: ET.Element) -> str:
        """One child element met in inline text."""
        ...

    def title(self, elem: ET.Element) -> str:
        """The ``<Titre>`` of ``elem`` as inline Markdown ("" when none)."""
        ...

    def block(self, elem: ET.Element, ctx: Ctx) -> list[Block]:
        """One element as blocks."""
        ...

    def blocks(self, elem: ET.Element, ctx: Ctx, skip: frozenset[str] = frozenset()) -> list[Block]:
        """The block content of a container."""
        ...

    def boxed(self, opener: str, title: str, content: list[Block]) -> list[Block]:
        """A note or a collapsible block around ``content``."""
        ...


def finish(markdown: str) -> str:
    """A paragraph ready to write: one line, nothing read as block markup."""
    return block_start(squash(markdown))


def join(blocks: Iterable[Block]) -> str:
    """Blocks separated by a blank line; two lists in a row kept apart."""
    out: list[str] = []
    previous = ""
    for kind, text in blocks:
        if out:
            out.append(f"\n\n{LIST_BREAK}\n\n" if kind == previous == "list" else "\n\n")
        out.append(text)
        previous = kind
    return "".join(out)
