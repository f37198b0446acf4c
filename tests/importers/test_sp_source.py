"""Sources: folders, zips (as DILA publishes them), tar.xz; corrupt files and
corrupt archives never cost what is already in docs/."""

from __future__ import annotations

import tarfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest

from kb_tools.errors import SourceError

from .sp_kb import CORRUPT, EXPECTED, FIXTURES, GOOD, KB


def _zip(path: Path, source: Path, skip: tuple[str, ...] = (), method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        for xml in sorted(source.glob("*.xml")):
            if xml.stem not in skip:
                archive.write(xml, f"vosdroits/{xml.name}")
    return path


def test_corrupt_file_is_reported_with_name_and_line_and_the_others_import(kb: KB) -> None:
    report = kb.run()
    assert [str(e) for e in report.errors] == [
        f"{CORRUPT}.xml:4:28: XML illisible : balise fermante qui ne correspond pas à la balise ouverte"
    ]
    assert len(report.created) == len(GOOD)


def test_each_file_is_parsed_once(kb: KB, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[bytes] = []
    real = ET.fromstring

    def counting(data: Any, *args: Any, **kwargs: Any) -> ET.Element:
        parsed.append(data)
        return real(data, *args, **kwargs)

    monkeypatch.setattr(ET, "fromstring", counting)
    report = kb.run()
    assert len(report.created) == len(GOOD) and report.files_read == len(GOOD) + 1  # with the corrupt one
    assert len(parsed) == report.files_read  # read for selection and rendered from the same tree
    assert len(set(parsed)) == len(parsed)


def test_zip_source_gives_the_same_answers(kb: KB, tmp_path: Path) -> None:
    report = kb.run(_zip(tmp_path / "vosdroits-latest.zip", kb.source))
    assert len(report.created) == len(GOOD)
    assert [e.file for e in report.errors] == [f"vosdroits/{CORRUPT}.xml"]
    for fiche_id in GOOD:
        assert kb.text(fiche_id) == (EXPECTED / f"sp-{fiche_id.lower()}.md").read_text(encoding="utf-8")


def test_tar_xz_source(kb: KB, tmp_path: Path) -> None:
    archive = tmp_path / "vosdroits.tar.xz"
    with tarfile.open(archive, "w:xz") as tar:
        tar.add(kb.source, arcname="particuliers")
    report = kb.run(archive)
    assert len(report.created) == len(GOOD)


def test_unreadable_member_of_a_zip_is_an_error_the_others_import(kb: KB, tmp_path: Path) -> None:
    path = _zip(tmp_path / "abime.zip", kb.source, skip=(CORRUPT,), method=zipfile.ZIP_STORED)
    with zipfile.ZipFile(path) as archive:
        offset = archive.getinfo("vosdroits/F1429.xml").header_offset
    data = bytearray(path.read_bytes())
    at = data.index(b"<dc:title>", offset) + len(b"<dc:title>")  # stored uncompressed
    data[at] ^= 0x20  # one letter changes case: the CRC no longer matches
    path.write_bytes(bytes(data))
    report = kb.run(path)
    assert [e.file for e in report.errors] == ["vosdroits/F1429.xml"]
    assert "illisible" in report.errors[0].message
    assert len(report.created) == len(GOOD) - 1


@pytest.mark.parametrize("kind", ["zip", "tar.xz"])
def test_corrupt_archive_stops_cleanly_and_nothing_is_lost(kb: KB, tmp_path: Path, kind: str) -> None:
    kb.run()
    before = kb.snapshot()
    if kind == "zip":
        good = _zip(tmp_path / "good.zip", kb.source).read_bytes()
    else:
        with tarfile.open(tmp_path / "good.tar.xz", "w:xz") as tar:
            tar.add(kb.source, arcname="particuliers")
        good = (tmp_path / "good.tar.xz").read_bytes()
    truncated = tmp_path / f"tronque.{kind}"
    truncated.write_bytes(good[: len(good) // 2])  # a download cut in the middle
    with pytest.raises(SourceError, match="tronque"):
        kb.run(truncated)
    assert kb.snapshot() == before  # nothing archived, nothing half-written


def test_missing_or_unknown_source(kb: KB, tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="introuvable"):
        kb.run(tmp_path / "absent.zip")
    odd = tmp_path / "fiches.rar"
    odd.write_bytes(b"Rar!")
    with pytest.raises(SourceError, match="format de source non reconnu"):
        kb.run(odd)


def test_a_fiche_that_became_unreadable_keeps_its_answer(kb: KB) -> None:
    kb.run()
    before = kb.snapshot()
    (kb.source / "F1429.xml").write_text("<Publication><dc:title>", encoding="utf-8")
    report = kb.run()
    assert "F1429.xml" in [e.file for e in report.errors]
    assert report.archived == []
    assert kb.snapshot() == before  # links to it stay local, nothing rewritten


def test_fixtures_are_the_documented_set() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.xml")) == sorted([*GOOD, CORRUPT])


def test_a_source_without_any_selected_fiche_archives_nothing(kb: KB, tmp_path: Path) -> None:
    kb.run()
    before = kb.snapshot()
    empty = tmp_path / "vide"
    empty.mkdir()
    (empty / "R1406.xml").write_text("<Publication/>", encoding="utf-8")  # not a fiche: never read
    with pytest.raises(SourceError, match="aucune fiche de la source ne correspond"):
        kb.run(empty)
    assert kb.snapshot() == before
