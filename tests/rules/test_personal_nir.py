"""KB501 personal-nir: a valid key is reported, masked; a wrong key is not."""

import pytest

from kb_tools import report

RULE = "KB501"
NIR = "1 85 05 78 006 084 91"  # key 91 is right for 1850578006084


@pytest.mark.parametrize(
    "nir", [NIR, "185057800608491", "1.85.05.78.006.084.91", "2 90 02 2A 004 012 18", "2 90 02 2b 004 012 45"]
)
def test_valid_nir_reported(kb, nir):
    path = kb.valid("etat-civil/acte.md", f"Numéro de l'usager : {nir}.\n")
    kb.check([(path, 7, 22, RULE)])


@pytest.mark.parametrize(
    "nir", ["1 85 05 78 006 084 90", "2 90 02 2A 004 012 45", "2 90 02 2B 004 012 18", "9 85 05 78 006 084 91"]
)
def test_wrong_key_or_shape_not_reported(kb, nir):
    kb.valid("etat-civil/acte.md", f"Numéro de l'usager : {nir}.\n")
    kb.check([])


def test_reported_in_front_matter_and_code_blocks_too(kb):
    path = kb.add("etat-civil/acte.md", kb.header(extra=f'description: "NIR {NIR}"\n') + f"```\n{NIR}\n```\n")
    kb.check([(path, 2, 19, RULE), (path, 9, 1, RULE)])


def test_number_masked_in_every_output(kb):
    path = kb.valid("etat-civil/acte.md", f"NIR : {NIR}\n")
    problems = kb.problems()
    assert [p.received for p in problems] == ["1 *****************91"]
    outputs = [fmt(problems, [path]) for fmt in report.FORMATS.values()]
    for text in outputs:
        assert NIR not in text
        assert NIR.replace(" ", "") not in text
        assert "05 78 006" not in text


@pytest.mark.parametrize(
    "sep", ["\u00a0", "\u202f", "\u2009", "  ", "-", "\u2013", "\u2014", ".", "/", "&nbsp;", "\\-"], ids=repr
)
def test_pasted_separators_reported(kb, sep):
    path = kb.valid("etat-civil/acte.md", f"Numéro de l'usager : {NIR.replace(' ', sep)}.\n")
    kb.check([(path, 7, 22, RULE)])


def test_reported_in_kb_yml_values(kb):
    from .conftest import CONFIG

    kb.config(CONFIG.replace('  PACS: "Pacte civil de solidarité"', f'  PACS: "Pacte, NIR {NIR}"'))
    line = CONFIG.split("\n").index('  PACS: "Pacte civil de solidarité"') + 1
    kb.check([("kb.yml", line, 21, RULE)])


def test_reported_in_a_file_name(kb):
    kb.add("etat-civil/1-85-05-78-006-084-91.md", kb.header() + "Texte.\n")
    kb.check([("docs/reponses/etat-civil/1-*****************91.md", 1, 0, RULE)])


def test_imported_answers_checked_too(kb):
    path = kb.add("etat-civil/acte.md", kb.header(extra="origin: {source: service-public}\n") + f"{NIR}\n")
    kb.check([(path, 8, 1, RULE)])
