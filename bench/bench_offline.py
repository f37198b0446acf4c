"""Benchmark of the offline mode: what the service worker keeps in the browser.

For each knowledge base, builds the site (``mkdocs build``, the project's hooks)
and reports, from its ``kb-offline.json`` and files (kb_tools.site.offline):

- files kept at installation (``precache``) and at first visit only (``lazy``,
  answers beyond the budget), and their size by kind: shell (CSS, JavaScript,
  icons), search index, pages that are not answers, answers;
- the same total gzip-compressed (about what crosses the network when the web
  server compresses, as GitLab Pages does);
- in headless Chromium (Debian's /usr/bin/chromium, the site served by a
  loopback http.server): the time from the first page's ``load`` to a full
  cache, and ``navigator.storage.estimate().usage`` then (what the browser
  counts against the site's quota).

Bases: ``real`` (the starter base, as it is), a number (answers generated like
``bench/bench_site.py``: the real ones, then varied copies), and with
``--service-public`` every "F" fiche of the Service-Public.fr corpus imported
beside the starter base (like ``bench/bench_scale.py``).

Prints a Markdown table and writes bench/results/offline.json. No assertion.

    .venv/bin/python bench/bench_offline.py                  # real, 3700
    .venv/bin/python bench/bench_offline.py --sizes real --service-public --no-browser
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import bench_site  # noqa: E402  (generation, serve, chromium; puts tests/browser on sys.path)

from kb_tools.site import offline  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "offline.json"
KINDS = (offline.SHELL, offline.SEARCH, offline.PAGE, offline.ANSWER)
CACHE_COUNT = """async () => {
  if (!navigator.serviceWorker.controller) return -1;
  const names = (await caches.keys()).filter(n => n.startsWith("kb-offline-"));
  if (names.length !== 1) return -1;
  return (await (await caches.open(names[0])).keys()).length;
}"""


@dataclass
class OfflineMeasure:
    base: str
    answers: int
    build_s: float = 0.0
    build_ok: bool = False
    site_mb: float = 0.0
    precache_files: int = 0
    lazy_files: int = 0
    precache_mb: float = 0.0
    precache_gzip_mb: float = 0.0
    mb_by_kind: dict[str, float] = field(default_factory=dict)
    answer_kb_mean: float = 0.0
    fill_s: float | None = None
    storage_usage_mb: float | None = None
    notes: list[str] = field(default_factory=list)


def measure_files(site: Path, m: OfflineMeasure) -> None:
    plan = offline.plan(offline.site_entries(site))
    m.site_mb = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6
    m.precache_files, m.lazy_files = len(plan.precache), len(plan.lazy)
    m.precache_mb = plan.precache_bytes / 1e6
    m.mb_by_kind = {kind: size / 1e6 for kind, size in plan.bytes_by_kind().items()}
    answers = [e.size for e in plan.precache + plan.lazy if e.kind == offline.ANSWER]
    m.answer_kb_mean = sum(answers) / len(answers) / 1e3 if answers else 0.0
    packed = 0
    for entry in plan.precache:
        rel = entry.url if entry.url and not entry.url.endswith("/") else entry.url + "index.html"
        packed += len(gzip.compress((site / rel).read_bytes(), compresslevel=6))
    m.precache_gzip_mb = packed / 1e6


def measure_browser(browser: Any, site: Path, m: OfflineMeasure, timeout_s: float) -> None:
    expected = m.precache_files + 1  # and the manifest
    with bench_site.serve(site) as url:
        context = browser.new_context(locale="fr-FR")
        try:
            page = context.new_page()
            page.goto(url, wait_until="load")
            start = time.perf_counter()
            while page.evaluate(CACHE_COUNT) != expected:
                if time.perf_counter() - start > timeout_s:
                    m.notes.append(f"cache not full after {timeout_s:.0f} s")
                    return
                page.wait_for_timeout(200)
            m.fill_s = time.perf_counter() - start
            usage = page.evaluate("async () => (await navigator.storage.estimate()).usage")
            m.storage_usage_mb = usage / 1e6
        finally:
            context.close()


def build(project: Path, site: Path, m: OfflineMeasure) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)
    m.build_s = time.perf_counter() - start
    m.build_ok = proc.returncode == 0 and (site / offline.MANIFEST_FILE).is_file()
    if not m.build_ok:
        m.notes.append("build failed: " + " | ".join((proc.stdout + proc.stderr).splitlines()[-5:]))


def service_public_project(work: Path) -> Path:
    import bench_scale

    corpus = work / "corpus"
    print(f"unpacking {bench_scale.CORPUS}…", file=sys.stderr, flush=True)
    bench_scale.unpack(bench_scale.CORPUS, corpus)
    project = bench_scale.copy_project(work / "kb-service-public")
    bench_scale.import_all_audiences(project / "kb.yml")
    bench_scale.run_import(project, corpus, bench_scale.Pipeline())
    return project


def table(measures: list[OfflineMeasure]) -> str:
    head = (
        "| base | answers | kept files | lazy | kept (MB) | shell | search index | other pages | answers "
        "| KB / answer | kept, gzip (MB) | fill (s) | storage used (MB) |"
    )
    lines = [head, "|" + "---|" * 13]
    for m in measures:
        k = m.mb_by_kind
        cells = [
            m.base,
            f"{m.answers:,}",
            f"{m.precache_files:,}",
            f"{m.lazy_files:,}",
            f"{m.precache_mb:,.1f}",
            *(f"{k.get(kind, 0.0):,.2f}" for kind in KINDS),
            f"{m.answer_kb_mean:.1f}",
            f"{m.precache_gzip_mb:,.1f}",
            bench_site.fmt(m.fill_s, ".1f"),
            bench_site.fmt(m.storage_usage_mb, ",.1f"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="real,3700", help="'real' and/or answer counts (default: %(default)s)")
    parser.add_argument("--service-public", action="store_true", help="also the Service-Public.fr corpus imported")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser figures")
    parser.add_argument("--timeout", type=float, default=600.0, help="cache fill timeout in seconds")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    sizes = [None if s.strip() == "real" else int(s) for s in args.sizes.split(",") if s.strip()]

    templates = bench_site.load_templates(ROOT)
    measures: list[OfflineMeasure] = []
    with tempfile.TemporaryDirectory(prefix="kb-bench-offline-") as tmp, bench_site.chromium(not args.no_browser) as b:
        work = Path(tmp)
        projects: list[tuple[str, Path]] = []
        for size in sizes:
            label = "starter" if size is None else f"generated {size:,}"
            projects.append((label, bench_site.make_kb_project(work / f"kb-{size or 'real'}", templates, size)))
        if args.service_public:
            projects.append(("Service-Public.fr + starter", service_public_project(work)))
        for label, project in projects:
            answers = sum(1 for _ in (project / "docs" / "reponses").rglob("*.md"))
            m = OfflineMeasure(base=label, answers=answers)
            site = work / f"site-{len(measures)}"
            print(f"[{label}] building…", file=sys.stderr, flush=True)
            build(project, site, m)
            if m.build_ok:
                measure_files(site, m)
                if b is not None:
                    print(f"[{label}] filling the browser's cache…", file=sys.stderr, flush=True)
                    measure_browser(b, site, m, args.timeout)
            measures.append(m)
    print(table(measures))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "budget_bytes": offline.PRECACHE_BUDGET,
        "measures": [asdict(m) for m in measures],
    }
    args.out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
