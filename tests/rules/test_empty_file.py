"""KB002 empty-file."""

RULE = "KB002"


def test_empty_file(kb):
    path = kb.add("etat-civil/nouveau.md", "")
    kb.check([(path, 0, 0, RULE)])  # and nothing else (no missing fields, no front matter)


def test_whitespace_only_file(kb):
    path = kb.add("etat-civil/nouveau.md", "\n  \n\t\n")
    kb.check([(path, 0, 0, RULE)])


def test_bom_only_file(kb):
    path = kb.add("etat-civil/nouveau.md", b"\xef\xbb\xbf\r\n")
    kb.check([(path, 0, 0, RULE)])


def test_file_with_content_is_not_empty(kb):
    kb.valid("etat-civil/acte.md")
    kb.check([], RULE)
