"""Precompressed copies of the published site: ``page.html.gz`` and ``page.html.br``.

GitLab Pages does not compress on the fly: it serves ``FILE.br`` or ``FILE.gz``
instead of ``FILE`` when they sit beside it and the browser accepts them
(``Accept-Encoding``). Without them the search index (2.7 MB at 3,700
answers), the pages and the theme's bundles travel raw over a rural 4G link.

:func:`precompress_site` walks a built site and writes, for each text file
(HTML, JavaScript, CSS, JSON, SVG, XML, text), a gzip and a brotli copy, each
only when it is worth it: files under :data:`MIN_SIZE` bytes are left alone,
and a copy is written only when it is at most :data:`MAX_RATIO` of the
original. Copies are deterministic (gzip: no file name, mtime 0; brotli has
no header to vary), so two builds of the same site give the same bytes.
Brotli quality: 11 (the best) for the theme's files and the search index, a
fixed handful; 7 for the pages, thousands of them, where 11 would cost minutes
for a few percent; 5 for files over 16 MB (the JSON export).

Called by ``kb precompress site`` in ``scripts/build-site.sh`` (what CI
publishes), after the build and the service worker: ``sw.js`` and
``kb-offline.json`` get their copies too. Not in the offline zip copy (read
from ``file://``) nor under ``mkdocs serve``; a web server that ignores them
(``python -m http.server``) serves the originals as before.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

TEXT_SUFFIXES = frozenset({".html", ".htm", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt", ".csv"})
# Source maps are only read by a developer's tools: not worth the time.
SKIPPED_SUFFIXES = (".map",)
COPY_SUFFIXES = (".gz", ".br")
MIN_SIZE = 512  # bytes: below, one packet either way
MAX_RATIO = 0.9  # a copy must save at least 10 %
GZIP_LEVEL = 9
BROTLI_QUALITY = 11
BROTLI_QUALITY_PAGES = 7
# Quality 11 reads about 1 MB/s: above this size (the JSON export, 100 MB at 3,700 answers) a
# faster quality, still smaller than gzip.
BROTLI_BEST_MAX = 16_000_000
BROTLI_QUALITY_LARGE = 5
PAGE_SUFFIXES = (".html", ".htm")


@dataclass
class Summary:
    """What :func:`precompress_site` did."""

    files: int = 0  # text files considered
    original_bytes: int = 0
    gzip_files: int = 0
    gzip_bytes: int = 0  # bytes as served with gzip (the copy, or the original when none)
    brotli_files: int = 0
    brotli_bytes: int = 0  # likewise with brotli
    brotli_missing: bool = False  # the ``brotli`` package is not installed: gzip only


def _brotli() -> ModuleType | None:
    try:
        import brotli
    except ImportError:
        return None
    return brotli


def compressible(rel: str) -> bool:
    """Whether the built file at ``rel`` (a POSIX path from the site root) gets compressed copies."""
    name = rel.rsplit("/", 1)[-1]
    if name.startswith(".") or name.endswith(SKIPPED_SUFFIXES) or name.endswith(COPY_SUFFIXES):
        return False
    return Path(name).suffix.lower() in TEXT_SUFFIXES


def gzip_copy(data: bytes) -> bytes:
    """``data`` gzipped, the same bytes every time (no file name, mtime 0)."""
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def brotli_quality(rel: str, size: int = 0) -> int:
    """11 for the theme's files and the search index; faster for pages and large files."""
    if rel.lower().endswith(PAGE_SUFFIXES):
        return BROTLI_QUALITY_PAGES
    return BROTLI_QUALITY if size <= BROTLI_BEST_MAX else BROTLI_QUALITY_LARGE


def worth_it(original: int, compressed: int) -> bool:
    return original >= MIN_SIZE and compressed <= original * MAX_RATIO


def _write(path: Path, data: bytes) -> None:
    """Write through a temporary file: a copy is never served half-written."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def site_files(site_dir: Path) -> Iterator[tuple[Path, str]]:
    """The regular files of the built site to compress, with their POSIX path from the root, sorted."""
    for path in sorted(site_dir.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        rel = path.relative_to(site_dir).as_posix()
        if compressible(rel):
            yield path, rel


def precompress_site(site_dir: Path) -> Summary:
    """Write ``FILE.gz`` and ``FILE.br`` beside every text file of ``site_dir`` where they are smaller."""
    brotli = _brotli()
    summary = Summary(brotli_missing=brotli is None)
    for path, rel in site_files(site_dir):
        data = path.read_bytes()
        summary.files += 1
        summary.original_bytes += len(data)
        if len(data) < MIN_SIZE:
            summary.gzip_bytes += len(data)
            summary.brotli_bytes += len(data)
            continue
        gz = gzip_copy(data)
        if worth_it(len(data), len(gz)):
            _write(path.with_name(path.name + ".gz"), gz)
            summary.gzip_files += 1
            summary.gzip_bytes += len(gz)
        else:
            summary.gzip_bytes += len(data)
        if brotli is None:
            summary.brotli_bytes += len(data)
            continue
        br: bytes = brotli.compress(data, mode=brotli.MODE_TEXT, quality=brotli_quality(rel, len(data)))
        if worth_it(len(data), len(br)):
            _write(path.with_name(path.name + ".br"), br)
            summary.brotli_files += 1
            summary.brotli_bytes += len(br)
        else:
            summary.brotli_bytes += len(data)
    return summary
