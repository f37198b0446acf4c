"""``<Tableau>`` as a Markdown table.

Merged cells cannot be merged in Markdown: the text goes in the first cell and
the cells it covered stay empty. ``fusionHorizontale`` is a column span,
``fusionVerticale`` a row span; as in HTML, a row span does not cross from the
header rows into the body.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from kb_tools.importers.service_public.blocks import Block, Writer
from kb_tools.importers.service_public.safe_text import block_start, emphasize, escape, squash


def _span(cell: ET.Element, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name) or 1), 50))
    except ValueError:
        return 1


def cell_text(r: Writer, cell: ET.Element) -> str:
    """One line for one cell: paragraphs side by side, list items as bullets."""
    parts = [squash(escape(cell.text))] if cell.text and cell.text.strip() else []
    for child in cell:
        if child.tag == "Liste":
            parts += ["• " + squash(" ".join(r.inline(p) for p in item)) for item in child]
        elif child.tag == "Paragraphe":
            parts.append(squash(r.inline(child)))
        else:
            parts.append(squash(r.inline_element(child)))
        if child.tail and child.tail.strip():
            parts.append(squash(escape(child.tail)))
    return _join_parts([p for p in parts if p])


def _join_parts(parts: list[str]) -> str:
    """Paragraphs of a cell on one line: "; " where the first does not end a sentence."""
    out = ""
    for part in parts:
        if out:
            out += " " if out[-1] in ".:;!?…" or part.startswith("•") else " ; "
        out += part
    return out


def grid(r: Writer, tableau: ET.Element) -> list[tuple[bool, list[str]]]:
    """(is a header row, cell texts) for each row, spans expanded."""
    width = len(tableau.findall("Colonne"))
    rows: list[tuple[bool, list[str]]] = []
    carry: dict[int, int] = {}  # column -> rows still covered by a row span
    in_header = True
    for row in tableau.findall("Rangée"):
        header = row.get("type") == "header"
        if in_header and not header:
            carry, in_header = {}, False
        cells = row.findall("Cellule")
        own = sum(_span(c, "fusionHorizontale") for c in cells)
        if width and own + sum(1 for n in carry.values() if n > 0) > width:
            carry = {}  # spans that would push cells out of the table are not real
        texts: list[str] = []
        for cell in cells:
            while carry.get(len(texts), 0) > 0:
                carry[len(texts)] -= 1
                texts.append("")
            text, across, down = cell_text(r, cell), _span(cell, "fusionHorizontale"), _span(cell, "fusionVerticale")
            for k in range(across):
                if down > 1:
                    carry[len(texts)] = down - 1
                texts.append(text if k == 0 else "")
        while carry.get(len(texts), 0) > 0:
            carry[len(texts)] -= 1
            texts.append("")
        rows.append((header, texts))
    return rows


def table(r: Writer, tableau: ET.Element) -> list[Block]:
    out: list[Block] = []
    title = r.title(tableau)
    if title:
        out.append(("p", emphasize(title, "**")))
    for summary in tableau.findall("Resume"):
        text = block_start(squash(r.inline(summary)))
        if text:
            out.append(("p", text))
    rows = grid(r, tableau)
    if not rows:
        return out
    width = max(len(tableau.findall("Colonne")), *(len(cells) for _, cells in rows))
    head: list[str] = [""] * width
    if rows[0][0]:
        head = rows.pop(0)[1]
    lines = [_row(head, width), "| " + " | ".join(["---"] * width) + " |"]
    lines += [_row([emphasize(c, "**") if is_header and c else c for c in cells], width) for is_header, cells in rows]
    out.append(("table", "\n".join(lines)))
    return out


def _row(cells: list[str], width: int) -> str:
    cells = cells + [""] * (width - len(cells))
    return "| " + " | ".join(cells) + " |"
