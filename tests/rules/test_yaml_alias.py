"""KB007 yaml-alias: aliases are refused, and a "billion laughs" returns at once."""

import time

RULE = "KB007"


def test_alias_reported(kb):
    path = kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: "Acte"
        service: etat-civil
        tags: &t [acte, naissance]
        aliases: *t
        valid_until: 2027-06-30
        ---
        """,
    )
    kb.check([(path, 4, 7, RULE)])  # at the anchored value reused by the alias


def test_merge_key_reported(kb):
    path = kb.add(
        "etat-civil/acte.md",
        """\
        ---
        title: "Acte"
        service: etat-civil
        tags: [acte]
        valid_until: 2027-06-30
        <<: {owner: "@x"}
        ---
        """,
    )
    kb.check([(path, 6, 1, RULE)])


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels + 1):
        refs = ",".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines)


def test_billion_laughs_returns_quickly(kb):
    path = kb.add("etat-civil/acte.md", f"---\n{billion_laughs()}\ntitle: Acte\n---\nTexte.\n")
    start = time.perf_counter()
    found = kb.found()
    assert time.perf_counter() - start < 5
    assert found == [(path, 2, 5, RULE)]  # the first value reused


def test_billion_laughs_in_kb_yml(kb):
    kb.config(billion_laughs() + "\n")
    start = time.perf_counter()
    found = kb.found("KB900")
    assert time.perf_counter() - start < 5
    assert found == [("kb.yml", 1, 5, "KB900")]


def test_anchor_characters_in_quoted_text_are_fine(kb):
    kb.add(
        "etat-civil/acte.md",
        '---\ntitle: "Acte &a *b"\nservice: etat-civil\ntags: [acte]\nvalid_until: 2027-06-30\ndescription: "<<: pas une fusion"\n---\n',
    )
    kb.check([])
