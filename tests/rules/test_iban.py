"""KB502 personal-iban: only numbers whose checksum is right."""

from kb_tools import report

RULE = "KB502"
IBAN = "FR76 3000 6000 0112 3456 7890 189"


def test_valid_iban_reported_and_masked(kb):
    path = kb.valid("etat-civil/acte.md", f"Virement sur {IBAN} pour le remboursement.\n")
    kb.check([(path, 7, 14, RULE)])
    problem = kb.only(RULE)
    assert IBAN not in problem.full_message()
    for fmt in report.FORMATS.values():
        text = fmt([problem], [path])
        assert IBAN not in text
        assert IBAN.replace(" ", "") not in text


def test_compact_lowercase_and_foreign(kb):
    path = kb.valid("etat-civil/acte.md", "fr7630006000011234567890189\nDE89 3704 0044 0532 0130 00\n")
    kb.check([(path, 7, 1, RULE), (path, 8, 1, RULE)], RULE)


def test_wrong_checksum_not_reported(kb):
    kb.valid("etat-civil/acte.md", "FR76 3000 6000 0112 3456 7890 188\nFR00 0000 0000 0000\n")
    kb.check([])
