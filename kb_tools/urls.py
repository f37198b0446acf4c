"""Where every page of the site lives.

Paths here are *doc paths*: relative to ``docs/``, ``/`` separated, ending in
``.md`` (what MkDocs calls ``src_uri``). Links between pages are written as
relative ``.md`` paths so MkDocs turns them into the right URL for both the
intranet site (directory URLs) and the offline copy (``.html`` files).

It sits low in the engine (it depends on the configuration only): the
knowledge base asks it for the generated page paths, the link rules and the
site's link graph resolve links with :func:`resolve_link`.
"""

from __future__ import annotations

import functools
import html
import posixpath
from collections.abc import Iterable
from urllib.parse import quote, unquote

from kb_tools.config import Config

HOME = "index.md"
SERVICES_DIR = "services"
SERVICES_INDEX = f"{SERVICES_DIR}/index.md"
TAGS_DIR = "etiquettes"
TAGS_INDEX = f"{TAGS_DIR}/index.md"
FRESHNESS = "fraicheur.md"
GLOSSARY = "glossaire.md"
GUIDE_DIR = "guide"
RULES = f"{GUIDE_DIR}/regles.md"
CONFIG_REFERENCE = f"{GUIDE_DIR}/reference-kb-yml.md"
ACCESSIBILITY = "accessibilite.md"  # the accessibility statement, linked from every footer
PARTNERS_DIR = "partenaires"  # level 2: one page per partner, the charter (kb_tools/site/level2.py)
PARTNERS_INDEX = f"{PARTNERS_DIR}/index.md"
CHARTER = f"{PARTNERS_DIR}/charte.md"

SERVICE_PUBLIC_URL = "https://www.service-public.fr/particuliers/vosdroits/{id}"


def service_page(key: str) -> str:
    return f"{SERVICES_DIR}/{key}.md"


def tag_page(key: str) -> str:
    return f"{TAGS_DIR}/{key}.md"


def partner_page(key: str) -> str:
    return f"{PARTNERS_DIR}/{key}.md"


def virtual_paths(config: Config) -> frozenset[str]:
    """Doc paths of every page the site generates (nothing is written to docs/)."""
    paths = {HOME, SERVICES_INDEX, TAGS_INDEX, FRESHNESS, GLOSSARY, RULES, CONFIG_REFERENCE, ACCESSIBILITY}
    paths.update(service_page(key) for key in config.services)
    paths.update(tag_page(key) for key in config.tags)
    paths.update([PARTNERS_INDEX, CHARTER, *(partner_page(key) for key in config.partners)])
    return frozenset(paths)


def doc_path_of(rel: str) -> str:
    """``docs/reponses/x/y.md`` (path in the repository) -> ``reponses/x/y.md``."""
    return rel.split("/", 1)[1] if "/" in rel else rel


def link(from_doc: str, to_doc: str) -> str:
    """Relative Markdown link target from one doc path to another."""
    return posixpath.relpath(to_doc, posixpath.dirname(from_doc) or ".")


def page_url(doc_path: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a page, relative to the site root (no leading ``/``)."""
    stem = doc_path[:-3] if doc_path.endswith(".md") else doc_path
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_doc: str, to_doc: str, use_directory_urls: bool) -> str:
    """Relative URL of a page from another, as MkDocs would write it (for raw HTML)."""
    source = page_url(from_doc, use_directory_urls)
    target = page_url(to_doc, use_directory_urls)
    base = source if source.endswith("/") or source == "" else posixpath.dirname(source)
    if not target:  # the home page with directory URLs
        return posixpath.relpath(".", base) + "/" if base else "./"
    relative = posixpath.relpath(target, base or ".")
    return relative + "/" if target.endswith("/") else relative


def guide_pages(doc_files: Iterable[str]) -> list[str]:
    """The editors' guide (real files under docs/guide/), index first."""
    pages = sorted(p for p in doc_files if p.startswith(GUIDE_DIR + "/") and p.endswith(".md") and p != RULES)
    return sorted(pages, key=lambda p: (p != f"{GUIDE_DIR}/index.md", p))


# Link targets that leave the base (never resolved to a page).
EXTERNAL_SCHEMES = ("http:", "https:", "mailto:", "tel:", "ftp:", "data:", "javascript:", "vbscript:")


@functools.lru_cache(maxsize=65_536)  # KB203, KB204 and the site's link graph resolve every link
def resolve_link(rel: str, target: str) -> tuple[str, str] | None:
    """(doc path, anchor) of an internal link written in the file ``rel``
    (``docs/…``), or None for external ones."""
    target = html.unescape(target).strip() if "&" in target else target.strip()
    if (
        not target
        or target.lower().replace(" ", "").startswith(EXTERNAL_SCHEMES)
        or target.startswith("//")
        or "{{" in target
    ):
        return None
    path, _, anchor = target.partition("#")
    if not path:
        return rel.split("/", 1)[1], anchor
    path = unquote(path.split("?", 1)[0])
    base = posixpath.dirname(rel.split("/", 1)[1])
    joined = posixpath.normpath(posixpath.join(base, path)) if not path.startswith("/") else path.lstrip("/")
    if path.endswith("/"):
        joined += "/index.md"
    return joined, anchor


def edit_url(repo_url: str, branch: str, rel: str) -> str | None:
    """GitLab's web editor on the file ``rel`` of the repository (``docs/…``),
    percent-encoded; None without ``site.repo_url``. The one place this URL is
    written: the edit button, the answer's actions and the expiry reports."""
    if not repo_url:
        return None
    return f"{repo_url}/-/edit/{quote(branch)}/{quote(rel)}"
