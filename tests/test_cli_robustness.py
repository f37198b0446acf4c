"""Inputs that used to end in « erreur interne » (exit 3) or a traceback:
dates at the end of the calendar, huge day counts, unwritable outputs,
a changed-files list that is not UTF-8. Each now gets a clear French
message (exit 2) or is simply handled. Hypothesis then throws arbitrary
option values and kb.yml numbers at the commands."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb_tools.cli import main
from kb_tools.kb import load_kb
from kb_tools.site import pages
from kb_tools.site.answer_page import render_answer
from kb_tools.site.context import build_context
from kb_tools.text import add_days

SAMPLE = Path(__file__).parent / "expiry" / "sample"
INTERNAL = "erreur interne"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "kb"))


def kb(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:  # argparse usage errors
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert INTERNAL not in err
    return code, out, err


def set_config(root: Path, old: str, new: str) -> None:
    path = root / "kb.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_add_days_stays_within_the_calendar() -> None:
    assert add_days(dt.date(9999, 12, 31), 1) == dt.date.max
    assert add_days(dt.date(1, 1, 1), -1) == dt.date.min
    assert add_days(dt.date(2027, 1, 1), 10**12) == dt.date.max
    assert add_days(dt.date(2027, 1, 1), 30) == dt.date(2027, 1, 31)


@pytest.mark.parametrize("command", ["validate", "expiry"])
def test_today_at_the_end_of_the_calendar(root: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    extra = ["--check-expiry"] if command == "validate" else ["--days", "36500"]
    code, out, _ = kb(capsys, command, "--root", root, "--today", "9999-12-31", *extra)
    assert code == 1  # everything has expired by then
    assert "KB301" in out


def test_new_answer_on_the_last_day_of_the_calendar(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = kb(capsys, "new", "etat-civil", "fin-des-temps", "--root", root, "--today", "9999-12-31")
    assert code == 0
    text = (root / "docs" / "reponses" / "etat-civil" / "fin-des-temps.md").read_text(encoding="utf-8")
    assert "valid_until: 9999-12-31" in text


@pytest.mark.parametrize("days", ["99999999999999999999", "36501", "-3"])
def test_huge_days_option_is_a_usage_error(root: Path, capsys: pytest.CaptureFixture[str], days: str) -> None:
    code, _, err = kb(capsys, "expiry", "--root", root, "--today", "2027-07-01", "--days", days)
    assert code == 2
    assert "--days attend un nombre de jours positif ou nul, au plus 36500" in err


def set_days(root: Path, value: str) -> None:
    """Both day counts of kb.yml set to ``value``."""
    set_config(root, "  default_validity_days: 180\n", f"  default_validity_days: {value}\n")
    set_config(root, "  expiring_days: 30\n", f"  expiring_days: {value}\n")


def test_huge_day_counts_in_kb_yml_are_config_errors(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_days(root, "999999999999999")
    code, out, _ = kb(capsys, "validate", "--root", root, "--today", "2027-07-01")
    assert code == 1
    assert "« site.default_validity_days » doit être un nombre de jours" in out
    assert "« freshness.expiring_days » doit être un nombre de jours" in out
    assert kb(capsys, "expiry", "--root", root, "--today", "2027-07-01")[0] == 1
    assert kb(capsys, "new", "etat-civil", "autre", "--root", root, "--today", "9999-12-01")[0] == 0


@pytest.mark.parametrize("today", [dt.date(2027, 7, 1), dt.date(9999, 12, 31)])
def test_huge_expiring_days_never_breaks_the_site_pages(root: Path, today: dt.date) -> None:
    kbase = load_kb(root)
    kbase.config.expiring_days = 10**12  # as if kb.yml had not been checked
    ctx = build_context(kbase, today)
    assert pages.virtual_pages(ctx, offline_download=True)
    for answer in ctx.answers:
        assert render_answer(answer, ctx).markdown


@pytest.mark.parametrize("command", [["validate"], ["expiry"], ["rules"], ["codeowners"]])
@pytest.mark.parametrize("target", ["/proc/absent/x.txt", "/", "{root}/kb.yml/x"])
def test_unwritable_output_is_a_usage_error(
    root: Path, capsys: pytest.CaptureFixture[str], command: list[str], target: str
) -> None:
    target = target.format(root=root)
    args = [*command, "--output", target] + ([] if command == ["rules"] else ["--root", root])
    if command[0] in ("validate", "expiry"):
        args += ["--today", "2027-07-01"]
    code, _, err = kb(capsys, *args)
    assert code == 2
    assert f"impossible d'écrire « {target} »" in err


def test_unwritable_report_is_a_usage_error(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = kb(capsys, "validate", "--root", root, "--report", "junit:/proc/absent/j.xml")
    assert code == 2
    assert "impossible d'écrire « /proc/absent/j.xml » (dossier ou fichier introuvable)" in err


def test_changed_file_not_in_utf8(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    changed = tmp_path / "changed.txt"
    changed.write_bytes(b"docs/reponses/\xff\xfe.md\n")
    code, _, err = kb(capsys, "validate", "--root", root, "--changed-file", changed)
    assert code == 2
    assert "n'est pas encodé en UTF-8" in err


FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NUMBERS = st.one_of(
    st.integers(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["1e9", "0x10", "", "-0", "∞", "99999999999999999999999"]),
)
DATES = st.one_of(st.dates().map(dt.date.isoformat), st.text(max_size=20))


@FUZZ
@given(days=NUMBERS.map(str), today=DATES)
def test_fuzz_expiry_options(root: Path, capsys: pytest.CaptureFixture[str], days: str, today: str) -> None:
    if days.startswith("-") and not days.lstrip("-").isdigit():
        days = " " + days  # argparse would read it as an option
    code, _, _ = kb(capsys, "expiry", "--root", root, "--days", days, "--today", today)
    assert code in (0, 1, 2)


@FUZZ
@given(value=NUMBERS, today=st.dates())
def test_fuzz_kb_yml_day_counts(root: Path, capsys: pytest.CaptureFixture[str], value: object, today: dt.date) -> None:
    original = (root / "kb.yml").read_text(encoding="utf-8")
    try:
        set_days(root, json.dumps(value))
        for command in (["validate", "--check-expiry"], ["expiry"]):
            code, _, _ = kb(capsys, *command, "--root", root, "--today", today.isoformat())
            assert code in (0, 1, 2)
    finally:
        (root / "kb.yml").write_text(original, encoding="utf-8")
