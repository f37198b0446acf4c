"""One ``kb import`` at a time on a knowledge base.

Two imports at once would each plan from the same files on disk and the
second would undo the first's updates. The lock is an exclusive ``flock`` on
``.kb-import.lock`` at the root of the base (ignored by Git); the system
releases it when the process ends, even on a crash. A second import does not
wait: it stops at once with a clear message (a scheduled job retries later),
raising :class:`~kb_tools.errors.ImportLocked`.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None  # type: ignore[assignment]

from kb_tools.errors import ImportLocked

LOCK_NAME = ".kb-import.lock"


@contextmanager
def import_lock(root: Path, enabled: bool = True) -> Iterator[None]:
    """Hold the import lock of the base at ``root`` for the ``with`` block."""
    if not enabled or fcntl is None:
        yield
        return
    path = root / LOCK_NAME
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        raise ImportLocked(
            f"verrou {path} inutilisable ({exc.strerror or exc}) ; "
            f"vérifiez que {LOCK_NAME} est un fichier ordinaire accessible en écriture"
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise ImportLocked(
                    f"un autre « kb import » est en cours sur cette base (verrou {path}) ; "
                    "rien n'a été importé : relancez la commande quand il sera terminé"
                ) from None
            raise ImportLocked(f"verrou {path} inutilisable ({exc.strerror or exc})") from None
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
