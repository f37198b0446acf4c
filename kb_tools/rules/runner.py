"""Running the rules over a knowledge base: one entry point for CLI and site."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

from kb_tools.kb import KnowledgeBase
from kb_tools.pii import mask_text
from kb_tools.problem import Problem
from kb_tools.rules import RULES
from kb_tools.rules._base import Context, Scope


def select_rules(check_expiry: bool = False, disabled: Iterable[str] = ()) -> list[str]:
    """Rule ids to run: the default ones, plus expiry when asked for."""
    off = set(disabled)
    chosen = []
    for rule_id, module in RULES.items():
        rule = module.RULE
        if rule_id in off or rule.name in off:
            continue
        if rule.default or (check_expiry and rule.id in ("KB301", "KB302", "KB303")):
            chosen.append(rule_id)
    return chosen


def validate(
    kb: KnowledgeBase,
    today: dt.date,
    *,
    check_expiry: bool = False,
    changed: Iterable[str] | None = None,
    disabled: Iterable[str] = (),
    workers: int = 1,
) -> list[Problem]:
    """Every problem in the knowledge base, sorted by file and position.

    ``workers`` > 1 checks the answers in that many forked processes (for
    the command line on large bases; never from a threaded program such as
    ``mkdocs serve``). The result is the same."""
    ctx = Context(
        kb=kb,
        today=today,
        expiring_days=kb.config.expiring_days,
        changed=frozenset(changed) if changed is not None else None,
    )
    modules = [RULES[rule_id] for rule_id in select_rules(check_expiry, disabled)]
    per_answer = [m for m in modules if Scope.ANSWER in m.RULE.scope]
    problems: list[Problem] = []
    for module in modules:
        if Scope.CONFIG in module.RULE.scope:
            problems.extend(module.check_config(ctx))
        if Scope.KB in module.RULE.scope:
            problems.extend(module.check_kb(ctx))
    if workers > 1 and len(kb.answers) >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods():
        problems.extend(_check_in_parallel(ctx, per_answer, workers))
    else:
        problems.extend(_check_answers(ctx, per_answer, 0, 1))
    return sorted(set(problems))


def cpu_count() -> int:
    """CPUs this process may use, 4 at most (``workers`` for a large base: ``kb validate``, the site build)."""
    try:
        return min(len(os.sched_getaffinity(0)), 4)
    except AttributeError:  # not on Linux
        return min(os.cpu_count() or 1, 4)


# Below this many answers, starting processes costs more than it saves.
PARALLEL_FROM = 2_000
_job: tuple[Context, list[ModuleType]] | None = None  # inherited by forked workers


def _check_answers(ctx: Context, per_answer: list[ModuleType], part: int, parts: int) -> list[Problem]:
    found: list[Problem] = []
    for answer in ctx.kb.answers[part::parts]:
        for module in per_answer:
            found.extend(module.check(answer, ctx))
    return found


def _worker(part_and_parts: tuple[int, int]) -> list[Problem]:
    if _job is None:  # pragma: no cover - set before the fork
        return []
    return _check_answers(*_job, *part_and_parts)


def _check_in_parallel(ctx: Context, per_answer: list[ModuleType], workers: int) -> list[Problem]:
    global _job
    _job = (ctx, per_answer)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunks = pool.map(_worker, [(i, workers) for i in range(workers)])
    finally:
        _job = None
    return [p for chunk in chunks for p in chunk]


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
        # Problem paths have their personal data masked: compare like with like.
        prefixes.append("" if rel == "." else mask_text(rel.rstrip("/")))

    def keep(path: str) -> bool:
        path = mask_text(path)
        return any(pre == "" or path == pre or path.startswith(pre + "/") for pre in prefixes)

    return keep
