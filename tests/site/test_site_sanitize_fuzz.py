"""Hypothesis: whatever the front matter, kb.yml values and Markdown (attribute
lists, raw HTML), what the engine publishes contains no ``on*`` attribute, no
``<script>`` and no ``javascript:`` URL.

Each example goes through the engine as the site build does, without a full
MkDocs build: the answer page and every generated page rendered by the
engine, converted by Python-Markdown with the extensions of mkdocs.yml, then
sanitized (what ``on_page_content`` does); the values the theme prints
(title, description, site name) escaped; the search index entries shaped.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import markdown
import pytest
import yaml
from htmlcheck import fragment_findings, index_findings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitekb import ROOT, TODAY

from kb_tools.kb import load_kb
from kb_tools.site import pages, search
from kb_tools.site.answer_page import render_answer
from kb_tools.site.context import build_context
from kb_tools.site.sanitize import sanitize_html, text_html

PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)",
    '<a href="javascript:alert(1)">a</a>',
    '<a href="jav&#x09;ascript:alert(1)">a</a>',
    "&lt;img src=x onerror=alert(1)&gt;",
    '{: onclick="alert(1)" }',
    "{onclick=alert(1)}",
    '<div title="a>b" onclick="alert(1)">',
    "<iframe srcdoc='<script>alert(1)</script>'>",
    "[x](javascript:alert(1))",
    "<!--",
    "-->",
    "`",
    "*",
    "|",
    "{{ mairie.horaires }}",
)
ATTRIBUTES = ("onclick", "onmouseover", "style", "href", "src", "srcdoc", "formaction", "id", "class", "title")

words = st.text(alphabet="abcé <>\"'=&;:/{}#.", max_size=8)
values = st.lists(st.sampled_from(PAYLOADS) | words, min_size=1, max_size=4).map("".join)


@st.composite
def attribute_lists(draw: st.DrawFn) -> str:
    pairs = draw(st.lists(st.tuples(st.sampled_from(ATTRIBUTES), values), min_size=1, max_size=3))
    inner = " ".join(f'{name}="{value.replace(chr(34), "")}"' for name, value in pairs)
    return "{: " + inner + " }"


@st.composite
def bodies(draw: st.DrawFn) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(("paragraph", "heading", "link", "html", "list", "payload")))
        text, attrs = draw(values), draw(attribute_lists())
        if kind == "paragraph":
            blocks.append(f"{text}\n{attrs}")
        elif kind == "heading":
            blocks.append(f"## {text} {attrs}")
        elif kind == "link":
            blocks.append(f"[{text}](https://exemple.fr){attrs}")
        elif kind == "html":
            name, value = draw(st.sampled_from(ATTRIBUTES)), draw(values)
            blocks.append(f'<div title="a>b" {name}="{value}">\n{text}\n</div>')
        elif kind == "list":
            blocks.append(f"- {text}\n  {attrs}\n- [ ] {draw(values)}")
        else:
            blocks.append(draw(values))
    return "\n\n".join(blocks) + "\n"


def _markdown_extensions() -> tuple[list[str], dict[str, dict[str, object]]]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    options: dict[str, dict[str, object]] = {}
    for item in config["markdown_extensions"]:
        if isinstance(item, str):
            names.append(item)
        else:
            ((name, opts),) = item.items()
            names.append(name)
            options[name] = opts or {}
    return names, options


EXTENSIONS, EXTENSION_CONFIGS = _markdown_extensions()


def to_html(page_markdown: str) -> str:
    """What on_page_content receives (front matter off) and gives back."""
    if page_markdown.startswith("---\n"):
        page_markdown = page_markdown.split("\n---\n", 1)[1]
    converter = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    return sanitize_html(converter.convert(page_markdown))


def write_example(root: Path, kb_values: dict[str, str], front: dict[str, object], body: str) -> None:
    config = {
        "site": {"name": kb_values["site_name"]},
        "local": {"mairie": {"horaires": kb_values["local"]}},
        "services": {
            "etat-civil": {"label": kb_values["service"], "owner": "@essai/ec", "description": kb_values["service"]}
        },
        "tags": {"acte": {"label": kb_values["tag"], "synonyms": [kb_values["tag"]]}},
        "glossary": {"CAF": kb_values["meaning"]},
    }
    (root / "kb.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    path = root / "docs" / "reponses" / "etat-civil" / "a.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    head = yaml.safe_dump(front, allow_unicode=True)
    path.write_text(f"---\n{head}---\n\n## En bref\n\nLa CAF. {{{{ mairie.horaires }}}}\n\n{body}", encoding="utf-8")


FUZZ = settings(
    max_examples=60,
    deadline=dt.timedelta(seconds=5),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)


@pytest.mark.slow
@FUZZ
@given(
    kb_values=st.fixed_dictionaries({k: values for k in ("site_name", "local", "service", "tag", "meaning")}),
    title=values,
    description=values,
    alias=values,
    body=bodies(),
)
def test_nothing_executable_is_published(
    tmp_path_factory: pytest.TempPathFactory,
    kb_values: dict[str, str],
    title: str,
    description: str,
    alias: str,
    body: str,
) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    front = {
        "title": title,
        "description": description,
        "aliases": [alias],
        "service": "etat-civil",
        "tags": ["acte"],
        "valid_until": dt.date(2027, 6, 30),
        "reviewed": dt.date(2026, 10, 1),
    }
    write_example(root, kb_values, front, body)
    kb = load_kb(root)
    ctx = build_context(kb, TODAY)
    assert [a.id for a in ctx.answers] == ["a"], "the generated answer must load"
    rendered = [render_answer(ctx.answers[0], ctx).markdown, *pages.virtual_pages(ctx).values()]
    for page_markdown in rendered:
        assert fragment_findings(to_html(page_markdown)) == [], page_markdown
    for value in (title, description, kb_values["site_name"]):
        printed = text_html(value)  # what the theme prints, in an element or a quoted attribute
        assert "<" not in printed and '"' not in printed and "'" not in printed
        assert fragment_findings(f'<p title="{printed}">{printed}</p>') == []
    assert index_findings(search.shape_index({"docs": []}, ctx, True)) == []
