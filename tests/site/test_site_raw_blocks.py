"""The answers' generated HTML blocks skip Python-Markdown's HTML parser (a speed-up:
``SiteBuild.render`` puts a marker paragraph in their place, ``page_content`` puts
them back): the published HTML is the one of the plain Markdown rendering."""

from __future__ import annotations

import markdown
from sitekb import SAMPLE, TODAY

from kb_tools.site.answer_page import render_answer
from kb_tools.site.build import RAW_MARKER, SiteBuild
from kb_tools.urls import doc_path_of

EXTENSIONS = ["toc", "admonition", "attr_list", "md_in_html", "abbr", "tables", "pymdownx.details"]


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def test_every_answer_publishes_the_same_html_with_markers() -> None:
    build = SiteBuild.load(SAMPLE, TODAY)
    answers = build.context.answers
    assert len(answers) >= 5
    for answer in answers:
        doc_path = doc_path_of(answer.rel)
        plain = render_answer(answer, build.context).markdown
        rendered = build.render(doc_path, answer.src.body, {})
        assert rendered is not None
        assert RAW_MARKER in rendered.markdown and 'class="kb-meta"' not in rendered.markdown
        expected = build.page_content(convert(plain))
        assert build.page_content(convert(rendered.markdown), doc_path) == expected, doc_path
        assert 'class="kb-meta"' in expected


def test_a_marker_typed_in_a_page_is_left_as_it_is() -> None:
    build = SiteBuild.load(SAMPLE, TODAY)
    answer = build.context.answers[0]
    doc_path = doc_path_of(answer.rel)
    build.render(doc_path, answer.src.body, {})
    typed = f"<p>{RAW_MARKER}999x</p>"
    assert build.page_content(typed, doc_path) == typed
    assert build.page_content(typed, "guide/index.md") == typed
