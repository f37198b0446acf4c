"""KB301 expired (opt-in: --check-expiry), with a fixed today."""

import datetime as dt

from kb_tools.problem import Level

RULE = "KB301"
TODAY = dt.date(2027, 7, 1)


def test_expired_is_an_error_in_the_nightly_check(kb):
    path = kb.valid("etat-civil/acte.md")  # valid_until: 2027-06-30
    kb.check([(path, 5, 1, RULE)], today=TODAY, check_expiry=True)
    problem = kb.only(RULE, today=TODAY, check_expiry=True)
    assert problem.level is Level.ERROR
    assert problem.message == "réponse expirée depuis 1 jour(s)"


def test_expired_is_an_error_when_the_file_changed(kb):
    path = kb.valid("etat-civil/acte.md")
    assert kb.only(RULE, today=TODAY, check_expiry=True, changed=[path]).level is Level.ERROR


def test_expired_is_a_warning_when_another_file_changed(kb):
    path = kb.valid("etat-civil/acte.md")
    other = kb.valid("etat-civil/autre.md")
    problems = [p for p in kb.problems(today=TODAY, check_expiry=True, changed=[other]) if p.rule_id == RULE]
    assert [(p.path, p.level) for p in problems] == [(path, Level.WARNING), (other, Level.ERROR)]


def test_not_checked_by_default(kb):
    kb.valid("etat-civil/acte.md")
    kb.check([], today=TODAY)


def test_last_valid_day_and_drafts(kb):
    kb.valid("etat-civil/acte.md")
    kb.add(
        "etat-civil/brouillon.md", kb.header("Brouillon", extra="status: draft\n").replace("2027-06-30", "2020-01-01")
    )
    kb.check([], RULE, today=dt.date(2027, 6, 30), check_expiry=True)
