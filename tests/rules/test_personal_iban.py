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


def test_pasted_separators_reported(kb):
    path = kb.valid(
        "etat-civil/acte.md",
        f"{IBAN.replace(' ', chr(0xA0))}\n{IBAN.replace(' ', chr(0x202F))}\n{IBAN.replace(' ', '-')}\n"
        f"12 {IBAN.replace(' ', '  ')}\n",
    )
    kb.check([(path, 7, 1, RULE), (path, 8, 1, RULE), (path, 9, 1, RULE), (path, 10, 4, RULE)], RULE)


def test_reported_in_kb_yml_and_front_matter_values(kb):
    from .conftest import CONFIG

    kb.config(CONFIG.replace('    horaires: "du lundi', f'    rib: "{IBAN}"\n    horaires: "du lundi'))
    path = kb.add("etat-civil/acte.md", kb.header(extra=f"aliases: ['{IBAN}']\n") + "Texte.\n")
    line = CONFIG.split("\n").index('    horaires: "du lundi au vendredi de 9 h à 17 h"') + 1
    kb.check([("kb.yml", line, 11, RULE), (path, 2, 12, RULE)], RULE)
