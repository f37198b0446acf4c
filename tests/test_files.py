"""Contained files: what the engine reads, what reports may overwrite, and
what the site build publishes (issue 9, "contained files")."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from kb_tools.cli import main
from kb_tools.files import UnsafeFileError, list_docs, read_regular
from kb_tools.kb import load_kb
from kb_tools.site.build import SiteBuild

sys.path.insert(0, str(Path(__file__).parent / "site"))
from sitekb import SAMPLE, TODAY, copy_project, mkdocs_build

CONFIG = """\
site:
  repo_url: "https://gitlab.example.org/test/base"
services:
  etat-civil: {label: "État civil", owner: "@test/etat-civil"}
tags:
  acte: {label: Acte}
"""
ANSWER = '---\ntitle: "Acte"\nservice: etat-civil\ntags: [acte]\nvalid_until: 2027-06-30\n---\nTexte.\n'


@pytest.fixture
def root(tmp_path: Path) -> Path:
    base = tmp_path / "kb"
    (base / "docs" / "reponses" / "etat-civil").mkdir(parents=True)
    (base / "kb.yml").write_text(CONFIG, encoding="utf-8")
    (base / "docs" / "reponses" / "etat-civil" / "acte.md").write_text(ANSWER, encoding="utf-8")
    return base


def kb(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# -- reading ------------------------------------------------------------------


def test_read_regular_refuses_links_fifos_and_devices(tmp_path: Path) -> None:
    (tmp_path / "ok").write_bytes(b"texte")
    assert read_regular(tmp_path / "ok") == b"texte"
    (tmp_path / "lien").symlink_to(tmp_path / "ok")
    os.mkfifo(tmp_path / "tube")
    for path, reason in (
        (tmp_path / "lien", "lien symbolique"),
        (tmp_path / "tube", "tube nommé (FIFO)"),
        (Path("/dev/zero"), "périphérique"),
    ):
        with pytest.raises(UnsafeFileError) as caught:
            read_regular(path)
        assert caught.value.strerror.startswith(reason)


def test_read_regular_caps_the_size(tmp_path: Path) -> None:
    (tmp_path / "gros").write_bytes(b"x" * 101)
    with pytest.raises(UnsafeFileError, match="trop gros"):
        read_regular(tmp_path / "gros", limit=100)


def test_listing_never_follows_links(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    (docs / "a" / "page.md").write_text("x", encoding="utf-8")
    (docs / "a" / "boucle").symlink_to("..", target_is_directory=True)
    listing = list_docs(docs)
    assert listing.files == ("a/page.md",)
    assert [u.path for u in listing.unsafe] == ["a/boucle"]


def test_kb_yml_link_is_not_read(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = root.parent / "ailleurs.yml"
    (root / "kb.yml").rename(real)
    (root / "kb.yml").symlink_to(real)
    code, out, _ = kb(capsys, "validate", "--root", root)
    assert code == 1
    assert "kb.yml:0:0: KB900 config-invalid [erreur] kb.yml n'est pas un fichier ordinaire" in out
    assert "reçu : lien symbolique" in out


def test_linked_page_anchor_is_not_read(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "docs" / "guide").mkdir()
    (root / "docs" / "guide" / "passwd.md").symlink_to("/etc/passwd")
    answer = root / "docs" / "reponses" / "etat-civil" / "acte.md"
    answer.write_text(ANSWER + "[voir](../../guide/passwd.md#root)\n", encoding="utf-8")
    code, out, _ = kb(capsys, "validate", "--root", root)
    assert code == 1
    assert "docs/guide/passwd.md:0:0: KB601 unsafe-file" in out
    assert "root:" not in out  # /etc/passwd's first line is never echoed


def test_new_with_a_300_character_id_is_a_clear_error(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = kb(capsys, "new", "--root", root, "etat-civil", "a" * 300)
    assert code == 2
    assert "identifiant trop long (300 caractères, au plus 100)" in err
    assert "erreur interne" not in err


# -- reports never land in docs/ ----------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "--report", "junit:{root}/docs/reponses/etat-civil/acte.md"),
        ("validate", "--report", "codequality:{root}/docs/rapport.json"),
        ("validate", "--output", "{root}/docs/assets/rapport.txt"),
        ("validate", "--output", "{root}/kb.yml"),
        ("expiry", "--output", "{root}/docs/expiry.md"),
        ("expiry", "--report", "json:{root}/kb.yml"),
        ("codeowners", "--output", "{root}/docs/CODEOWNERS"),
    ],
)
def test_reports_refuse_docs_and_kb_yml(root: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    command, *rest = (a.format(root=root) for a in args)
    code, out, err = kb(capsys, command, "--root", root, *rest)
    assert code == 2 and out == ""
    assert err.startswith(f"kb {command}: refus d'écrire « ")
    assert "écrivez le rapport ailleurs" in err
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_report_through_a_link_into_docs_is_refused(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "rapports").symlink_to(root / "docs", target_is_directory=True)
    code, _, err = kb(capsys, "validate", "--root", root, "--report", f"junit:{root}/rapports/x.xml")
    assert code == 2 and "refus d'écrire" in err
    assert not (root / "docs" / "x.xml").exists()


def test_reports_elsewhere_are_written(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = root / "rapports" / "kb-junit.xml"
    code, _, _ = kb(capsys, "validate", "--root", root, "--report", f"junit:{target}")
    assert code == 0 and target.read_text(encoding="utf-8").startswith("<?xml")


def test_rules_page_is_not_written_into_docs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    code, _, err = kb(capsys, "rules", "--output", "docs/guide/regles.md")
    assert code == 2 and "refus d'écrire" in err


# -- the site build -----------------------------------------------------------


def test_edit_urls_are_percent_encoded(root: Path) -> None:
    build = SiteBuild.load(root, TODAY)
    url = build.edit_url('reponses/etat-civil/a"b c.md')
    assert url == "https://gitlab.example.org/test/base/-/edit/main/docs/reponses/etat-civil/a%22b%20c.md"


def test_hook_drops_whatever_the_engine_did_not_accept(tmp_path: Path) -> None:
    """Defence in depth: files that appear after validation (or that MkDocs
    finds by following a link) are not published."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site = copy_project(tmp_path / "kb")
    config = load_config(str(site / "mkdocs.yml"))
    config = config.plugins.on_config(config)  # the hook validates: nothing to refuse yet
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "cache.md").write_text("# Caché\n", encoding="utf-8")
    (site / "docs" / "reponses" / "partage").symlink_to(outside, target_is_directory=True)
    (site / "docs" / "assets" / "env.txt").symlink_to("/proc/self/environ")
    (site / "docs" / "page.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (site / "docs" / "guide.markdown").write_text("# Guide\n", encoding="utf-8")
    files = get_files(config)
    walked = {f.src_uri for f in files}
    assert {"reponses/partage/cache.md", "assets/env.txt", "page.html", "guide.markdown"} <= walked
    kept = {f.src_uri for f in config.plugins.on_files(files, config=config)}
    assert kept.isdisjoint({"reponses/partage/cache.md", "assets/env.txt", "page.html", "guide.markdown"})
    assert "assets/kb.css" in kept and "assets/vendor/iframe-worker/LICENSE" in kept


@pytest.mark.parametrize("case", ["env-link", "loop", "dangling", "linked-folder", "html", "markdown-ext"])
def test_build_stops_with_the_kb_message(tmp_path: Path, case: str) -> None:
    site = copy_project(tmp_path / "kb")
    docs = site / "docs"
    if case == "env-link":
        (docs / "assets" / "env.txt").symlink_to("/proc/self/environ")
        where, code = "docs/assets/env.txt", "KB601"
    elif case == "loop":
        (docs / "reponses" / "a").symlink_to("b", target_is_directory=True)
        (docs / "reponses" / "b").symlink_to("a", target_is_directory=True)
        (docs / "reponses" / "c").symlink_to("..", target_is_directory=True)
        where, code = "docs/reponses/c", "KB601"
    elif case == "dangling":
        (docs / "absent.md").symlink_to("nulle-part.md")
        where, code = "docs/absent.md", "KB601"
    elif case == "linked-folder":
        (tmp_path / "outside").mkdir()
        (tmp_path / "outside" / "x.md").write_text("<script>alert(1)</script>\n", encoding="utf-8")
        (docs / "reponses" / "partage").symlink_to(tmp_path / "outside", target_is_directory=True)
        where, code = "docs/reponses/partage", "KB601"
    elif case == "html":
        (docs / "page.html").write_text("<script>alert(1)</script>\n", encoding="utf-8")
        where, code = "docs/page.html", "KB602"
    else:
        (docs / "aide.MD").write_text("# Aide\n", encoding="utf-8")
        where, code = "docs/aide.MD", "KB602"
    proc = mkdocs_build(site)
    output = proc.stdout + proc.stderr  # MkDocs prints Abort messages on stdout
    assert proc.returncode == 1, output
    assert "Traceback" not in output
    assert f"{where}:0:0: {code}" in output
    assert "Construction du site interrompue" in output
    assert not (site / "site" / "assets" / "env.txt").exists()


def test_sample_kb_is_unchanged_by_the_rules() -> None:
    kb_ = load_kb(SAMPLE)
    assert kb_.unsafe_files == ()
    assert kb_.publishable == kb_.doc_files


def test_codeowners_check_does_not_read_a_linked_file(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / ".gitlab").mkdir()
    (root / ".gitlab" / "CODEOWNERS").symlink_to("/etc/passwd")
    code, out, err = kb(capsys, "codeowners", "--root", root, "--check", "--file", ".gitlab/CODEOWNERS")
    assert code == 2
    assert "lien symbolique" in err
    assert "root:" not in out + err


def test_fifo_kb_yml_is_never_opened(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "kb.yml").unlink()
    os.mkfifo(root / "kb.yml")
    code, _, err = kb(capsys, "validate", "--root", root)
    assert code == 2
    assert "kb.yml n'est pas un fichier ordinaire" in err


def test_new_sees_ids_that_differ_only_by_case(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "docs" / "reponses" / "etat-civil" / "Doublon.md").write_text(ANSWER, encoding="utf-8")
    code, _, err = kb(capsys, "new", "--root", root, "etat-civil", "doublon")
    assert code == 1
    assert "l'identifiant « doublon » est déjà pris par docs/reponses/etat-civil/Doublon.md" in err
