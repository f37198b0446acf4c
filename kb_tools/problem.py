"""The one problem type every rule, loader and formatter shares."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from kb_tools.pii import mask_text


class Level(enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in one file.

    ``line`` and ``column`` are 1-based; 0 means "not about a precise place".
    ``message`` says what is wrong; ``expected``/``received`` and ``fix`` say
    what was expected, what was found and how to put it right.
    Personal data in any of them is masked on creation (see :mod:`kb_tools.pii`).
    """

    path: str
    line: int
    column: int
    rule_id: str
    rule_name: str
    level: Level
    message: str
    expected: str = ""
    received: str = ""
    fix: str = ""

    def __post_init__(self) -> None:
        # The one place personal data is masked: whatever a rule echoes (a
        # value, a key, a file name), no output format ever prints it raw.
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            masked = mask_text(value)
            if masked is not value:
                object.__setattr__(self, name, masked)

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR

    def full_message(self) -> str:
        """The message with what was expected, received, and the fix."""
        parts = [self.message]
        if self.expected:
            parts.append(f"attendu : {self.expected}")
        if self.received:
            parts.append(f"reçu : {self.received}")
        text = " ; ".join(parts)
        if self.fix:
            text += f". Correction : {self.fix}"
        return text


_TEXT_FIELDS = ("path", "message", "expected", "received", "fix")


def blocking(problems: Iterable[Problem], *, strict: bool = False) -> list[Problem]:
    """The problems that fail a check: the one warnings policy of the project.

    Errors block; warnings are reported but never block (``kb validate``, the
    site build and preview, the merge request and Pages jobs all call this).
    ``strict`` (``kb validate --strict``, an editor's own choice) makes
    warnings block too.
    """
    return [p for p in problems if p.is_error or strict]
