"""Rendering the body of a fiche as clean Markdown.

The walk is driven by explicit tables of XML elements (inline, block,
container, ignored, metadata). An element in none of them is *unknown*: its
text is kept (as a paragraph or inline text) and it is counted in
:attr:`Renderer.unknown` for the import report. Nothing is ever emitted as
raw HTML; every piece of text goes through :func:`~kb_tools.importers.service_public.safe_text.escape`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

from kb_tools.importers.service_public import sections, tables
from kb_tools.importers.service_public.blocks import LIST_BREAK, Block, Ctx, Links, finish, join
from kb_tools.importers.service_public.fiche import DC, METADATA, Fiche, audience_key, text_of
from kb_tools.importers.service_public.safe_text import (
    emphasize,
    escape,
    heading_text,
    indent,
    link,
    squash,
)

IGNORED = frozenset(
    {
        "Condition",
        "SiSelectionne",
        "estVrai",
        "estIndefini",
        "affecteVrai",
        "affecteFaux",
        "ou",
        "et",
        "TitreAlternatif",
        "Colonne",
    }
)
INLINE = frozenset(
    {
        "MiseEnEvidence",
        "Exposant",
        "Indice",
        "Valeur",
        "Expression",
        "Citation",
        "TermeEtranger",
        "Variable",
        "LienInterne",
        "LienIntra",
        "LienExterne",
    }
)
CONTAINERS = frozenset(
    {"Texte", "Contenu", "Introduction", "FragmentConditionne", "ContenuIllustre", "ListeSituations", "Description"}
)
SECTIONS = frozenset({"Chapitre", "SousChapitre", "Situation"})
ADMONITIONS = {
    "ANoter": ("note", "À noter"),
    "ASavoir": ("info", "À savoir"),
    "Attention": ("warning", "Attention"),
    "Rappel": ("note", "Rappel"),
}
IMAGES = frozenset({"Image", "Illustration"})
IMAGE_TEXT = ("TexteDeRemplacement", "Legende", "Description", "Credits")
BLOCKS = frozenset(
    {"Paragraphe", "Titre", "Liste", "Item", "Tableau", "BlocCas", "Cas", "Resume", "Avertissement", *IMAGE_TEXT}
)
KNOWN = (
    METADATA
    | IGNORED
    | INLINE
    | CONTAINERS
    | SECTIONS
    | BLOCKS
    | IMAGES
    | frozenset(ADMONITIONS)
    | sections.KNOWN
    | {"Publication", "Rangée", "Cellule"}
)


def _same_text(a: str, b: str) -> bool:
    """Equal but for case, spaces and the final full stop (an introduction
    that repeats the description is not written twice)."""
    return squash(a).rstrip(" .").casefold() == squash(b).rstrip(" .").casefold()


class Renderer:
    """Markdown for one fiche. Keep one instance per fiche (it counts unknown elements)."""

    def __init__(self, fiche: Fiche, audience: str, links: Links) -> None:
        self.fiche, self.audience, self.links = fiche, audience, links
        self.unknown: Counter[str] = Counter()
        self._emphasis = 0

    # -- the document -------------------------------------------------------

    def document(self, root: ET.Element) -> str:
        blocks: list[Block] = []
        description = self.fiche.description
        if description:
            blocks += [("h", "## En bref"), ("p", finish(escape(description)))]
        grouped: dict[str, list[ET.Element]] = {}
        for child in root:
            tag = child.tag
            if tag.startswith(DC) or tag in METADATA:
                continue
            if tag in sections.SECTION_OF:
                grouped.setdefault(sections.SECTION_OF[tag], []).append(child)
            elif not (tag == "Introduction" and _same_text(text_of(child), description)):
                blocks += self.block(child, Ctx())
        blocks += sections.render_sections(self, grouped)
        blocks.append(("p", sections.attribution(self.fiche)))
        return join(blocks) + "\n"

    # -- blocks -------------------------------------------------------------

    def blocks(self, elem: ET.Element, ctx: Ctx, skip: frozenset[str] = frozenset()) -> list[Block]:
        """Block content of a container: element children and any loose text."""
        out: list[Block] = []
        pending: list[str] = []

        def flush() -> None:
            paragraph = finish("".join(pending))
            pending.clear()
            if paragraph:
                out.append(("p", paragraph))

        if elem.text and elem.text.strip():
            pending.append(escape(elem.text))
        for child in elem:
            tag = child.tag
            if tag in skip or tag in IGNORED:
                pass
            elif tag in INLINE or (tag not in KNOWN and len(child) == 0):
                pending.append(self.inline_element(child))
            else:
                flush()
                out += self.block(child, ctx)
            if child.tail and child.tail.strip():
                pending.append(escape(child.tail))
        flush()
        return out

    def block(self, elem: ET.Element, ctx: Ctx) -> list[Block]:
        tag = elem.tag
        if tag == "Paragraphe" or tag == "Resume":
            text = finish(self.inline(elem))
            return [("p", text)] if text else []
        if tag == "Titre":
            text = squash(self.inline(elem))
            return [("p", emphasize(text, "**"))] if text else []
        if tag == "Liste":
            return self.listing(elem, ctx)
        if tag == "Tableau":
            return tables.table(self, elem)
        if tag in ADMONITIONS:
            kind, default = ADMONITIONS[tag]
            return self.boxed(
                f"!!! {kind}", self.title(elem) or default, self.blocks(elem, ctx.inside(), skip=frozenset({"Titre"}))
            )
        if tag == "BlocCas":
            return [b for cas in elem for b in (self.case(cas, ctx) if cas.tag == "Cas" else self.block(cas, ctx))]
        if tag == "Cas":
            return self.case(elem, ctx)
        if tag in SECTIONS:
            return self.section(elem, ctx)
        if tag in CONTAINERS:
            return self.blocks(elem, ctx)
        if tag in IMAGES or tag in IMAGE_TEXT:
            return self.image(elem)
        if tag == "Avertissement":
            return sections.warning(self, elem)
        if tag in sections.ITEMS:
            return sections.body_blocks(self, elem)
        if tag in IGNORED:
            return []
        if tag not in KNOWN:
            self.unknown[tag] += 1
        if len(elem) == 0:
            text = finish(self.inline(elem))
            return [("p", text)] if text else []
        return self.blocks(elem, ctx)

    def boxed(self, opener: str, title: str, content: list[Block]) -> list[Block]:
        """A note (``!!! info "À savoir"``) or a collapsible block (``??? note "Cas"``)."""
        body = join(content)
        if not body:
            return [("p", emphasize(title, "**"))] if title and opener.startswith("???") else []
        return [("block", f'{opener} "{title}"\n{indent(body)}')]

    def case(self, cas: ET.Element, ctx: Ctx) -> list[Block]:
        return self.boxed(
            "??? note", self.title(cas) or "Cas", self.blocks(cas, ctx.inside(), skip=frozenset({"Titre"}))
        )

    def section(self, elem: ET.Element, ctx: Ctx) -> list[Block]:
        title = self.title(elem)
        head: list[Block] = []
        if title:
            head = (
                [("p", emphasize(title, "**"))] if ctx.nested else [("h", "#" * ctx.level + " " + heading_text(title))]
            )
        return head + self.blocks(elem, ctx.deeper(), skip=frozenset({"Titre"}))

    def listing(self, liste: ET.Element, ctx: Ctx) -> list[Block]:
        ordered = liste.get("type") == "numero"
        items = [text for text in (self.item(item, ctx) for item in liste if item.tag not in IGNORED) if text]
        if not items:
            return []
        rendered = []
        for number, text in enumerate(items, 1):
            first, _, rest = text.partition("\n")
            marker = f"{number}. " if ordered else "- "
            rendered.append(marker + first + ("\n" + indent(rest) if rest else ""))
        loose = any("\n" in text for text in items)
        return [("list", ("\n\n" if loose else "\n").join(rendered))]

    def item(self, item: ET.Element, ctx: Ctx) -> str:
        """One list item; one that does not open with text gets an empty first line."""
        blocks = self.blocks(item, ctx.inside())
        if blocks and blocks[0][0] != "p":
            blocks.insert(0, ("p", LIST_BREAK))
        return join(blocks)

    def image(self, elem: ET.Element) -> list[Block]:
        """Pictures are not imported; their alternative text and caption are."""
        texts = [
            squash(self.inline(e)) for tag in IMAGE_TEXT for e in ([elem] if elem.tag == tag else elem.findall(tag))
        ]
        texts = [t for t in texts if t]
        return [("p", finish("Illustration : " + " — ".join(texts)))] if texts else []

    def title(self, elem: ET.Element) -> str:
        titre = elem.find("Titre")
        return squash(self.inline(titre)) if titre is not None else ""

    # -- inline -------------------------------------------------------------

    def inline(self, elem: ET.Element) -> str:
        parts = [escape(elem.text or "")]
        for child in elem:
            parts.append(self.inline_element(child))
            parts.append(escape(child.tail or ""))
        return "".join(parts)

    def inline_element(self, elem: ET.Element) -> str:
        tag = elem.tag
        if tag == "MiseEnEvidence" or tag == "TermeEtranger":
            if self._emphasis:
                return self.inline(elem)
            self._emphasis += 1
            try:
                return emphasize(self.inline(elem), "**" if tag == "MiseEnEvidence" else "*")
            finally:
                self._emphasis -= 1
        if tag == "LienInterne":
            target = (elem.get("LienPublication") or "").strip()
            if not target:
                return self.inline(elem)
            return self.links.to(self.inline(elem), target, audience_key(elem.get("audience")) or self.audience)
        if tag == "LienExterne":
            return link(self.inline(elem), elem.get("URL"))
        if tag in IGNORED:
            return ""
        if tag in IMAGES:
            return " ".join(squash(self.inline(e)) for name in IMAGE_TEXT for e in elem.findall(name))
        if tag not in KNOWN:
            self.unknown[tag] += 1
        if tag in INLINE:
            return self.inline(elem)
        return " " + self.inline(elem) + " "  # a block met inline (Paragraphe in a title): keep words apart
