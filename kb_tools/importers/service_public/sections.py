"""The link lists of a fiche (online services, where to go, references, see
also…), its warnings and its attribution line.

Each list item renderer reads the children it knows; any other child is
unknown: its text is appended to the item and it is counted for the report.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from kb_tools.importers.service_public.blocks import Block, Ctx, Writer, join
from kb_tools.importers.service_public.fiche import Fiche, audience_key, official_url, parse_date
from kb_tools.importers.service_public.safe_text import emphasize, escape, indent, link, squash
from kb_tools.text import french_date

Item = tuple[str, str]  # (first line, Markdown shown under it: a list or blocks)
ItemRenderer = Callable[[Writer, ET.Element], Item]

# (heading, elements listed under it), in the order of the page
SECTION_ORDER: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Liens utiles", ("LienExterneCommente",)),
    ("Services en ligne et formulaires", ("ServiceEnLigne",)),
    ("Où s'adresser ?", ("OuSAdresser",)),
    ("Textes de référence", ("Reference",)),
    ("Questions-réponses", ("QuestionReponse",)),
    ("Comment faire si…", ("CommentFaireSi",)),
    ("Recherches guidées", ("RechercheGuidee",)),
    ("Voir aussi", ("VoirAussi",)),
    ("Pour en savoir plus", ("PourEnSavoirPlus",)),
    ("Définitions", ("Definition", "Abreviation")),
)
SECTION_OF = {tag: heading for heading, tags in SECTION_ORDER for tag in tags}
# Label of an item met in the body of the fiche rather than in its end sections
BODY_LABELS = {
    "OuSAdresser": "Où s'adresser",
    "Reference": "Texte de référence",
    "PourEnSavoirPlus": "Pour en savoir plus",
    "LienExterneCommente": "Lien utile",
    "QuestionReponse": "Question-réponse",
    "CommentFaireSi": "Comment faire si",
    "RechercheGuidee": "Recherche guidée",
    "Definition": "Définition",
    "Abreviation": "Abréviation",
}
PARTS = frozenset(
    {
        "Titre",
        "Source",
        "Complement",
        "PivotLocal",
        "RessourceWeb",
        "Texte",
        "Introduction",
        "Condition",
        "Theme",
        "LienWeb",
        "Commentaire",
    }
)


def _extra(r: Writer, elem: ET.Element, known: frozenset[str] = frozenset()) -> list[str]:
    """Text of the children an item renderer does not know (counted as unknown)."""
    out = []
    for child in elem:
        if child.tag not in known and child.tag not in PARTS:
            r.unknown[child.tag] += 1
            text = squash(r.inline(child))
            if text:
                out.append(text)
    return out


def _line(head: str, details: list[str]) -> str:
    return " — ".join([head, *(d for d in details if d)])


def _texts(r: Writer, elem: ET.Element, *tags: str) -> list[str]:
    return [t for t in (squash(r.inline(e)) for tag in tags for e in elem.findall(tag)) if t]


def list_item(item: Item) -> str:
    """An item of an end section: ``- head`` with what belongs to it indented below."""
    head, sub = item
    if not sub:
        return "- " + head
    return "- " + head + ("\n" if sub.startswith("- ") else "\n\n") + indent(sub)


def body_blocks(r: Writer, elem: ET.Element) -> list[Block]:
    """An item met in the body: a labelled paragraph, what belongs to it below
    (contact details of a service go in a collapsible block)."""
    if elem.tag == "ServiceEnLigne":
        head, sub = online(r, elem, with_kind=False)
        label = escape(elem.get("type", "")) or "Service en ligne"
    else:
        head, sub = ITEMS[elem.tag](r, elem)
        label = BODY_LABELS.get(elem.tag, "Lien")
    if elem.tag == "OuSAdresser" and sub:
        title = r.title(elem) or "Service compétent"
        first: list[Block] = [("p", head)] if head != title else []
        return r.boxed("??? info", f"{label} : {title}", [*first, ("block", sub)])
    blocks: list[Block] = [("p", f"**{label} :** {head}")]
    if sub:
        blocks.append(("list" if sub.startswith("- ") else "block", sub))
    return blocks


def where(r: Writer, elem: ET.Element) -> Item:
    """``OuSAdresser``: a link to the service, or its label when it is only
    known to the local directory (``PivotLocal``); contact details below."""
    title = r.title(elem) or "Service compétent"
    web = elem.find("RessourceWeb")
    head = link(title, web.get("URL")) if web is not None else title
    body = join(b for texte in elem.findall("Texte") for b in r.blocks(texte, Ctx(nested=True)))
    return _line(head, _texts(r, elem, "Complement") + _extra(r, elem)), body


def online(r: Writer, elem: ET.Element, with_kind: bool = True) -> Item:
    """``ServiceEnLigne``: the service or form, its cerfa number, its notices and annexes."""
    kind = " ".join(x for x in (escape(elem.get("type", "")) if with_kind else "", _cerfa(elem)) if x)
    details = [
        kind,
        *_texts(r, elem, "Introduction", "Texte"),
        *_extra(r, elem, frozenset({"NoticeLiee", "ServiceEnLigneAnnexe"})),
    ]
    subs = [list_item(_notice(r, n)) for n in elem.findall("NoticeLiee")]
    for annexe in elem.findall("ServiceEnLigneAnnexe"):
        web = annexe.find("LienWeb")
        head = link(r.title(annexe) or "Annexe", web.get("URL") if web is not None else None)
        notices = "\n".join(list_item(_notice(r, n)) for n in annexe.findall("NoticeLiee"))
        line = _line(head, [_cerfa(annexe), *_texts(r, annexe, "Texte"), *_extra(r, annexe, frozenset({"NoticeLiee"}))])
        subs.append(list_item((line, notices)))
    return _line(link(r.title(elem) or "Service en ligne", elem.get("URL")), details), "\n".join(subs)


def _cerfa(elem: ET.Element) -> str:
    number = (elem.get("numerocerfa") or "").strip()
    return f"(cerfa n° {escape(number)})" if number else ""


def _notice(r: Writer, elem: ET.Element) -> Item:
    return _line(link(squash(r.inline(elem)) or "Notice", elem.get("URL")), [_cerfa(elem)]), ""


def reference(r: Writer, elem: ET.Element) -> Item:
    head = link(r.title(elem) or escape(elem.get("URL", "")), elem.get("URL"))
    return _line(head, _texts(r, elem, "Complement") + _extra(r, elem)), ""


def more(r: Writer, elem: ET.Element) -> Item:
    head = link(r.title(elem) or escape(elem.get("URL", "")), elem.get("URL"))
    return _line(head, _texts(r, elem, "Source") + _extra(r, elem)), ""


def external(r: Writer, elem: ET.Element) -> Item:
    links = [link(r.inline(e), e.get("URL")) for e in elem.findall("LienExterne")]
    details = _texts(r, elem, "Source", "Commentaire") + _extra(r, elem, frozenset({"LienExterne"}))
    return _line(", ".join(links) or "Lien", details), ""


def publication(r: Writer, elem: ET.Element) -> Item:
    """``QuestionReponse``, ``CommentFaireSi``, ``RechercheGuidee``: the local
    answer when the fiche is imported, the official page otherwise."""
    titled = elem.find("Titre") is not None
    text = r.title(elem) if titled else squash(r.inline(elem))
    target = elem.get("ID", "")
    audience = audience_key(elem.get("audience")) or r.audience
    head = r.links.to(text, target, audience) if target else text
    return _line(head, _extra(r, elem) if titled else []), ""


def see_also(r: Writer, elem: ET.Element) -> list[Item]:
    items: list[Item] = []
    for entry in elem:
        if entry.tag not in ("Fiche", "Dossier"):
            r.unknown[entry.tag] += 1
            text = squash(r.inline(entry))
            if text:
                items.append((text, ""))
            continue
        audience = audience_key(entry.get("audience")) or r.audience
        title, target = r.title(entry), entry.get("ID", "")
        if entry.tag == "Fiche":
            items.append((r.links.to(title, target, audience), ""))
        else:
            items.append((link(title or f"dossier {target}", official_url(target, audience)), ""))
    return items


def definition(r: Writer, elem: ET.Element) -> Item:
    term = emphasize(r.title(elem), "**")
    meaning = " ".join(squash(r.inline_element(t)) for t in elem.findall("Texte"))
    refs = "\n".join(list_item(reference(r, ref)) for ref in elem.findall("Reference"))
    other = join(
        b for child in elem if child.tag not in PARTS | {"Reference"} for b in r.block(child, Ctx(nested=True))
    )
    return f"{term} : {meaning}" if meaning else term, "\n\n".join(x for x in (other, refs) if x)


ITEMS: dict[str, ItemRenderer] = {
    "OuSAdresser": where,
    "ServiceEnLigne": online,
    "Reference": reference,
    "PourEnSavoirPlus": more,
    "LienExterneCommente": external,
    "QuestionReponse": publication,
    "CommentFaireSi": publication,
    "RechercheGuidee": publication,
    "Definition": definition,
    "Abreviation": definition,
}
KNOWN = (
    frozenset(ITEMS) | PARTS | {"VoirAussi", "Fiche", "Dossier", "NoticeLiee", "ServiceEnLigneAnnexe", "LienExterne"}
)


def render_sections(r: Writer, grouped: dict[str, list[ET.Element]]) -> list[Block]:
    blocks: list[Block] = []
    for heading, _ in SECTION_ORDER:
        items: list[Item] = []
        for elem in grouped.get(heading, []):
            items += see_also(r, elem) if elem.tag == "VoirAussi" else [ITEMS[elem.tag](r, elem)]
        texts = [list_item(item) for item in items if item[0] or item[1]]
        if texts:
            loose = any("\n\n" in t for t in texts)
            blocks += [("h", f"## {heading}"), ("list", ("\n\n" if loose else "\n").join(texts))]
    return blocks


def warning(r: Writer, elem: ET.Element) -> list[Block]:
    """``Avertissement``: a dated warning shown first on the official page."""
    title = r.title(elem) or "Avertissement"
    day = parse_date(elem.get("date", ""))
    if day:
        title += f" ({french_date(day)})"
    return r.boxed("!!! warning", title, r.blocks(elem, Ctx(nested=True), skip=frozenset({"Titre"})))


def attribution(fiche: Fiche) -> str:
    when = f", modifiée le {french_date(fiche.modified)}" if fiche.modified else ""
    return f"Source : {link('service-public.fr', fiche.url)} / DILA, fiche {fiche.id}{when}, réutilisée sous Licence Ouverte 2.0."
