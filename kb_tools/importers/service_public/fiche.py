"""Reading one DILA "Vos droits et démarches" XML file (schema 3.3).

:func:`read_fiche` parses the bytes once and returns the metadata the import
needs (:class:`Fiche`) with the parsed tree for the renderer.  A file that is
not well-formed XML, or not a ``<Publication>``, raises :class:`FicheError`
with the line and column of the defect.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from kb_tools import errors
from kb_tools.import_settings import AUDIENCES, ID_RE
from kb_tools.importers.service_public.safe_text import squash
from kb_tools.text import fold

DC = "{http://purl.org/dc/elements/1.1/}"
AUDIENCE_PATHS = {
    "particuliers": "particuliers",
    "professionnels": "professionnels-entreprises",
    "associations": "associations",
}
SITE = "https://www.service-public.fr"
# Elements read into the Fiche, not rendered (besides the dc: ones)
METADATA = frozenset(
    {"SurTitre", "Audience", "Canal", "FilDAriane", "Theme", "SousThemePere", "DossierPere", "SousDossierPere", "Cible"}
)
_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# expat's messages, in the words of the report
XML_ERRORS = {
    "mismatched tag": "balise fermante qui ne correspond pas à la balise ouverte",
    "no element found": "fichier vide ou tronqué",
    "unclosed token": "balise non fermée (fichier tronqué ?)",
    "not well-formed (invalid token)": "caractère ou balise invalide",
    "junk after document element": "contenu après la fin du document",
    "undefined entity": "entité inconnue",
}


class FicheError(errors.FicheError):
    """A file that cannot be imported; ``line``/``column`` are 1-based, 0 if unknown."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


@dataclass(frozen=True)
class Fiche:
    """What the import needs to know about one publication, body excluded."""

    id: str  # "F1427"
    name: str  # path of the file inside the source
    kind: str  # "Fiche d'information", "Fiche Question-réponse"…
    title: str
    description: str
    subjects: tuple[str, ...]
    modified: dt.date | None
    audiences: tuple[str, ...]  # "particuliers", "professionnels", "associations"
    url: str
    breadcrumb: tuple[tuple[str, str], ...]  # (id, label) from the theme down, the fiche excluded
    theme_ids: tuple[str, ...]  # every theme / folder id the fiche belongs to, most specific first
    short_titles: tuple[str, ...]  # labels of this fiche in its parent folder
    see_also: tuple[str, ...]  # fiche ids listed under VoirAussi
    checksum: str  # sha256 of the source bytes

    @property
    def answer_id(self) -> str:
        return answer_id(self.id)


def answer_id(fiche_id: str) -> str:
    """``F1427`` -> ``sp-f1427`` (the file name of the imported answer)."""
    return "sp-" + fiche_id.lower()


def audience_key(text: str | None) -> str | None:
    """``Particuliers``, ``professionnels-entreprises`` -> the audience key, or None."""
    if not text:
        return None
    folded = fold(text.strip())
    for key in AUDIENCES:
        if folded.startswith(key):
            return key
    return None


def official_url(publication_id: str, audience: str | None) -> str:
    path = AUDIENCE_PATHS.get(audience or "", AUDIENCE_PATHS["particuliers"])
    return f"{SITE}/{path}/vosdroits/{publication_id}"


def parse_root(data: bytes, name: str) -> ET.Element:
    """The ``<Publication>`` element, or :class:`FicheError` with the position."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        detail = str(exc).split(":", 1)[0]
        raise FicheError(f"XML illisible : {XML_ERRORS.get(detail, detail)}", line, column + 1) from None
    if root.tag != "Publication":
        raise FicheError(
            f"élément racine <{root.tag}> inattendu ; attendu : <Publication> (fiche Service-Public.fr, schéma 3.3)",
            1,
            1,
        )
    return root


def text_of(elem: ET.Element | None) -> str:
    return squash("".join(elem.itertext())) if elem is not None else ""


# Emphasis marks left at the edges of a title by DILA's editors (F34487: « **Carte d'identité »).
_STRAY_MARKS = re.compile(r"^[\s*_]+|[\s*_]+$")


def clean_title(text: str) -> str:
    """A fiche's title as agents read it: the stray ``*`` and ``_`` at its edges dropped."""
    return _STRAY_MARKS.sub("", text)


def parse_date(text: str) -> dt.date | None:
    match = _DATE_RE.search(text or "")
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def read_fiche(data: bytes, name: str) -> tuple[Fiche, ET.Element]:
    """Parse one file: its metadata, and its tree for the renderer (the
    metadata elements taken out: the trees of a whole import are kept in
    memory until they are rendered)."""
    root = parse_root(data, name)
    fiche_id = (root.get("ID") or text_of(root.find(f"{DC}identifier")) or "").strip()
    if not ID_RE.match(fiche_id):
        raise FicheError(
            f"identifiant de publication absent ou invalide « {fiche_id} » (attribut ID de <Publication>)", 1, 1
        )
    crumbs = tuple(
        (n.get("ID", ""), text_of(n))
        for n in root.findall("FilDAriane/Niveau")
        if ID_RE.match(n.get("ID", "")) and n.get("ID") != fiche_id
    )
    title = clean_title(text_of(root.find(f"{DC}title"))) or clean_title(
        text_of(root.find(f"FilDAriane/Niveau[@ID='{fiche_id}']"))
    )
    if not title:
        raise FicheError("titre absent (dc:title)")
    audiences = _audiences(root, name)
    url = (root.get("spUrl") or "").strip()
    if not url.startswith(("https://", "http://")):
        url = official_url(fiche_id, audiences[0] if audiences else None)
    folder = root.find("DossierPere")
    fiche = Fiche(
        id=fiche_id,
        name=name,
        kind=root.get("type", ""),
        title=title,
        description=text_of(root.find(f"{DC}description")),
        subjects=tuple(s for s in (text_of(e) for e in root.findall(f"{DC}subject")) if s),
        modified=parse_date(text_of(root.find(f"{DC}date"))),
        audiences=audiences,
        url=url,
        breadcrumb=crumbs,
        theme_ids=_theme_ids(root, crumbs),
        short_titles=tuple(
            text_of(f)
            for f in (folder.iter("Fiche") if folder is not None else ())
            if f.get("ID") == fiche_id and text_of(f)
        ),
        see_also=tuple(f.get("ID", "") for f in root.findall("VoirAussi/Fiche") if f.get("ID")),
        checksum=hashlib.sha256(data).hexdigest(),
    )
    for child in [c for c in root if c.tag in METADATA or c.tag.startswith(DC)]:
        root.remove(child)
    return fiche, root


def _audiences(root: ET.Element, name: str) -> tuple[str, ...]:
    found = [audience_key(text_of(a)) for a in root.findall("Audience")]
    keys = [k for k in found if k]
    if not keys:  # older files: the public URL, then the folder, tell the audience
        url_part = (root.get("spUrl") or "").split("service-public.fr/", 1)[-1]
        keys = [k for k in (audience_key(url_part), *(audience_key(p) for p in name.split("/")[:-1])) if k]
    return tuple(dict.fromkeys(keys))


def _theme_ids(root: ET.Element, crumbs: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """Breadcrumb ids from the most specific up, with the parent folder, the
    sub-theme (absent from the breadcrumb) and the theme at their places."""
    ids = [i for i, _ in reversed(crumbs)]

    def attr(path: str) -> str:
        elem = root.find(path)
        return elem.get("ID", "") if elem is not None else ""

    folder, sub_theme, theme = attr("DossierPere"), attr("SousThemePere"), attr("Theme")
    if folder and folder not in ids:
        ids.insert(0, folder)
    if sub_theme and sub_theme not in ids:
        ids.insert(ids.index(theme) if theme in ids else len(ids), sub_theme)
    if theme and theme not in ids:
        ids.append(theme)
    return tuple(ids)
