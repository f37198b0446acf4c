"""A part of the build computed beside MkDocs' page rendering (kb_tools.site.background):
the same result forked or not, and a failing child never loses it.

The forking cases run in a fresh interpreter: the test process may have other threads by
then (browser tests), and ``Job`` rightly refuses to fork beside them."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from kb_tools.site import background

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = Path(__file__).resolve().parent / "sample_kb"

pytestmark = pytest.mark.skipif(
    "fork" not in __import__("multiprocessing").get_all_start_methods(), reason="no fork start method here"
)


def in_fresh_python(code: str) -> object:
    """Run ``code`` (which prints one JSON value last) in a new interpreter; return that value."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_work_runs_in_another_process_and_comes_back() -> None:
    out = in_fresh_python(
        """
        import json, os
        from kb_tools.site.background import Job
        job = Job(os.getpid)
        print(json.dumps([job.forked, job.result() != os.getpid(), job.result() == job.result(), job.note]))
        """
    )
    assert out == [True, True, True, None]


def test_a_failure_in_the_child_is_computed_again_here() -> None:
    out = in_fresh_python(
        """
        import json, os
        from kb_tools.site.background import Job
        parent = os.getpid()
        def work():
            if os.getpid() != parent:
                raise ValueError("only in the child")
            return 42
        job = Job(work)
        print(json.dumps([job.forked, job.result(), job.note]))
        """
    )
    assert out == [True, 42, "ValueError: only in the child"]


def test_a_child_that_dies_without_a_word_is_computed_again_here() -> None:
    out = in_fresh_python(
        """
        import json, os
        from kb_tools.site.background import Job
        parent = os.getpid()
        def work():
            if os.getpid() != parent:
                os._exit(3)
            return "ici"
        job = Job(work)
        print(json.dumps([job.forked, job.result(), job.note]))
        """
    )
    assert out[:2] == [True, "ici"] and "without a result" in str(out[2])


def test_without_parallel_the_work_runs_here_when_asked() -> None:
    calls: list[int] = []

    def work() -> int:
        calls.append(1)
        return 7

    job = background.Job(work, parallel=False)
    assert not job.forked and calls == []
    assert job.result() == 7 and job.result() == 7
    assert calls == [1]


def test_never_forks_beside_other_threads() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not background.can_fork()
        assert not background.Job(lambda: 1).forked
    finally:
        stop.set()
        thread.join()


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_the_search_index_and_the_export_are_the_same_forked_or_not(use_directory_urls: bool) -> None:
    out = in_fresh_python(
        f"""
        import datetime as dt, json
        from pathlib import Path
        from kb_tools.site.build import SiteBuild
        today, root, urls = dt.date(2026, 11, 20), Path({str(SAMPLE)!r}), {use_directory_urls!r}
        material = {{"config": {{"lang": ["fr"]}}, "docs": [{{"location": "", "title": "Accueil"}}]}}
        forked = SiteBuild.load(root, today, workers=2)
        targets = forked.start_background(urls)
        here = SiteBuild.load(root, today)
        here_targets = here.start_background(urls, parallel=False)
        fresh = SiteBuild.load(root, today)  # nothing started: computed when asked
        a = forked.search_files(material, urls, offline=True)
        b = here.search_files(material, urls, offline=True)
        c = fresh.search_files(material, urls, offline=True)
        forked.finish_background()
        here.finish_background()
        exports = [{{rel: p.read_text(encoding="utf-8") for rel, p in t.items()}} for t in (targets, here_targets)]
        same_export = exports[0] == exports[1] == fresh.export_files()
        forked.cleanup()
        here.cleanup()
        left = [p.exists() for p in (*targets.values(), *here_targets.values())]
        print(json.dumps([forked._background_job[1].forked, a == b == c, len(a), forked.background_note,
                          sorted(targets), same_export, any(left)]))
        """
    )
    assert out == [True, True, 4, None, ["export/kb-export.json", "export/kb-export.schema.json"], True, False]
