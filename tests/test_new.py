"""``kb new SERVICE ID``: a new answer from the template, never an overwrite."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from kb_tools.cli import main
from kb_tools.kb import load_kb
from kb_tools.rules.runner import validate

SAMPLE = Path(__file__).parent / "expiry" / "sample"
TODAY = dt.date(2027, 7, 1)
SECTIONS = [
    "En bref",
    "Ce que l'usager doit fournir",
    "Étapes",
    "Où s'adresser",
    "Cas particuliers",
    "Passer le relais",
]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "kb"))


def new(root: Path, *args: str) -> int:
    return main(["new", "--root", str(root), "--today", TODAY.isoformat(), *args])


def test_creates_the_answer_from_the_template(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(root, "etat-civil", "acte-de-deces", "--title", "Obtenir un acte de décès", "--tag", "acte") == 0
    captured = capsys.readouterr()
    assert captured.out == "docs/reponses/etat-civil/acte-de-deces.md\n"
    assert "kb validate docs/reponses/etat-civil/acte-de-deces.md" in captured.err
    text = (root / "docs/reponses/etat-civil/acte-de-deces.md").read_text(encoding="utf-8")
    assert text.startswith(
        "---\n"
        'title: "Obtenir un acte de décès"\n'
        "service: etat-civil\n"
        "tags: [acte]\n"
        "status: draft\n"  # a scaffold is never published as it is
        "valid_until: 2027-12-28\n"  # today + site.default_validity_days (180)
        "reviewed: 2027-07-01\n"
        'owner: "@ville/etat-civil"\n'
    )
    assert [line[3:] for line in text.splitlines() if line.startswith("## ")] == SECTIONS
    assert "{{ mairie.adresse }}" in text  # a placeholder of kb.yml, filled in by the site


def test_the_new_answer_passes_validation(root: Path) -> None:
    assert new(root, "etat-civil", "acte-de-deces", "--tag", "acte") == 0
    problems = validate(load_kb(root), TODAY, check_expiry=True)
    assert [p for p in problems if p.path.endswith("acte-de-deces.md")] == []


def test_title_from_id_and_tag_from_service(root: Path) -> None:
    assert new(root, "accueil", "objets-trouves") == 0
    text = (root / "docs/reponses/accueil/objets-trouves.md").read_text(encoding="utf-8")
    assert 'title: "Objets trouves"' in text
    assert "tags: [accueil]" in text  # the service key is also a tag
    assert 'owner: "@agent.dupont"' in text


def test_without_a_tag_says_to_add_one(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(root, "etat-civil", "livret-de-famille") == 0
    assert (
        "ajoutez au moins une étiquette dans « tags » (étiquettes déclarées : accueil, acte, elections)"
        in capsys.readouterr().err
    )


def test_refuses_to_overwrite(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = root / "docs/reponses/etat-civil/acte-expire.md"
    before = path.read_bytes()
    assert new(root, "etat-civil", "acte-expire") == 1
    assert capsys.readouterr().err == (
        "kb new: docs/reponses/etat-civil/acte-expire.md existe déjà : rien n'a été écrit. "
        "Modifiez ce fichier, ou choisissez un autre identifiant, par exemple « acte-expire-2 »\n"
    )
    assert path.read_bytes() == before


def test_refuses_an_id_taken_by_another_service(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "docs/reponses/accueil/acte-expire-2.md").write_text("---\n---\n", encoding="utf-8")
    assert new(root, "accueil", "acte-expire") == 1
    err = capsys.readouterr().err
    assert "l'identifiant « acte-expire » est déjà pris par docs/reponses/etat-civil/acte-expire.md" in err
    assert "par exemple « acte-expire-3 »" in err  # -2 is taken too
    assert not (root / "docs/reponses/accueil/acte-expire.md").exists()


def test_unknown_service_suggests_the_closest(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(root, "etat-civl", "acte-de-deces") == 2
    assert capsys.readouterr().err == "kb new: service inconnu « etat-civl » : vouliez-vous dire « etat-civil » ?\n"
    assert new(root, "zzz", "acte-de-deces") == 2
    assert "services déclarés dans kb.yml : accueil, citoyennete, etat-civil" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("answer_id", "suggestion"),
    [
        ("Acte de décès", "acte-de-deces"),
        ("acte_de_deces", "acte-de-deces"),
        ("acte--deces", "acte-deces"),
        ("état", "etat"),
    ],
)
def test_invalid_id(root: Path, capsys: pytest.CaptureFixture[str], answer_id: str, suggestion: str) -> None:
    assert new(root, "etat-civil", answer_id) == 2
    assert capsys.readouterr().err == (
        f"kb new: identifiant invalide « {answer_id} » : minuscules sans accents, chiffres et tirets seulement, par exemple « {suggestion} »\n"
    )


def test_unknown_tag(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(root, "etat-civil", "acte-de-deces", "--tag", "actes") == 2
    assert "étiquette inconnue « actes » : vouliez-vous dire « acte » ?" in capsys.readouterr().err


def test_no_kb_yml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(tmp_path, "etat-civil", "x") == 2
    assert "kb.yml introuvable" in capsys.readouterr().err


def test_publishing_the_untouched_scaffold_is_an_error(root: Path) -> None:
    assert new(root, "etat-civil", "acte-de-deces", "--title", "Obtenir un acte de décès", "--tag", "acte") == 0
    path = root / "docs/reponses/etat-civil/acte-de-deces.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft\n", ""), encoding="utf-8")
    problems = [p for p in validate(load_kb(root), TODAY) if p.path.endswith("acte-de-deces.md")]
    assert {p.rule_id for p in problems} == {"KB111"}
    assert len(problems) == 7  # every « À compléter : » left, each at its line
    first = problems[0]
    assert (first.line, first.column) == (15, 1)  # "## En bref" + 2, once status: draft is gone
    assert first.message == "texte du modèle laissé dans une réponse publiée"
    assert "remettez « status: draft »" in first.fix
