"""KB004 yaml-syntax: positions are lines of the file, not of the YAML block."""

RULE = "KB004"


def test_colon_in_unquoted_title_reported_at_file_line(kb):
    path = kb.add(
        "identite/cni.md",
        """\
        ---
        service: identite
        title: Carte d'identité : renouvellement
        tags: [identite]
        valid_until: 2027-06-30
        ---
        """,
    )
    kb.check([(path, 3, 25, RULE)])  # line 3 of the file (line 2 of the block)
    assert "guillemets" in kb.only(RULE).received


def test_unclosed_quote_points_where_it_opens(kb):
    path = kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: "Acte
        service: etat-civil
        tags: [acte]
        valid_until: 2027-06-30
        ---
        """,
    )
    kb.check([(path, 2, 8, RULE)])


def test_unclosed_bracket_points_where_it_opens(kb):
    path = kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: "Acte"
        service: etat-civil
        tags: [acte, naissance
        valid_until: 2027-06-30
        ---
        """,
    )
    kb.check([(path, 4, 7, RULE)])
    assert "jamais fermé" in kb.only(RULE).received


def test_unclosed_brace_points_where_it_opens(kb):
    path = kb.add("etat-civil/acte.md", '---\ntitle: "Acte"\norigin: {source: x\nservice: etat-civil\n---\n')
    kb.check([(path, 3, 9, RULE)])


def test_tab_indentation(kb):
    path = kb.add("etat-civil/acte.md", '---\ntitle: "Acte"\n\tservice: etat-civil\n---\n')
    kb.check([(path, 3, 1, RULE)], RULE)


def test_bad_indentation(kb):
    path = kb.add("etat-civil/acte.md", '---\ntitle: "Acte"\n  service: etat-civil\ntags: [acte]\n---\n')
    assert [p[:2] for p in kb.found(RULE)] == [(path, 3)]


def test_second_document_in_front_matter(kb):
    path = kb.add("etat-civil/acte.md", '---\ntitle: "Acte"\n--- x\nservice: etat-civil\n---\n')
    assert [(p[0], p[3]) for p in kb.found()] == [(path, RULE)]


def test_unicode_line_separators_do_not_shift_lines(kb):
    path = kb.add(
        "etat-civil/acte.md", '---\ndescription: "un\u2028deux\u2029trois\x85quatre"\ntitle: Carte : x\n---\n'
    )
    kb.check([(path, 3, 14, RULE)])


def test_columns_count_characters(kb):
    path = kb.add("etat-civil/acte.md", "---\ntitle: 😀 Carte : x\n---\n")
    kb.check([(path, 2, 16, RULE)])  # code points, as editors count them


def test_deep_nesting_is_refused_without_crashing(kb):
    deep = "[" * 50_000 + "]" * 50_000
    path = kb.add("etat-civil/acte.md", f"---\ntitle: x\ntags: {deep}\n---\n")
    kb.check([(path, 3, 106, RULE)])  # the 101st level: the mapping and 100 lists
    assert "imbrication" in kb.only(RULE).received


def test_deep_block_nesting_is_refused(kb):
    deep = "\n".join("  " * i + "- a:" for i in range(300))
    path = kb.add("etat-civil/acte.md", f"---\ntitle: x\norigin:\n{deep}\n---\n")
    assert [(p[0], p[3]) for p in kb.found()] == [(path, RULE)]


def test_quoted_colon_and_hash_are_fine(kb):
    kb.add(
        "identite/cni.md",
        """\
        ---
        title: "Carte d'identité : renouvellement # 2"
        service: identite
        tags: [identite]
        valid_until: 2027-06-30  # à revoir
        ---
        """,
    )
    kb.check([])


def test_python_tags_are_plain_values_not_objects(kb):
    path = kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: !!python/object/apply:os.system ["echo pwned"]
        service: !!str etat-civil
        tags: [acte]
        valid_until: 2027-06-30
        ---
        """,
    )
    kb.check([(path, 2, 1, "KB104")])


def test_known_parser_messages_are_french_only(kb):
    path = kb.add("etat-civil/acte.md", '---\ntitle: "Acte\nservice: etat-civil\n---\nTexte.\n')
    problem = kb.only(RULE)
    assert problem.path == path
    assert "guillemet ou crochet ouvert ici et jamais fermé" in problem.received
    assert "found" not in problem.received and "stream" not in problem.received
