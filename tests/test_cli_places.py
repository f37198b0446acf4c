"""``kb validate`` on a sample base with three places: a placeholder that has no
value for one place is an error naming the place and the key (KB206)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli_validate import CONFIG, answer, kb, make_kb

PLACES = """\
places:
  mairie:
    label: "Hôtel de ville"
    kind: mairie
  fs-centre:
    label: "France Services du centre"
    kind: france-services
    local:
      mairie:
        telephone: "01 99 00 10 00"
      accueil:
        etage: "rez-de-chaussée"
  bus-trifouillis:
    label: "France Services itinérant — permanence de Trifouillis"
    kind: permanence
    local:
      accueil:
        etage: "salle des fêtes"
"""


@pytest.fixture
def places_kb(tmp_path: Path) -> Path:
    root = make_kb(tmp_path / "lieux", {"etat-civil/acte.md": answer("Acte", body="Accueil : {{ accueil.etage }}.\n")})
    (root / "kb.yml").write_text(CONFIG + PLACES, encoding="utf-8")
    return root


def test_missing_for_one_place_is_reported(capsys, places_kb):
    code, out, err = kb(capsys, "validate", "--root", places_kb, "--today", "2026-11-16")
    assert (code, err) == (1, "")
    assert out == (
        "docs/reponses/etat-civil/acte.md:7:11: KB206 placeholder-missing-for-place [erreur] "
        "le repère « {{ accueil.etage }} » n'a pas de valeur pour le lieu « mairie » (Hôtel de ville) ; "
        "attendu : « accueil.etage » sous « local: » ou sous « places: mairie: local: » dans kb.yml ; "
        "reçu : aucune valeur pour « mairie ». "
        "Correction : ajoutez « etage: … » sous « places: mairie: local: accueil: » dans kb.yml, "
        "ou une valeur par défaut sous « local: accueil: »\n"
        "1 erreur(s), 0 avertissement(s).\n"
    )


def test_declared_for_every_place_is_clean(capsys, places_kb):
    text = (places_kb / "kb.yml").read_text(encoding="utf-8")
    fixed = text.replace("    kind: mairie\n", '    kind: mairie\n    local:\n      accueil:\n        etage: "hall"\n')
    (places_kb / "kb.yml").write_text(fixed, encoding="utf-8")
    code, out, _ = kb(capsys, "validate", "--root", places_kb, "--today", "2026-11-16")
    assert (code, out) == (0, "Aucun problème.\n")


def test_the_guide_quotes_the_exact_message(capsys, places_kb):
    _, out, _ = kb(capsys, "validate", "--root", places_kb, "--today", "2026-11-16")
    guide = (Path(__file__).resolve().parents[1] / "docs" / "guide" / "lieux.md").read_text(encoding="utf-8")
    assert out.splitlines()[0] in guide
