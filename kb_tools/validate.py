"""Running the rules over a knowledge base: one entry point for CLI and site."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from kb_tools.kb import KnowledgeBase
from kb_tools.problem import Problem
from kb_tools.rules import RULES
from kb_tools.rules._base import Context


def select_rules(check_expiry: bool = False, disabled: Iterable[str] = ()) -> list[str]:
    """Rule ids to run: the default ones, plus expiry when asked for."""
    off = set(disabled)
    chosen = []
    for rule_id, module in RULES.items():
        rule = module.RULE
        if rule_id in off or rule.name in off:
            continue
        if rule.default or (check_expiry and rule.id in ("KB301", "KB302")):
            chosen.append(rule_id)
    return chosen


def validate(
    kb: KnowledgeBase,
    today: dt.date,
    *,
    check_expiry: bool = False,
    changed: Iterable[str] | None = None,
    disabled: Iterable[str] = (),
) -> list[Problem]:
    """Every problem in the knowledge base, sorted by file and position."""
    ctx = Context(
        kb=kb,
        today=today,
        expiring_days=kb.config.expiring_days,
        changed=frozenset(changed) if changed is not None else None,
    )
    modules = [RULES[rule_id] for rule_id in select_rules(check_expiry, disabled)]
    per_answer = [m for m in modules if m.RULE.scope == "answer"]
    problems: list[Problem] = []
    for module in modules:
        if module.RULE.scope == "config":
            problems.extend(module.check_config(ctx))
        elif module.RULE.scope == "kb":
            problems.extend(module.check_kb(ctx))
    for answer in kb.answers:
        for module in per_answer:
            problems.extend(module.check(answer, ctx))
    return sorted(set(problems))


def path_filter(root: Path, paths: Iterable[str]) -> Callable[[str], bool]:
    """A predicate keeping the files under ``paths`` (relative to the current
    directory or absolute), for KB-relative file names like ``docs/x.md``."""
    prefixes = []
    base = root.resolve()
    for raw in paths:
        p = Path(raw)
        p = (p if p.is_absolute() else Path.cwd() / p).resolve()
        try:
            rel = p.relative_to(base).as_posix()
        except ValueError:
            rel = raw
        prefixes.append("" if rel == "." else rel.rstrip("/"))

    def keep(path: str) -> bool:
        return any(pre == "" or path == pre or path.startswith(pre + "/") for pre in prefixes)

    return keep
