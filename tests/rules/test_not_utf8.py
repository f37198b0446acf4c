"""KB001 not-utf8 (and the encodings that are accepted: BOM, CRLF)."""

RULE = "KB001"
VALID = '---\ntitle: "Acte"\nservice: etat-civil\ntags: [acte]\nvalid_until: 2027-06-30\n---\n'


def test_latin1_byte_reported_at_its_line_and_column(kb):
    path = kb.add("etat-civil/acte.md", VALID.encode() + b"Caf\xe9 ici\n")
    kb.check([(path, 7, 4, RULE)])  # nothing else: the file cannot be read further
    assert "e9" in kb.only(RULE).received


def test_column_counts_characters_not_bytes(kb):
    path = kb.add("etat-civil/acte.md", VALID.encode() + "Né à ".encode() + b"\xe9\n")
    kb.check([(path, 7, 6, RULE)])


def test_line_counted_with_crlf(kb):
    path = kb.add("etat-civil/acte.md", b"---\r\ntitle: x\r\n\xff\xfe\r\n")
    kb.check([(path, 3, 1, RULE)])


def test_invalid_byte_after_bom_on_first_line(kb):
    path = kb.add("etat-civil/acte.md", b"\xef\xbb\xbf--\x80-\n")
    kb.check([(path, 1, 3, RULE)])


def test_utf16_file_reported(kb):
    path = kb.add("etat-civil/acte.md", VALID.encode("utf-16"))
    kb.check([(path, 1, 1, RULE)])


def test_utf8_with_bom_and_crlf_accepted(kb):
    kb.add("etat-civil/acte.md", ("\ufeff" + VALID + "Texte accentué : état civil.\n").replace("\n", "\r\n").encode())
    kb.check([])


def test_positions_right_in_bom_and_crlf_file(kb):
    text = VALID.replace("etat-civil", "etat_civil") + "Voir {{ mairie.tel }}.\n"
    path = kb.add("etat-civil/acte.md", ("\ufeff" + text).replace("\n", "\r\n").encode())
    kb.check([(path, 3, 1, "KB101"), (path, 7, 6, "KB205")])


def test_old_mac_line_endings_accepted(kb):
    kb.add("etat-civil/acte.md", (VALID + "Texte.\n").replace("\n", "\r").encode())
    kb.check([])
