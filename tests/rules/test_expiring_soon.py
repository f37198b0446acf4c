"""KB302 expiring-soon (opt-in, warning), with a fixed today."""

import datetime as dt

from kb_tools.problem import Level

RULE = "KB302"


def test_expires_within_thirty_days(kb):
    path = kb.valid("etat-civil/acte.md")  # valid_until: 2027-06-30
    kb.check([(path, 5, 1, RULE)], today=dt.date(2027, 5, 31), check_expiry=True)
    problem = kb.only(RULE, today=dt.date(2027, 5, 31), check_expiry=True)
    assert problem.level is Level.WARNING
    assert problem.message == "réponse à revérifier : expire dans 30 jour(s)"


def test_expires_today(kb):
    path = kb.valid("etat-civil/acte.md")
    kb.check([(path, 5, 1, RULE)], today=dt.date(2027, 6, 30), check_expiry=True)


def test_delay_read_from_kb_yml(kb):
    kb.config(kb.root.joinpath("kb.yml").read_text(encoding="utf-8").replace("expiring_days: 30", "expiring_days: 60"))
    path = kb.valid("etat-civil/acte.md")
    kb.check([(path, 5, 1, RULE)], today=dt.date(2027, 5, 1), check_expiry=True)


def test_far_enough_or_not_asked(kb):
    kb.valid("etat-civil/acte.md")
    kb.check([], today=dt.date(2027, 5, 30), check_expiry=True)
    kb.check([], today=dt.date(2027, 6, 15))
