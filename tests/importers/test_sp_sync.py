"""Re-import: only what changed is written, withdrawn fiches are archived,
local answers citing an updated fiche are listed."""

from __future__ import annotations

import datetime as dt

from kb_tools.kb import load_kb
from kb_tools.rules.runner import validate

from .sp_kb import FIXTURES, FOLDER, GOOD, KB, TODAY

LATER = dt.date(2027, 1, 10)


def test_reimport_without_change_touches_nothing(kb: KB) -> None:
    kb.run()
    before = kb.snapshot()
    report = kb.run(today=LATER)
    assert (report.created, report.updated, report.archived) == ([], [], [])
    assert sorted(report.unchanged) == sorted(f"sp-{f.lower()}" for f in GOOD)
    assert kb.snapshot() == before  # same bytes, same modification times


def test_changed_fiche_is_updated_and_local_answers_to_recheck_listed(kb: KB) -> None:
    kb.write(
        "docs/reponses/etat-civil/acte-de-naissance.md",
        """\
        ---
        title: "Obtenir un acte de naissance"
        service: etat-civil
        tags: [acte]
        valid_until: 2027-06-30
        related: [sp-f1427]
        ---
        Texte.
        """,
    )
    kb.write(
        "docs/reponses/etat-civil/extrait.md",
        """\
        ---
        title: "Extrait"
        service: etat-civil
        tags: [acte]
        valid_until: 2027-06-30
        sources: [F1427]
        ---
        Texte.
        """,
    )
    kb.write(
        "docs/reponses/etat-civil/mariage.md",
        """\
        ---
        title: "Mariage"
        service: etat-civil
        tags: [acte]
        valid_until: 2027-06-30
        sources: [F1432]
        ---
        Texte.
        """,
    )
    kb.run()
    before = kb.snapshot()
    path = kb.source / "F1427.xml"
    xml = path.read_text(encoding="utf-8")
    path.write_text(
        xml.replace("modified 2019-11-26", "modified 2021-03-01").replace(
            "<Paragraphe>Gratuit.</Paragraphe>", "<Paragraphe>Gratuit (tarif 2021).</Paragraphe>"
        ),
        encoding="utf-8",
    )

    report = kb.run(today=LATER)

    assert [(u.id, u.modified, u.previous, u.reason) for u in report.updated] == [
        ("sp-f1427", dt.date(2021, 3, 1), dt.date(2019, 11, 26), "source")
    ]
    assert report.updated[0].recheck == [
        "docs/reponses/etat-civil/acte-de-naissance.md",
        "docs/reponses/etat-civil/extrait.md",
    ]
    text = kb.text("F1427")
    assert "Gratuit (tarif 2021)." in text
    assert (
        "reviewed: 2027-01-10\n" in text and "valid_until: 2028-01-10\n" in text and "  modified: 2021-03-01\n" in text
    )
    after = kb.snapshot()
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert changed == ["reponses/service-public/sp-f1427.md"]


def test_withdrawn_fiche_is_archived_then_restored(kb: KB) -> None:
    kb.run()
    body_before = kb.text("F1429").split("\n---\n", 1)[1]
    (kb.source / "F1429.xml").unlink()

    report = kb.run(today=LATER)

    assert report.archived == ["sp-f1429"]
    archived = kb.text("F1429")
    assert "\nstatus: archived\norigin:\n" in archived
    assert archived.split("\n---\n", 1)[1] == body_before  # body kept as it was
    # links to it now go to the official page; the review dates stay (source unchanged)
    updated = {u.id: u.reason for u in report.updated}
    assert updated["sp-f1427"] == "rendu"
    acte = kb.text("F1427")
    assert "(https://www.service-public.fr/particuliers/vosdroits/F1429)" in acte
    assert "reviewed: 2026-11-16\n" in acte

    again = kb.run(today=LATER)
    assert (again.created, again.updated, again.archived) == ([], [], [])

    (kb.source / "F1429.xml").write_bytes((FIXTURES / "F1429.xml").read_bytes())
    restored = kb.run(today=LATER)
    assert {u.id: u.reason for u in restored.updated}["sp-f1429"] == "réintégrée"
    assert "status:" not in kb.text("F1429")
    assert "[mentions marginales](sp-f1429.md)" in kb.text("F1427")


def test_fiche_left_out_by_the_configuration_is_archived(kb: KB) -> None:
    kb.run()
    kb.set_config((kb.root / "kb.yml").read_text(encoding="utf-8").replace("themes: []", "themes: [N359]"))
    report = kb.run()
    assert sorted(report.archived) == ["sp-f1343", "sp-f885"]  # Changement d'état civil, not Actes d'état civil


def test_dry_run_writes_nothing(kb: KB) -> None:
    report = kb.run(dry_run=True)
    assert len(report.created) == len(GOOD)
    assert not (kb.root / FOLDER).exists()


def test_a_file_that_is_not_an_import_is_left_alone(kb: KB) -> None:
    path = kb.write(f"{FOLDER}/sp-f1427.md", "---\ntitle: Écrit à la main\n---\nTexte.\n")
    report = kb.run()
    assert [e.file for e in report.errors if e.file.endswith(".md")] == [f"{FOLDER}/sp-f1427.md"]
    assert path.read_text(encoding="utf-8") == "---\ntitle: Écrit à la main\n---\nTexte.\n"


def test_the_validator_accepts_imported_answers(kb: KB) -> None:
    kb.run()
    problems = validate(load_kb(kb.root), TODAY)
    assert [str(p) for p in problems] == []


def test_a_fiche_never_takes_the_title_of_a_local_answer(kb: KB) -> None:
    """Agents must tell the national fiche from the local answer in search."""
    kb.run()
    national = load_kb(kb.root).by_id["sp-f1427"].title
    kb.write(
        "docs/reponses/etat-civil/acte-local.md",
        f"""\
        ---
        title: "{national}"
        service: etat-civil
        tags: [acte]
        valid_until: 2027-06-30
        ---
        Texte.
        """,
    )
    report = kb.run()
    assert [u.id for u in report.updated] == ["sp-f1427"]
    assert load_kb(kb.root).by_id["sp-f1427"].title == f"{national} (fiche nationale)"
    assert [p for p in validate(load_kb(kb.root), TODAY) if p.rule_id == "KB202"] == []
