"""Scale benchmark: the whole pipeline on the national Service-Public.fr corpus (3,600+ answers).

In one run, in a temporary directory (nothing is written into the project but the results):

1. unpacks ``vosdroits-2020-11.tar.xz`` (DILA XML, November 2020);
2. copies the project (kb.yml, docs/, mkdocs*.yml, hooks/, overrides/), sets
   ``import.service_public.audiences`` to particuliers + professionnels +
   associations in the copied kb.yml and runs ``kb import service-public``:
   every "F" fiche of the three audiences beside the starter knowledge base;
3. measures ``kb validate`` (wall time, best of 3), the full ``mkdocs build``
   of our site, the site size (total MB, KB of HTML per answer page), the
   search index (raw and gzip), and in headless Chromium (Debian's
   /usr/bin/chromium, sites served by a loopback http.server) the time to the
   first search result and the median warm query time, and search quality
   (success@1, success@3, MRR) over bench/queries_service_public.yml;
4. does the same for a plain Material site of the same Markdown (theme
   material, language fr, default search, the Markdown extensions the answers
   need, no hooks, placeholders left as they are), built twice: with the
   default navigation (every page in the nav: slow, ``--skip-plain-default-nav``)
   and with a navigation of index pages only (home + one page per service
   folder listing its answers);
5. writes bench/results/scale.json and its section of BENCHMARKS.md (between
   ``<!-- scale:begin -->`` and ``<!-- scale:end -->``; other sections are kept).

The machine has few cores: before each heavy phase the script waits while
another ``mkdocs`` build or ``bench_site.py`` runs (``--max-wait``).

    .venv/bin/python bench/bench_scale.py
    .venv/bin/python bench/bench_scale.py --skip-plain-default-nav --no-browser
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import bench_site  # noqa: E402  (serve, chromium, Measure, measure_size; puts tests/browser on sys.path)
import searching  # noqa: E402  (tests/browser/searching.py)

from kb_tools.import_settings import read_import_config  # noqa: E402
from kb_tools.importers.service_public.fiche import AUDIENCES  # noqa: E402

CORPUS = Path("/work/shared/data/service-public/vosdroits-2020-11.tar.xz")
QUERIES = ROOT / "bench" / "queries_service_public.yml"
TYPO_QUERIES = ROOT / "bench" / "queries_typos.yml"
RESULTS = ROOT / "bench" / "results" / "scale.json"
BENCHMARKS = ROOT / "BENCHMARKS.md"
BEGIN, END = "<!-- scale:begin -->", "<!-- scale:end -->"
ANSWERS = bench_site.ANSWERS  # "reponses"
PROJECT_FILES = ("kb.yml", "mkdocs.yml", "mkdocs-offline.yml")
PROJECT_DIRS = ("docs", "hooks", "overrides")
VALIDATE_RUNS = 3
# Other processes whose CPU use would skew a timing on a small machine.
BUSY_PATTERN = r"mkdocs|bench_site\.py"
MAX_LOAD = 0.6  # per CPU: 1-minute load average above which the machine counts as busy
PLAIN_EXTENSIONS: list[Any] = [
    "admonition",
    "pymdownx.details",
    "pymdownx.superfences",
    {"pymdownx.tabbed": {"alternate_style": True}},
    "tables",
    "attr_list",
    "md_in_html",
]
TARGETS = {
    "validate_s": 2.0,
    "build_vs_plain_index_nav": 1.2,  # ours <= 1.2 x plain (index-only nav), issue 11
    "speedup_vs_plain_default_nav": 8.0,  # plain (default nav) / ours >= 8
    "html_kb_per_answer": 40.0,
    "first_result_ms": 1500.0,
    "warm_query_ms": 100.0,
    "throttled_first_ms": 3000.0,  # issue 11: opening the home page -> first result, throttled profile
    "loopback_after_key_ms": 1000.0,  # issue 11: last key -> first result, loopback
}


@dataclass
class QueryResult:
    query: str
    expected: list[str]
    ids: list[str]  # result page ids, best first (first ten rendered by Material)
    rank: int | None  # 1-based rank of the first expected id, None if not in the results
    ms: float | None


@dataclass
class SiteMeasure(bench_site.Measure):
    """bench_site's figures for one site, plus the build variant, timeouts and search quality."""

    variant: str = ""  # "ours", "plain, index-only nav", "plain, default nav"
    build_timed_out: bool = False
    build_warnings: int = 0
    skipped: bool = False
    first_result_from_nav_ms: float | None = None  # from navigation start (page load included)
    success_at_1: float | None = None
    success_at_3: float | None = None
    mrr: float | None = None
    queries: list[QueryResult] = field(default_factory=list)
    typo_success_at_3: float | None = None  # the typo queries (bench/queries_typos.yml), scored apart
    typo_queries: list[QueryResult] = field(default_factory=list)


@dataclass
class Pipeline:
    corpus: str = str(CORPUS)
    unpack_s: float = 0.0
    xml_files: int = 0
    import_s: float = 0.0
    import_exit: int | None = None
    imported_files: int = 0
    answers: int = 0  # published answers of the KB (starter + imported)
    validate_runs_s: list[float] = field(default_factory=list)
    validate_best_s: float | None = None
    validate_exit: int | None = None
    validate_summary: str = ""
    waited_s: float = 0.0
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- machine etiquette


def others_busy() -> list[str]:
    """Heavy processes (other benchmarks, mkdocs builds) not started by this run, or a loaded machine."""
    load = os.getloadavg()[0]
    if load > MAX_LOAD * (os.cpu_count() or 1):
        return [f"load average {load:.2f}"]
    proc = subprocess.run(["pgrep", "-af", BUSY_PATTERN], capture_output=True, text=True)
    mine = {os.getpid(), os.getppid()}
    busy = []
    for line in proc.stdout.splitlines():
        pid, _, cmd = line.partition(" ")
        if pid.isdigit() and int(pid) not in mine and "pgrep" not in cmd:
            busy.append(cmd[:160])
    return busy


def wait_idle(phase: str, pipeline: Pipeline, max_wait: float) -> None:
    """Wait (up to ``max_wait`` s in all) until no other heavy process runs, so timings are not skewed."""
    start = time.monotonic()
    announced = False
    while busy := others_busy():
        if pipeline.waited_s + (time.monotonic() - start) >= max_wait:
            pipeline.notes.append(f"{phase}: started while another process ran: {busy[0]}")
            break
        if not announced:
            log(f"[{phase}] waiting for other processes to finish: {busy[0]}")
            announced = True
        time.sleep(10)
    pipeline.waited_s += time.monotonic() - start


def log(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- knowledge base


def unpack(archive: Path, dest: Path) -> int:
    """Unpack the corpus archive into ``dest`` (tar + xz); return the number of XML files."""
    dest.mkdir(parents=True)
    subprocess.run(["tar", "-xJf", str(archive), "-C", str(dest)], check=True)
    return sum(1 for _ in dest.rglob("*.xml"))


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, dest / name)
    for name in PROJECT_DIRS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def import_all_audiences(kb_yml: Path) -> None:
    """Select every F fiche of every audience in the copied kb.yml (a YAML round trip: comments go)."""
    raw = yaml.safe_load(kb_yml.read_text(encoding="utf-8")) or {}
    section = raw.setdefault("import", {}).setdefault("service_public", {}) or {}
    raw["import"]["service_public"] = section
    section.update(audiences=list(AUDIENCES), themes=[], only_fiches=True)
    kb_yml.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    config, errors = read_import_config(raw)
    if errors or set(config.audiences) != set(AUDIENCES):
        raise SystemExit("kb.yml of the copy: import.service_public rejected:\n" + "\n".join(errors))


def kb_command() -> list[str]:
    script = Path(sys.executable).parent / "kb"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "kb_tools"]


def run_import(kb_root: Path, source: Path, p: Pipeline) -> None:
    cmd = [*kb_command(), "import", "service-public", str(source), "--root", str(kb_root)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    p.import_s = time.perf_counter() - start
    p.import_exit = proc.returncode
    out = (proc.stdout + proc.stderr).splitlines()
    log("[import] " + " | ".join(line.strip() for line in out[:3]))
    if proc.returncode not in (0, 1):  # 1: done, some fiches could not be imported
        raise SystemExit(f"kb import failed (exit {proc.returncode}):\n" + "\n".join(out[-30:]))
    if proc.returncode == 1:
        p.notes.append("kb import: some fiches could not be imported (exit 1)")


def count_answers(kb_root: Path) -> int:
    from kb_tools.kb import load_kb

    return sum(1 for a in load_kb(kb_root).answers if a.readable and a.status == "published")


def run_validate(kb_root: Path, p: Pipeline) -> None:
    cmd = [*kb_command(), "validate", "--root", str(kb_root)]
    for _ in range(VALIDATE_RUNS):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        p.validate_runs_s.append(time.perf_counter() - start)
        p.validate_exit = proc.returncode
        lines = (proc.stdout + proc.stderr).strip().splitlines()
        p.validate_summary = lines[-1] if lines else ""
    p.validate_best_s = min(p.validate_runs_s)


# --------------------------------------------------------------------------- plain Material site


def front_title(path: Path) -> str:
    match = re.match(r"---\n(.*?)\n---", path.read_text(encoding="utf-8"), re.S)
    meta = yaml.safe_load(match.group(1)) if match else None
    title = meta.get("title") if isinstance(meta, dict) else None
    return str(title) if title else path.stem


def make_plain_project(dest: Path, kb_root: Path) -> list[str]:
    """The same answers as a plain Material site; return the index-only nav's pages.

    Both variants share ``docs/``: the home page, the answers as they are
    (placeholders unfilled) and one page per service folder listing its
    answers (``services/<folder>.md``, as our service pages do). ``mkdocs.yml``
    has no nav (every page in the default nav), ``mkdocs-index-nav.yml`` lists
    the home and service pages only.
    """
    docs = dest / "docs"
    shutil.copytree(kb_root / "docs" / ANSWERS, docs / ANSWERS, ignore=shutil.ignore_patterns("README.md"))
    folders = sorted(p for p in (docs / ANSWERS).iterdir() if p.is_dir())
    (docs / "services").mkdir()
    home = ["# Base de connaissances", "", "Réponses pour l'accueil, par service :", ""]
    for folder in folders:
        lines = [f"# {folder.name}", ""]
        for md in sorted(folder.rglob("*.md")):
            rel = md.relative_to(docs).as_posix()
            lines.append(f"- [{front_title(md)}](../{rel})")
        (docs / "services" / f"{folder.name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        home.append(f"- [{folder.name}](services/{folder.name}.md)")
    (docs / "index.md").write_text("\n".join(home) + "\n", encoding="utf-8")
    config: dict[str, Any] = {
        "site_name": "Base de connaissances (Material simple)",
        "theme": {"name": "material", "language": "fr"},
        "plugins": ["search"],
        "markdown_extensions": PLAIN_EXTENSIONS,
    }
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    nav = ["index.md", *(f"services/{f.name}.md" for f in folders)]
    index_nav = dict(config, nav=[{"Accueil": "index.md"}, {"Services": nav[1:]}])
    (dest / "mkdocs-index-nav.yml").write_text(
        yaml.safe_dump(index_nav, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return nav


# --------------------------------------------------------------------------- build


def build(project: Path, config: str, site: Path, timeout: float, m: SiteMeasure) -> None:
    """``mkdocs build`` (not --strict: the corpus has duplicate titles, reported as warnings)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", config, "-d", str(site)]
    run = bench_site.run_measured(cmd, project, env, timeout)
    m.build_s, m.peak_rss_mb, m.build_cpu_s = run.seconds, run.peak_rss_mb, run.cpu_s
    if run.timed_out:
        m.build_timed_out = True
        m.notes.append(f"build stopped after the {timeout:.0f} s timeout")
        return
    m.build_ok = run.returncode == 0
    lines = run.output.strip().splitlines()
    m.build_warnings = sum(1 for line in lines if line.startswith("WARNING"))
    m.build_log_tail = "\n".join(lines[-15:])
    if not m.build_ok:
        m.notes.append(f"build failed (exit {run.returncode})")


def profile_build(project: Path, site: Path, out: Path) -> None:
    """Our build again under cProfile (``--profile``): the .prof file and a summary by origin."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build", "-q", "-d", str(site)]
    subprocess.run(cmd, cwd=project, env=env, check=False)
    import pstats

    stats = pstats.Stats(str(out))
    stats.sort_stats("cumulative").print_stats(r"kb_tools|kb_hooks|material|markdown|mkdocs", 40)


# --------------------------------------------------------------------------- browser


def load_queries(path: Path) -> list[dict[str, Any]]:
    queries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("queries") or []
    for q in queries:
        if not q.get("query") or not q.get("expected"):
            raise SystemExit(f"{path}: each query needs `query` and `expected`: {q!r}")
    return queries


def measure_search(browser: Any, site: Path, m: SiteMeasure, queries: list[dict[str, Any]], timeout_ms: float) -> None:
    """First result (cold: the worker fetches and builds the index), then every query (warm)."""
    with bench_site.serve(site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        page = context.new_page()
        try:
            nav_start = time.perf_counter()
            page.goto(url, wait_until="load")
            start = time.perf_counter()
            searching.open_search(page)
            page.locator(searching.INPUT).fill(queries[0]["query"])
            page.locator(searching.INPUT).press("End")
            page.wait_for_selector(searching.ITEM, timeout=timeout_ms)
            done = time.perf_counter()
            m.first_result_ms = (done - start) * 1000
            m.first_result_from_nav_ms = (done - nav_start) * 1000
            for q in queries:
                try:
                    timing = searching.search_timed(page, str(q["query"]), timeout=timeout_ms)
                    ids, ms = searching.result_ids(timing.hrefs), timing.ms
                except Exception as exc:  # one slow query is a figure, not the end of the run
                    m.notes.append(f"query {q['query']!r}: {type(exc).__name__}")
                    ids, ms = [], None
                expected = [str(e) for e in q["expected"]]
                rank = next((i for i, pid in enumerate(ids, 1) if pid in expected), None)
                m.queries.append(QueryResult(str(q["query"]), expected, ids[:10], rank, ms))
        except Exception as exc:
            m.notes.append(f"search: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
        finally:
            context.close()
    if m.queries:
        n = len(m.queries)
        m.success_at_1 = sum(1 for q in m.queries if q.rank == 1) / n
        m.success_at_3 = sum(1 for q in m.queries if q.rank is not None and q.rank <= 3) / n
        m.mrr = sum(1 / q.rank for q in m.queries if q.rank) / n
        times = [q.ms for q in m.queries if q.ms is not None]
        m.warm_query_ms = statistics.median(times) if times else None


def split_typos(m: SiteMeasure, n: int) -> None:
    """The typo queries (after the ``n`` first) scored apart: they do not change the main set's figures."""
    if len(m.queries) <= n:
        return
    m.typo_queries = m.queries[n:]
    m.queries = m.queries[:n]
    m.typo_success_at_3 = sum(1 for q in m.typo_queries if q.rank is not None and q.rank <= 3) / len(m.typo_queries)
    if m.queries:
        k = len(m.queries)
        m.success_at_1 = sum(1 for q in m.queries if q.rank == 1) / k
        m.success_at_3 = sum(1 for q in m.queries if q.rank is not None and q.rank <= 3) / k
        m.mrr = sum(1 / q.rank for q in m.queries if q.rank) / k
        times = [q.ms for q in m.queries if q.ms is not None]
        m.warm_query_ms = statistics.median(times) if times else None


def typos_table(sites: list[SiteMeasure]) -> str:
    measured = [m for m in sites if m.typo_queries]
    if not measured:
        return ""
    lines = ["| typo query | expected | " + " | ".join(f"rank, {m.variant}" for m in measured) + " |"]
    lines.append("|---|---|" + "---|" * len(measured))
    for i, q in enumerate(measured[0].typo_queries):
        ranks = [m.typo_queries[i].rank if i < len(m.typo_queries) else None for m in measured]
        cells = ["–" if r is None else str(r) for r in ranks]
        lines.append(f"| {q.query} | {', '.join(q.expected)} | " + " | ".join(cells) + " |")
    scores = " | ".join(fmt(m.typo_success_at_3, ".2f") for m in measured)
    lines.append(f"| **success@3** | | {scores} |")
    return "\n".join(lines)


# --------------------------------------------------------------------------- report


def fmt(value: float | None, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


def site_table(sites: list[SiteMeasure]) -> str:
    head = (
        "| site | answers | build (s) | peak RSS (MB) | pages | total (MB) | HTML / answer (KB) | index raw (KB) "
        "| index gzip (KB) | first result (ms) | warm query (ms) | success@1 | success@3 | MRR |"
    )
    lines = [head, "|" + "---|" * head.count(" | ") + "---|"]
    for m in sites:
        if m.skipped:
            lines.append(f"| {m.variant} | {m.answers:,} | skipped |" + " |" * 11)
            continue
        build_s = fmt(m.build_s, ",.1f")
        if m.build_timed_out:
            build_s = f"> {build_s} (timeout)"
        elif not m.build_ok:
            build_s += " (failed)"
        lines.append(
            f"| {m.variant} | {m.answers:,} | {build_s} | {fmt(m.peak_rss_mb, ',.0f')} | {m.pages:,} | {m.total_mb:,.1f} "
            f"| {m.html_kb_per_answer:,.1f} "
            f"| {m.index_raw_kb:,.0f} | {m.index_gzip_kb:,.0f} | {fmt(m.first_result_ms, ',.0f')} "
            f"| {fmt(m.warm_query_ms, ',.0f')} | {fmt(m.success_at_1, '.2f')} | {fmt(m.success_at_3, '.2f')} "
            f"| {fmt(m.mrr, '.3f')} |"
        )
    return "\n".join(lines)


def pipeline_table(p: Pipeline) -> str:
    runs = ", ".join(f"{s:.2f}" for s in p.validate_runs_s)
    return "\n".join(
        [
            "| step | figure |",
            "|---|---|",
            f"| corpus XML files | {p.xml_files:,} |",
            f"| answers (starter + imported, published) | {p.answers:,} |",
            f"| `kb import service-public` (3 audiences) | {p.import_s:.1f} s, {p.imported_files:,} fiches |",
            f"| `kb validate` best of {VALIDATE_RUNS} | {fmt(p.validate_best_s, '.2f')} s (runs: {runs}) |",
            f"| `kb validate` result | {p.validate_summary} |",
        ]
    )


def verdicts(p: Pipeline, sites: dict[str, SiteMeasure]) -> list[tuple[str, str, str]]:
    """(target, figure, verdict) for every target of the issue."""
    ours, index_nav, default_nav = sites["ours"], sites["plain-index-nav"], sites["plain-default-nav"]
    out: list[tuple[str, str, str]] = []

    def check(name: str, figure: str, ok: bool | None) -> None:
        out.append((name, figure, "n/a" if ok is None else ("met" if ok else "MISSED")))

    v = p.validate_best_s
    check("`kb validate` < 2 s", f"{fmt(v, '.2f')} s", None if v is None else v < TARGETS["validate_s"])
    ours_ok = ours.build_ok and ours.build_s is not None
    if ours_ok and index_nav.build_ok and index_nav.build_s:
        ratio = ours.build_s / index_nav.build_s
        check(
            "our build ≤ 1.2 × plain (index-only nav)", f"{ratio:.2f} ×", ratio <= TARGETS["build_vs_plain_index_nav"]
        )
    else:
        check("our build ≤ 1.2 × plain (index-only nav)", "n/a", None)
    if ours_ok and default_nav.build_s and (default_nav.build_ok or default_nav.build_timed_out):
        speedup = default_nav.build_s / ours.build_s
        bound = "≥ " if default_nav.build_timed_out else ""
        ok: bool | None = speedup >= TARGETS["speedup_vs_plain_default_nav"]
        if default_nav.build_timed_out and not ok:
            ok = None  # the plain build was cut short: the real speedup is unknown
        check("our build ≥ 8 × faster than plain (default nav)", f"{bound}{speedup:.1f} × faster", ok)
    else:
        check("our build ≥ 8 × faster than plain (default nav)", "not measured", None)
    html = ours.html_kb_per_answer if ours.build_ok else None
    check("< 40 KB HTML per answer", f"{fmt(html, '.1f')} KB", None if html is None else html < 40)
    first = ours.first_result_ms
    check("first search < 1.5 s", f"{fmt(first, ',.0f')} ms", None if first is None else first < 1500)
    throttled = ours.throttled_first_ms
    if throttled is not None:
        check(
            "throttled first result ≤ 3 s from opening the home page",
            f"{throttled:,.0f} ms",
            throttled <= TARGETS["throttled_first_ms"],
        )
    loopback = ours.loopback_after_key_ms
    if loopback is not None:
        check(
            "first result ≤ 1 s after the last key (loopback)",
            f"{loopback:,.0f} ms",
            loopback <= TARGETS["loopback_after_key_ms"],
        )
    warm = ours.warm_query_ms
    check("warm query < 100 ms", f"{fmt(warm, ',.0f')} ms", None if warm is None else warm < 100)
    plain = index_nav if index_nav.mrr is not None else default_nav
    if ours.mrr is not None and plain.mrr is not None:
        figure = (
            f"MRR {ours.mrr:.3f} vs {plain.mrr:.3f}, success@1 {ours.success_at_1:.2f} vs {plain.success_at_1:.2f}, "
            f"success@3 {ours.success_at_3:.2f} vs {plain.success_at_3:.2f}"
        )
        better = ours.mrr > plain.mrr and (ours.success_at_3 or 0) >= (plain.success_at_3 or 0)
        check("better search quality than the plain site", figure, better)
    else:
        check("better search quality than the plain site", "not measured", None)
    return out


def targets_table(rows: list[tuple[str, str, str]]) -> str:
    return "\n".join(["| target | figure | verdict |", "|---|---|---|", *(f"| {a} | {b} | {c} |" for a, b, c in rows)])


def misses_table(sites: list[SiteMeasure]) -> str:
    """Queries that our site or the plain one did not answer in the top 3."""
    by_variant = {m.variant: {q.query: q for q in m.queries} for m in sites if m.queries}
    if not by_variant:
        return ""
    variants = list(by_variant)
    first = by_variant[variants[0]]
    lines = ["| query | expected | " + " | ".join(f"rank, {v}" for v in variants) + " |"]
    lines.append("|---|---|" + "---|" * len(variants))
    for query, q in first.items():
        ranks = [by_variant[v].get(query) for v in variants]
        if all(r is not None and r.rank is not None and r.rank <= 3 for r in ranks):
            continue
        cells = ["–" if r is None or r.rank is None else str(r.rank) for r in ranks]
        lines.append(f"| {query} | {', '.join(q.expected)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    mem_kb = 0
    cpu = platform.processor()
    try:
        meminfo = Path("/proc/meminfo").read_text()
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))  # type: ignore[union-attr]
        model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = model.group(1).strip() if model else cpu
    except (OSError, AttributeError):
        pass
    versions: dict[str, str | None] = {}
    for dist in ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "playwright"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = None
    try:
        chromium = subprocess.run([bench_site.CHROMIUM, "--version"], capture_output=True, text=True, timeout=30)
        chromium_version: str | None = chromium.stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        chromium_version = None
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
        "chromium": chromium_version,
    }


def markdown_section(env: dict[str, Any], command: str, p: Pipeline, sites: list[SiteMeasure], rows: list) -> str:
    v = env["versions"]
    parts = [
        BEGIN,
        "## Scale: the whole pipeline on the Service-Public.fr corpus (3,600+ answers)",
        "",
        'Every "F" fiche of the 2020-11 national corpus (particuliers, professionnels, associations) imported '
        "beside the starter knowledge base, validated, built and searched; compared with a plain Material site "
        "of the same Markdown (no hooks, default search) with the default navigation (every page) and with an "
        "index-only navigation. Search quality: "
        f"{len(sites[0].queries) or 'n/a'} agent queries of `bench/queries_service_public.yml`.",
        "",
        f"- Machine: {env['nproc']} CPU ({env['cpu']}), {env['memory_gb']} GB RAM, {env['platform']}",
        f"- Date: {env['date']}",
        f"- Versions: Python {env['python']}, MkDocs {v.get('mkdocs')}, Material {v.get('mkdocs-material')}, "
        f"pymdown-extensions {v.get('pymdown-extensions')}, {env['chromium'] or 'no Chromium'}",
        f"- Reproduce: `{command}`",
        "",
        pipeline_table(p),
        "",
        site_table(sites),
        "",
        "Build: wall time of one `mkdocs build` (ours with hooks: validation, generated pages, rewritten search "
        "index). First result: from the home page's `load` event to the first result of the first query (the "
        "worker fetches and indexes search_index.json meanwhile); warm query: median over all queries. "
        "success@k: share of queries with an expected answer in the top k; MRR over the top 10.",
        "",
        "Targets:",
        "",
        targets_table(rows),
    ]
    if any(m.throttled_first_ms is not None or m.loopback_after_key_ms is not None for m in sites):
        parts += [
            "",
            "First search (`--first-search`, sites precompressed by `kb precompress`, served like GitLab Pages):",
            "",
        ]
        parts += [bench_site.first_search_table([m for m in sites if not m.skipped])]
    typo_rows = typos_table(sites)
    if typo_rows:
        parts += ["", "Typo queries (`bench/queries_typos.yml`, scored apart):", "", typo_rows]
    misses = misses_table(sites)
    if misses:
        parts += [
            "",
            "Queries not answered in the top 3 by at least one site (rank, – = not in the top 10):",
            "",
            misses,
        ]
    notes = p.notes + [f"{m.variant}: {n}" for m in sites for n in m.notes]
    if notes:
        parts += ["", "Notes:", "", *(f"- {n}" for n in notes)]
    parts.append(END)
    return "\n".join(parts)


def write_benchmarks(section: str, path: Path = BENCHMARKS) -> None:
    """Replace this benchmark's section of BENCHMARKS.md (create the file or append the section)."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmarks\n"
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        text = text.rstrip("\n") + "\n\n" + BEGIN + END + "\n"
    path.write_text(pattern.sub(lambda _: section, text), encoding="utf-8")


# --------------------------------------------------------------------------- main


@contextmanager
def workdir(keep: bool) -> Iterator[Path]:
    work = Path(tempfile.mkdtemp(prefix="kb-bench-scale-"))
    try:
        yield work
    finally:
        if keep:
            log(f"projects and sites kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="DILA archive (default: %(default)s)")
    parser.add_argument("--queries", type=Path, default=QUERIES, help="query set (default: %(default)s)")
    parser.add_argument(
        "--typo-queries", type=Path, default=TYPO_QUERIES, help="typo query set, scored apart (default: %(default)s)"
    )
    parser.add_argument("--skip-plain-default-nav", action="store_true", help="no plain build with every page in nav")
    parser.add_argument(
        "--timeout", type=float, default=1800.0, help="timeout of each mkdocs build in seconds (default: %(default)s)"
    )
    parser.add_argument("--search-timeout", type=float, default=180.0, help="per search, seconds (default: 180)")
    parser.add_argument("--no-browser", action="store_true", help="skip the search measures")
    parser.add_argument(
        "--first-search",
        action="store_true",
        help="precompress each site (kb precompress), then throttled and cold loopback first searches (bench_site)",
    )
    parser.add_argument("--samples", type=int, default=3, help="first searches per site and profile (median)")
    parser.add_argument("--max-wait", type=float, default=3600.0, help="total wait for other heavy processes (s)")
    parser.add_argument("--profile", type=Path, metavar="FILE.prof", help="also profile our build with cProfile")
    parser.add_argument("--keep", action="store_true", help="keep the temp projects and sites (prints where)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="JSON results (default: bench/results/scale.json)")
    parser.add_argument("--no-markdown", action="store_true", help="do not update BENCHMARKS.md")
    args = parser.parse_args(argv)
    command = shlex.join([".venv/bin/python", "bench/bench_scale.py", *(argv if argv is not None else sys.argv[1:])])
    queries = load_queries(args.queries)
    typos = load_queries(args.typo_queries) if args.typo_queries and args.typo_queries.is_file() else []
    p = Pipeline(corpus=str(args.corpus))
    sites = {
        "ours": SiteMeasure(answers=0, site="kb", variant="ours"),
        "plain-index-nav": SiteMeasure(answers=0, site="plain", variant="plain Material, index-only nav"),
        "plain-default-nav": SiteMeasure(answers=0, site="plain", variant="plain Material, default nav"),
    }
    with workdir(args.keep) as work:
        start = time.perf_counter()
        p.xml_files = unpack(args.corpus, work / "corpus")
        p.unpack_s = time.perf_counter() - start
        log(f"[unpack] {p.xml_files:,} XML files in {p.unpack_s:.1f} s")

        kb_root = copy_project(work / "kb")
        import_all_audiences(kb_root / "kb.yml")
        wait_idle("import", p, args.max_wait)
        run_import(kb_root, work / "corpus", p)
        p.imported_files = sum(1 for _ in (kb_root / "docs" / ANSWERS / "service-public").rglob("*.md"))
        p.answers = count_answers(kb_root)
        for m in sites.values():
            m.answers = p.answers
        log(f"[import] {p.imported_files:,} fiches in {p.import_s:.1f} s; {p.answers:,} published answers")

        wait_idle("validate", p, args.max_wait)
        run_validate(kb_root, p)
        log(f"[validate] best {p.validate_best_s:.2f} s ({p.validate_summary})")

        plain_root = work / "plain"
        make_plain_project(plain_root, kb_root)
        builds = [
            ("ours", kb_root, "mkdocs.yml"),
            ("plain-index-nav", plain_root, "mkdocs-index-nav.yml"),
            ("plain-default-nav", plain_root, "mkdocs.yml"),
        ]
        site_dirs: dict[str, Path] = {}
        for key, project, config in builds:
            m = sites[key]
            if key == "plain-default-nav" and args.skip_plain_default_nav:
                m.skipped = True
                continue
            wait_idle(f"build {m.variant}", p, args.max_wait)
            log(f"[build] {m.variant}…")
            site_dirs[key] = work / f"site-{key}"
            build(project, config, site_dirs[key], args.timeout, m)
            if m.build_ok:
                bench_site.measure_size(site_dirs[key], m)
            log(f"[build] {m.variant}: {fmt(m.build_s, '.1f')} s, ok={m.build_ok}, {m.build_warnings} warning(s)")
            if not m.build_ok and not m.build_timed_out:
                log(m.build_log_tail)

        if args.profile:
            wait_idle("profile", p, args.max_wait)
            log(f"[profile] our build under cProfile -> {args.profile}")
            profile_build(kb_root, work / "site-profile", args.profile.resolve())

        if not args.no_browser:
            wait_idle("search", p, args.max_wait)
            with bench_site.chromium(True) as browser:
                for key, site in site_dirs.items():
                    if browser is None or not sites[key].build_ok:
                        continue
                    log(f"[search] {sites[key].variant}: {len(queries)} queries…")
                    measure_search(browser, site, sites[key], queries + typos, args.search_timeout * 1000)
                    m = sites[key]
                    split_typos(m, len(queries))
                    if args.first_search:
                        log(f"[first search] {m.variant}: precompress, {args.samples} throttled + loopback…")
                        bench_site.precompress(site, m)
                        query = str(queries[0]["query"])
                        bench_site.measure_first_search(
                            browser, site, m, query, args.samples, args.search_timeout * 1000
                        )
                        log(
                            f"[first search] {m.variant}: throttled {m.throttled_samples_ms} ms, "
                            f"{fmt(m.throttled_bytes_kb, ',.0f')} KB (page) / {fmt(m.throttled_server_kb, ',.0f')} KB (server); loopback {m.loopback_samples_ms} ms"
                        )
                    log(
                        f"[search] {m.variant}: first {fmt(m.first_result_ms, '.0f')} ms, warm "
                        f"{fmt(m.warm_query_ms, '.0f')} ms, s@1 {fmt(m.success_at_1, '.2f')}, MRR {fmt(m.mrr, '.3f')}"
                    )

    env = machine()
    ordered = list(sites.values())
    rows = verdicts(p, sites)
    print(pipeline_table(p))
    print()
    print(site_table(ordered))
    print()
    print(targets_table(rows))
    if args.first_search:
        print()
        print(bench_site.first_search_table([m for m in ordered if not m.skipped]))
    if typos_table(ordered):
        print()
        print(typos_table(ordered))
    misses = misses_table(ordered)
    if misses:
        print()
        print(misses)
    for note in p.notes + [f"{m.variant}: {n}" for m in ordered for n in m.notes]:
        print(f"- {note}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".json.tmp")
    data = {
        "environment": env,
        "command": command,
        "targets": TARGETS,
        "verdicts": [{"target": a, "figure": b, "verdict": c} for a, b, c in rows],
        "pipeline": asdict(p),
        "sites": [asdict(m) for m in ordered],
    }
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    tmp.replace(args.out)
    if not args.no_markdown:
        write_benchmarks(markdown_section(env, command, p, ordered, rows))
    shown = args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out
    print(f"\nresults written to {shown}" + ("" if args.no_markdown else " and BENCHMARKS.md"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
