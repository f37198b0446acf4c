"""The contacts the imported fiches publish are listed by the import, so the
personal data rules check imported answers like the others without flooding
them: a number added by hand is still reported."""

from __future__ import annotations

import yaml

from kb_tools.config import IMPORTED_CONTACTS
from kb_tools.kb import load_kb
from kb_tools.rules.runner import validate

from .sp_kb import KB, TODAY


def listed(kb: KB) -> dict[str, list[str]]:
    return yaml.safe_load((kb.root / IMPORTED_CONTACTS).read_text(encoding="utf-8"))


def test_import_lists_the_contacts_of_the_fiches(kb: KB) -> None:
    kb.run()
    contacts = listed(kb)
    # F885 (OFPRA, « Par téléphone ») and the consular service of F1427 and others.
    assert contacts == {
        "phones": ["0141864247", "0158681010"],
        "emails": ["courrier.scec@diplomatie.gouv.fr"],
    }
    assert (kb.root / IMPORTED_CONTACTS).read_text(encoding="utf-8").startswith(f"# {IMPORTED_CONTACTS}: written by")


def test_without_the_list_the_imported_numbers_are_reported(kb: KB) -> None:
    # origin: does not switch the rule off: the list is what allows them.
    kb.run()
    (kb.root / IMPORTED_CONTACTS).unlink()
    found = {p.rule_id for p in validate(load_kb(kb.root), TODAY)}
    assert found == {"KB504"}


def test_a_number_added_by_hand_to_an_imported_answer_is_reported(kb: KB) -> None:
    kb.run()
    path = kb.answer("F1427")
    path.write_text(path.read_text(encoding="utf-8") + "\nRappeler Mme X au 06 12 34 56 78.\n", encoding="utf-8")
    problems = validate(load_kb(kb.root), TODAY)
    assert [(p.rule_id, p.received) for p in problems] == [("KB504", "06**********78")]


def test_a_second_import_leaves_the_list_alone_and_a_dry_run_writes_none(kb: KB) -> None:
    assert kb.run(dry_run=True).created
    assert not (kb.root / IMPORTED_CONTACTS).exists()
    kb.run()
    before = (kb.root / IMPORTED_CONTACTS).stat().st_mtime_ns
    kb.run()
    assert (kb.root / IMPORTED_CONTACTS).stat().st_mtime_ns == before


def test_a_broken_list_is_a_config_error(kb: KB) -> None:
    kb.run()
    (kb.root / IMPORTED_CONTACTS).write_text("phones: 0158681010\n", encoding="utf-8")
    problems = validate(load_kb(kb.root), TODAY)
    assert "KB900" in {p.rule_id for p in problems}
    assert any(IMPORTED_CONTACTS in p.message for p in problems if p.rule_id == "KB900")
