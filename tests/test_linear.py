"""Validation stays linear in the size of an answer, and what Python-Markdown
would take minutes to render is refused before the site is built.

For each adversarial pattern: 1 MB of it is validated in seconds (engine,
site rendering of the answer, and the build's validation, which then stops
the build); below the size limit, either KB405 refuses it or Python-Markdown,
with the site's extensions, converts it in seconds."""

from __future__ import annotations

import datetime as dt
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import markdown
import pytest
import yaml

from kb_tools.kb import load_kb
from kb_tools.rules.runner import validate
from kb_tools.site.answer_page import render_answer
from kb_tools.site.build import SiteBuild
from kb_tools.site.context import build_context
from kb_tools.site.page_text import summary_text

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 16)
CONFIG = 'services:\n  etat-civil: {label: "État civil", owner: "@t/e"}\ntags:\n  acte: {label: Acte}\n'
HEADER = '---\ntitle: "Réponse"\nservice: etat-civil\ntags: [acte]\nvalid_until: 2027-06-30\n---\n'
SECONDS = 20  # generous: the machine is shared; a quadratic case takes minutes

PATTERNS = [
    "<a ", "[", "{{", "](", "<!--", "&#", "`", "``", "{:", "[x](", "![", "[x][", "*[", "<a onx", "<svg",
    "<a href=", '<a title="', "\\", "\\`", "*a* ", "_a", "# h\n", "h\n--\n", "~~~ x\n", "~~~\n", "```\n",
    "- ", "> ", "1. ", "a\n\n", "- a\n\n", '=== "a"\n    x\n\n', "*[A]: b\n", "&#106;", "{{ a", "a@b.fr ",
    "06 12 34 56 78 ", "[x]: y\n", "|", "<", "&", "  ", "\n",
]  # fmt: skip


@contextmanager
def deadline(seconds: int = SECONDS) -> Iterator[None]:
    """Fail (instead of hanging) when the block takes longer than ``seconds``."""

    def expired(*_: object) -> None:
        raise TimeoutError(f"plus de {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def write_kb(root: Path, body: str) -> Path:
    (root / "docs" / "reponses" / "etat-civil").mkdir(parents=True)
    (root / "kb.yml").write_text(CONFIG, encoding="utf-8")
    (root / "docs" / "reponses" / "etat-civil" / "x.md").write_text(HEADER + body, encoding="utf-8")
    return root


def site_markdown() -> markdown.Markdown:
    """Python-Markdown as MkDocs sets it up for this site."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions, configs = ["toc", "tables", "fenced_code"], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        extensions.append(name)
        if options:
            configs[name] = options
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_one_megabyte_is_validated_and_refused_in_seconds(tmp_path: Path, pattern: str) -> None:
    root = write_kb(tmp_path, pattern * (1_000_000 // len(pattern)))
    with deadline():
        kb = load_kb(root)
        problems = validate(kb, TODAY)
        ctx = build_context(kb, TODAY)
        for answer in ctx.answers:  # what the site would do with it
            render_answer(answer, ctx)
            summary_text(answer, {})
    assert any(p.rule_id == "KB405" for p in problems)  # too long to publish


@pytest.mark.parametrize("pattern", ["<a ", "[", "~~~ x\n"])
def test_the_build_stops_in_seconds(tmp_path: Path, pattern: str) -> None:
    root = write_kb(tmp_path, pattern * (1_000_000 // len(pattern)))
    start = time.perf_counter()
    with deadline():
        build = SiteBuild.load(root, TODAY)
    assert any(p.rule_id == "KB405" for p in build.errors)  # the hook aborts the build with this
    assert "KB405 markdown-too-complex" in build.abort_message()
    assert time.perf_counter() - start < SECONDS


@pytest.mark.parametrize("pattern", PATTERNS)
def test_below_the_size_limit_refused_or_rendered_in_seconds(tmp_path: Path, pattern: str) -> None:
    body = pattern * (300_000 // len(pattern))
    root = write_kb(tmp_path, body)
    with deadline():
        problems = validate(load_kb(root), TODAY)
    if any(p.rule_id == "KB405" for p in problems):
        return
    with deadline():
        site_markdown().convert(body)
