"""What every rule module shares: its identity and a way to report a problem."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from kb_tools.kb import KnowledgeBase
from kb_tools.model import Answer
from kb_tools.problem import Level, Problem


class Scope(enum.Flag):
    """What a rule checks, hence which of its functions the runner calls."""

    ANSWER = enum.auto()  # check(answer, ctx), once per answer
    CONFIG = enum.auto()  # check_config(ctx), once on kb.yml
    KB = enum.auto()  # check_kb(ctx), once on the whole base (duplicates, files)


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    level: Level
    # Several scopes combine: the personal data rules check answers and kb.yml.
    scope: Scope = Scope.ANSWER
    default: bool = True  # opt-in rules (expiry) are off unless asked for

    def at(self, path: str, line: int, column: int, message: str, **kw: str) -> Problem:
        return Problem(path, line, column, self.id, self.name, self.level, message, **kw)

    def on(self, answer: Answer, key: tuple[str | int, ...], message: str, **kw: str) -> Problem:
        """A problem located at a front matter key (or its closest parent)."""
        line, column = answer.src.pos(*key)
        return self.at(answer.rel, line, column, message, **kw)


@dataclass
class Context:
    kb: KnowledgeBase
    today: dt.date
    expiring_days: int = 30
    # Paths changed by a merge request: expired answers among them are errors,
    # the others only warnings. None means "every answer counts" (nightly check).
    changed: frozenset[str] | None = None
