"""Markdown rendering of fiche bodies: structure, links, escaping, unknown elements."""

from __future__ import annotations

from kb_tools.importers.service_public.safe_text import block_start, escape

from .sp_kb import KB, render

OFFICIAL = "https://www.service-public.fr/particuliers/vosdroits/"


def test_cross_links_local_when_imported_official_otherwise(kb: KB) -> None:
    kb.run()
    acte = kb.text("F1427")
    assert "[mentions marginales](sp-f1429.md)" in acte  # LienInterne to an imported fiche
    assert f"({OFFICIAL}F1374)" in acte  # a question-answer that is not imported
    assert f"[Pacs]({OFFICIAL}R45368)" in acte  # a resource is never local
    mentions = kb.text("F1429")
    assert "[Changement de prénom](sp-f885.md)" in mentions
    assert f"[Changement de sexe]({OFFICIAL}F34826)" in mentions


def test_related_lists_only_imported_fiches_of_see_also(kb: KB) -> None:
    kb.run()
    assert "related:\n- sp-f885\n" in kb.text("F1343")  # VoirAussi: F1656, F885, F34826, F35060, F868
    assert "related: []\n" in kb.text("F1427")


def test_headings_notes_and_cases() -> None:
    body = """<Texte><Chapitre><Titre><Paragraphe>Démarche</Paragraphe></Titre>
    <Paragraphe>Texte du chapitre.</Paragraphe>
    <SousChapitre><Titre><Paragraphe>Pièces</Paragraphe></Titre>
    <BlocCas affichage="onglet"><Cas><Titre>En ligne</Titre><Paragraphe>Par internet.</Paragraphe>
    <ASavoir><Titre>À savoir</Titre><Paragraphe>gratuit.</Paragraphe></ASavoir></Cas>
    <Cas><Titre>Sur place</Titre><Chapitre><Titre><Paragraphe>Au guichet</Paragraphe></Titre><Paragraphe>Avec rendez-vous.</Paragraphe></Chapitre></Cas></BlocCas>
    </SousChapitre>
    <ANoter><Titre>À noter</Titre><Paragraphe>un point.</Paragraphe></ANoter>
    <Attention><Titre>Attention</Titre><Paragraphe>un risque.</Paragraphe></Attention>
    </Chapitre></Texte>"""
    markdown, unknown = render(body)
    assert markdown == (
        "## Démarche\n\n"
        "Texte du chapitre.\n\n"
        "### Pièces\n\n"
        '??? note "En ligne"\n'
        "    Par internet.\n\n"
        '    !!! info "À savoir"\n'
        "        gratuit.\n\n"
        '??? note "Sur place"\n'
        "    **Au guichet**\n\n"
        "    Avec rendez-vous.\n\n"
        '!!! note "À noter"\n'
        "    un point.\n\n"
        '!!! warning "Attention"\n'
        "    un risque.\n"
    )
    assert unknown == {}


def test_lists_ordered_nested_and_kept_apart() -> None:
    body = """<Texte><Liste type="numero"><Item><Paragraphe>Premier</Paragraphe></Item>
    <Item><Paragraphe>Deuxième</Paragraphe><Liste type="puce"><Item><Paragraphe>détail</Paragraphe></Item></Liste></Item></Liste>
    <Liste type="puce"><Item><Paragraphe>Autre liste</Paragraphe></Item></Liste></Texte>"""
    markdown, _ = render(body)
    assert markdown == "1. Premier\n\n2. Deuxième\n\n    - détail\n\n&nbsp;\n\n- Autre liste\n"


def test_table_with_merged_cells_and_escaped_pipes() -> None:
    body = """<Texte><Tableau><Titre>Plafonds</Titre><Colonne largeur="20" type="normal"/><Colonne largeur="20" type="normal"/><Colonne largeur="20" type="normal"/>
    <Rangée type="header"><Cellule fusionVerticale="2"><Paragraphe>Foyer</Paragraphe></Cellule><Cellule fusionHorizontale="2"><Paragraphe>Montant</Paragraphe></Cellule></Rangée>
    <Rangée type="header"><Cellule><Paragraphe>PLAI</Paragraphe></Cellule><Cellule><Paragraphe>PLUS</Paragraphe></Cellule></Rangée>
    <Rangée type="normal"><Cellule fusionVerticale="2"><Paragraphe>1 personne</Paragraphe></Cellule><Cellule><Paragraphe>10 | 11 €</Paragraphe></Cellule><Cellule><Paragraphe>20 €</Paragraphe><Paragraphe>ou plus</Paragraphe></Cellule></Rangée>
    <Rangée type="normal"><Cellule><Paragraphe>12 €</Paragraphe></Cellule><Cellule><Paragraphe>22 €</Paragraphe></Cellule></Rangée>
    </Tableau></Texte>"""
    markdown, _ = render(body)
    assert markdown == (
        "**Plafonds**\n\n"
        "| Foyer | Montant |  |\n"
        "| --- | --- | --- |\n"
        "|  | **PLAI** | **PLUS** |\n"
        "| 1 personne | 10 \\| 11 € | 20 € ; ou plus |\n"
        "|  | 12 € | 22 € |\n"
    )


def test_inline_emphasis_links_and_services() -> None:
    body = """<Texte><Paragraphe>Le <MiseEnEvidence>1<Exposant>er</Exposant> janvier </MiseEnEvidence>, voir
    <LienExterne URL="https://www.legifrance.gouv.fr/a b">le texte</LienExterne> et <LienInterne LienPublication="F90002" type="Fiche" audience="Professionnels">la fiche</LienInterne>.</Paragraphe>
    <ServiceEnLigne ID="R1" URL="https://www.formulaires.service-public.fr/gf/cerfa_1.do" numerocerfa="12345*01" type="Formulaire"><Titre>Demande</Titre><Source ID="R2">Ministère</Source></ServiceEnLigne>
    <OuSAdresser ID="R3" type="Local personnalisé sur SP"><Titre>Mairie</Titre><PivotLocal>mairie</PivotLocal></OuSAdresser></Texte>"""
    markdown, _ = render(body)
    assert markdown == (
        "Le **1er janvier** , voir [le texte](https://www.legifrance.gouv.fr/a%20b) et "
        "[la fiche](https://www.service-public.fr/professionnels-entreprises/vosdroits/F90002).\n\n"
        "**Formulaire :** [Demande](https://www.formulaires.service-public.fr/gf/cerfa_1.do) — (cerfa n° 12345\\*01)\n\n"
        "**Où s'adresser :** Mairie\n"
    )


def test_hostile_text_is_escaped_never_raw_html_or_placeholder() -> None:
    body = """<Texte><Paragraphe># Titre {{ mairie.telephone }} &lt;script&gt;alert(1)&lt;/script&gt; *gras* [lien](javascript:alert(1)) &amp;copy;</Paragraphe>
    <Paragraphe>1. pas une liste</Paragraphe><Paragraphe>- pas une puce</Paragraphe><Paragraphe>!!! pas une note</Paragraphe>
    <Paragraphe><LienExterne URL="javascript:alert(1)">piège</LienExterne> <LienExterne URL="https://x.example/a)b">ok</LienExterne></Paragraphe></Texte>"""
    markdown, _ = render(body)
    assert "{{" not in markdown
    assert "<script" not in markdown and "](javascript" not in markdown
    assert markdown.splitlines()[0] == (
        "\\# Titre \\{\\{ mairie.telephone \\}\\} &lt;\u2060script>alert(1)&lt;\u2060/script> \\*gras\\* "
        "\\[lien\\]\\(javascript:alert(1)) &amp;copy;"
    )
    assert "1\\. pas une liste" in markdown
    assert "\\- pas une puce" in markdown
    assert "&#33;!! pas une note" in markdown
    assert "piège [ok](https://x.example/a%29b)" in markdown


def test_unknown_element_text_kept_and_counted() -> None:
    body = """<Texte><Paragraphe>Avant <Surprise>texte gardé</Surprise> après.</Paragraphe>
    <Encart><Titre>Encart</Titre><Paragraphe>Contenu de l'encart.</Paragraphe></Encart></Texte>"""
    markdown, unknown = render(body)
    assert markdown == "Avant texte gardé après.\n\n**Encart**\n\nContenu de l'encart.\n"
    assert unknown == {"Surprise": 1, "Encart": 1}


def test_unknown_elements_reported_by_file(kb: KB) -> None:
    path = kb.source / "F1431.xml"
    xml = path.read_text(encoding="utf-8")
    path.write_text(
        xml.replace("<Texte>", "<Texte><Nouveaute><Paragraphe>Texte d'un élément nouveau.</Paragraphe></Nouveaute>", 1),
        encoding="utf-8",
    )
    report = kb.run()
    assert report.unknown == {"Nouveaute": {"F1431.xml": 1}}
    assert "Texte d'un élément nouveau." in kb.text("F1431")


def test_escape_helpers() -> None:
    assert escape("a_b [c] `d` {e} | f") == "a\\_b \\[c\\] \\`d\\` \\{e\\} \\| f"
    assert block_start("+33 1 40 00 00 00") == "+33 1 40 00 00 00"
    assert block_start("12.5 %") == "12.5 %"
    assert block_start("2. étape") == "2\\. étape"
    assert block_start("> cité") == "\\> cité"
