"""The ``import.service_public`` section of kb.yml."""

from __future__ import annotations

from pathlib import Path

import yaml

from kb_tools.importers.service_public import ImportConfig, read_import_config, validate_import_config

from .sp_kb import CONFIG

PROJECT_KB_YML = Path(__file__).resolve().parents[2] / "kb.yml"


def _with(section: str) -> dict:
    raw = yaml.safe_load(CONFIG)
    raw["import"] = yaml.safe_load(section)
    return raw


def test_test_configuration_is_valid_and_read() -> None:
    cfg, errors = read_import_config(yaml.safe_load(CONFIG))
    assert errors == []
    assert cfg.service_map == {"N359": "etat-civil"}
    assert cfg.tag_map == {"N359": ("acte",), "N31778": ("nom-prenom",)}
    assert cfg.audiences == ("particuliers",) and cfg.validity_days == 365


def test_the_project_kb_yml_section_is_valid() -> None:
    assert validate_import_config(yaml.safe_load(PROJECT_KB_YML.read_text(encoding="utf-8"))) == []


def test_defaults_when_the_section_is_absent() -> None:
    raw = yaml.safe_load(CONFIG)
    del raw["import"]
    cfg, errors = read_import_config(raw)
    assert errors == [] and cfg == ImportConfig()


def test_every_problem_is_reported_with_key_and_fix() -> None:
    errors = validate_import_config(
        _with(
            """
            service_public:
              audience: [particuliers]
              audiences: [particulier]
              themes: [F1427]
              validity_days: 0
              folder: ../ailleurs
              default_tag: fiche-nationnale
              service_map: {N359: etat_civil}
              tag_map: {N359: [actes]}
            """
        )
    )
    assert errors == [
        "kb.yml, import.service_public.audience : clé inconnue ; attendu : folder, audiences, themes, fiches, only_fiches, validity_days, default_service, default_tag, service_map, tag_map. Correction : vouliez-vous dire « audiences » ?",
        "kb.yml, import.service_public.folder : le dossier des fiches importées doit être sous docs/reponses/ (pour être des réponses) ; attendu : reponses/service-public ; reçu : '../ailleurs'",
        "kb.yml, import.service_public.audiences : public inconnu « particulier » ; attendu : particuliers, professionnels, associations. Correction : vouliez-vous dire « particuliers » ?",
        "kb.yml, import.service_public.themes : identifiant invalide « F1427 » ; attendu : un identifiant Service-Public.fr comme N19810",
        "kb.yml, import.service_public.validity_days : durée de validité invalide ; attendu : un nombre de jours entre 1 et 3650, par exemple 365 ; reçu : 0",
        "kb.yml, import.service_public.default_tag : étiquette non déclarée « fiche-nationnale » ; attendu : une clé déclarée sous « tags: » dans kb.yml. Correction : vouliez-vous dire « fiche-nationale » ?",
        "kb.yml, import.service_public.service_map.N359 : service non déclaré « etat_civil » ; attendu : une clé déclarée sous « services: » dans kb.yml. Correction : vouliez-vous dire « etat-civil » ?",
        "kb.yml, import.service_public.tag_map.N359 : étiquette non déclarée « actes » ; attendu : une clé déclarée sous « tags: » dans kb.yml. Correction : vouliez-vous dire « acte » ?",
    ]


def test_wrong_shapes_do_not_crash() -> None:
    assert validate_import_config(_with("[service_public]")) == [
        "kb.yml, import : doit être une table ; attendu : « service_public: » avec ses réglages"
    ]
    errors = validate_import_config(_with("{service_public: {tag_map: [N359], only_fiches: oui}, autre: {}}"))
    assert len(errors) == 3
    assert errors[0].startswith("kb.yml, import.autre : importeur inconnu")
