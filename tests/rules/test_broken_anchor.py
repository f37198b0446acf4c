"""KB204 broken-anchor."""

RULE = "KB204"

CNI_BODY = """\
## Pièces à fournir

## Où s'adresser

## Où s’adresser

## Délais {#delais-actuels}
"""


def test_anchor_of_a_heading_with_accents_and_apostrophe(kb):
    kb.valid("identite/cni.md", CNI_BODY)
    kb.valid(
        "etat-civil/acte.md",
        """\
        [a](../identite/cni.md#pieces-a-fournir) [b](../identite/cni.md#ou-sadresser)
        [c](../identite/cni.md#ou-sadresser_1) [d](../identite/cni.md#delais-actuels)
        """,
    )
    kb.check([])


def test_missing_anchor_with_suggestion(kb):
    kb.valid("identite/cni.md", CNI_BODY)
    path = kb.valid("etat-civil/acte.md", "Voir [où](../identite/cni.md#ou-s-adresser).\n")
    kb.check([(path, 7, 6, RULE)])
    problem = kb.only(RULE)
    assert problem.message == "section « #ou-s-adresser » introuvable dans reponses/identite/cni.md"
    assert problem.fix == "vouliez-vous dire « ou-sadresser » ?"


def test_anchor_in_the_same_page(kb):
    path = kb.valid(
        "etat-civil/acte.md",
        """\
        Voir [plus bas](#ce-que-lusager-doit-fournir) et [ailleurs](#pieces).

        ## Ce que l'usager doit fournir
        """,
    )
    kb.check([(path, 7, 50, RULE)])
    assert kb.only(RULE).fix.startswith("sections existantes : ce-que-lusager-doit-fournir")


def test_heading_in_code_block_is_not_an_anchor(kb):
    path = kb.valid("etat-civil/acte.md", "[x](#titre)\n\n```\n## Titre\n```\n")
    kb.check([(path, 7, 1, RULE)])


def test_anchor_of_a_guide_page(kb):
    kb.write("docs/guide/index.md", "# Guide de l'éditeur\n\n## Écrire une réponse\n")
    path = kb.valid(
        "etat-civil/acte.md", "[ok](../../guide/index.md#ecrire-une-reponse) [ko](../../guide/index.md#ecrire)\n"
    )
    kb.check([(path, 7, 47, RULE)])


def test_missing_file_is_left_to_kb203(kb):
    path = kb.valid("etat-civil/acte.md", "[x](absent.md#partie)\n")
    kb.check([(path, 7, 1, "KB203")])


def test_anchors_keep_inline_code_and_intraword_underscores(kb):
    # As Python-Markdown's toc makes them: "le-champ-title", "mot_cle-et-gras", "important".
    kb.valid("identite/cni.md", "## Le champ `title`\n\n## Mot_clé et **gras**\n\n## _Important_\n")
    path = kb.valid(
        "etat-civil/acte.md",
        "[a](../identite/cni.md#le-champ-title) [b](../identite/cni.md#mot_cle-et-gras) "
        "[c](../identite/cni.md#important) [d](../identite/cni.md#le-champ)\n",
    )
    kb.check([(path, 7, 114, RULE)])
    assert kb.only(RULE).fix == "vouliez-vous dire « le-champ-title » ?"


def test_hash_inside_inline_code_is_not_a_heading(kb):
    path = kb.valid("etat-civil/acte.md", "`# Titre`\n\n[x](#titre)\n")
    kb.check([(path, 9, 1, RULE)])
