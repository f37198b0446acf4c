"""The engine's one error hierarchy, in the manner of MkDocs' ``exceptions``.

Every error a user can cause (a bad archive, an unreadable kb.yml, a GitLab
that refuses the token, a bad command line) is a :class:`KbError`: its message
is one French line that names the file (or the setting) and says how to fix
it. The command line prints it as ``kb COMMAND: message`` and exits with
:attr:`KbError.exit_code`; anything else escaping a command is a bug.
"""

from __future__ import annotations


class KbError(Exception):
    """A user-facing failure: ``str(error)`` is the French message."""

    exit_code = 2


class UsageError(KbError):
    """Bad command line or missing setting."""


class ConfigError(KbError):
    """kb.yml (or a file it names) cannot be read at all."""


class SourceError(KbError):
    """An input the user gave (archive, folder, export file) cannot be read."""


class FicheError(SourceError):
    """One Service-Public fiche cannot be read; the import goes on without it."""


class ImportLocked(KbError):
    """Another ``kb import`` is writing the same knowledge base."""


class SyncError(KbError):
    """GitLab refused or failed a request (``kb expiry --gitlab-sync``)."""

    exit_code = 4
