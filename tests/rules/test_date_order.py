"""KB109 date-order (warning)."""

from kb_tools.problem import Level

RULE = "KB109"


def test_reviewed_in_the_future(kb):
    path = kb.add("etat-civil/acte.md", kb.header(extra="reviewed: 2026-11-17\n"))
    kb.check([(path, 2, 1, RULE)])
    problem = kb.only(RULE)
    assert problem.level is Level.WARNING
    assert problem.expected == "au plus tard 2026-11-16"


def test_valid_until_before_reviewed(kb):
    path = kb.add("etat-civil/acte.md", kb.header(extra="reviewed: 2026-02-01\n").replace("2027-06-30", "2026-01-31"))
    kb.check([(path, 6, 1, RULE)])
    assert kb.only(RULE).message == "valid_until précède la date de vérification"


def test_dates_in_order(kb):
    kb.add("etat-civil/acte.md", kb.header(extra="reviewed: 2026-11-16\n"))
    kb.check([])


def test_unreadable_dates_left_to_kb105(kb):
    path = kb.add("etat-civil/acte.md", kb.header(extra="reviewed: 2099-02-30\n"))
    kb.check([(path, 2, 1, "KB105")])
