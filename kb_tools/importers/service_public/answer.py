"""An imported fiche as an answer file: front matter, then the Markdown body.

The front matter uses only keys of the answer contract (``kb_tools.schema``):
title, service, tags, valid_until, reviewed, aliases, sources, related,
audience, description, origin, and status (``archived`` only).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb_tools.import_settings import ImportConfig
from kb_tools.importers.service_public.fiche import Fiche, answer_id
from kb_tools.importers.service_public.safe_text import plain
from kb_tools.source import SourceFile, parse_iso_date, split_front_matter
from kb_tools.text import add_days, fold

ORIGIN = "service-public"
_SPLIT_RE = re.compile(r"\s+:\s+|\s*\(([^()]*)\)\s*")
_QUESTION_RE = re.compile(
    r"^(?:qu'est-ce qu(?:e |')|est-ce qu(?:e |')|quel(?:le)?s? (?:est|sont) |comment |que |quand |où |qui |combien |peut-on |doit-on |faut-il )",
    re.IGNORECASE,
)
_ARTICLE_RE = re.compile(r"^(?:une? |la |le |les |l'|des |du )", re.IGNORECASE)


@dataclass(frozen=True)
class Dates:
    reviewed: dt.date
    valid_until: dt.date
    imported: dt.date

    @classmethod
    def fresh(cls, today: dt.date, cfg: ImportConfig) -> Dates:
        return cls(today, add_days(today, cfg.validity_days), today)


def service_of(fiche: Fiche, cfg: ImportConfig) -> str:
    """The service mapped to the most specific theme of the fiche."""
    for theme in fiche.theme_ids:
        if theme in cfg.service_map:
            return cfg.service_map[theme]
    return cfg.default_service


def tags_of(fiche: Fiche, cfg: ImportConfig) -> list[str]:
    """Every tag mapped from the breadcrumb and themes, or the default tag."""
    found: dict[str, None] = {}
    for theme in fiche.theme_ids:
        for tag in cfg.tag_map.get(theme, ()):
            found[tag] = None
    return list(found) or [cfg.default_tag]


def aliases_of(fiche: Fiche) -> list[str]:
    """Other ways to name the fiche for search: its short label in its folder,
    the parts of its title, its subjects and its number (at least two)."""
    candidates = [*fiche.short_titles, _subject_of_question(fiche.title)]
    for piece in _SPLIT_RE.split(fiche.title):
        if piece:
            candidates.append(piece)
    candidates += [*fiche.subjects, fiche.id]
    seen = {fold(fiche.title)}
    out: list[str] = []
    for text in candidates:
        text = plain(text).strip(" .,;:-")
        key = fold(text)
        if len(text) >= 3 and key not in seen:
            seen.add(key)
            out.append(text)
    if len(out) < 2:
        out.append(f"fiche {fiche.id}")
    return out


def _subject_of_question(title: str) -> str:
    """``Quelle est la durée de validité d'un acte ?`` -> ``durée de validité d'un acte``."""
    question = title.rstrip(" ?\u00a0")
    match = _QUESTION_RE.match(question)
    if not match or question == title:
        return ""
    rest = question[match.end() :]
    article = _ARTICLE_RE.match(rest)
    return rest[article.end() :] if article else rest


def sources_of(fiche: Fiche) -> list[str]:
    when = f", fiche modifiée le {fiche.modified.isoformat()}" if fiche.modified else ""
    return [fiche.id, fiche.url, f"Source : service-public.fr / DILA{when}"]


KIND_LABELS = {
    "Recherche guidée": "recherche guidée",
    "Fiche avec liens externes": "liens utiles",
    "Fiche Comment faire si": "comment faire si",
    "Fiche Comment faire si - simulateur": "comment faire si",
}


LOCAL_CLASH = "fiche nationale"


def distinct_titles(fiches: list[tuple[Fiche, str]], local: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
    """Titles by fiche id, made distinct where fiches share one (a guided
    search and its fiche, one subject for two publics): the kind of page is
    added to guided searches and link pages, then the public and the fiche
    number to all but the first fiche (lowest number) of a group. A fiche
    whose title is that of a local answer (``local``, folded) is marked
    "(fiche nationale)"."""
    titles = {f.id: plain(f.title) for f, _ in fiches}
    for fid, title in titles.items():
        if fold(title) in local:
            titles[fid] = f"{title} ({LOCAL_CLASH})"
    ordered = sorted(fiches, key=lambda pair: (len(pair[0].id), pair[0].id))
    for qualify in _QUALIFIERS:
        groups: dict[str, list[tuple[Fiche, str]]] = {}
        for fiche, audience in ordered:
            groups.setdefault(fold(titles[fiche.id]), []).append((fiche, audience))
        for group in groups.values():
            for fiche, audience in group if len(group) > 1 else ():
                extra = qualify(fiche, audience, group[0])
                if extra:
                    titles[fiche.id] += f" ({extra})"
    return titles


def _by_kind(fiche: Fiche, audience: str, first: tuple[Fiche, str]) -> str:
    return KIND_LABELS.get(fiche.kind, "")


def _by_audience(fiche: Fiche, audience: str, first: tuple[Fiche, str]) -> str:
    return audience if audience != first[1] else ""


def _by_number(fiche: Fiche, audience: str, first: tuple[Fiche, str]) -> str:
    return fiche.id if fiche is not first[0] else ""


# What tells apart fiches of the same title, tried in this order (see distinct_titles)
_QUALIFIERS: tuple[Callable[[Fiche, str, tuple[Fiche, str]], str], ...] = (_by_kind, _by_audience, _by_number)


def front_matter(
    fiche: Fiche, cfg: ImportConfig, audience: str, related: list[str], dates: Dates, title: str = ""
) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "title": title or plain(fiche.title),
        "service": service_of(fiche, cfg),
        "tags": tags_of(fiche, cfg),
        "valid_until": dates.valid_until,
        "reviewed": dates.reviewed,
        "aliases": aliases_of(fiche),
        "sources": sources_of(fiche),
        "related": related,
        "audience": audience,
        "description": plain(fiche.description) or plain(fiche.title),
    }
    meta["origin"] = {
        "source": ORIGIN,
        "id": fiche.id,
        "modified": fiche.modified,
        "url": fiche.url,
        "imported": dates.imported,
        "checksum": fiche.checksum,
    }
    return meta


def related_of(fiche: Fiche, imported: frozenset[str]) -> list[str]:
    return list(dict.fromkeys(answer_id(i) for i in fiche.see_also if i in imported and i != fiche.id))


def read_answer(text: str, path: Path, rel: str) -> SourceFile | None:
    """An answer's text as the engine reads it (front matter with positions,
    dates left as text, no alias, bounded nesting and size, as for
    ``kb validate``); None when its front matter cannot be read."""
    src = SourceFile(path=path, rel=rel, text=text)
    split_front_matter(src)
    return src if src.has_front_matter and not src.defects else None


def dates_of(meta: dict[str, Any] | None) -> Dates | None:
    """The dates already written in an imported answer (kept while its source
    is unchanged), read with the engine's date rules."""
    if not meta:
        return None
    raw_origin = meta.get("origin")
    origin: dict[str, Any] = raw_origin if isinstance(raw_origin, dict) else {}
    reviewed, valid_until, imported = (
        parse_iso_date(value)[0] for value in (meta.get("reviewed"), meta.get("valid_until"), origin.get("imported"))
    )
    if reviewed and valid_until and imported:
        return Dates(reviewed, valid_until, imported)
    return None
