"""Blocks of Markdown and how they are put together."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from kb_tools.importers.service_public.safe_text import block_start, squash

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
