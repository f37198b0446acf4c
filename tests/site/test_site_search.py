"""The search index shaped for Material's built-in search, and the word separator."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import yaml
from sitekb import ROOT, answer

from kb_tools.site import search
from kb_tools.site.context import SiteContext


def entry(ctx: SiteContext, answer_id: str) -> dict:
    index = search.shape_index({"config": {}, "docs": []}, ctx, use_directory_urls=True)
    return next(d for d in index["docs"] if d["location"].rstrip("/").endswith("/" + answer_id))


def test_one_entry_per_live_answer(sample_ctx: SiteContext) -> None:
    material = {
        "config": {"lang": ["fr"], "separator": "[\\s]+", "pipeline": ["stopWordFilter"], "fields": {}},
        "docs": [
            {"location": "reponses/etat-civil/acte-de-naissance/", "title": "x", "text": "section"},
            {"location": "reponses/etat-civil/acte-de-naissance/#en-bref", "title": "En bref", "text": "y"},
            {"location": "reponses/etat-civil/ancienne-procedure/", "title": "archived", "text": ""},
            {"location": "glossaire/", "title": "Glossaire", "text": "CAF"},
        ],
    }
    index = search.shape_index(material, sample_ctx, use_directory_urls=True)
    locations = [d["location"] for d in index["docs"] if "#" not in d["location"]]  # sections: test_site_search_deep
    assert sorted(locations) == [
        "glossaire/",
        "reponses/etat-civil/acte-de-deces/",
        "reponses/etat-civil/acte-de-naissance/",
        "reponses/etat-civil/livret-de-famille/",
        "reponses/identite/cni/",
        "reponses/identite/passeport/",
        "reponses/identite/sp-f1341/",
    ]
    assert index["config"]["lang"] == ["fr"] and index["config"]["pipeline"] == ["stopWordFilter"]
    boosts = index["config"]["fields"]
    assert boosts["title"]["boost"] > boosts["tags"]["boost"] > boosts["text"]["boost"]


def test_offline_locations(sample_ctx: SiteContext) -> None:
    index = search.shape_index({"docs": []}, sample_ctx, use_directory_urls=False)
    assert "reponses/identite/cni.html" in [d["location"] for d in index["docs"]]


def test_entry_fields(sample_ctx: SiteContext) -> None:
    e = entry(sample_ctx, "acte-de-naissance")
    assert e["title"] == "Obtenir un acte de naissance"
    assert e["text"] == (
        "<p>Où et comment demander une copie ou un extrait d'acte de naissance.</p>"
        "<p>L'acte de naissance se demande à la mairie du lieu de naissance. La démarche est gratuite.</p>"
        "<p>Pour une attestation de la CAF, un extrait suffit.</p>"
    )
    tags = e["tags"]
    assert tags[:2] == ["extrait de naissance", "papier de naissance"]  # aliases first
    assert {"Actes d'état civil", "copie intégrale", "Famille", "enfant", "État civil"} <= set(tags)
    assert tags[-1] == "etat integrale"  # accent-folded copies, once each


def test_glossary_meaning_of_acronyms_in_title_or_aliases(sample_ctx: SiteContext) -> None:
    tags = entry(sample_ctx, "cni")["tags"]
    assert "Carte nationale d'identité" in tags
    assert tags.count("CNI") == 2  # the alias and the tag synonym: the answer that says it ranks first
    assert "Carte nationale d'identité" not in entry(sample_ctx, "passeport")["tags"]


def test_text_is_cut_and_escaped(make_ctx: Callable[..., SiteContext]) -> None:
    long = "Un mot <b>gras</b> & " + "très " * 400
    ctx = make_ctx({"docs/reponses/etat-civil/a.md": answer("A & B", body=long)})
    e = entry(ctx, "a")
    assert e["title"] == "A &amp; B"
    assert e["text"].startswith("<p>Un mot gras &amp; très")
    assert len(e["text"]) < search.TEXT_LIMIT + 20


def test_folded_words() -> None:
    assert search.folded_words(["État civil", "Décès et état", "naïf"]) == ["etat", "deces", "naif"]


# --- the word separator of mkdocs.yml, applied like Material's search does ----


@pytest.fixture(scope="module")
def separator() -> re.Pattern[str]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return re.compile(config["plugins"]["search"]["separator"])


def split(text: str, separator: re.Pattern[str]) -> list[str]:
    """Material's ``split()`` (integrations/search/internal): the ranges between matches."""
    words, index = [], 0
    for match in separator.finditer(text):
        if index < match.start():
            words.append(text[index : match.start()])
        index = match.end()
    if index < len(text):
        words.append(text[index:])
    return words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("acte de naissance", ["acte", "naissance"]),
        ("carte d'identité", ["carte", "identité"]),
        ("L’acte de l'état civil", ["acte", "état", "civil"]),
        ("s'inscrire pour voter", ["inscrire", "voter"]),
        ("partir à la retraite", ["partir", "retraite"]),
        ("Décès (acte), fin.", ["Décès", "acte", "fin"]),
        ("1.5 km", ["1.5", "km"]),
        ("pré-demande ANTS", ["pré", "demande", "ANTS"]),
        ("aujourd'hui", ["aujourd", "hui"]),
        ("dessert la ville", ["dessert", "ville"]),
        ("CNI", ["CNI"]),
    ],
)
def test_separator(separator: re.Pattern[str], text: str, words: list[str]) -> None:
    assert split(text, separator) == words
