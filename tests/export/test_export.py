"""``kb export``: the document validates against its schema, holds every live
answer and no draft or archived one, resolves placeholders, is deterministic,
and the command refuses to write into docs/ or to export a broken base."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from kb_tools import export
from kb_tools.cli import main
from kb_tools.kb import load_kb

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "site" / "sample_kb"
TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def starter() -> dict:
    return export.export_document(load_kb(ROOT), TODAY)


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = export.schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_starter_export_validates_against_the_schema(starter: dict) -> None:
    jsonschema.Draft202012Validator(export.schema(), format_checker=None).validate(starter)
    # and the JSON text, not only the Python data
    jsonschema.validate(json.loads(export.dumps(starter)), export.schema())


def test_schema_rejects_what_it_should(starter: dict) -> None:
    validator = jsonschema.Draft202012Validator(export.schema())
    bad = json.loads(export.dumps(starter))
    bad["answers"][0]["id"] = "../../x"
    bad["answers"][1]["service"] = "Etat Civil"
    del bad["answers"][2]["body_markdown_source"]
    bad["format_version"] = 2
    paths = {tuple(e.absolute_path) for e in validator.iter_errors(bad)}
    assert {("answers", 0, "id"), ("answers", 1, "service"), ("answers", 2), ("format_version",)} <= paths


def test_starter_export_counts_every_live_answer(starter: dict) -> None:
    kb = load_kb(ROOT)
    live = {a.id for a in kb.answers if a.readable and a.status == "published"}
    assert [a["id"] for a in starter["answers"]] == sorted(live)
    assert starter["format"] == "kb-export" and starter["format_version"] == 1
    assert starter["generated"] == "2026-11-20"
    assert [s["key"] for s in starter["services"]] == list(kb.config.services)
    assert [t["key"] for t in starter["tags"]] == list(kb.config.tags)
    assert starter["glossary"] == kb.config.glossary


def test_no_draft_and_no_archived_answer() -> None:
    doc = export.export_document(load_kb(SAMPLE), TODAY)
    ids = [a["id"] for a in doc["answers"]]
    assert "brouillon-mariage" not in ids  # status: draft
    assert "ancienne-procedure" not in ids  # status: archived
    assert ids == sorted(ids) and "acte-de-naissance" in ids
    for entry in doc["answers"]:
        assert "ancienne-procedure" not in entry["related"] and "brouillon-mariage" not in entry["related"]
    jsonschema.validate(doc, export.schema())


def test_answer_entry_fields(starter: dict) -> None:
    kb = load_kb(ROOT)
    entry = next(a for a in starter["answers"] if a["id"] == "acte-de-naissance")
    answer = kb.by_id["acte-de-naissance"]
    assert entry["title"] == answer.title
    assert entry["service"] == "etat-civil" and entry["tags"] == answer.tags
    assert entry["url"] == "reponses/etat-civil/acte-de-naissance/"
    assert entry["valid_until"] == answer.valid_until.isoformat()
    assert entry["owner"] == "@exempleville/etat-civil"
    assert "F1427" in entry["sources"]
    assert set(entry["related"]) <= {a["id"] for a in starter["answers"]}
    assert "## En bref" in entry["body_markdown"] and "## " not in entry["body_text"]
    assert "**" not in entry["body_text"] and "gratuite" in entry["body_text"]


def test_placeholders_resolved_in_markdown_and_text_kept_in_source(starter: dict) -> None:
    kb = load_kb(ROOT)
    with_placeholder = [a for a in starter["answers"] if "mairie.telephone" in a["placeholders"]]
    assert with_placeholder, "the starter base uses {{ mairie.telephone }}"
    phone = kb.config.local["mairie.telephone"]
    for entry in with_placeholder:
        assert "{{ mairie.telephone }}" in entry["body_markdown_source"]
        assert "mairie.telephone" not in entry["body_markdown"] and phone in entry["body_markdown"]
        assert phone in entry["body_text"]


def test_output_is_deterministic_and_sorted() -> None:
    first = export.dumps(export.export_document(load_kb(ROOT), TODAY))
    second = export.dumps(export.export_document(load_kb(ROOT), TODAY))
    assert first == second
    data = json.loads(first)
    assert list(data) == sorted(data)
    assert list(data["answers"][0]) == sorted(data["answers"][0])


def test_cli_writes_stdout_and_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--root", str(SAMPLE), "--today", "2026-11-20"]) == 0
    out = capsys.readouterr().out
    target = tmp_path / "out" / "kb.json"
    assert main(["export", "--root", str(SAMPLE), "--today", "2026-11-20", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == out
    jsonschema.validate(json.loads(out), export.schema())


def test_cli_refuses_to_write_inside_docs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "kb"
    shutil.copytree(SAMPLE, root)
    target = root / "docs" / "export.json"
    assert main(["export", "--root", str(root), "--output", str(target)]) == 2
    err = capsys.readouterr().err
    assert "docs/" in err and "refus" in err
    assert not target.exists()


def test_cli_refuses_a_base_with_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "kb"
    shutil.copytree(SAMPLE, root)
    path = root / "docs" / "reponses" / "etat-civil" / "acte-de-naissance.md"
    path.write_text(path.read_text(encoding="utf-8").replace("service: etat-civil", "service: inconnu"), "utf-8")
    target = tmp_path / "out.json"
    assert main(["export", "--root", str(root), "--today", "2026-11-20", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "KB101" in err and "rien n'a été exporté" in err
    assert not target.exists()


def test_cli_without_kb_yml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--root", str(tmp_path)]) == 2
    assert "kb.yml introuvable" in capsys.readouterr().err
