"""Benchmark of the published site: build time, size, search index and search latency.

Generates knowledge bases of 300, 1,000 and 3,000 answers from the real answers
(docs/reponses: each kept once, then varied copies with new ids, titles, aliases,
dates and related links), keeps the project's kb.yml, mkdocs.yml, hooks and the
non-answer pages, and for each size measures:

- ``mkdocs build`` time of our site (hooks: validation, generated pages, search index);
- site size: total MB, mean KB of HTML per answer page;
- search index size (search/search_index.json, and our search/kb-index.json) raw and gzip, bytes per answer;
- in headless Chromium (Debian's /usr/bin/chromium): time from the home page
  being loaded to the first search result (the index is fetched and built by
  Material's worker meanwhile), and the median warm query time;

beside a plain Material site of the same Markdown (theme material, default nav
listing every page, default search, no hooks; placeholders stay unfilled), built
and queried in the same run.

Prints a Markdown table and writes bench/results/site.json. No assertion on time.

    .venv/bin/python bench/bench_site.py                       # 300, 1000, 3000 + plain
    .venv/bin/python bench/bench_site.py --sizes 300,1000 --skip-plain-above 1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import searching  # noqa: E402  (tests/browser/searching.py, independent of kb_tools)
from browserenv import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (Debian's Chromium, never a downloaded one)

RESULTS = ROOT / "bench" / "results" / "site.json"
ANSWERS = "reponses"
FIRST_QUERY = "acte de naissance"
WARM_QUERIES = ["carte d'identité", "RSA", "inscription liste électorale", "mariage", "logement social", "retraite"]
QUALIFIERS = [
    "pour un mineur",
    "pour un majeur protégé",
    "né à l'étranger",
    "en urgence",
    "par courrier",
    "en ligne",
    "au guichet",
    "pour une personne âgée",
    "après un déménagement",
    "en cas de perte",
    "pour un couple",
    "pour une personne hospitalisée",
    "hors de la commune",
    "pour un résident étranger",
    "avec un interprète",
    "pour une famille recomposée",
]
# Top-level entries of the project not copied into a generated knowledge base
# (everything else is: kb.yml, mkdocs.yml, hooks, docs/ less the answers…).
NOT_COPIED = frozenset(
    {".git", ".venv", ".tools", ".hypothesis", ".pytest_cache", ".ruff_cache", "site", "site-offline", "public",
     "build", "node_modules", "tests", "bench"}
)  # fmt: skip


@dataclass
class Template:
    service_dir: str
    id: str
    meta: dict[str, Any]
    body: str


@dataclass
class Measure:
    answers: int
    site: str  # "kb" (ours) or "plain" (plain Material)
    real: bool = False  # the project's own answers (else generated variants)
    build_s: float | None = None
    build_ok: bool = False
    build_log_tail: str = ""
    pages: int = 0
    total_mb: float = 0.0
    html_kb_per_answer: float = 0.0
    index_raw_kb: float = 0.0
    index_gzip_kb: float = 0.0
    index_raw_b_per_answer: float = 0.0
    index_gzip_b_per_answer: float = 0.0
    index_entries: int = 0
    first_result_ms: float | None = None
    warm_query_ms: float | None = None
    first_query_shown: int | None = None
    peak_rss_mb: float | None = None  # largest resident set of the build's processes (wait4)
    build_cpu_s: float | None = None  # user + system CPU of the build (less sensitive to a busy machine)
    precompress_s: float | None = None  # kb precompress on the built site (--first-search)
    precompressed_kb: float | None = None  # the site's text files as served with brotli where a copy exists
    # --first-search: medians over the samples (fresh browser context each).
    throttled_first_ms: float | None = None  # throttled profile: opening the home page -> first result
    throttled_bytes_kb: float | None = None  # received by the page before the first result (CDP; not its workers)
    throttled_server_kb: float | None = None  # sent by the server for requests made before the first result
    throttled_requests: int | None = None
    throttled_samples_ms: list[float] = field(default_factory=list)
    # The median sample's responses: [ms from the start, bytes sent, encoding, path].
    throttled_timeline: list[list[Any]] = field(default_factory=list)
    loopback_after_key_ms: float | None = None  # loopback, no throttling: last key -> first result (cold)
    loopback_samples_ms: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- generation


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    match = re.match(r"---\n(.*?)\n---\n?(.*)", text, re.S)
    if not match:
        raise ValueError("no front matter")
    meta = yaml.safe_load(match.group(1)) or {}
    return meta, match.group(2)


def load_templates(root: Path) -> list[Template]:
    templates = []
    for path in sorted((root / "docs" / ANSWERS).rglob("*.md")):
        try:
            meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        except (ValueError, yaml.YAMLError, UnicodeDecodeError):
            continue
        if not isinstance(meta, dict) or meta.get("status", "published") == "draft":
            continue
        templates.append(Template(path.parent.name, path.stem, meta, body))
    if not templates:
        raise SystemExit(f"no answer found under {root / 'docs' / ANSWERS}")
    return templates


def write_answer(path: Path, meta: dict[str, Any], body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(f"---\n{head}---\n{body}", encoding="utf-8")


def generate_answers(docs: Path, templates: list[Template], n: int, seed: int = 42) -> None:
    """Write ``n`` answers under ``docs/reponses``: the real ones once, then varied copies.

    Copies stay in their template's service directory so that relative links in the
    body still resolve; titles are unique (KB202), related ids exist (KB105).
    """
    rng = random.Random(seed)
    today = dt.date.today()
    ids: list[str] = []
    for i in range(n):
        tpl = templates[i % len(templates)]
        round_no = i // len(templates)
        meta = dict(tpl.meta)
        if round_no == 0:
            new_id = tpl.id
        else:
            qualifier = QUALIFIERS[(round_no - 1) % len(QUALIFIERS)]
            new_id = f"{tpl.id}-{round_no}"
            meta["title"] = f"{tpl.meta.get('title', tpl.id)} : {qualifier} (fiche {round_no})"
            aliases = [str(a) for a in tpl.meta.get("aliases") or []]
            meta["aliases"] = [*aliases[:3], *(f"{a} {qualifier}" for a in aliases[:2])]
            related = [tpl.id, *rng.sample(ids, k=min(2, len(ids)))]
            meta["related"] = list(dict.fromkeys(r for r in related if r != new_id))
            reviewed = today - dt.timedelta(days=rng.randint(1, 300))
            meta["reviewed"] = reviewed
            meta["valid_until"] = max(reviewed + dt.timedelta(days=1), today + dt.timedelta(days=rng.randint(-40, 400)))
            if meta.get("status") == "archived" and rng.random() < 0.8:
                meta["status"] = "published"
        ids.append(new_id)
        write_answer(docs / ANSWERS / tpl.service_dir / f"{new_id}.md", meta, tpl.body)


def make_kb_project(dest: Path, templates: list[Template], n: int | None) -> Path:
    """Our site: project config, hooks, non-answer pages, ``n`` generated answers (None: the real ones)."""

    def not_copied(directory: str, names: list[str]) -> set[str]:
        here = Path(directory)
        return {
            name
            for name in names
            if name == "__pycache__"
            or name.endswith(".egg-info")
            or (here == ROOT and name in NOT_COPIED)
            or (here == ROOT / "docs" and name == ANSWERS)
        }

    shutil.copytree(ROOT, dest, ignore=not_copied)
    if n is None:
        shutil.copytree(ROOT / "docs" / ANSWERS, dest / "docs" / ANSWERS)
    else:
        generate_answers(dest / "docs", templates, n)
    return dest


def make_plain_project(dest: Path, kb_project: Path, nav: str = "default") -> Path:
    """A plain Material site of the same answers: default nav (every page), default search, no hooks.

    ``nav="index"``: bench_scale's plain site instead (home + one page per service folder
    listing its answers, only those in the nav; the Markdown extensions the answers use),
    configuration ``mkdocs-index-nav.yml``: without it the plain build is quadratic.
    """
    if nav == "index":
        import bench_scale  # bench_scale imports this module: imported here, when needed

        bench_scale.make_plain_project(dest, kb_project)
        return dest
    (dest / "docs").mkdir(parents=True)
    shutil.copytree(kb_project / "docs" / ANSWERS, dest / "docs" / ANSWERS)
    (dest / "docs" / "index.md").write_text("# Base de connaissances\n\nRéponses pour l'accueil.\n", encoding="utf-8")
    config = {"site_name": "Base de connaissances (Material simple)", "theme": {"name": "material", "language": "fr"}}
    config["plugins"] = ["search"]
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return dest


# --------------------------------------------------------------------------- build and size


def run_measured(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float | None = None) -> Run:
    """Run ``cmd``; its wall time, exit code, output and peak RSS (``wait4``: the largest
    resident set among the process and the children it waited for, such as forked validators)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        deadline = None if timeout is None else start + timeout
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                proc.kill()
                timed_out = True
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime  # the process and the children it waited for
    return Run(elapsed, proc.returncode, text, usage.ru_maxrss / 1024, timed_out, cpu)  # ru_maxrss: KiB on Linux


@dataclass
class Run:
    seconds: float
    returncode: int
    output: str
    peak_rss_mb: float
    timed_out: bool = False
    cpu_s: float = 0.0


def build(project: Path, site: Path, config: str = "mkdocs.yml", m: Measure | None = None) -> tuple[float, bool, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / config), "-d", str(site)]
    run = run_measured(cmd, project, env)
    if m is not None:
        m.peak_rss_mb, m.build_cpu_s = run.peak_rss_mb, run.cpu_s
    log = run.output.strip().splitlines()
    return run.seconds, run.returncode == 0, "\n".join(log[-15:])


def measure_size(site: Path, m: Measure) -> None:
    files = [p for p in site.rglob("*") if p.is_file()]
    m.total_mb = sum(p.stat().st_size for p in files) / 1e6
    m.pages = sum(1 for p in files if p.suffix == ".html")
    answer_pages = [p for p in (site / ANSWERS).rglob("*.html")] if (site / ANSWERS).is_dir() else []
    if answer_pages:
        m.html_kb_per_answer = statistics.fmean(p.stat().st_size for p in answer_pages) / 1e3
    # Material's search_index.json, and ours: a stub there and the whole index in kb-index.json.
    indexes = [
        p
        for p in (site / "search" / n for n in ("search_index.json", "kb-index.json", "kb-index-sections.json"))
        if p.is_file()
    ]
    if indexes:
        parts = [p.read_bytes() for p in indexes]
        raw_size = sum(len(b) for b in parts)
        m.index_raw_kb = raw_size / 1e3
        m.index_raw_b_per_answer = raw_size / m.answers
        gz = sum(len(gzip.compress(b, compresslevel=6)) for b in parts)
        m.index_gzip_kb = gz / 1e3
        m.index_gzip_b_per_answer = gz / m.answers
        m.index_entries = max(len(json.loads(b).get("docs", [])) for b in parts)


# --------------------------------------------------------------------------- browser


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def measure_search(browser: Any, site: Path, m: Measure, timeout_ms: float) -> None:
    with serve(site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        page = context.new_page()
        try:
            page.goto(url, wait_until="load")
            start = time.perf_counter()
            searching.open_search(page)
            page.locator(searching.INPUT).fill(FIRST_QUERY)
            page.locator(searching.INPUT).press("End")
            page.wait_for_selector(searching.ITEM, timeout=timeout_ms)
            m.first_result_ms = (time.perf_counter() - start) * 1000
            m.first_query_shown = len(searching.search(page, FIRST_QUERY, timeout=timeout_ms))
            times = [searching.search_timed(page, q, timeout=timeout_ms).ms for q in WARM_QUERIES]
            m.warm_query_ms = statistics.median(times)
        except Exception as exc:  # a timeout is a figure too: report it, go on with the next site
            m.notes.append(f"search: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
        finally:
            context.close()


# The throttled profile of issue 11 (a rural 4G link on a counter laptop), through the
# DevTools protocol: Network.emulateNetworkConditions and Emulation.setCPUThrottlingRate.
# The page's session sees and throttles the page's requests (the search index is fetched
# by the page, then handed to the search worker) and the search worker's (lunr); CPU
# throttling slows the page only, not the search worker, which builds the index at full
# speed (a real slow laptop is slow there too: the figures are a lower bound). A service
# worker is another target, not throttled: the first-search runs block it (its
# background precache would share the link; see BENCHMARKS.md).
THROTTLE = {"latency_ms": 150, "download_bytes_s": 1_200_000, "upload_bytes_s": 600_000, "cpu_rate": 4}


def first_search(
    browser: Any, site: Path, query: str, *, throttled: bool, timeout_ms: float
) -> tuple[float, float, float, int, list[list[Any]]]:
    """One first search in a fresh browser context, the site served like GitLab Pages.

    Throttled: from the home page's navigation start to the first result (the agent types as
    soon as the search field is there); returns (ms, KB received by the browser before the
    first result, KB the server sent for requests made by then, requests, those requests). Not throttled:
    from the last key (typed right after the ``load`` event) to the first result.
    """
    import pages_server

    with pages_server.serve_pages(site) as (url, log):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR", service_workers="block")
        page = context.new_page()
        received: list[int] = []
        try:
            cdp = context.new_cdp_session(page)
            cdp.on("Network.loadingFinished", lambda e: received.append(int(e.get("encodedDataLength", 0))))
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            if throttled:
                cdp.send(
                    "Network.emulateNetworkConditions",
                    {
                        "offline": False,
                        "latency": THROTTLE["latency_ms"],
                        "downloadThroughput": THROTTLE["download_bytes_s"],
                        "uploadThroughput": THROTTLE["upload_bytes_s"],
                    },
                )
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE["cpu_rate"]})
            field = page.locator(searching.INPUT)
            start = time.perf_counter()
            page.goto(url, wait_until="domcontentloaded" if throttled else "load", timeout=timeout_ms)
            searching.open_search(page, timeout=timeout_ms)
            field.fill(query)
            if not throttled:
                start = time.perf_counter()
            field.press("End")  # Material reads the field on keyup
            page.wait_for_selector(searching.ITEM, timeout=timeout_ms)
            done = time.perf_counter()
            got = sum(received)
        finally:
            context.close()
        sent = log.requested_before(done)
        timeline = [[round((r.started - start) * 1000), r.bytes, r.encoding, r.path] for r in sent]
        return (done - start) * 1000, got / 1e3, sum(r.bytes for r in sent) / 1e3, len(sent), timeline


def measure_first_search(browser: Any, site: Path, m: Measure, query: str, samples: int, timeout_ms: float) -> None:
    """Medians of ``samples`` throttled first searches and of ``samples`` cold loopback ones."""
    throttled: list[tuple[float, float, float, int, list[list[Any]]]] = []
    for _ in range(samples):
        try:
            throttled.append(first_search(browser, site, query, throttled=True, timeout_ms=timeout_ms))
        except Exception as exc:
            m.notes.append(f"throttled first search: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
    if throttled:
        throttled.sort()
        middle = throttled[len(throttled) // 2]
        m.throttled_samples_ms = [round(t[0]) for t in throttled]
        m.throttled_first_ms, m.throttled_bytes_kb, m.throttled_server_kb, m.throttled_requests = middle[:4]
        m.throttled_timeline = middle[4]
    for _ in range(samples):
        try:
            m.loopback_samples_ms.append(
                round(first_search(browser, site, query, throttled=False, timeout_ms=timeout_ms)[0])
            )
        except Exception as exc:
            m.notes.append(f"loopback first search: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
    if m.loopback_samples_ms:
        m.loopback_after_key_ms = statistics.median(m.loopback_samples_ms)


def precompress(site: Path, m: Measure) -> None:
    """``kb precompress`` on the built site (what scripts/build-site.sh publishes), timed."""
    sys.path.insert(0, str(ROOT))
    from kb_tools.site.precompress import precompress_site

    start = time.perf_counter()
    summary = precompress_site(site)
    m.precompress_s = time.perf_counter() - start
    m.precompressed_kb = summary.brotli_bytes / 1e3


@contextmanager
def chromium(enabled: bool) -> Iterator[Any]:
    if not enabled:
        yield None
        return
    if not Path(CHROMIUM).is_file():
        print(f"note: {CHROMIUM} not found, search latency not measured", file=sys.stderr)
        yield None
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# --------------------------------------------------------------------------- report


def fmt(value: float | None, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


COLUMNS = [
    "answers",
    "site",
    "build (s)",
    "pages",
    "total (MB)",
    "HTML / answer (KB)",
    "index raw (KB)",
    "raw B / answer",
    "index gzip (KB)",
    "gzip B / answer",
    "index entries",
    "first result (ms)",
    "warm query (ms)",
]


def table(measures: list[Measure]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for m in measures:
        cells = [
            f"{m.answers:,}" + (" (real)" if m.real else ""),
            m.site,
            fmt(m.build_s, ".1f") + ("" if m.build_ok else " (failed)"),
            f"{m.pages:,}",
            f"{m.total_mb:,.1f}",
            f"{m.html_kb_per_answer:.1f}",
            f"{m.index_raw_kb:,.0f}",
            f"{m.index_raw_b_per_answer:,.0f}",
            f"{m.index_gzip_kb:,.0f}",
            f"{m.index_gzip_b_per_answer:,.0f}",
            f"{m.index_entries:,}",
            fmt(m.first_result_ms, ",.0f"),
            fmt(m.warm_query_ms, ",.0f"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "Generated sizes repeat their templates' text, so their gzip figures are optimistic: "
        "the (real) row gives the gzip bytes per answer of genuine content."
    )
    return "\n".join(lines)


def build_table(measures: list[Measure]) -> str:
    """Build wall time and peak memory, ours beside the plain site of the same size."""
    lines = [
        "| answers | ours: build (s) | plain: build (s) | ours / plain | ours: CPU (s) | plain: CPU (s) "
        "| ours / plain (CPU) | ours: peak RSS (MB) | plain: peak RSS (MB) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    sizes = list(dict.fromkeys(m.answers for m in measures))
    for n in sizes:
        ours = next((m for m in measures if m.answers == n and m.site == "kb"), None)
        plain = next((m for m in measures if m.answers == n and m.site == "plain"), None)
        ratio = (
            f"{ours.build_s / plain.build_s:.2f} ×"
            if ours and plain and ours.build_s and plain.build_s and ours.build_ok and plain.build_ok
            else "n/a"
        )
        cpu_ratio = (
            f"{ours.build_cpu_s / plain.build_cpu_s:.2f} ×"
            if ours and plain and ours.build_cpu_s and plain.build_cpu_s and ours.build_ok and plain.build_ok
            else "n/a"
        )
        lines.append(
            f"| {n:,} | {fmt(ours and ours.build_s, '.1f')} | {fmt(plain and plain.build_s, '.1f')} | {ratio} "
            f"| {fmt(ours and ours.build_cpu_s, '.1f')} | {fmt(plain and plain.build_cpu_s, '.1f')} | {cpu_ratio} "
            f"| {fmt(ours and ours.peak_rss_mb, ',.0f')} | {fmt(plain and plain.peak_rss_mb, ',.0f')} |"
        )
    return "\n".join(lines)


def first_search_table(measures: list[Measure]) -> str:
    t = THROTTLE
    lines = [
        f"Throttled: latency {t['latency_ms']} ms, {t['download_bytes_s'] / 1e6:.1f} MB/s down, "
        f"CPU {t['cpu_rate']}× (page only); medians of the samples.",
        "",
        "| answers | site | precompress (s) | throttled: open -> first result (ms) | samples (ms) "
        "| KB before first result (page / server) | requests | loopback: last key -> first result (ms) | samples (ms) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for m in measures:
        lines.append(
            f"| {m.answers:,} | {getattr(m, 'variant', '') or m.site} | {fmt(m.precompress_s, '.1f')} | {fmt(m.throttled_first_ms, ',.0f')} "
            f"| {', '.join(f'{x:,.0f}' for x in m.throttled_samples_ms)} | {fmt(m.throttled_bytes_kb, ',.0f')} / {fmt(m.throttled_server_kb, ',.0f')} "
            f"| {m.throttled_requests if m.throttled_requests is not None else 'n/a'} "
            f"| {fmt(m.loopback_after_key_ms, ',.0f')} | {', '.join(f'{x:,.0f}' for x in m.loopback_samples_ms)} |"
        )
    return "\n".join(lines)


def environment() -> dict[str, Any]:
    versions: dict[str, str | None] = {}
    for dist in ("mkdocs", "mkdocs-material", "pymdown-extensions", "playwright"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        out = None
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "versions": versions,
        "chromium": out,
        "first_query": FIRST_QUERY,
        "warm_queries": WARM_QUERIES,
    }


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sizes",
        default="real,300,1000,3000",
        help="comma-separated answer counts; 'real' = the project's own answers, as they are (default: %(default)s)",
    )
    parser.add_argument(
        "--skip-plain-above", type=int, default=None, metavar="N", help="no plain Material site above N answers"
    )
    parser.add_argument(
        "--plain-nav",
        choices=("default", "index"),
        default="default",
        help="plain site's navigation: every page (default, quadratic) or index pages only (bench_scale's)",
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the search latency measures")
    parser.add_argument(
        "--first-search",
        action="store_true",
        help="precompress each site (kb precompress), then the throttled first search and the cold loopback one",
    )
    parser.add_argument("--samples", type=int, default=3, help="first searches per site and profile (median)")
    parser.add_argument("--only-first-search", action="store_true", help="with --first-search: no warm queries")
    parser.add_argument("--timeout", type=float, default=180.0, help="search timeout in seconds (default: 180)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects and sites (prints where)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="JSON results (default: bench/results/site.json)")
    args = parser.parse_args(argv)
    sizes = [None if s.strip() == "real" else int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    templates = load_templates(ROOT)
    measures: list[Measure] = []
    work = Path(tempfile.mkdtemp(prefix="kb-bench-site-"))
    try:
        with chromium(not args.no_browser) as browser:
            for size in sizes:
                label = "real" if size is None else str(size)
                kb_project = make_kb_project(work / f"kb-{label}", templates, size)
                n = size if size is not None else sum(1 for _ in (kb_project / "docs" / ANSWERS).rglob("*.md"))
                kinds = [("kb", kb_project)]
                if args.skip_plain_above is None or n <= args.skip_plain_above:
                    kinds.append(("plain", make_plain_project(work / f"plain-{label}", kb_project, args.plain_nav)))
                for kind, project in kinds:
                    m = Measure(answers=n, site=kind, real=size is None)
                    site = work / f"site-{kind}-{label}"
                    print(f"[{n} answers, {kind}] building…", file=sys.stderr, flush=True)
                    config = "mkdocs-index-nav.yml" if kind == "plain" and args.plain_nav == "index" else "mkdocs.yml"
                    m.build_s, m.build_ok, m.build_log_tail = build(project, site, config, m)
                    if not m.build_ok:
                        m.notes.append("build failed")
                        print(m.build_log_tail, file=sys.stderr)
                    else:
                        measure_size(site, m)
                        if args.first_search:
                            precompress(site, m)
                        if browser is not None and not args.only_first_search:
                            print(f"[{n} answers, {kind}] searching…", file=sys.stderr, flush=True)
                            measure_search(browser, site, m, args.timeout * 1000)
                        if browser is not None and args.first_search:
                            print(f"[{n} answers, {kind}] first searches…", file=sys.stderr, flush=True)
                            measure_first_search(browser, site, m, FIRST_QUERY, args.samples, args.timeout * 1000)
                    print(f"[{n} answers, {kind}] {asdict(m) | {'build_log_tail': '…'}}", file=sys.stderr, flush=True)
                    measures.append(m)
                    if not args.keep:
                        shutil.rmtree(site, ignore_errors=True)
    finally:
        if args.keep:
            print(f"projects and sites kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)

    print(table(measures))
    print()
    print(build_table(measures))
    if args.first_search:
        print()
        print(first_search_table(measures))
    for m in measures:
        for note in m.notes:
            print(f"- {m.answers:,} {m.site}: {note}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".json.tmp")
    tmp.write_text(
        json.dumps({"environment": environment(), "results": [asdict(m) for m in measures]}, indent=2, default=str),
        encoding="utf-8",
    )
    tmp.replace(args.out)
    print(f"\nresults written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
