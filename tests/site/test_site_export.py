"""The site publishes the JSON export and its schema at stable URLs (``export/``)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from sitekb import SAMPLE, TODAY

from kb_tools import export
from kb_tools.kb import load_kb


def test_site_publishes_the_export_and_its_schema(sample_site: Path) -> None:
    data = json.loads((sample_site / "export" / "kb-export.json").read_text(encoding="utf-8"))
    schema = json.loads((sample_site / "export" / "kb-export.schema.json").read_text(encoding="utf-8"))
    assert schema == export.schema()
    jsonschema.validate(data, schema)
    # the build's date (KB_TODAY) and the same document as ``kb export``
    assert data == export.export_document(load_kb(SAMPLE), TODAY)
    assert "brouillon-mariage" not in {a["id"] for a in data["answers"]}


def test_export_urls_are_stable() -> None:
    assert export.EXPORT_URL == "export/kb-export.json"
    assert export.SCHEMA_URL == "export/kb-export.schema.json"
