"""KB206 placeholder-missing-for-place, and the ``places:`` section of kb.yml (KB900)."""

from __future__ import annotations

from tests.rules.conftest import CONFIG

RULE = "KB206"

# Three places: the mairie (inherits everything), a France Services site with
# its own hours, a van permanence with its own key (« france_services.permanence »).
PLACES = """\
places:
  mairie:
    label: "Hôtel de ville"
    kind: mairie
  fs-centre:
    label: "France Services du centre"
    kind: france-services
    commune: "Exempleville"
    local:
      mairie:
        horaires: "du lundi au samedi de 9 h à 12 h"
  bus-trifouillis:
    label: "France Services itinérant — permanence de Trifouillis"
    kind: permanence
    commune: "Trifouillis"
    schedule: "2e et 4e mardis du mois"
    local:
      mairie:
        horaires: "le mardi de 9 h à 12 h"
      france_services:
        permanence: "salle des fêtes, 2e et 4e mardis"
"""


def with_places(kb, places: str = PLACES) -> None:
    kb.config(CONFIG + places)


def test_placeholder_missing_for_two_places(kb):
    with_places(kb)
    path = kb.valid(
        "etat-civil/acte.md", "Horaires : {{ mairie.horaires }}.\nLe bus : {{ france_services.permanence }}.\n"
    )
    kb.check([(path, 8, 10, RULE), (path, 8, 10, RULE)])
    messages = sorted(p.message for p in kb.problems() if p.rule_id == RULE)
    assert messages == [
        "le repère « {{ france_services.permanence }} » n'a pas de valeur pour le lieu « fs-centre » (France Services du centre)",
        "le repère « {{ france_services.permanence }} » n'a pas de valeur pour le lieu « mairie » (Hôtel de ville)",
    ]


def test_message_expected_and_fix(kb):
    with_places(
        kb,
        PLACES.replace(
            '        horaires: "du lundi au samedi de 9 h à 12 h"\n',
            '        horaires: "du lundi au samedi de 9 h à 12 h"\n      france_services:\n        permanence: "1er étage"\n',
        ),
    )
    path = kb.valid("etat-civil/acte.md", "Le bus : {{ france_services.permanence }}.\n")
    kb.check([(path, 7, 10, RULE)])
    problem = kb.only(RULE)
    assert problem.message == (
        "le repère « {{ france_services.permanence }} » n'a pas de valeur pour le lieu « mairie » (Hôtel de ville)"
    )
    assert problem.expected == (
        "« france_services.permanence » sous « local: » ou sous « places: mairie: local: » dans kb.yml"
    )
    assert problem.received == "aucune valeur pour « mairie »"
    assert problem.fix == (
        "ajoutez « permanence: … » sous « places: mairie: local: france_services: » dans kb.yml, "
        "ou une valeur par défaut sous « local: france_services: »"
    )


def test_inherited_and_overridden_values_resolve(kb):
    with_places(kb)
    kb.valid("etat-civil/acte.md", "{{ mairie.horaires }}, {{ mairie.telephone }}, {{ etat_civil.courriel }}\n")
    kb.check([])


def test_default_declared_makes_the_key_resolve_everywhere(kb):
    kb.config(CONFIG.replace("local:\n", 'local:\n  france_services:\n    permanence: "voir l\'accueil"\n', 1) + PLACES)
    kb.valid("etat-civil/acte.md", "Le bus : {{ france_services.permanence }}.\n")
    kb.check([])


def test_unknown_everywhere_is_kb205_only(kb):
    with_places(kb)
    path = kb.valid("etat-civil/acte.md", "{{ mairie.inconnu }}\n")
    kb.check([(path, 7, 1, "KB205")], "KB205", RULE)


def test_place_own_key_is_not_unknown(kb):
    with_places(kb)
    kb.valid("etat-civil/acte.md", "{{ france_services.permanence }}\n")
    assert kb.found("KB205") == []


def test_no_places_no_problem(kb):
    kb.valid("etat-civil/acte.md", "{{ mairie.horaires }}\n")
    kb.check([], RULE)


def test_reported_once_per_answer_and_place(kb):
    with_places(kb)
    path = kb.valid(
        "etat-civil/acte.md", "{{ france_services.permanence }}\n\nEncore {{ france_services.permanence }}.\n"
    )
    kb.check([(path, 7, 1, RULE), (path, 7, 1, RULE)])


def test_placeholders_in_code_are_left_alone(kb):
    with_places(kb)
    kb.valid("etat-civil/acte.md", "Écrire `{{ france_services.permanence }}`.\n")
    kb.check([], RULE)


# -- the places: section itself (KB900, with its line in kb.yml) -------------


def config_problems(kb) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.message) for p in kb.problems() if p.rule_id == "KB900"]


def test_places_config_is_read(kb):
    with_places(kb)
    from kb_tools.kb import load_kb

    config = load_kb(kb.root).config
    assert list(config.places) == ["mairie", "fs-centre", "bus-trifouillis"]
    bus = config.places["bus-trifouillis"]
    assert bus.label == "France Services itinérant — permanence de Trifouillis"
    assert (bus.kind, bus.commune, bus.schedule) == ("permanence", "Trifouillis", "2e et 4e mardis du mois")
    values = bus.values(config.local)
    assert values["mairie.horaires"] == "le mardi de 9 h à 12 h"  # overridden
    assert values["mairie.telephone"] == "01 99 00 10 00"  # inherited
    assert config.places["mairie"].local == {}


def test_bad_places_are_reported_with_their_line(kb):
    start = CONFIG.count("\n") + 1  # line of « places: »
    with_places(
        kb,
        """\
places:
  Mauvaise-Clé:
    label: "X"
  sans-nom:
    kind: camion
  bus:
    label: "Bus"
    horaire: "le mardi"
    local:
      mairie:
        horaire: "le mardi"
        site: "javascript:alert(1)"
""",
    )
    found = config_problems(kb)
    # Positions are those of the values, as for every kb.yml problem.
    assert found == [
        (start + 2, 5, "clé « Mauvaise-Clé » invalide"),
        (start + 4, 5, "le lieu « sans-nom » n'a pas de « label »"),
        (start + 4, 11, "type de lieu inconnu « camion »"),
        (start + 7, 14, "clé inconnue « horaire » dans le lieu « bus »"),
        (start + 10, 18, "« mairie.horaire » du lieu « bus » n'existe pas dans « local: »"),
        (start + 11, 15, "« places.bus.local.mairie.site » est une adresse qui exécute du code"),
    ]
    assert len(found) == 6, found
    typo = next(p for p in kb.problems() if "mairie.horaire »" in p.message)
    assert typo.fix == "vouliez-vous dire « mairie.horaires » ? Sinon, déclarez-la aussi dans « local: »"


def test_places_must_be_a_mapping(kb):
    with_places(kb, "places:\n  - mairie\n")
    assert [m for _, _, m in config_problems(kb)] == ["la section « places » doit être une table clé: valeur"]
