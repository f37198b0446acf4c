"""KB405 markdown-too-complex: what would stall or crash the site build is
refused first, quickly, at the line where it starts. Each pathological case is
also checked against Python-Markdown itself in tests/test_linear.py."""

import pytest

from kb_tools.rules.markdown_complexity import MAX_CHARS, WORK_LIMIT, markdown_work

RULE = "KB405"
BODY = 7  # first body line of kb.valid()


@pytest.mark.parametrize(
    ("name", "body", "line", "column", "cause"),
    [
        ("brackets", "Texte.\n\n" + "[" * 5_000 + "\n", BODY + 2, 1, "crochets"),
        ("link parens", "Texte " + "[x](" * 3_000 + "\n", BODY, 10, "crochets"),  # at the first "("
        ("tag starts", "Texte\n" + "<a " * 20_000 + "\n", BODY + 1, 1, "balise"),
        ("unclosed fences", "Texte\n" + "~~~ x\n" * 8_000, BODY + 1, 1, "blocs de code"),
        ("markup signs", "Texte\n\n" + "*a* " * 40_000 + "\n", BODY + 2, 1, "signes de mise en forme"),
        ("same headings", "Intro\n\n" + "## Pièces\n" * 3_000, BODY + 2, 1, "titres identiques"),
        ("setext headings", "Intro\n\n" + "Pièces\n------\n" * 3_000, BODY + 2, 1, "titres identiques"),
        ("abbreviations", "Texte\n" + "*[CNI]: carte\n" * 2_000, BODY + 1, 1, "abréviations"),
        ("paragraphs", "a\n\n" * 50_000, BODY, 1, "paragraphes"),
        ("tabs", "Texte\n\n" + '=== "Onglet"\n    x\n\n' * 7_000, BODY + 2, 1, "onglets"),
    ],
)
def test_pathological_text_is_refused_where_it_starts(kb, name, body, line, column, cause):
    path = kb.valid("etat-civil/acte.md", body)
    assert (path, line, column, RULE) in kb.found(RULE)
    problem = kb.only(RULE)
    assert cause in problem.message
    assert problem.fix and problem.expected and problem.received


@pytest.mark.parametrize("body", ["- " * 60 + "x\n", "> " * 60 + "x\n", "1. " * 60 + "x\n", " " * 200 + "- x\n"])
def test_deep_nesting_is_refused(kb, body):
    path = kb.valid("etat-civil/acte.md", "Texte.\n\n" + body)
    kb.check([(path, BODY + 2, 1, RULE)], RULE)
    assert "imbriquées" in kb.only(RULE).message


def test_too_long_answer(kb):
    path = kb.valid("etat-civil/acte.md", ("Une phrase ordinaire de la réponse. " * 30 + "\n\n") * (MAX_CHARS // 1_000))
    kb.check([(path, BODY, 1, RULE)], RULE)
    assert "trop longue" in kb.only(RULE).message


def test_ordinary_answers_are_far_below_the_limit(kb):
    body = (
        "## En bref\n\nUn [lien](../identite/cni.md) et **du gras**, `du code`, <br> et &nbsp;.\n\n"
        "| Pièce | Où |\n| --- | --- |\n" + "| [Acte](https://www.service-public.fr/F1) | *mairie* |\n" * 300 + "\n"
        "```\n[[[ <a <a\n```\n\n" + "- point [x](y.md)\n" * 200
    )
    kb.valid("etat-civil/acte.md", body)
    kb.check([], RULE)
    assert markdown_work(body).total < WORK_LIMIT / 20


def test_a_few_unclosed_brackets_are_fine(kb):
    kb.valid("etat-civil/acte.md", "Texte [entre crochets sans fin " * 50 + "\n\n<a sans fin\n")
    kb.check([], RULE)


def test_work_counts_what_python_markdown_does():
    def work(text: str):
        return markdown_work(text, exact=True)

    assert work("[a] " * 100).brackets == 2 * 100  # each "[" costs the distance to its "]"
    assert work("[" + "a" * 999).brackets == 1_000  # or to the end of the paragraph
    assert work("[" + "a" * 999 + "\n\nb" * 10).brackets == 1_000  # not past a blank line
    assert work("[x](" + "a" * 996).brackets == 2 + 997  # "](" opens a parenthesis scanned to the end
    assert work("<a " + "b" * 997).angles == pytest.approx(0.2 * 1_000)
    assert work("<a " + "b" * 97 + ">").angles == pytest.approx(0.2 * 100)
    assert work("~~~ x\n" + "a" * 94).fences == pytest.approx(0.2 * 101)  # to the end of the text
    assert work("```\ncode\n```\n").fences < 1
