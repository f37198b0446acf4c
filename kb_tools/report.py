"""Output formats over a list of problems: one small function each."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from xml.etree import ElementTree as ET

from kb_tools.pii import mask_text
from kb_tools.problem import Level, Problem


def summary(problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return "Aucun problème."
    return f"{errors} erreur(s), {warnings} avertissement(s)."


def to_text(problems: list[Problem], checked: Iterable[str] = ()) -> str:
    """``path:line:col: KB101 unknown-service [erreur] message`` (one per line)."""
    lines = []
    for p in problems:
        level = "erreur" if p.is_error else "avertissement"
        lines.append(f"{p.path}:{p.line}:{p.column}: {p.rule_id} {p.rule_name} [{level}] {p.full_message()}")
    lines.append(summary(problems))
    return "\n".join(lines) + "\n"


def as_dict(p: Problem) -> dict[str, object]:
    return {
        "path": p.path,
        "line": p.line,
        "column": p.column,
        "rule": p.rule_id,
        "name": p.rule_name,
        "level": p.level.value,
        "message": p.message,
        "expected": p.expected,
        "received": p.received,
        "fix": p.fix,
    }


def to_json(problems: list[Problem], checked: Iterable[str] = ()) -> str:
    counts = Counter(p.level.value for p in problems)
    payload = {
        "errors": counts.get("error", 0),
        "warnings": counts.get("warning", 0),
        "problems": [as_dict(p) for p in problems],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


# Characters XML 1.0 cannot carry, even escaped (a file may quote them).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def to_junit(problems: list[Problem], checked: Iterable[str] = ()) -> str:
    """One test case per checked file; each error is a failure, warnings go to
    the case's output so they show in GitLab without failing it."""
    # Problem paths are masked already (see Problem); checked file names too.
    by_path: dict[str, list[Problem]] = {mask_text(path): [] for path in checked}
    for p in problems:
        by_path.setdefault(p.path, []).append(p)
    errors = sum(p.is_error for p in problems)
    suites = ET.Element("testsuites", name="kb validate", tests=str(len(by_path)), failures=str(errors))
    suite = ET.SubElement(
        suites, "testsuite", name="kb validate", tests=str(len(by_path)), failures=str(errors), errors="0", skipped="0"
    )
    for path in sorted(by_path):
        case = ET.SubElement(suite, "testcase", classname="kb.validate", name=_xml(path), file=_xml(path))
        found = by_path[path]
        for p in (p for p in found if p.is_error):
            failure = ET.SubElement(
                case,
                "failure",
                type=f"{p.rule_id} {p.rule_name}",
                message=_xml(f"{p.path}:{p.line}:{p.column}: {p.message}"),
            )
            failure.text = _xml(f"{p.rule_id} {p.rule_name} (ligne {p.line}, colonne {p.column}) : {p.full_message()}")
        warnings = [p for p in found if not p.is_error]
        if warnings:
            out = ET.SubElement(case, "system-out")
            out.text = _xml(
                "\n".join(
                    f"{p.path}:{p.line}:{p.column}: {p.rule_id} {p.rule_name} [avertissement] {p.full_message()}"
                    for p in warnings
                )
            )
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def fingerprint(p: Problem) -> str:
    """Stable across runs and unrelated edits: no line number in it."""
    return hashlib.md5(f"{p.path}|{p.rule_id}|{p.message}|{p.received}".encode(), usedforsecurity=False).hexdigest()


def to_codequality(problems: list[Problem], checked: Iterable[str] = ()) -> str:
    """GitLab Code Quality report (a subset of the Code Climate format)."""
    seen: Counter[str] = Counter()
    items = []
    for p in problems:
        fp = fingerprint(p)
        seen[fp] += 1
        if seen[fp] > 1:  # same problem twice in a file: keep fingerprints unique
            fp = hashlib.md5(f"{fp}|{seen[fp]}".encode(), usedforsecurity=False).hexdigest()
        items.append(
            {
                "type": "issue",
                "description": f"{p.rule_id} {p.rule_name}: {p.full_message()}",
                "check_name": f"{p.rule_id} {p.rule_name}",
                "categories": ["Style" if p.level is Level.WARNING else "Bug Risk"],
                "fingerprint": fp,
                "severity": "major" if p.is_error else "minor",
                "location": {"path": p.path, "lines": {"begin": max(p.line, 1)}},
            }
        )
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[..., str]] = {
    "text": to_text,
    "json": to_json,
    "junit": to_junit,
    "codequality": to_codequality,
}
