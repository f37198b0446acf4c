"""KB601 unsafe-file: links and special files under docs/ are reported, never read."""

import os
from pathlib import Path

import pytest

from kb_tools.kb import load_kb

RULE = "KB601"


def test_link_to_the_environment_is_refused(kb):
    kb.valid("etat-civil/acte.md")
    assets = kb.root / "docs" / "assets"
    assets.mkdir()
    (assets / "env.txt").symlink_to("/proc/self/environ")
    kb.check([("docs/assets/env.txt", 0, 0, RULE)])
    problem = kb.only(RULE)
    assert problem.received == "lien symbolique"
    assert "git rm" in problem.fix


def test_link_answer_to_passwd_is_never_read(kb):
    (kb.root / "docs" / "reponses" / "passwd.md").symlink_to("/etc/passwd")
    kb.check([("docs/reponses/passwd.md", 0, 0, RULE)])
    loaded = load_kb(kb.root)
    assert loaded.answers == []  # not read: nothing of it can be echoed
    for problem in kb.problems():
        assert "root" not in problem.full_message()


def test_link_answer_to_dev_zero_ends_at_once(kb):
    (kb.root / "docs" / "reponses" / "zero.md").symlink_to("/dev/zero")
    kb.check([("docs/reponses/zero.md", 0, 0, RULE)])


def test_linked_folder_is_refused_and_its_pages_not_loaded(kb, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "cache.md").write_text("---\ntitle: x\n---\n<script>alert(1)</script>\n", encoding="utf-8")
    (kb.root / "docs" / "reponses" / "partage").symlink_to(outside, target_is_directory=True)
    kb.check([("docs/reponses/partage", 0, 0, RULE)])
    assert kb.only(RULE).received == "lien symbolique vers un dossier"
    assert load_kb(kb.root).doc_files == frozenset()


def test_link_inside_the_project_is_refused_too(kb):
    path = kb.valid("etat-civil/acte.md")
    (kb.root / "docs" / "reponses" / "copie.md").symlink_to(kb.root / path)
    kb.check([("docs/reponses/copie.md", 0, 0, RULE)])


@pytest.mark.parametrize("kind", ["dangling", "loop"])
def test_broken_links_do_not_crash(kb, kind):
    docs = kb.root / "docs"
    if kind == "dangling":
        (docs / "absent.md").symlink_to(docs / "nulle-part.md")
        expected = [("docs/absent.md", 0, 0, RULE)]
    else:
        (docs / "a").symlink_to(docs / "b")
        (docs / "b").symlink_to(docs / "a")
        expected = [("docs/a", 0, 0, RULE), ("docs/b", 0, 0, RULE)]
    kb.check(expected)
    assert all(p.received == "lien symbolique cassé ou en boucle" for p in kb.problems())


def test_folder_linking_to_its_parent_is_not_walked(kb):
    (kb.root / "docs" / "reponses" / "boucle").symlink_to("..", target_is_directory=True)
    kb.check([("docs/reponses/boucle", 0, 0, RULE)])


def test_fifo_answer_is_never_opened(kb):
    os.mkfifo(kb.root / "docs" / "reponses" / "tube.md")
    kb.check([("docs/reponses/tube.md", 0, 0, RULE)])  # would block forever if opened
    assert kb.only(RULE).received == "tube nommé (FIFO)"
    assert "fichier spécial" in kb.only(RULE).fix


def test_links_in_hidden_folders_are_refused(kb):
    hidden = kb.root / "docs" / ".cache"
    hidden.mkdir()
    (hidden / "env").symlink_to("/proc/self/environ")
    kb.check([("docs/.cache/env", 0, 0, RULE)])


def test_docs_folder_itself_a_link(tmp_path: Path, kb):
    real = tmp_path / "ailleurs"
    (kb.root / "docs").rename(real)
    (kb.root / "docs").symlink_to(real, target_is_directory=True)
    kb.check([("docs", 0, 0, RULE)])


def test_regular_files_are_accepted(kb):
    kb.valid("etat-civil/acte.md")
    kb.write("docs/assets/plan.png", b"\x89PNG\r\n")
    kb.check([])
