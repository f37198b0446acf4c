"""The navigation: sections, never an answer."""

from __future__ import annotations

from sitekb import SAMPLE

from kb_tools.config import load_config
from kb_tools.site.nav import nav


def flatten(items: list) -> list[str]:
    found: list[str] = []
    for item in items:
        if isinstance(item, str):
            found.append(item)
        else:
            for value in item.values():
                found.extend(flatten(value) if isinstance(value, list) else [value])
    return found


def test_nav_lists_sections_and_never_answers() -> None:
    config = load_config(SAMPLE)
    files = ["reponses/etat-civil/a.md", "guide/index.md", "guide/ecrire.md", "index.md"]
    items = nav(config, files)
    assert [next(iter(i)) for i in items] == [
        "Accueil",
        "Services",
        "Étiquettes",
        "Partenaires",
        "Fraîcheur",
        "Glossaire",
        "Guide des rédacteurs",
    ]
    assert items[1] == {
        "Services": [
            "services/index.md",
            {"État civil": "services/etat-civil.md"},
            {"Identité et titres": "services/identite.md"},
        ]
    }
    assert items[6] == {
        "Guide des rédacteurs": [
            "guide/index.md",
            "guide/ecrire.md",
            {"Règles de validation": "guide/regles.md"},
            {"Référence de kb.yml": "guide/reference-kb-yml.md"},
        ]
    }
    assert not [p for p in flatten(items) if p.startswith("reponses/")]
