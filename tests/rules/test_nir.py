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
