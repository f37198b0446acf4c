"""What every rule module shares: its identity and a way to report a problem."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kb_tools.kb import KnowledgeBase
from kb_tools.model import Answer
from kb_tools.problem import Level, Problem


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    level: Level
    # answer: check(answer, ctx); kb: check_kb(ctx); config: check_config(ctx);
    # several joined by "+" (the personal data rules check answers and kb.yml).
    scope: str = "answer"
    default: bool = True  # opt-in rules (expiry) are off unless asked for

    @property
    def scopes(self) -> frozenset[str]:
        return frozenset(self.scope.split("+"))

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
