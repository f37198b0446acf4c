"""Precompressed copies of the built site (kb_tools.site.precompress, ``kb precompress``):
FILE.gz and FILE.br beside the text files, as GitLab Pages serves them."""

from __future__ import annotations

import functools
import gzip
import http.server
import random
import shutil
import threading
import urllib.request
from pathlib import Path

import brotli
import pytest

from kb_tools.cli import main
from kb_tools.site import offline, precompress

PAGE = ("<!doctype html><html><body>" + "<p>Carte nationale d'identité : pièces à fournir.</p>\n" * 80).encode()
SCRIPT = b"function search(q){return q.trim().toLowerCase();}\n" * 60
STYLE = b".md-search__input{color:#333;background:#fff;}\n" * 60
INDEX = b'{"docs":[' + b",".join(b'{"location":"reponses/a%d/","title":"Acte %d"}' % (i, i) for i in range(200)) + b"]}"
ICON = b'<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h24v24H0z"/></svg>\n' * 20


def write_site(root: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


TEXT_FILES = {
    "index.html": PAGE,
    "reponses/etat-civil/cni/index.html": PAGE + b"<!-- cni -->",
    "assets/javascripts/bundle.min.js": SCRIPT,
    "assets/stylesheets/main.min.css": STYLE,
    "search/search_index.json": INDEX,
    "assets/images/icon.svg": ICON,
}


def test_text_files_get_gzip_and_brotli_copies_that_decompress_to_the_originals(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", TEXT_FILES)
    summary = precompress.precompress_site(site)
    for rel, data in TEXT_FILES.items():
        gz = (site / (rel + ".gz")).read_bytes()
        br = (site / (rel + ".br")).read_bytes()
        assert gzip.decompress(gz) == data, rel
        assert brotli.decompress(br) == data, rel
        assert len(gz) < len(data) and len(br) < len(data), rel
        assert (site / rel).read_bytes() == data  # the original is left as it is
    assert (summary.files, summary.gzip_files, summary.brotli_files) == (6, 6, 6)
    assert summary.original_bytes == sum(len(d) for d in TEXT_FILES.values())
    assert summary.brotli_bytes < summary.original_bytes and not summary.brotli_missing


def test_tiny_and_incompressible_files_get_no_copy(tmp_path: Path) -> None:
    noise = random.Random(11).randbytes(20_000)  # random bytes: compression cannot save 10 %
    site = write_site(
        tmp_path / "site",
        {
            "tiny.html": b"<p>ok</p>",
            "assets/noise.js": noise,
            "page.html": PAGE,
        },
    )
    summary = precompress.precompress_site(site)
    assert not (site / "tiny.html.gz").exists() and not (site / "tiny.html.br").exists()
    assert not (site / "assets/noise.js.gz").exists() and not (site / "assets/noise.js.br").exists()
    assert (site / "page.html.gz").is_file() and (site / "page.html.br").is_file()
    assert (summary.gzip_files, summary.brotli_files) == (1, 1)
    # What is served for the files without a copy is the original.
    assert summary.gzip_bytes == len(b"<p>ok</p>") + len(noise) + (site / "page.html.gz").stat().st_size


def test_binary_files_source_maps_and_copies_are_not_compressed(tmp_path: Path) -> None:
    site = write_site(
        tmp_path / "site",
        {
            "assets/images/favicon.png": PAGE,  # compressible bytes, but not a text type
            "telechargement/base-hors-ligne.zip": PAGE,
            "assets/javascripts/bundle.min.js.map": SCRIPT,
            "sitemap.xml": PAGE,
            "sitemap.xml.gz": gzip.compress(PAGE),
            ".hidden.html": PAGE,
        },
    )
    precompress.precompress_site(site)
    written = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.name.endswith((".gz", ".br")))
    assert written == ["sitemap.xml.br", "sitemap.xml.gz"]
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == PAGE
    assert not list(site.rglob("*.tmp"))


def test_copies_are_the_same_bytes_on_every_build(tmp_path: Path) -> None:
    first = write_site(tmp_path / "one", TEXT_FILES)
    second = write_site(tmp_path / "two", TEXT_FILES)
    precompress.precompress_site(first)
    precompress.precompress_site(second)
    precompress.precompress_site(second)  # again over its own copies: nothing new, nothing changes
    copies = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.suffix in (".gz", ".br"))
    assert len(copies) == 12
    assert copies == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.suffix in (".gz", ".br"))
    for rel in copies:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
    header = (first / "index.html.gz").read_bytes()[:10]
    assert header[4:8] == b"\0\0\0\0"  # gzip mtime 0
    assert header[3] & 0x08 == 0  # no file name


def test_without_the_brotli_package_gzip_copies_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(precompress, "_brotli", lambda: None)
    site = write_site(tmp_path / "site", {"index.html": PAGE})
    summary = precompress.precompress_site(site)
    assert summary.brotli_missing and (summary.gzip_files, summary.brotli_files) == (1, 0)
    assert (site / "index.html.gz").is_file() and not (site / "index.html.br").exists()


def test_pages_get_a_faster_brotli_quality_than_the_theme_and_the_index() -> None:
    assert precompress.brotli_quality("reponses/a/index.html") < precompress.brotli_quality("search/search_index.json")
    assert precompress.brotli_quality("assets/javascripts/bundle.min.js", 120_000) == 11
    assert precompress.brotli_quality("export/kb-export.json", 105_000_000) < 11  # 1 MB/s at 11: minutes


def test_kb_precompress_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = write_site(tmp_path / "site", TEXT_FILES)
    assert main(["precompress", str(site)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("kb precompress: 6 fichiers texte") and "brotli : 6 copies" in out
    assert (site / "index.html.br").is_file()


def test_kb_precompress_on_a_missing_folder_says_so_in_one_french_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["precompress", str(tmp_path / "site")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "dossier introuvable" in err and "Traceback" not in err


def test_kb_precompress_says_when_brotli_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(precompress, "_brotli", lambda: None)
    site = write_site(tmp_path / "site", TEXT_FILES)
    assert main(["precompress", str(site)]) == 0
    assert "paquet Python « brotli » absent" in capsys.readouterr().out


@pytest.mark.slow
def test_built_site_precompressed_still_served_and_kept_offline_as_before(sample_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    before = offline.site_entries(site)
    summary = precompress.precompress_site(site)
    assert summary.brotli_files > 50
    for rel in ("index.html", "search/search_index.json", "sw.js", "kb-offline.json", "404.html"):
        assert brotli.decompress((site / (rel + ".br")).read_bytes()) == (site / rel).read_bytes(), rel
        assert gzip.decompress((site / (rel + ".gz")).read_bytes()) == (site / rel).read_bytes(), rel
    assert not list((site / "telechargement").rglob("*.br")) if (site / "telechargement").is_dir() else True
    # The service worker keeps the same files: never a .gz or .br copy.
    assert offline.site_entries(site) == before
    # A plain web server (python -m http.server) ignores the copies: the originals, uncompressed.
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/"
        request = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers.get("Content-Encoding") is None
            assert response.read() == (site / "index.html").read_bytes()
    finally:
        httpd.shutdown()
        httpd.server_close()
