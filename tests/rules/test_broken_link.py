"""KB203 broken-link."""

RULE = "KB203"


def test_missing_file_with_suggestion(kb):
    kb.valid("etat-civil/livret-de-famille.md")
    path = kb.valid("etat-civil/acte.md", "Voir [le livret](livret-famille.md).\n")
    kb.check([(path, 7, 6, RULE)])
    problem = kb.only(RULE)
    assert problem.received == "livret-famille.md"
    assert problem.fix == "vouliez-vous dire « livret-de-famille.md » ?"


def test_wrong_folder_and_reference_definition(kb):
    kb.valid("identite/cni.md")
    path = kb.valid(
        "etat-civil/acte.md",
        """\
        Voir [la CNI](identite/cni.md) et [le passeport][p].

        [p]: ../identite/passeport.md
        """,
    )
    kb.check([(path, 7, 6, RULE), (path, 9, 6, RULE)])


def test_links_in_code_are_not_checked(kb):
    kb.valid(
        "etat-civil/acte.md",
        """\
        Écrire `[x](absent.md)` dans le texte.

        ```markdown
        [x](absent.md)
        ```
        """,
    )
    kb.check([])


def test_valid_links(kb):
    kb.valid("identite/cni.md")
    kb.valid("etat-civil/livret-de-famille.md")
    kb.write("docs/guide/index.md", "# Guide\n")
    kb.write("docs/img/plan.png", b"\x89PNG")
    kb.valid(
        "etat-civil/acte.md",
        """\
        - [Livret](livret-de-famille.md), [CNI](../identite/cni.md "Carte"), [CNI](<../identite/cni.md>)
        - [Guide](../../guide/index.md), [Guide](../../guide/), [Guide](/guide/index.md)
        - [Accents](../identite/cni.md?x=1), [Ici](acte.md), ![Plan](../../img/plan.png)
        - [Web](https://www.service-public.fr/), [Mail](mailto:accueil@exempleville.example), [Tél](tel:3939)
        - [Local]({{ commune.site_web }}), [Vide]()
        """,
    )
    kb.check([], RULE)


def test_encoded_spaces_in_target(kb):
    kb.write("docs/guide/mon guide.md", "# Guide\n")
    path = kb.valid("etat-civil/acte.md", "[ok](../../guide/mon%20guide.md) [ko](../../guide/mon%20gide.md)\n")
    kb.check([(path, 7, 34, RULE)], RULE)  # (the space in the name is KB603)
