"""The site navigation, in MkDocs' ``nav`` format. It never lists answers:
agents reach them by search, service pages and tags.

Sections start with their index page (``services/index.md``, ``guide/index.md``
when it exists): with Material's ``navigation.indexes`` the section title
links to it, and with ``navigation.prune`` that is all a page outside the
section renders of it.
"""

from __future__ import annotations

from collections.abc import Iterable

from kb_tools import urls
from kb_tools.config import Config

NavItem = str | dict[str, "str | list[NavItem]"]


def nav(config: Config, doc_files: Iterable[str]) -> list[NavItem]:
    services: list[NavItem] = [urls.SERVICES_INDEX]
    services += [{svc.label: urls.service_page(key)} for key, svc in config.services.items()]
    guide: list[NavItem] = [
        *urls.guide_pages(doc_files),
        {"Règles de validation": urls.RULES},
        {"Référence de kb.yml": urls.CONFIG_REFERENCE},
    ]
    return [
        {"Accueil": urls.HOME},
        {"Services": services},
        {"Étiquettes": urls.TAGS_INDEX},
        {"Partenaires": partners(config)},
        {"Fraîcheur": urls.FRESHNESS},
        {"Glossaire": urls.GLOSSARY},
        {"Guide des rédacteurs": guide},
    ]


def partners(config: Config) -> list[NavItem]:
    """The partners' index, the charter and one page per partner (never an answer)."""
    items: list[NavItem] = [urls.PARTNERS_INDEX, {"Charte d'orientation": urls.CHARTER}]
    return items + [{p.short: urls.partner_page(key)} for key, p in config.partners.items()]
