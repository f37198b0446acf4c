"""The expiry engine and each output format, with fixed dates: two expired
answers, two expiring within 30 days, one far in the future, one old draft."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from xml.etree import ElementTree as ET

from expiry_sample import TODAY

from kb_tools.expiry import FORMATS, ExpiryReport, find_expiring, french_date, owner_digest
from kb_tools.kb import load_kb

EXPIRED = {"docs/reponses/etat-civil/acte-expire.md", "docs/reponses/citoyennete/procuration-expiree.md"}
EXPIRING = {"docs/reponses/etat-civil/acte-bientot.md", "docs/reponses/accueil/horaires-bientot.md"}


def report_of(root: Path, today: dt.date = TODAY, days: int | None = None) -> ExpiryReport:
    return find_expiring(load_kb(root), today, days)


def test_expired_expiring_and_far(kb_root: Path) -> None:
    report = report_of(kb_root)
    assert {i.path for i in report.expired} == EXPIRED
    assert {i.path for i in report.expiring} == EXPIRING
    assert "docs/reponses/citoyennete/vote-lointain.md" in report.checked  # far: checked, not listed
    assert "docs/reponses/etat-civil/brouillon-ancien.md" not in report.checked  # drafts are not published
    assert report.days == 30  # freshness.expiring_days of kb.yml
    by_path = {i.path: i for i in report.items}
    assert by_path["docs/reponses/etat-civil/acte-expire.md"].days_left == -30
    assert by_path["docs/reponses/etat-civil/acte-bientot.md"].days_left == 9
    assert [(i.problem.rule_id, i.problem.line) for i in sorted(report.items, key=lambda i: i.path)] == [
        ("KB302", 5),
        ("KB301", 5),
        ("KB302", 5),
        ("KB301", 5),
    ]


def test_grouped_by_owner_then_service(kb_root: Path) -> None:
    grouped = report_of(kb_root).by_owner()
    assert list(grouped) == [
        "@agent.dupont",
        "@ville/elus",
        "@ville/etat-civil",
    ]  # answer owner overrides service owner
    assert [i.answer_id for i in grouped["@ville/etat-civil"]["etat-civil"]] == [
        "acte-expire",
        "acte-bientot",
    ]  # oldest first


def test_days_option_narrows_or_widens_the_window(kb_root: Path) -> None:
    assert {i.path for i in report_of(kb_root, days=10).expiring} == {"docs/reponses/etat-civil/acte-bientot.md"}
    assert len(report_of(kb_root, days=0).expiring) == 0
    assert "docs/reponses/citoyennete/vote-lointain.md" in {i.path for i in report_of(kb_root, days=365).expiring}


def test_boundaries(kb_root: Path) -> None:
    # valid_until == today is not expired yet; the day after, it is.
    on_the_day = report_of(kb_root, today=dt.date(2027, 7, 10))
    assert "docs/reponses/etat-civil/acte-bientot.md" in {i.path for i in on_the_day.expiring}
    assert on_the_day.items[0].state_fr() != ""
    day_after = report_of(kb_root, today=dt.date(2027, 7, 11))
    assert "docs/reponses/etat-civil/acte-bientot.md" in {i.path for i in day_after.expired}


def test_nothing_to_report(kb_root: Path) -> None:
    report = report_of(kb_root, today=dt.date(2027, 1, 1), days=30)
    assert report.items == ()
    assert FORMATS["text"](report).endswith("Aucune réponse expirée ni à revérifier bientôt.\n")
    assert json.loads(FORMATS["json"](report))["owners"] == []


def test_text_format(kb_root: Path) -> None:
    text = FORMATS["text"](report_of(kb_root))
    assert text.splitlines() == [
        "Contrôle des dates du 2027-07-01 : réponses expirées ou qui expirent d'ici 30 jour(s).",
        "",
        "@agent.dupont — 0 réponse(s) expirée(s), 1 à revérifier bientôt",
        "  Accueil (accueil)",
        "    docs/reponses/accueil/horaires-bientot.md:5:1: KB302 expiring-soon [avertissement] « Horaires (bientôt) » expire dans 19 jour(s) (valid_until : 2027-07-20)",
        "",
        "@ville/elus — 1 réponse(s) expirée(s), 0 à revérifier bientôt",
        "  Citoyenneté et élections (citoyennete)",
        "    docs/reponses/citoyennete/procuration-expiree.md:5:1: KB301 expired [erreur] « Donner procuration (expirée) » expirée depuis 1 jour(s) (valid_until : 2027-06-30)",
        "",
        "@ville/etat-civil — 1 réponse(s) expirée(s), 1 à revérifier bientôt",
        "  État civil (etat-civil)",
        "    docs/reponses/etat-civil/acte-expire.md:5:1: KB301 expired [erreur] « Obtenir un acte (expiré) » expirée depuis 30 jour(s) (valid_until : 2027-06-01)",
        "    docs/reponses/etat-civil/acte-bientot.md:5:1: KB302 expiring-soon [avertissement] « Obtenir un acte (bientôt) » expire dans 9 jour(s) (valid_until : 2027-07-10)",
        "",
        "2 réponse(s) expirée(s), 2 à revérifier bientôt sur 5 réponse(s) publiée(s) datée(s).",
    ]


def test_json_format_parses_back(kb_root: Path) -> None:
    data = json.loads(FORMATS["json"](report_of(kb_root)))
    assert (data["today"], data["days"], data["checked"], data["expired"], data["expiring"]) == (
        "2027-07-01",
        30,
        5,
        2,
        2,
    )
    owners = {o["owner"]: o for o in data["owners"]}
    etat_civil = owners["@ville/etat-civil"]["services"][0]
    assert (etat_civil["service"], etat_civil["label"]) == ("etat-civil", "État civil")
    first = etat_civil["answers"][0]
    assert first == {
        "id": "acte-expire",
        "title": "Obtenir un acte (expiré)",
        "path": "docs/reponses/etat-civil/acte-expire.md",
        "line": 5,
        "valid_until": "2027-06-01",
        "days_left": -30,
        "state": "expired",
        "rule": "KB301",
        "edit_url": "https://gitlab.example.org/ville/base/-/edit/main/docs/reponses/etat-civil/acte-expire.md",
        "kind": "answer",
    }
    assert sorted((p["rule"], p["level"]) for p in data["problems"]) == [
        ("KB301", "error"),
        ("KB301", "error"),
        ("KB302", "warning"),
        ("KB302", "warning"),
    ]


def test_junit_format_parses_back(kb_root: Path) -> None:
    root = ET.fromstring(FORMATS["junit"](report_of(kb_root)))
    assert (root.get("tests"), root.get("failures")) == ("5", "2")
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {*EXPIRED, *EXPIRING, "docs/reponses/citoyennete/vote-lointain.md"}
    failed = {name for name, case in cases.items() if case.find("failure") is not None}
    assert failed == EXPIRED
    note = cases["docs/reponses/etat-civil/acte-bientot.md"].find("system-out")
    assert note is not None and "expire dans 9 jour(s)" in (note.text or "")
    suites = {s.get("name"): s.get("failures") for s in root.iter("testsuite")}
    assert suites == {"kb expiry accueil": "0", "kb expiry citoyennete": "1", "kb expiry etat-civil": "1"}


def test_codequality_format_parses_back(kb_root: Path) -> None:
    items = json.loads(FORMATS["codequality"](report_of(kb_root)))
    assert sorted((i["check_name"], i["severity"], i["location"]["path"]) for i in items) == sorted(
        [("KB301 expired", "major", p) for p in EXPIRED] + [("KB302 expiring-soon", "minor", p) for p in EXPIRING]
    )
    assert len({i["fingerprint"] for i in items}) == 4
    assert all(i["location"]["lines"]["begin"] == 5 for i in items)


def test_markdown_digest_per_owner(kb_root: Path) -> None:
    report = report_of(kb_root)
    digest = owner_digest(report, "@ville/etat-civil")
    assert digest.startswith("Bonjour @ville/etat-civil,\n")
    assert "**1 réponse(s) expirée(s)** et **1 réponse(s) à revérifier** d'ici 30 jours" in digest
    assert (
        "| [Obtenir un acte (expiré)](https://gitlab.example.org/ville/base/-/edit/main/docs/reponses/etat-civil/acte-expire.md)"
        " | 1er juin 2027 | **expirée depuis 30 jour(s)** | `docs/reponses/etat-civil/acte-expire.md` |"
    ) in digest.splitlines()
    assert "Horaires" not in digest  # another owner's answer
    whole = FORMATS["markdown"](report)
    headings = [line for line in whole.splitlines() if line.startswith("## ")]
    assert headings == ["## @agent.dupont", "## @ville/elus", "## @ville/etat-civil"]
    assert "Rien à revérifier" in owner_digest(report, "@personne")


def test_french_dates() -> None:
    assert french_date(dt.date(2027, 7, 1)) == "1er juillet 2027"
    assert french_date(dt.date(2027, 8, 15)) == "15 août 2027"
