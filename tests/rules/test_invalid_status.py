"""KB106 invalid-status."""

import pytest

RULE = "KB106"


@pytest.mark.parametrize(
    ("status", "fix"),
    [
        ("publié", "vouliez-vous dire « published » ?"),
        ("Brouillon", "vouliez-vous dire « draft » ?"),
        ("archivé", "vouliez-vous dire « archived » ?"),
        ("publishd", "vouliez-vous dire « published » ?"),
        ("en ligne", "supprimez le champ pour publier"),
    ],
)
def test_unknown_status(kb, status, fix):
    path = kb.add("etat-civil/acte.md", kb.header(extra=f"status: {status}\n"))
    kb.check([(path, 2, 1, RULE)])
    assert kb.only(RULE).fix == fix
    assert kb.only(RULE).received == status


@pytest.mark.parametrize("status", ["draft", "published", "archived"])
def test_known_status(kb, status):
    kb.add("etat-civil/acte.md", kb.header(extra=f"status: {status}\n"))
    kb.check([])
