"""A part of the site build computed in a forked process while MkDocs renders the pages.

MkDocs renders pages on one core; the engine's longest piece of work that does not depend on
the rendered pages (the answers' search entries: every section's text, the vocabulary) can run
on another one meanwhile. :class:`Job` starts it in a forked child and reads its result back
when the build needs it; where forking is not possible or not safe (no ``fork`` start method,
other threads running, as under ``mkdocs serve``), or when the child fails for any reason, the
same function runs in the build's own process when the result is asked for. The result is the
same either way: only the wall time differs.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Forking is available and safe here (one thread: a forked child gets only the caller's)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _run(fn: Callable[[], Any], conn: Connection) -> None:
    try:
        result: Any = ("ok", fn())
    except BaseException as exc:  # reported to the parent, which computes it again itself
        result = ("failed", f"{type(exc).__name__}: {exc}")
    try:
        conn.send(result)
    finally:
        conn.close()


class Job(Generic[T]):
    """``fn()`` computed in a forked child (``parallel`` and :func:`can_fork`) or at :meth:`result`."""

    def __init__(self, fn: Callable[[], T], parallel: bool = True) -> None:
        self._fn = fn
        self._done: tuple[T] | None = None
        self._conn: Connection | None = None
        self._process: Any = None
        self.note: str | None = None  # why the result was computed in the build's process
        if parallel and can_fork():
            context = multiprocessing.get_context("fork")
            receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_run, args=(fn, sender), daemon=True)
            self._process.start()
            sender.close()
            self._conn = receiver

    @property
    def forked(self) -> bool:
        return self._process is not None

    def result(self) -> T:
        """The child's result, or ``fn()`` computed here if there is no child or it failed."""
        if self._done is None:
            self._done = (self._collect(),)
        return self._done[0]

    def _collect(self) -> T:
        if self._conn is None:
            return self._fn()
        try:
            status, value = self._conn.recv()
        except (EOFError, OSError) as exc:
            status, value = "failed", f"the process ended without a result ({type(exc).__name__})"
        finally:
            self._conn.close()
            self._conn = None
            self._process.join()
        if status == "ok":
            return value  # type: ignore[no-any-return]
        self.note = str(value)
        return self._fn()
