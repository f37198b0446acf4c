"""The whole command line speaks French: ``--help`` of every command and every
kind of usage error carry none of argparse's English words."""

from __future__ import annotations

import argparse
import inspect
import re

import pytest

from kb_tools.cli import build_parser, main

# Every literal fragment of argparse's own messages (``_('…')``), read from the
# installed argparse so that a new Python's new wording is caught too.
SAME_IN_FRENCH = {"options", "argument"}
_MSGIDS = re.findall(r"""_\((['"])(.+?)\1""", inspect.getsource(argparse))
ENGLISH = sorted(
    {
        fragment.strip(" :.")
        for _, msgid in _MSGIDS
        for fragment in re.split(r"%\(\w+\)[rsd]|%[rsd]|\\n", msgid)
        if len(fragment.strip(" :.")) >= 5 and fragment.strip(" :.") not in SAME_IN_FRENCH
    }
)
ENGLISH_METAVARS = re.compile(r"\b(ROOT|TODAY|OUTPUT|PATHS|TITLE|TAGS|DAYS|OWNER|FILE|CHANGED_FILE|MAINTAINERS)\b")


def _commands() -> list[list[str]]:
    parser = build_parser()
    found: list[list[str]] = [[]]

    def walk(p: argparse.ArgumentParser, prefix: list[str]) -> None:
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    found.append([*prefix, name])
                    walk(sub, [*prefix, name])

    walk(parser, [])
    return found


def _english_in(text: str) -> list[str]:
    hits = [f for f in ENGLISH if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text)]
    hits += ENGLISH_METAVARS.findall(text)
    return hits


def test_catalogue_is_read_from_argparse() -> None:
    # The test's word list is not empty: it would pass on anything otherwise.
    assert "positional arguments" in ENGLISH
    assert "the following arguments are required" in ENGLISH


@pytest.mark.parametrize("command", _commands(), ids=lambda c: " ".join(c) or "kb")
def test_help_is_french(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation : kb")
    assert _english_in(out) == []


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["valider"],
        ["validate", "--format", "xml"],
        ["validate", "--inconnue"],
        ["validate", "--output"],
        ["validate", "--today", "demain"],
        ["new"],
        ["new", "etat-civil"],
        ["expiry", "--days", "trente"],
        ["import"],
        ["import", "service-public"],
    ],
    ids=lambda a: " ".join(a) or "nothing",
)
def test_usage_errors_are_french(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "erreur :" in err
    assert "utilisation : kb" in err
    assert _english_in(err) == []
