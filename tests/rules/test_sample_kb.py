"""The helper's own knowledge base is clean: every rule test starts from zero."""

from kb_tools.rules import RULES


def test_minimal_kb_has_no_problem(kb):
    kb.valid("etat-civil/acte-de-naissance.md")
    kb.valid("identite/cni.md")
    kb.check([], check_expiry=True)


def test_kb_without_answers_has_no_problem(kb):
    kb.check([])


def test_every_rule_has_a_test_file():
    from pathlib import Path

    here = Path(__file__).parent
    missing = [
        m.__name__.rsplit(".", 1)[-1]
        for m in RULES.values()
        if not (here / f"test_{m.__name__.rsplit('.', 1)[-1]}.py").is_file()
    ]
    assert missing == []
