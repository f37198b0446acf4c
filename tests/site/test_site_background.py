"""A part of the build computed beside MkDocs' page rendering (kb_tools.site.background):
the same result forked or not, and a failing child never loses it."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest

from kb_tools.site import background
from kb_tools.site.build import SiteBuild

SAMPLE = Path(__file__).resolve().parent / "sample_kb"

needs_fork = pytest.mark.skipif(not background.can_fork(), reason="no fork start method here")


def _pid() -> int:
    return os.getpid()


@needs_fork
def test_the_work_runs_in_another_process_and_comes_back() -> None:
    job = background.Job(_pid)
    assert job.forked
    assert job.result() != os.getpid()
    assert job.result() == job.result()  # read once, kept
    assert job.note is None


def test_without_parallel_the_work_runs_here_when_asked() -> None:
    calls: list[int] = []

    def work() -> int:
        calls.append(1)
        return os.getpid()

    job = background.Job(work, parallel=False)
    assert not job.forked and calls == []
    assert job.result() == os.getpid() and job.result() == os.getpid()
    assert calls == [1]


class _Boom(Exception):
    pass


@needs_fork
def test_a_failure_in_the_child_is_computed_again_here() -> None:
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            raise _Boom("only in the child")
        return 42

    job = background.Job(work)
    assert job.forked
    assert job.result() == 42
    assert job.note is not None and "_Boom" in job.note


@needs_fork
def test_a_child_that_dies_without_a_word_is_computed_again_here() -> None:
    parent = os.getpid()

    def work() -> str:
        if os.getpid() != parent:
            os._exit(3)
        return "ici"

    job = background.Job(work)
    assert job.result() == "ici"
    assert job.note is not None and "without a result" in job.note


def test_never_forks_beside_other_threads() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not background.can_fork()
        assert not background.Job(_pid).forked
    finally:
        stop.set()
        thread.join()


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_the_search_index_is_the_same_forked_or_not(use_directory_urls: bool) -> None:
    today = dt.date(2026, 11, 20)
    material = {"config": {"lang": ["fr"], "separator": "[\\s\\-]+"}, "docs": [{"location": "", "title": "Accueil"}]}
    here = SiteBuild.load(SAMPLE, today)
    here.start_search(use_directory_urls, parallel=False)
    forked = SiteBuild.load(SAMPLE, today, workers=2)
    forked.start_search(use_directory_urls)
    assert forked.search_files(material, use_directory_urls, offline=True) == here.search_files(
        material, use_directory_urls, offline=True
    )
    assert forked.search_note is None and here.search_note is None
    fresh = SiteBuild.load(SAMPLE, today)  # nothing started: computed when asked
    assert fresh.search_files(material, use_directory_urls, offline=False) == here.search_files(
        material, use_directory_urls, offline=False
    )
