"""Benchmark of ``kb validate`` on generated knowledge bases of 1,000 to 10,000 answers.

Each answer is realistic in size and shape: a full front matter (service, 2 to 4
tags, aliases, sources, related answers) and about 400 words of body with
headings, checklists, links to other answers and to their sections,
placeholders and an external link. The real ``kb.yml`` is reused, so services,
tags and placeholders are the project's own. About 1 % of the answers carry
a mistake (unknown tag, broken link), so reporting is exercised too.

For each size: ``kb validate`` end to end as a subprocess (best of 3), then the
in-process breakdown (load vs validate, best of 3), and the time per answer to
show linearity. Figures only, no assertion. Run::

    .venv/bin/python bench/bench_validate.py [--sizes 1000 5000 10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kb_tools.config import load_config  # noqa: E402
from kb_tools.kb import load_kb  # noqa: E402
from kb_tools.rules.runner import validate  # noqa: E402

TODAY = "2026-11-16"
RUNS = 3
TARGET = (5_000, 2.0)  # answers, seconds end to end

VOCABULARY = """
acte naissance mariage décès livret famille demande mairie guichet usager agent pièce
identité justificatif domicile formulaire cerfa rendez-vous délai gratuit payant copie
intégrale extrait filiation service commune préfecture dossier instruction dépôt retrait
titre passeport carte validité renouvellement perte vol déclaration attestation procuration
électeur liste inscription recensement jeune citoyen allocation caisse aide logement loyer
ressources prestation droit ouverture compte espace personnel connexion numérique accompagnement
conseiller permanence horaires accueil téléphone courriel courrier adresse envoi réception
original photocopie signature légalisation traduction étranger consulat français nationalité
enfant parent tuteur mineur majeur conjoint partenaire héritier notaire avocat tribunal
procédure recours délai mois semaine jour ouvré urgence situation particulier cas exception
orienter transmettre vérifier expliquer remettre indiquer prévenir conserver présenter fournir
"""
WORDS = VOCABULARY.split()

SECTIONS = (
    "En bref",
    "Ce que l'usager doit fournir",
    "Étapes",
    "Où s'adresser",
    "Cas particuliers",
    "Passer le relais",
)
ANCHORS = ("en-bref", "ce-que-lusager-doit-fournir", "etapes", "ou-sadresser", "cas-particuliers", "passer-le-relais")

T = TypeVar("T")


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


UNBREAKABLE = re.compile(r"\[[^\]]*\]\([^)]*\)|\{\{[^}]*\}\}")  # links and placeholders


def wrap(text: str, indent: str = "", first: str = "") -> str:
    """Fill at 84 columns like the real answers, never inside a link or a placeholder."""
    text = UNBREAKABLE.sub(lambda m: m.group().replace(" ", "\0"), text)
    filled = textwrap.fill(
        text, width=84, initial_indent=first, subsequent_indent=indent, break_on_hyphens=False, break_long_words=False
    )
    return filled.replace("\0", " ")


def paragraph(rng: random.Random, words: int) -> str:
    out, count = [], 0
    while count < words:
        n = rng.randint(8, 18)
        out.append(sentence(rng, n))
        count += n
    return " ".join(out)


def generate(root: Path, count: int, seed: int = 20261116) -> None:
    """Write a knowledge base of ``count`` answers under ``root``."""
    rng = random.Random(seed)
    shutil.copy(ROOT / "kb.yml", root / "kb.yml")
    config = load_config(root)
    services = sorted(config.services)
    tags = sorted(config.tags)
    local = sorted(config.local)
    ids = [(services[i % len(services)], f"reponse-{i:05d}") for i in range(count)]
    for i, (service, rid) in enumerate(ids):
        related = [r for r in rng.sample(ids, 4) if r[1] != rid][:3]
        faulty = i % 100 == 99
        answer_tags = rng.sample(tags, rng.randint(2, 4)) + (["etiquette-inconnue"] if faulty else [])
        front = [
            "---",
            f'title: "{sentence(rng, 6)[:-1]} ({i})"',
            f"service: {service}",
            f"tags: [{', '.join(answer_tags)}]",
            f"valid_until: 2027-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            f"reviewed: 2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
            f'owner: "@exempleville/{service}"',
            "aliases:",
            *(f"  - {sentence(rng, 4)[:-1].lower()}" for _ in range(rng.randint(2, 4))),
            "sources:",
            f"  - F{rng.randint(100, 99999)}",
            f"  - https://www.service-public.fr/particuliers/vosdroits/F{rng.randint(100, 99999)}",
            "related:",
            *(f"  - {r}" for _, r in related),
            f'description: "{sentence(rng, 12)}"',
            "---",
            "",
        ]
        links = [f"../{svc}/{other}.md#{rng.choice(ANCHORS)}" for svc, other in related]
        if faulty:
            links[0] = "../nulle-part/absente.md"
        sp = f"https://www.service-public.fr/particuliers/vosdroits/F{rng.randint(100, 9999)}"
        body = [
            "## En bref",
            "",
            wrap(paragraph(rng, 40)),
            "",
            wrap(paragraph(rng, 30) + f" Voir aussi [la réponse liée]({links[0]})."),
            "",
            "## Ce que l'usager doit fournir",
            "",
            *(f"- [ ] {sentence(rng, rng.randint(6, 12))}" for _ in range(5)),
            "",
            "## Étapes",
            "",
            *(wrap(f"{n}. {sentence(rng, rng.randint(12, 20))}", indent="   ") for n in range(1, 4)),
            wrap(f"4. {sentence(rng, 10)} Détails dans [cette réponse]({links[1]}).", indent="   "),
            "",
            "## Où s'adresser",
            "",
            f"- {{{{ {rng.choice(local)} }}}}, {{{{ mairie.adresse }}}}",
            "- Horaires : {{ mairie.horaires }}",
            "- Téléphone : {{ mairie.telephone }}, ou le 3939 (Allô Service Public)",
            "",
            "## Cas particuliers",
            "",
            *(
                wrap(f"- **{sentence(rng, 3)[:-1]}** : {sentence(rng, rng.randint(15, 25))}", indent="  ")
                for _ in range(3)
            ),
            "",
            '!!! note "À savoir"',
            wrap(f"{sentence(rng, 15)} Voir [la démarche en ligne]({sp}).", indent="    ", first="    "),
            "",
            "## Passer le relais",
            "",
            wrap(
                paragraph(rng, 40)
                + f" Écrire à {{{{ mairie.courriel }}}} ; voir [{related[2][1]}]({links[2]}) et [plus haut](#{ANCHORS[0]})."
            ),
            "",
        ]
        path = root / "docs" / "reponses" / service / f"{rid}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(front + body), encoding="utf-8")


def best_of(runs: int, fn: Callable[[], T]) -> tuple[float, T]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result  # type: ignore[return-value]


def run_cli(root: Path) -> tuple[float, float, int]:
    """``kb validate`` as a subprocess: (wall seconds, CPU seconds, exit code)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "kb_tools", "validate", "--root", str(root), "--today", TODAY],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1) or b"Traceback" in proc.stderr:
        raise RuntimeError(f"kb validate failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return wall, cpu, proc.returncode


def in_process(root: Path, today: dt.date) -> tuple[float, float, list]:
    """Best load and validate times, each run on a freshly loaded base (no warm
    caches), with the collector paused as ``kb validate`` does."""
    loads, checks, problems = [], [], []
    for _ in range(RUNS):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            kb = load_kb(root)
            loaded = time.perf_counter()
            problems = validate(kb, today)
            checks.append(time.perf_counter() - loaded)
            loads.append(loaded - start)
        finally:
            gc.enable()
        del kb
    return min(loads), min(checks), problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 5_000, 10_000])
    parser.add_argument("--keep", type=Path, default=None, help="generate into this folder and keep it")
    args = parser.parse_args(argv)

    startup, _ = best_of(RUNS, lambda: subprocess.run([sys.executable, "-c", "import kb_tools.cli"], check=True))
    load_avg = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"kb validate benchmark — {os.cpu_count()} CPU, Python {sys.version.split()[0]}, best of {RUNS}")
    print(f"load average before the run: {load_avg} (other work on the machine inflates wall times)")
    print(f"interpreter start + import kb_tools: {startup:.3f} s (included in 'end to end')\n")
    header = (
        f"{'answers':>8} {'MB':>6} {'problems':>8} │ {'end to end':>10} {'CPU':>8} {'µs/answer':>9}"
        f" │ {'load':>7} {'validate':>8} {'µs/answer':>9}"
    )
    print(f"{'':>24} │ {'kb validate (subprocess)':^30} │ {'in process':^27}")
    print(header)
    print("─" * len(header))
    today = dt.date.fromisoformat(TODAY)
    results: dict[int, tuple[float, float]] = {}
    for size in args.sizes:
        base = args.keep / str(size) if args.keep else Path(tempfile.mkdtemp(prefix=f"kb-bench-{size}-"))
        base.mkdir(parents=True, exist_ok=True)
        try:
            generate(base, size)
            megabytes = sum(p.stat().st_size for p in base.rglob("*.md")) / 1e6
            runs = [run_cli(base) for _ in range(RUNS)]
            wall = min(r[0] for r in runs)
            cpu = min(r[1] for r in runs)
            load, check, problems = in_process(base, today)
            results[size] = (wall, cpu)
            print(
                f"{size:>8,} {megabytes:>6.1f} {len(problems):>8,} │ {wall:>8.3f} s {cpu:>6.3f} s {wall / size * 1e6:>9.0f}"
                f" │ {load:>5.3f} s {check:>6.3f} s {(load + check) / size * 1e6:>9.0f}"
            )
        finally:
            if not args.keep:
                shutil.rmtree(base, ignore_errors=True)
    size, limit = TARGET
    if size in results:
        wall, cpu = results[size]
        verdict = "met" if wall < limit else "MISSED"
        print(
            f"\ntarget: under {limit:.0f} s end to end at {size:,} answers — {verdict} ({wall:.3f} s wall, {cpu:.3f} s CPU)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
