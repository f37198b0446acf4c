"""KB105 invalid-date."""

RULE = "KB105"


def test_impossible_date(kb):
    path = kb.add("etat-civil/acte.md", kb.header().replace("2027-06-30", "2027-02-30"))
    kb.check([(path, 5, 1, RULE)])
    problem = kb.only(RULE)
    assert problem.message == "« valid_until » : cette date n'existe pas"
    assert problem.received == "2027-02-30"


def test_french_date_format(kb):
    path = kb.add("etat-civil/acte.md", kb.header().replace("2027-06-30", "30/06/2027"))
    kb.check([(path, 5, 1, RULE)])
    problem = kb.only(RULE)
    assert problem.message == "« valid_until » n'est pas une date au format AAAA-MM-JJ"
    assert problem.expected == "2027-06-30"


def test_other_bad_dates(kb):
    path = kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: "Acte"
        service: etat-civil
        tags: [acte]
        valid_until: 2027-6-30
        reviewed: 2026-11-16T10:00:00
        ---
        """,
    )
    kb.check([(path, 5, 1, RULE), (path, 6, 1, RULE)])


def test_date_as_number(kb):
    path = kb.add("etat-civil/acte.md", kb.header().replace("2027-06-30", "20270630"))
    kb.check([(path, 5, 1, RULE)])


def test_valid_dates_quoted_or_not_and_leap_day(kb):
    kb.add("etat-civil/acte.md", kb.header(extra='reviewed: "2026-11-16"\n').replace("2027-06-30", "2028-02-29"))
    kb.check([])
