"""MkDocs hooks: thin adapters over ``kb_tools.site``.

Every decision is the engine's (``kb_tools.site.build.SiteBuild``); each event
only hands MkDocs' objects over and gives the engine's answer back.

- ``on_config``: load and validate the knowledge base (``KB_TODAY`` =
  YYYY-MM-DD sets the date, default today); errors abort the build with the
  same lines as ``kb validate``; warnings are shown but never block, as in
  ``kb validate`` (one policy: ``kb_tools.problem.blocking``);
  site name, repository links and navigation come from kb.yml.
- ``on_files``: only the files the engine accepts are kept (its allowlist of
  types and names, no link, no draft); generated pages in (nothing is written
  to docs/); the JSON export (written to a temporary directory) and the
  answers' part of the search index start in a forked process while MkDocs
  renders the pages (not under ``mkdocs serve``, which also validates in one
  process).
- ``on_env``: that work is done (or done here) before MkDocs copies the files.
- ``on_page_markdown``: answers rendered by the engine; the edit link is the
  engine's (percent-encoded).
- ``on_page_content``: every page's HTML through the engine's sanitizer; the
  title and description the theme prints, escaped (``Markup``: Jinja's ``| e``
  does not escape them twice).
- ``on_post_page`` / ``on_post_template`` (404 page): the Content-Security-Policy.
- ``on_post_build`` (last): the search index rewritten, one entry per answer;
  then the offline mode's service worker and manifest, not under ``mkdocs
  serve`` (``on_startup``); ``KB_BUILD_TIME`` = ISO date and time fixes the
  « Version du … » shown in the footer, default now.
- ``on_post_build`` and ``on_build_error``: the export's temporary files removed.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kb_tools.rules.runner import cpu_count
from kb_tools.site.build import SiteBuild

log = logging.getLogger("mkdocs.hooks.kb")

_build: SiteBuild | None = None  # the current build, set by on_config
# Set by on_startup under `mkdocs serve`: no service worker there (it would serve the
# live-reloaded pages from its cache). In the environment, as `mkdocs serve` loads
# this module again for each rebuild.
LIVE_PREVIEW = "KB_LIVE_PREVIEW"


def today_from_env() -> dt.date:
    """The one place the site build reads the clock."""
    value = os.environ.get("KB_TODAY", "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise Abort(f"KB_TODAY invalide « {value} » : attendu une date AAAA-MM-JJ, par exemple 2026-11-23") from None


def build_time_from_env() -> dt.datetime:
    """The build's time (« Version du … »): ``KB_BUILD_TIME`` or now."""
    value = os.environ.get("KB_BUILD_TIME", "").strip()
    if not value:
        return dt.datetime.now(dt.UTC)
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise Abort(
            f"KB_BUILD_TIME invalide « {value} » : attendu une date et une heure AAAA-MM-JJTHH:MM, "
            "par exemple 2026-12-02T08:30+01:00"
        ) from None


def current() -> SiteBuild:
    if _build is None:
        raise Abort("kb_hooks : on_config n'a pas été appelé")
    return _build


def on_startup(command: str, **kwargs: Any) -> None:
    if command == "serve":
        os.environ[LIVE_PREVIEW] = "1"


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    global _build
    root = Path(config.config_file_path or ".").resolve().parent
    # One process under `mkdocs serve` (threaded: never fork there), several for a build.
    workers = 1 if os.environ.get(LIVE_PREVIEW) == "1" else cpu_count()
    build = SiteBuild.load(root, today_from_env(), build_time_from_env(), workers)
    if build.errors:
        raise Abort(build.abort_message())
    for line in build.report_lines():
        log.info(line)  # warnings never block (kb_tools.problem.blocking), even with --strict
    for key, value in build.mkdocs_settings().items():
        config[key] = Markup(value) if key == "site_name" else value  # already escaped by the engine
    _build = build
    return config


def on_files(files: Files, config: MkDocsConfig, **kwargs: Any) -> Files:
    build = current()
    docs_dir = os.path.abspath(config.docs_dir)
    keep = build.published_files
    for file in list(files):
        if file.src_dir is not None and os.path.abspath(file.src_dir) == docs_dir and file.src_uri not in keep:
            files.remove(file)
    for doc_path, markdown in build.generated_pages(config.use_directory_urls).items():
        files.append(File.generated(config, doc_path, content=markdown))
    for path, text in {**build.places_files(), **build.version_files()}.items():
        files.append(File.generated(config, path, content=text))
    later = build.start_background(config.use_directory_urls, parallel=os.environ.get(LIVE_PREVIEW) != "1")
    for path, source in later.items():  # written by then: see on_env
        files.append(File.generated(config, path, abs_src_path=str(source)))
    return files


def on_env(env: Any, config: MkDocsConfig, files: Files, **kwargs: Any) -> None:
    current().finish_background()  # the export files exist before MkDocs copies them


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any) -> str | None:
    build = current()
    if page.edit_url:
        page.edit_url = build.edit_url(page.file.src_uri)
    rendered = build.render(page.file.src_uri, markdown, page.meta, config.use_directory_urls)
    if rendered is None:
        return None
    page.meta.update(rendered.meta)
    return rendered.markdown


@event_priority(-100)  # last: what every other hook or plugin added is sanitized too
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any) -> str:
    build = current()
    if page.title is not None and not isinstance(page.title, Markup):
        page.title = Markup(build.template_text(page.title))
        if not page.is_homepage:  # the theme prints meta.title as is, page.title through striptags
            page.meta["title"] = page.title
    description = page.meta.get("description")
    if description is not None and not isinstance(description, Markup):
        page.meta["description"] = Markup(build.template_text(description))
    links = list(page.toc)
    while links:  # the table of contents is printed by the theme, outside the content
        link = links.pop()
        link.title = build.page_content(link.title)
        links.extend(link.children)
    return build.page_content(html, page.file.src_uri)


def _polyfills(config: MkDocsConfig) -> list[str]:
    return [p for p in config.extra.get("polyfills", []) if isinstance(p, str)]


@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    return current().with_policy(output, page.content or "", _polyfills(config))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig, **kwargs: Any) -> str | None:
    if not template_name.endswith(".html"):  # sitemap.xml
        return None
    return current().with_policy(output_content, "", _polyfills(config))


@event_priority(-100)
def on_post_build(config: MkDocsConfig, **kwargs: Any) -> None:
    search_dir = Path(config.site_dir) / "search"
    json_path = search_dir / "search_index.json"
    if json_path.is_file():
        _shape_search_index(json_path, config)
        if current().background_note:
            log.info(f"export et index de recherche calculés sans processus parallèle : {current().background_note}")
    current().write_offline(
        Path(config.site_dir), config.use_directory_urls, live_preview=os.environ.get(LIVE_PREVIEW) == "1"
    )
    current().cleanup()


def on_build_error(error: Exception, **kwargs: Any) -> None:
    if _build is not None:
        _build.cleanup()


def _shape_search_index(json_path: Path, config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    index = json.loads(json_path.read_text(encoding="utf-8"))
    offline = (json_path.parent / "search_index.js").is_file()  # written by Material's offline plugin
    for rel, text in current().search_files(index, config.use_directory_urls, offline).items():
        (site_dir / rel).write_text(text, encoding="utf-8")
