"""``kb import kb-export``: a base started from another base's export.

Round trip (export, import into an empty base, export again: same document),
the schema checked first (JSON path of each problem, nothing written), unsafe
paths refused, local answers never overwritten, missing kb.yml entries listed
in a fragment, and every content rule applied to what was imported."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from kb_tools import export
from kb_tools.cli import main
from kb_tools.importers import kb_export
from kb_tools.kb import load_kb
from kb_tools.rules.runner import validate

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "site" / "sample_kb"
TODAY = dt.date(2026, 11, 20)
DAY = TODAY.isoformat()
NIR = "1 85 05 78 006 084 91"
MINIMAL_CONFIG = """\
site:
  name: "Base de Voisinville"
services:
  accueil: {label: "Accueil", owner: "@voisinville/accueil"}
tags:
  accueil: {label: "Accueil"}
"""


def write_export(tmp_path: Path, data: dict[str, Any], name: str = "kb-export.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def empty_base(tmp_path: Path, config: str | None = None, name: str = "cible") -> Path:
    root = tmp_path / name
    root.mkdir()
    if config is None:
        shutil.copy(ROOT / "kb.yml", root / "kb.yml")
    else:
        (root / "kb.yml").write_text(config, encoding="utf-8")
    return root


def run_import(root: Path, source: Path, *extra: str) -> int:
    return main(["import", "kb-export", str(source), "--root", str(root), "--today", DAY, *extra])


def errors_of(root: Path) -> list[Any]:
    return [p for p in validate(load_kb(root), TODAY) if p.is_error]


@pytest.fixture(scope="module")
def starter_export() -> dict[str, Any]:
    return export.export_document(load_kb(ROOT), TODAY)


@pytest.fixture
def sample_export() -> dict[str, Any]:
    return export.export_document(load_kb(SAMPLE), TODAY)


def test_round_trip_of_the_starter_base(tmp_path: Path, starter_export: dict[str, Any]) -> None:
    source = write_export(tmp_path, starter_export)
    root = empty_base(tmp_path)
    assert run_import(root, source) == 0
    assert errors_of(root) == []  # kb validate: the imported base passes every rule
    again = export.export_document(load_kb(root), TODAY)
    assert export.dumps(again) == export.dumps(starter_export)
    assert not (root / kb_export.FRAGMENT_NAME).exists()  # nothing missing from a copy of kb.yml


def test_imported_files_keep_placeholders_and_mark_their_origin(tmp_path: Path, starter_export: dict[str, Any]) -> None:
    root = empty_base(tmp_path)
    assert run_import(root, write_export(tmp_path, starter_export)) == 0
    entry = next(a for a in starter_export["answers"] if "mairie.telephone" in a["placeholders"])
    text = (root / "docs" / "reponses" / entry["service"] / f"{entry['id']}.md").read_text(encoding="utf-8")
    assert "{{ mairie.telephone }}" in text
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["origin"]["source"] == "kb-export"
    assert meta["origin"]["base"] == starter_export["site"]["name"]
    assert meta["origin"]["id"] == entry["id"]
    assert meta["origin"]["imported"] == TODAY
    assert "owner" not in meta  # the importing base's service owner answers for it
    assert not list(root.rglob("*.tmp"))


def test_missing_services_tags_glossary_and_local_go_to_a_fragment(
    tmp_path: Path, sample_export: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    root = empty_base(tmp_path, MINIMAL_CONFIG)
    kb_yml = (root / "kb.yml").read_text(encoding="utf-8")
    assert run_import(root, write_export(tmp_path, sample_export)) == 0
    out = capsys.readouterr().out
    assert kb_export.FRAGMENT_NAME in out and "services (2)" in out
    assert (root / "kb.yml").read_text(encoding="utf-8") == kb_yml  # never modified
    fragment = yaml.safe_load((root / kb_export.FRAGMENT_NAME).read_text(encoding="utf-8"))
    assert set(fragment["services"]) == {"etat-civil", "identite"}
    assert fragment["services"]["etat-civil"]["owner"] == kb_export.TO_FILL
    assert "acte" in fragment["tags"] and "accueil" not in fragment["tags"]
    used = {name for a in sample_export["answers"] for name in a["placeholders"]}
    assert used, "the sample uses placeholders"
    assert "local" in fragment
    rules = {p.rule_id for p in errors_of(root)}
    assert "KB101" in rules  # until the fragment is copied into kb.yml
    # Copied into kb.yml, owners and local details filled in: the base validates.
    config = yaml.safe_load(kb_yml)
    for section in ("services", "tags", "glossary"):
        config.setdefault(section, {}).update(fragment.get(section, {}))
    for svc in config["services"].values():
        svc["owner"] = "@voisinville/agents"

    def fill(tree: dict[str, Any]) -> dict[str, Any]:
        return {k: fill(v) if isinstance(v, dict) else "Voisinville" for k, v in tree.items()}

    config["local"] = fill(fragment["local"])
    (root / "kb.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    assert errors_of(root) == []


def test_invalid_json_is_refused_with_its_position(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = empty_base(tmp_path)
    source = tmp_path / "bad.json"
    source.write_text('{"format": "kb-export",\n  "answers": [}', encoding="utf-8")
    assert run_import(root, source) == 2
    err = capsys.readouterr().err
    assert f"{source}:2:" in err and "JSON invalide" in err and "Traceback" not in err
    assert not (root / "docs").exists()


def test_schema_problems_name_the_json_path_and_nothing_is_written(
    tmp_path: Path, sample_export: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    sample_export["answers"][1]["tags"] = "acte"
    del sample_export["answers"][2]["title"]
    sample_export["answers"][3]["valid_until"] = "30/06/2027"
    root = empty_base(tmp_path)
    assert run_import(root, write_export(tmp_path, sample_export)) == 2
    err = capsys.readouterr().err
    assert "n'est pas un export valide" in err and "rien n'a été importé" in err
    assert "$.answers[1].tags : attendu une liste" in err
    assert "$.answers[2] : champ obligatoire absent : title" in err
    assert "$.answers[3].valid_until" in err
    assert not (root / "docs").exists()


@pytest.mark.parametrize(("field", "value"), [("id", "../../x"), ("service", "../../.."), ("id", "a/b")])
def test_unsafe_ids_and_services_are_refused(
    tmp_path: Path, sample_export: dict[str, Any], capsys: pytest.CaptureFixture[str], field: str, value: str
) -> None:
    sample_export["answers"][0][field] = value
    root = empty_base(tmp_path)
    assert run_import(root, write_export(tmp_path, sample_export)) == 2
    err = capsys.readouterr().err
    assert f"$.answers[0].{field} : identifiant invalide" in err
    assert not (root / "docs").exists() and not (tmp_path / "x.md").exists()


def test_unsafe_ids_are_refused_even_past_the_schema(
    tmp_path: Path, sample_export: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The path is built from id and service: the importer checks them itself too."""
    sample_export["answers"][0]["id"] = "../../../evade"
    sample_export["answers"][1]["service"] = ".."
    monkeypatch.setattr(kb_export, "read_export", lambda source: sample_export)
    root = empty_base(tmp_path)
    report = kb_export.import_kb_export(root, tmp_path / "unused.json", TODAY)
    assert len(report.refused) == 2 and all("invalide" in r for r in report.refused)
    assert not list(tmp_path.rglob("evade.md"))
    assert all(Path(p).parts[:2] == ("docs", "reponses") for p in report.written)


def test_a_local_answer_is_never_overwritten(
    tmp_path: Path, sample_export: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    root = empty_base(tmp_path, (SAMPLE / "kb.yml").read_text(encoding="utf-8"))
    local = root / "docs" / "reponses" / "etat-civil" / "acte-de-naissance.md"
    local.parent.mkdir(parents=True)
    local.write_text("---\ntitle: Ma réponse\n---\n\nÉcrite ici.\n", encoding="utf-8")
    assert run_import(root, write_export(tmp_path, sample_export)) == 1
    out = capsys.readouterr().out
    assert "docs/reponses/etat-civil/acte-de-naissance.md existe déjà et ne vient pas de cet export" in out
    assert local.read_text(encoding="utf-8") == "---\ntitle: Ma réponse\n---\n\nÉcrite ici.\n"


def test_same_id_elsewhere_in_the_base_is_refused(tmp_path: Path, sample_export: dict[str, Any]) -> None:
    root = empty_base(tmp_path, (SAMPLE / "kb.yml").read_text(encoding="utf-8"))
    other = root / "docs" / "reponses" / "identite" / "acte-de-naissance.md"
    other.parent.mkdir(parents=True)
    other.write_text("---\ntitle: Autre\n---\n", encoding="utf-8")
    report = kb_export.import_kb_export(root, write_export(tmp_path, sample_export), TODAY)
    assert any("déjà une réponse de cet identifiant" in r for r in report.refused)
    assert not (root / "docs" / "reponses" / "etat-civil" / "acte-de-naissance.md").exists()


def test_reimport_same_origin_updates_unchanged_and_keeps_local_edits(
    tmp_path: Path, sample_export: dict[str, Any]
) -> None:
    root = empty_base(tmp_path, (SAMPLE / "kb.yml").read_text(encoding="utf-8"))
    source = write_export(tmp_path, sample_export)
    first = kb_export.import_kb_export(root, source, TODAY)
    assert first.written and not first.refused
    again = kb_export.import_kb_export(root, source, TODAY + dt.timedelta(days=1))
    assert again.written == [] and sorted(again.unchanged) == sorted(first.written)
    # The exporting base changed one answer; the importing base edited another one.
    changed, edited = sample_export["answers"][0], sample_export["answers"][1]
    changed["body_markdown_source"] += "\nUn paragraphe de plus.\n"
    edited_path = root / "docs" / "reponses" / edited["service"] / f"{edited['id']}.md"
    edited_path.write_text(edited_path.read_text(encoding="utf-8") + "\nPrécision locale.\n", encoding="utf-8")
    third = kb_export.import_kb_export(root, write_export(tmp_path, sample_export, "v2.json"), TODAY)
    assert third.written == [f"docs/reponses/{changed['service']}/{changed['id']}.md"]
    assert any("modifiée localement" in r and edited["id"] in r for r in third.refused)
    assert "Précision locale." in edited_path.read_text(encoding="utf-8")


def test_dry_run_writes_nothing(tmp_path: Path, sample_export: dict[str, Any]) -> None:
    root = empty_base(tmp_path, MINIMAL_CONFIG)
    assert run_import(root, write_export(tmp_path, sample_export), "--dry-run") == 0
    assert not (root / "docs").exists() and not (root / kb_export.FRAGMENT_NAME).exists()


def test_planted_script_nir_and_phone_are_refused_by_kb_validate(tmp_path: Path, sample_export: dict[str, Any]) -> None:
    entry = sample_export["answers"][0]
    entry["body_markdown_source"] += (
        f'\n<script>alert("x")</script>\n\nNuméro de sécurité sociale : {NIR}.\n\nAppeler Mme X au 06 12 34 56 78.\n'
    )
    root = empty_base(tmp_path, (SAMPLE / "kb.yml").read_text(encoding="utf-8"))
    assert run_import(root, write_export(tmp_path, sample_export)) == 0
    rel = f"docs/reponses/{entry['service']}/{entry['id']}.md"
    found = {(p.path, p.rule_id) for p in errors_of(root)}
    assert {(rel, "KB401"), (rel, "KB501"), (rel, "KB504")} <= found
    assert main(["validate", "--root", str(root), "--today", DAY]) == 1


def test_missing_source_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = empty_base(tmp_path)
    assert run_import(root, tmp_path / "absent.json") == 2
    assert "introuvable" in capsys.readouterr().err
