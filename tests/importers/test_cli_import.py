"""``kb import service-public``: exit codes, formats, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb_tools.cli import _Parser
from kb_tools.commands import import_service_public

from .sp_kb import CORRUPT, GOOD, KB


def kb_main(argv: list[str]) -> int:
    parser = _Parser(prog="kb")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    import_service_public.register(sub)
    args = parser.parse_args(argv)
    return args.func(args)


def run(kb: KB, *extra: str, source: Path | None = None) -> int:
    return kb_main(
        ["import", "service-public", str(source or kb.source), "--root", str(kb.root), "--today", "2026-11-16", *extra]
    )


def test_text_report_and_exit_1_when_a_fiche_failed(kb: KB, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(kb) == 1
    out = capsys.readouterr().out
    assert f"  créées : {len(GOOD)}\n" in out
    assert f"  {CORRUPT}.xml:4:28: XML illisible" in out


def test_exit_0_and_json_report(kb: KB, capsys: pytest.CaptureFixture[str]) -> None:
    (kb.source / f"{CORRUPT}.xml").unlink()
    assert run(kb, "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["created"]) == len(GOOD) and data["errors"] == [] and data["dry_run"] is False


def test_dry_run(kb: KB, capsys: pytest.CaptureFixture[str]) -> None:
    run(kb, "--dry-run")
    assert capsys.readouterr().out.startswith("Simulation (--dry-run) : aucun fichier n'a été écrit.")
    assert not (kb.root / "docs" / "reponses" / "service-public").exists()


def test_exit_2_for_unreadable_source_or_bad_configuration(
    kb: KB, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(kb, source=tmp_path / "absent.zip") == 2
    assert "absent.zip : source introuvable" in capsys.readouterr().err
    kb.set_config(
        (kb.root / "kb.yml").read_text(encoding="utf-8").replace("validity_days: 365", "validity_days: bientôt")
    )
    assert run(kb) == 2
    err = capsys.readouterr().err
    assert "la section « import: » de kb.yml est incorrecte" in err and "validity_days" in err
    (kb.root / "kb.yml").unlink()
    assert run(kb) == 2
    assert "kb.yml introuvable" in capsys.readouterr().err


def test_usage_errors_exit_2(kb: KB, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        kb_main(["import"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        kb_main(["import", "service-public", "x", "--today", "demain"])
    assert exc.value.code == 2
    assert "date invalide" in capsys.readouterr().err
