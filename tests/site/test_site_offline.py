"""The offline mode's build side (kb_tools.site.offline): what the service worker keeps,
the budget, the version, and the files the site build writes (sample_kb built)."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sitekb import TODAY, copy_project

from kb_tools.kb import load_kb
from kb_tools.site import offline
from kb_tools.site.build import SiteBuild
from kb_tools.urls import doc_path_of

BUILT = dt.datetime(2026, 12, 2, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root


SITE = {
    "index.html": "<p>accueil</p>",
    "404.html": "<p>introuvable</p>",
    "sitemap.xml": "<urlset/>",
    "sitemap.xml.gz": b"\x1f\x8b",
    "search/search_index.json": json.dumps({"config": {"lang": ["fr"]}, "docs": []}),
    "services/etat-civil/index.html": "<p>service</p>",
    "reponses/etat-civil/acte/index.html": "<p>acte</p>" * 10,
    "reponses/etat-civil/deces/index.html": "<p>deces</p>" * 10,
    "assets/kb.css": "body{}",
    "assets/javascripts/bundle.abc.min.js": "x",
    "assets/javascripts/bundle.abc.min.js.map": "{}",
    "assets/javascripts/lunr/min/lunr.fr.min.js": "fr",
    "assets/javascripts/lunr/min/lunr.de.min.js": "de",
    "assets/javascripts/lunr/min/lunr.stemmer.support.min.js": "st",
    "assets/javascripts/lunr/min/lunr.multi.min.js": "multi",
    "assets/javascripts/lunr/wordcut.js": "th",
    "assets/vendor/iframe-worker/shim.js": "shim",
    "export/kb-export.json": "{}",
    "telechargement/base-hors-ligne.zip": b"PK",
    "sw.js": "old worker",
    "kb-offline.json": "{}",
    ".hidden/x.html": "x",
}


def test_what_is_kept_and_in_which_order(tmp_path: Path) -> None:
    entries = offline.site_entries(write(tmp_path, SITE))
    assert [(e.url, e.kind) for e in entries] == [
        ("assets/javascripts/bundle.abc.min.js", "shell"),
        ("assets/javascripts/lunr/min/lunr.fr.min.js", "shell"),
        ("assets/javascripts/lunr/min/lunr.stemmer.support.min.js", "shell"),
        ("assets/kb.css", "shell"),
        ("sitemap.xml", "shell"),
        ("search/search_index.json", "search"),
        ("", "page"),
        ("404.html", "page"),
        ("services/etat-civil/", "page"),
        ("reponses/etat-civil/acte/", "answer"),
        ("reponses/etat-civil/deces/", "answer"),
    ]


def test_lunr_files_follow_the_search_languages(tmp_path: Path) -> None:
    site = dict(SITE, **{"search/search_index.json": json.dumps({"config": {"lang": ["fr", "th"]}})})
    urls = {e.url for e in offline.site_entries(write(tmp_path, site))}
    lunr = sorted(u.removeprefix(offline.LUNR_DIR) for u in urls if u.startswith(offline.LUNR_DIR))
    assert lunr == ["min/lunr.fr.min.js", "min/lunr.multi.min.js", "min/lunr.stemmer.support.min.js", "wordcut.js"]


def test_answers_beyond_the_budget_are_kept_at_first_visit(tmp_path: Path) -> None:
    entries = offline.site_entries(write(tmp_path, SITE))
    others = sum(e.size for e in entries if e.kind != offline.ANSWER)
    answers = [e.size for e in entries if e.kind == offline.ANSWER]
    everything = offline.plan(entries, budget=others + sum(answers))
    assert everything.lazy == () and everything.precache == tuple(entries)
    one = offline.plan(entries, budget=others + answers[0])
    assert [e.url for e in one.lazy] == ["reponses/etat-civil/deces/"]
    none = offline.plan(entries, budget=0)  # the shell, search and pages stay whatever the budget
    assert [e.kind for e in none.precache] == ["shell"] * 5 + ["search"] + ["page"] * 3
    assert len(none.lazy) == 2
    assert none.bytes_by_kind()["answer"] == 0 and none.precache_bytes == others


def test_the_version_changes_with_any_kept_file_only(tmp_path: Path) -> None:
    site = write(tmp_path, SITE)
    first = offline.manifest(offline.plan(offline.site_entries(site)), BUILT)
    assert first == offline.manifest(offline.plan(offline.site_entries(site)), BUILT)
    write(site, {"export/kb-export.json": '{"changed": true}'})  # not kept: same version
    assert offline.manifest(offline.plan(offline.site_entries(site)), BUILT)["version"] == first["version"]
    write(site, {"reponses/etat-civil/acte/index.html": "<p>acte modifié</p>"})
    changed = offline.manifest(offline.plan(offline.site_entries(site)), BUILT)
    assert changed["version"] != first["version"]
    revisions = {url: rev for url, rev in first["precache"]}
    assert [(u, r) for u, r in changed["precache"] if revisions[u] != r] == [
        ("reponses/etat-civil/acte/", offline.revision("<p>acte modifié</p>".encode()))
    ]


def test_the_worker_carries_its_version(tmp_path: Path) -> None:
    site = write(tmp_path, SITE)
    data = offline.write_service_worker(site, BUILT)
    assert json.loads((site / "kb-offline.json").read_text(encoding="utf-8")) == data
    worker = (site / "sw.js").read_text(encoding="utf-8")
    header = worker.splitlines()[0]
    assert header == (
        f'self.KB_OFFLINE = {{"version": "{data["version"]}", "built": "2026-12-02T07:30:00Z", '
        '"manifest": "kb-offline.json"};'
    )
    assert 'addEventListener("fetch"' in worker and "kb-offline-" in worker
    assert "sw.js" not in [u for u, _ in data["precache"]]


def test_version_file_in_utc() -> None:
    assert offline.version_files(BUILT) == {
        "assets/kb-version.js": 'window.KB_VERSION = {"built": "2026-12-02T07:30:00Z"};\n'
    }
    assert offline.build_time_iso(dt.datetime(2026, 1, 5, 6, 7, 8, 999)) == "2026-01-05T06:07:08Z"  # naive: UTC


def test_without_a_build_time_the_version_is_today_at_midnight(tmp_path: Path) -> None:
    build = SiteBuild(kb=load_kb(tmp_path), today=TODAY, problems=[])
    assert build.version_files()[offline.VERSION_FILE] == 'window.KB_VERSION = {"built": "2026-11-20T00:00:00Z"};\n'


@pytest.mark.slow
def test_the_built_site_has_its_worker_and_the_zip_copy_not(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "kb")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KB_TODAY=TODAY.isoformat(), KB_BUILD_TIME="2026-12-02T08:30+01:00")
    for args in ((), ("-f", "mkdocs-offline.yml")):
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", *args], cwd=root, env=env, capture_output=True
        )
        assert proc.returncode == 0, proc.stderr
    site, copy = root / "site", root / "site-offline"
    data = json.loads((site / "kb-offline.json").read_text(encoding="utf-8"))
    urls = [u for u, _ in data["precache"]]
    kb = load_kb(root)
    published = [a for a in kb.answers if a.readable and a.status != "draft"]
    for answer in published:  # archived answers keep their page, so they are kept too
        assert doc_path_of(answer.rel).removesuffix(".md") + "/" in urls, answer.id
    assert "search/search_index.json" in urls and "search/kb-index.json" in urls
    assert "search/kb-index-sections.json" in urls and "assets/kb-offline.js" in urls and "" in urls
    assert not [u for u in urls if u.startswith(("export/", "telechargement/")) or u.endswith(".map")]
    assert data["lazy"] == [] and data["built"] == "2026-12-02T07:30:00Z"
    assert (
        (site / "sw.js").read_text(encoding="utf-8").startswith(f'self.KB_OFFLINE = {{"version": "{data["version"]}"')
    )
    page = (site / "index.html").read_text(encoding="utf-8")
    # Deferred (mkdocs.yml): requested together, run in order after Material's bundle.
    assert '<script src="assets/kb-version.js" defer></script>' in page
    assert '<script src="assets/kb-offline.js" defer></script>' in page
    assert page.index("javascripts/bundle.") < page.index("assets/kb.js") < page.index("assets/kb-offline.js")
    version = (site / "assets/kb-version.js").read_text(encoding="utf-8")
    assert version == 'window.KB_VERSION = {"built": "2026-12-02T07:30:00Z"};\n'
    # The file:// copy: the version line, no worker.
    assert (copy / "assets/kb-version.js").read_text(encoding="utf-8") == version
    assert not (copy / "sw.js").exists() and not (copy / "kb-offline.json").exists()


@pytest.mark.slow
def test_a_bad_build_time_is_reported(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "kb")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KB_BUILD_TIME="hier soir")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert (
        "KB_BUILD_TIME invalide « hier soir » : attendu une date et une heure AAAA-MM-JJTHH:MM"
        in proc.stdout + proc.stderr
    )
    assert "Traceback" not in proc.stdout + proc.stderr


def test_no_worker_in_the_file_copy_nor_in_a_live_preview(tmp_path: Path) -> None:
    build = SiteBuild(kb=load_kb(tmp_path / "kb"), today=TODAY, problems=[], built=BUILT)
    for i, (use_directory_urls, live_preview) in enumerate(((False, False), (True, True), (True, False))):
        site = write(tmp_path / f"site-{i}", {"index.html": "<p>accueil</p>"})
        build.write_offline(site, use_directory_urls, live_preview=live_preview)
        assert (site / "sw.js").exists() == (i == 2), (use_directory_urls, live_preview)


def _get(url: str) -> tuple[int, bytes]:
    """Status and body; (0, b"") while the server is not there or busy rebuilding."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""
    except OSError:
        return 0, b""


@pytest.mark.slow
def test_mkdocs_serve_publishes_no_worker_even_after_a_rebuild(tmp_path: Path) -> None:
    """Under ``mkdocs serve`` (live reload) a worker would serve the edited pages from its cache."""
    root = copy_project(tmp_path / "kb")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KB_TODAY=TODAY.isoformat())
    env.pop("KB_LIVE_PREVIEW", None)
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while _get(base + "assets/kb-version.js")[0] != 200:
            assert proc.poll() is None and time.monotonic() < deadline, "mkdocs serve did not start"
            time.sleep(0.3)
        first = _get(base + "assets/kb-version.js")[1]
        answer = root / "docs/reponses/etat-civil/acte-de-naissance.md"
        answer.write_text(answer.read_text(encoding="utf-8") + "\nUne ligne de plus.\n", encoding="utf-8")
        while _get(base + "assets/kb-version.js")[1] in (first, b""):  # rebuilt: a new build time
            assert proc.poll() is None and time.monotonic() < deadline + 60, "no rebuild"
            time.sleep(0.3)
        assert _get(base + "sw.js")[0] == 404 and _get(base + "kb-offline.json")[0] == 404
    finally:
        proc.terminate()
        proc.wait(timeout=30)
