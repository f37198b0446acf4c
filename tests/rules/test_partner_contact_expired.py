"""KB303 partner-contact-expired (opt-in, like KB301)."""

import datetime as dt

from .conftest import CONFIG

RULE = "KB303"
PARTNERS = """\
partners:
  caf:
    correspondent: "Référente de la CAF"
    reviewed: 2026-01-10
    valid_until: 2026-11-01
  msa:
    correspondent: "Correspondante de la MSA"
    valid_until: 2026-12-31
"""
LINE = CONFIG.count("\n") + 5  # caf's valid_until


def test_expired_contact_with_check_expiry(kb):
    kb.config(CONFIG + PARTNERS)
    kb.check([("kb.yml", LINE, 18, RULE)], RULE, check_expiry=True)
    problem = kb.only(RULE, check_expiry=True)
    assert problem.message == "contact du partenaire « caf » (CAF) à revérifier depuis 15 jour(s)"
    assert problem.received == "2026-11-01"
    assert problem.is_error
    assert "mettez à jour « reviewed » et « valid_until » du partenaire dans kb.yml" in problem.fix


def test_off_without_check_expiry(kb):
    kb.config(CONFIG + PARTNERS)
    kb.check([], RULE)


def test_still_valid_contacts_pass(kb):
    kb.config(CONFIG + PARTNERS)
    kb.check([], RULE, check_expiry=True, today=dt.date(2026, 10, 31))


def test_a_warning_in_a_merge_request_that_leaves_kb_yml_alone(kb):
    kb.config(CONFIG + PARTNERS)
    assert not kb.only(RULE, check_expiry=True, changed=["docs/reponses/x.md"]).is_error
    assert kb.only(RULE, check_expiry=True, changed=["kb.yml"]).is_error
