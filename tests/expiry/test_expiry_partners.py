"""``kb expiry`` lists the partners' contacts past their review date (KB303), in every format."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from kb_tools.cli import main
from kb_tools.expiry import find_expiring
from kb_tools.kb import load_kb

PARTNERS = """
contacts:
  phones: ["01 99 00 30 00"]
partners:
  caf:
    correspondent: "Référente France Services de la CAF"
    phone: "01 99 00 30 00"
    reviewed: 2026-06-01
    valid_until: 2027-01-31
  msa:
    correspondent: "Correspondante de la MSA"
    valid_until: 2028-01-31
    owner: "@ville/france-services"
"""
# Line of caf's valid_until in kb.yml, once PARTNERS is appended.
TODAY = "2027-03-01"  # no answer of the sample has expired yet; the CAF contact has


@pytest.fixture
def root(kb_root: Path) -> Path:
    config = kb_root / "kb.yml"
    config.write_text(config.read_text(encoding="utf-8") + PARTNERS, encoding="utf-8")
    return kb_root


def caf_line(root: Path) -> int:
    lines = (root / "kb.yml").read_text(encoding="utf-8").split("\n")
    start = lines.index("  caf:")
    return next(i for i in range(start, len(lines)) if "valid_until" in lines[i]) + 1


def run(root: Path, *args: str) -> int:
    return main(["expiry", "--root", str(root), "--today", TODAY, *args])


def test_an_out_of_date_correspondent_fails_the_nightly_check(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(root) == 1
    out = capsys.readouterr().out
    line = caf_line(root)
    assert (
        f"kb.yml:{line}:18: KB303 partner-contact-expired [erreur] « Contact du partenaire "
        "Caisse d'allocations familiales (CAF) » contact à revérifier depuis 29 jour(s) (valid_until : 2027-01-31)"
    ) in out
    assert "  Contacts des partenaires France Services (kb.yml) (partenaires)" in out
    assert "1 contact(s) de partenaire à revérifier" in out
    assert "msa" not in out.lower().split("contacts des partenaires")[1]  # still valid


def test_without_partner_contacts_nothing_changes(kb_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(kb_root) == 0
    assert "KB303" not in capsys.readouterr().out


def test_json_junit_codequality_markdown(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    reports = [f"{fmt}:{out / fmt}" for fmt in ("json", "junit", "codequality", "markdown")]
    assert run(root, *(arg for r in reports for arg in ("--report", r))) == 1
    data = json.loads((out / "json").read_text(encoding="utf-8"))
    assert data["checked_partners"] == 2 and data["expired"] == 1
    [group] = [s for o in data["owners"] for s in o["services"] if s["service"] == "partenaires"]
    [item] = group["answers"]
    assert (item["id"], item["kind"], item["rule"], item["path"]) == ("caf", "partner", "KB303", "kb.yml")
    assert item["edit_url"] == "https://gitlab.example.org/ville/base/-/edit/main/kb.yml"
    suites = {s.get("name"): s for s in ET.parse(out / "junit").getroot()}
    partners = suites["kb expiry partenaires"]
    assert (partners.get("tests"), partners.get("failures")) == ("2", "1")
    failed = [c.get("name") for c in partners if c.find("failure") is not None]
    assert failed == ["caf"]
    quality = json.loads((out / "codequality").read_text(encoding="utf-8"))
    assert [q["location"] for q in quality if q["check_name"].startswith("KB303")] == [
        {"path": "kb.yml", "lines": {"begin": caf_line(root)}}
    ]
    markdown = (out / "markdown").read_text(encoding="utf-8")
    assert "### Contacts des partenaires France Services (kb.yml)" in markdown
    assert "Contact du partenaire Caisse d'allocations familiales (CAF)" in markdown
    assert "Pour un **contact de partenaire**" in markdown


def test_the_partner_owner_or_the_maintainers_own_the_contact(root: Path) -> None:
    import datetime as dt

    report = find_expiring(load_kb(root), dt.date(2028, 3, 1))
    owners = {i.answer_id: i.owner for i in report.items if i.kind == "partner"}
    assert owners == {"caf": "", "msa": "@ville/france-services"}  # the sample has no site.maintainers


def test_validate_check_expiry_reports_it_too(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--root", str(root), "--today", TODAY, "--check-expiry"]) == 1
    assert f"kb.yml:{caf_line(root)}:18: KB303 partner-contact-expired [erreur]" in capsys.readouterr().out
    assert main(["validate", "--root", str(root), "--today", TODAY]) == 0  # opt-in, like KB301
