"""Imports stay contained: capped archive members, no link nor special file
followed, a lock against concurrent runs, existing answers read safely."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import resource
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from kb_tools.errors import ImportLocked, SourceError
from kb_tools.importers.service_public import archive as archive_reader
from kb_tools.importers.service_public.answer import dates_of, read_answer
from kb_tools.importers.service_public.lock import LOCK_NAME, import_lock

from .sp_kb import CORRUPT, FOLDER, GOOD, KB, fiche_xml
from .test_cli_import import run

ROOT = Path(__file__).resolve().parents[2]
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9)
)


def _tar_add(tar: tarfile.TarFile, name: str, data: bytes = b"", **attrs: object) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    for key, value in attrs.items():
        setattr(info, key, value)
    tar.addfile(info, io.BytesIO(data) if data else None)


# -- archives -----------------------------------------------------------------


def test_zip_bomb_member_is_refused_without_being_inflated(kb: KB, tmp_path: Path) -> None:
    bomb = tmp_path / "bombe.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("F90001.xml", fiche_xml("<Texte/>"))
        with archive.open("F90002.xml", "w") as member:  # 1 GB of spaces, about 1 MB compressed
            chunk = b" " * (1 << 20)
            for _ in range(1024):
                member.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    report = kb.run(bomb)
    assert time.perf_counter() - started < 30  # generous: refused from its declared size
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 200
    assert [(e.file, e.message) for e in report.errors] == [("F90002.xml", archive_reader.TOO_BIG)]
    assert report.created == ["sp-f90001"]


def test_member_is_read_in_chunks_with_a_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_reader, "MEMBER_MAX", 1000)
    budget = archive_reader._Budget(Path("x.zip"))
    assert archive_reader._read_capped(io.BytesIO(b"a" * 1000), budget) == b"a" * 1000
    assert archive_reader._read_capped(io.BytesIO(b"a" * 1001), budget) is None


def test_total_size_of_a_source_is_capped(kb: KB, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_reader, "TOTAL_MAX", 3_000)
    path = tmp_path / "beaucoup.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for n in range(10):
            archive.writestr(f"F9000{n}.xml", fiche_xml("<Texte/>", fiche_id=f"F9000{n}"))
    with pytest.raises(SourceError, match="bombe de décompression"):
        kb.run(path)
    assert not (kb.root / FOLDER).exists()


def test_tar_links_special_members_and_traversal_are_refused(kb: KB, tmp_path: Path) -> None:
    path = tmp_path / "piege.tar.xz"
    with tarfile.open(path, "w:xz") as tar:
        _tar_add(tar, "fiches/F90001.xml", fiche_xml("<Texte/>"))
        _tar_add(tar, "fiches/F90002.xml", type=tarfile.SYMTYPE, linkname="/etc/passwd")
        _tar_add(tar, "fiches/F90003.xml", type=tarfile.LNKTYPE, linkname="fiches/F90001.xml")
        _tar_add(tar, "fiches/F90004.xml", type=tarfile.FIFOTYPE)
        _tar_add(tar, "../../F90005.xml", fiche_xml("<Texte/>", fiche_id="F90005"))
        _tar_add(tar, "/etc/F90006.xml", fiche_xml("<Texte/>", fiche_id="F90006"))
    report = kb.run(path)
    assert report.created == ["sp-f90001"]
    errors = {e.file: e.message for e in report.errors}
    assert set(errors) == {
        "fiches/F90002.xml",
        "fiches/F90003.xml",
        "fiches/F90004.xml",
        "../../F90005.xml",
        "/etc/F90006.xml",
    }
    assert errors["fiches/F90002.xml"] == "membre refusé : lien ou fichier spécial dans l'archive"
    assert errors["../../F90005.xml"].startswith("membre refusé : son nom sort de l'archive")
    assert not (tmp_path / "F90005.xml").exists()


def test_zip_symlink_and_traversal_members_are_refused(kb: KB, tmp_path: Path) -> None:
    path = tmp_path / "piege.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("F90001.xml", fiche_xml("<Texte/>"))
        link = zipfile.ZipInfo("F90002.xml")
        link.external_attr = (0o120777 << 16) | 0x20  # a symbolic link, as Info-ZIP stores it
        archive.writestr(link, "/etc/passwd")
        archive.writestr("../F90003.xml", fiche_xml("<Texte/>", fiche_id="F90003"))
    report = kb.run(path)
    assert report.created == ["sp-f90001"]
    assert sorted(e.file for e in report.errors) == ["../F90003.xml", "F90002.xml"]


def test_links_and_fifos_in_a_source_folder_are_refused(kb: KB, tmp_path: Path) -> None:
    (kb.source / f"{CORRUPT}.xml").unlink()
    outside = tmp_path / "ailleurs.xml"
    outside.write_bytes(fiche_xml("<Texte/>", fiche_id="F90001"))
    (kb.source / "F90001.xml").symlink_to(outside)
    os.mkfifo(kb.source / "F90002.xml")
    report = kb.run()
    assert len(report.created) == len(GOOD)
    errors = {e.file: e.message for e in report.errors}
    assert errors["F90001.xml"].startswith("fichier refusé ou illisible (lien symbolique")
    assert errors["F90002.xml"].startswith("fichier refusé ou illisible (tube nommé")


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_fifo_or_device_as_source_ends_at_once(
    kb: KB, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    if kind == "fifo":
        source = tmp_path / "fiches.zip"
        os.mkfifo(source)
    else:
        source = tmp_path / "zero.zip"
        source.symlink_to("/dev/zero")
    assert run(kb, source=source) == 2  # would block or read forever if opened
    err = capsys.readouterr().err
    assert "ce n'est ni un fichier ordinaire ni un dossier" in err
    assert not (kb.root / FOLDER).exists()


def test_link_to_an_archive_on_the_command_line_is_read(kb: KB, tmp_path: Path) -> None:
    real = tmp_path / "telechargements" / "vosdroits.tar.xz"
    real.parent.mkdir()
    with tarfile.open(real, "w:xz") as tar:
        tar.add(kb.source, arcname="particuliers")
    (tmp_path / "latest.tar.xz").symlink_to(real)
    assert len(kb.run(tmp_path / "latest.tar.xz").created) == len(GOOD)


# -- existing answers and kb.yml -----------------------------------------------


def test_alias_bomb_in_an_existing_answer_does_not_hang(kb: KB) -> None:
    kb.run()
    bomb = kb.root / FOLDER / "sp-f1427.md"
    bomb.write_text("---\n" + ALIAS_BOMB + "---\n\nTexte.\n", encoding="utf-8")
    local = kb.write("docs/reponses/etat-civil/bombe.md", "---\n" + ALIAS_BOMB + "---\n\nTexte.\n")
    started = time.perf_counter()
    report = kb.run()
    assert time.perf_counter() - started < 30  # generous: yaml.safe_load took minutes and gigabytes
    assert bomb.read_text(encoding="utf-8").startswith("---\n" + ALIAS_BOMB)  # left as it is
    assert local.read_text(encoding="utf-8").startswith("---\n" + ALIAS_BOMB)
    assert "docs/reponses/service-public/sp-f1427.md" in {e.file for e in report.errors}


def test_existing_answers_are_read_by_the_engine_with_its_date_rules() -> None:
    text = "---\nreviewed: 2026-11-16\nvalid_until: 2027-11-16\ntitle: 'x'\nn: 3\norigin:\n  imported: 2026-11-16\n---\nTexte\n"
    src = read_answer(text, Path("sp-f1.md"), "sp-f1.md")
    assert src is not None and src.meta["n"] == 3 and src.body == "Texte\n"
    assert src.pos("origin", "imported") == (7, 13)  # positions in the file, as for kb validate
    dates = dates_of(src.meta)
    assert dates is not None and dates.reviewed == dt.date(2026, 11, 16) and dates.imported == dt.date(2026, 11, 16)
    # kb validate refuses "2026-1-5" (YAML would read it as a date): so does the import, which resets the dates
    assert dates_of({**src.meta, "reviewed": "2026-1-5"}) is None
    assert read_answer("---\n" + ALIAS_BOMB + "---\nTexte\n", Path("b.md"), "b.md") is None


def test_linked_existing_answer_is_not_read(kb: KB, tmp_path: Path) -> None:
    kb.run()
    target = kb.root / FOLDER / "sp-f1427.md"
    target.unlink()
    target.symlink_to("/etc/passwd")
    report = kb.run()
    errors = {e.file: e.message for e in report.errors}
    assert errors[f"{FOLDER}/sp-f1427.md"].startswith("réponse importée illisible, laissée telle quelle (lien")
    assert target.is_symlink() and "sp-f1427" not in report.created


def test_alias_bomb_in_kb_yml_is_refused(kb: KB, capsys: pytest.CaptureFixture[str]) -> None:
    (kb.root / "kb.yml").write_text(ALIAS_BOMB, encoding="utf-8")
    assert run(kb) == 2
    err = capsys.readouterr().err
    assert re.search(r"kb\.yml:\d+:\d+ : YAML illisible \(alias\)\. Correction : ", err), err


def test_kb_yml_link_is_refused(kb: KB, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = tmp_path / "ailleurs.yml"
    (kb.root / "kb.yml").rename(real)
    (kb.root / "kb.yml").symlink_to(real)
    assert run(kb) == 2
    err = capsys.readouterr().err  # the engine's loader (kb validate's KB900) says why and how to fix it
    assert "kb.yml : n'est pas un fichier ordinaire (lien symbolique" in err and "Correction : remplacez le lien" in err


# -- the lock -----------------------------------------------------------------

HOLDER = """
import sys
from pathlib import Path
from kb_tools.importers.service_public.lock import import_lock
with import_lock(Path(sys.argv[1])):
    print("verrou pris", flush=True)
    sys.stdin.readline()
"""


def test_second_concurrent_import_stops_with_a_clear_error(kb: KB) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(kb.root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "verrou pris\n"
        second = subprocess.run(
            [sys.executable, "-m", "kb_tools.cli", "import", "service-public", str(kb.source), "--root", str(kb.root)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
        assert second.returncode == 2
        assert second.stderr.startswith("kb import: un autre « kb import » est en cours sur cette base")
        assert not (kb.root / FOLDER).exists()
    finally:
        holder.communicate("fin\n", timeout=30)
    third = subprocess.run(
        [sys.executable, "-m", "kb_tools.cli", "import", "service-public", str(kb.source), "--root", str(kb.root)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert third.returncode == 1, third.stderr  # done (the corrupt fixture fiche is reported)
    assert len(list((kb.root / FOLDER).glob("sp-*.md"))) == len(GOOD)


def test_lock_is_released_and_dry_run_takes_none(kb: KB) -> None:
    with import_lock(kb.root):
        with pytest.raises(ImportLocked, match="un autre « kb import »"), import_lock(kb.root):
            pass
        with import_lock(kb.root, enabled=False):
            pass
    with import_lock(kb.root):
        pass
    (kb.root / LOCK_NAME).unlink()
    (kb.root / LOCK_NAME).symlink_to(kb.root / "kb.yml")
    with pytest.raises(ImportLocked, match="inutilisable"), import_lock(kb.root):
        pass


def test_lock_file_is_ignored_by_git() -> None:
    assert f"/{LOCK_NAME}" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
