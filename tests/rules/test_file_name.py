"""KB603 file-name: answer ids and other names under docs/ are safe."""

import pytest

from kb_tools.files import ANSWER_ID_MAX, answer_id_problem, name_problem

RULE = "KB603"


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ('acte"onmouseover="alert(1).md', "acteonmouseoveralert1"),
        ("Acte de naissance.md", "acte-de-naissance"),
        ("acte_de_naissance.md", "acte-de-naissance"),
        ("état-civil.md", "etat-civil"),
        ("acte'.md", "acte"),
    ],
)
def test_answer_ids_must_be_slugs(kb, name, suggestion):
    path = kb.add(f"etat-civil/{name}", kb.header() + "Texte.\n")
    kb.check([(path, 0, 0, RULE)], RULE)
    problem = kb.only(RULE)
    assert problem.fix == f"renommez le fichier, par exemple « {suggestion} »"
    assert problem.expected == "minuscules sans accents, chiffres et tirets, 100 caractères au plus"


def test_long_id_is_reported_with_its_length(kb):
    name = "a" * (ANSWER_ID_MAX + 1)
    path = kb.add(f"etat-civil/{name}.md", kb.header() + "Texte.\n")
    kb.check([(path, 0, 0, RULE)], RULE)
    assert kb.only(RULE).message == f"identifiant trop long ({ANSWER_ID_MAX + 1} caractères, au plus {ANSWER_ID_MAX})"


def test_starter_and_imported_ids_are_valid():
    for answer_id in ("acte-de-naissance", "sp-f1427", "cni-perte-ou-vol", "a" * ANSWER_ID_MAX):
        assert answer_id_problem(answer_id) is None


def test_other_files_need_safe_names(kb):
    kb.write("docs/assets/Plan mairie.png", b"x")
    kb.write('docs/guide/a"b.md', "# Guide\n")
    kb.check([("docs/assets/Plan mairie.png", 0, 0, RULE), ('docs/guide/a"b.md', 0, 0, RULE)])
    fixes = sorted(p.fix for p in kb.problems())
    assert fixes == ["renommez-le, par exemple « ab.md »", "renommez-le, par exemple « plan-mairie.png »"]


def test_folder_names_are_checked(kb):
    path = kb.add("état civil/acte.md", kb.header() + "Texte.\n")
    kb.check([(path, 0, 0, RULE)], RULE)
    assert kb.only(RULE).message.startswith("nom de dossier « état civil »")


def test_safe_names_are_accepted():
    for doc_path in ("guide/index.md", "assets/vendor/iframe-worker/LICENSE", "assets/logo_v2.png", "README.md"):
        assert name_problem(doc_path) is None
