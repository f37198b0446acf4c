"""KB504 personal-phone: allowlist and local values are accepted, digits only."""

RULE = "KB504"


def test_mobile_number_reported_and_masked(kb):
    path = kb.valid("etat-civil/acte.md", "Rappeler l'usager au 06 12 34 56 78.\n")
    kb.check([(path, 7, 22, RULE)])
    problem = kb.only(RULE)
    assert "06 12 34 56 78" not in problem.full_message()
    assert "0612345678" not in problem.full_message()


def test_other_spellings_reported(kb):
    path = kb.valid("etat-civil/acte.md", "+33 6 12 34 56 78 ; 0033612345678 ; 06.12.34.56.78 ; 01-99-00-99-99\n")
    kb.check([(path, 7, 1, RULE), (path, 7, 21, RULE), (path, 7, 37, RULE), (path, 7, 54, RULE)])


def test_allowed_numbers(kb):
    kb.valid(
        "etat-civil/acte.md",
        """\
        - local : 01 99 00 10 00, +33 1 99 00 10 00, 0199001000
        - déclaré : 01 40 00 00 00, 01.40.00.00.00
        - numéros courts : 3939, 115
        - pas des numéros : 2027-06-30, 12 345 678 901, code 75001
        """,
    )
    kb.check([])


def test_imported_sheets_are_checked_too(kb):
    # ``origin:`` does not switch the rule off: declared and 08 service numbers pass.
    path = kb.add(
        "etat-civil/acte.md",
        kb.header(extra="origin: {source: service-public}\n") + "3939, 01 40 00 00 00, 0800 00 00 00\n06 12 34 56 78\n",
    )
    kb.check([(path, 9, 1, RULE)])


def test_a_number_is_never_read_across_a_line_break(kb):
    # The file is scanned as one text: digits ending one line and starting the
    # next must not be joined into a phone number.
    kb.valid("etat-civil/acte.md", "Référence 06\n12 34 56 78 du dossier.\n")
    kb.check([])


def test_pasted_forms_reported(kb):
    path = kb.valid(
        "etat-civil/acte.md",
        "+33 (0)6 12 34 56 78\n06\u00a012\u00a034\u00a056\u00a078\n06\u202f12\u202f34\u202f56\u202f78\n"
        "06 – 12 – 34 – 56 – 78\n06/12/34/56/78\n(+33) 6 12 34 56 78\n06  12  34  56  78\n",
    )
    kb.check([(path, line, 1, RULE) for line in range(7, 14)])


def test_dates_and_times_are_not_numbers(kb):
    kb.valid("etat-civil/acte.md", "le 01/09/2024 10 h, le 01.09.2024 10 h\n")
    kb.check([])


def test_reported_in_kb_yml_except_contacts_and_local(kb):
    from .conftest import CONFIG

    kb.config(CONFIG.replace('    label: "Naissance"', '    label: "Naissance, appeler le 06 12 34 56 78"'))
    line = CONFIG.split("\n").index('    label: "Naissance"') + 1
    kb.check([("kb.yml", line, 35, RULE)])


def test_reported_in_a_file_name(kb):
    kb.add("etat-civil/rappeler-06-12-34-56-78.md", kb.header() + "Texte.\n")
    kb.check([("docs/reponses/etat-civil/rappeler-06**********78.md", 1, 0, RULE)], RULE)
