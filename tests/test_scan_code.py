"""What the engine treats as code is what Python-Markdown renders as code:
fenced blocks (the site's fenced_code) and inline code spans, compared with
Python-Markdown itself on generated texts."""

from __future__ import annotations

import html
import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from kb_tools import scan

FENCE_LINES = [
    "```", "````", "~~~", "~~~~", "``` python", "```python", "~~~ html", "~~~ du texte", "  ```", "    ~~~",
    "```{.html #a}", "``` { oops }", "```  ", "~~~\t", '``` hl_lines="1"', "``` .css", "```\r", "`` `",
    '``` hl_lines="', '"', "'  ", '```{ a="}" }', "```{ a=}", "``` {.x} ", '```pythonhl_lines="1"', "~~~ .x hl_lines='2",
]  # fmt: skip


@settings(max_examples=1500, deadline=None, database=None)
@given(st.lists(st.one_of(st.sampled_from(FENCE_LINES), st.just("texte"), st.just("")), max_size=14))
def test_fenced_blocks_are_those_of_python_markdown(kinds: list[str]) -> None:
    # Each text line is numbered, so the rendered HTML tells where it landed.
    lines = [f"L{i}x" if kind == "texte" else kind for i, kind in enumerate(kinds)]
    out = markdown.markdown("\n".join(lines), extensions=["fenced_code"])
    # Rendered as text: outside <pre> (a line swallowed by a multi-line
    # hl_lines="…" is not rendered at all, like code).
    rendered = set(re.findall(r"L\d+x", re.sub(r"<pre[^>]*>.*?</pre>", "", out, flags=re.S)))
    flags = scan.code_lines(lines)
    for i, line in enumerate(lines):
        if re.fullmatch(r"L\d+x", line):
            assert flags[i] == (line not in rendered), (lines, out)


@settings(max_examples=1000, deadline=None, database=None)
@given(st.text(alphabet="``\\a <", min_size=1, max_size=24))
def test_code_spans_are_those_of_python_markdown(middle: str) -> None:
    line = "x" + middle + "x"
    out = markdown.markdown(line)
    real = [html.unescape(code) for code in re.findall(r"<code>(.*?)</code>", out, re.S)]
    ours = []
    for start, end in scan.code_spans(line):
        span = line[start:end]
        closing = len(span) - len(span.rstrip("`"))
        ours.append(span[closing : len(span) - closing].strip())
    assert ours == real, out


def test_escaped_backtick_opens_no_code():
    assert scan.code_spans("\\`<script>` x") == []
    assert scan.code_spans("\\\\`a` x") == [(2, 5)]  # an escaped backslash: the backtick opens


def test_one_tracker_for_validation_and_site():
    body = "~~~ du texte\n{{ x }}\n~~~\n```\n{{ x }}\n```\n"
    assert scan.fill_placeholders(body, {"x": "1"}) == "~~~ du texte\n1\n~~~\n```\n{{ x }}\n```\n"
    assert [name for name, _, _ in scan.placeholders(body, 1)] == ["x"]
