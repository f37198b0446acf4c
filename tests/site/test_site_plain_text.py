"""``page_text.plain_text`` skips the patterns a line cannot match (a speed-up):
the text it gives is the one of the straightforward version, every pattern on every line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kb_tools.site import page_text as pt


def reference(markdown: str) -> str:
    out = []
    for line in markdown.split("\n"):
        if pt._BLOCK_MARK.match(line) and not line.lstrip().startswith(">"):
            continue
        line = line.lstrip().lstrip(">")
        for pattern, repl in (
            (pt._HEADING_MARK, ""),
            (pt._LIST_MARK, ""),
            (pt._LINK, r"\1"),
            (pt._REF_LINK, r"\1"),
            (pt._ATTR_LIST, ""),
            (pt._TAG, ""),
            (pt._EMPHASIS, ""),
        ):
            line = pattern.sub(repl, line)
        out.append(line.replace("|", " "))
    return pt._SPACES.sub(" ", " ".join(out)).strip()


MARKDOWN_CHARS = st.text(alphabet=" \t\n\u00a0>#-*+1.)[](){}<>:!?|_`~xé", max_size=60)


@settings(max_examples=3000, deadline=None)
@given(MARKDOWN_CHARS)
def test_plain_text_is_the_reference_on_markdown_like_text(text: str) -> None:
    assert pt.plain_text(text) == reference(text)


def test_plain_text_of_a_whole_answer() -> None:
    body = (
        "## En bref {#en-bref}\n\nLa **carte** d'[identité](../cni.md) se demande en *mairie*.\n\n"
        "  - [ ] pièce `1`\n 2. <b>photo</b> {: .kb }\n> !!! note\n\n| a | b |\n|---|---|\n"
        '  > - cité\n??? tip "Astuce"\n[lien][ref] ~~barré~~ __gras__\n---\n'
    )
    assert pt.plain_text(body) == reference(body)
    assert pt.plain_text(body).startswith("En bref La carte d'identité se demande en mairie.")
