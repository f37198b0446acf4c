"""Helpers for the importer tests: a small knowledge base in tmp_path
(never the real docs/) and the Service-Public.fr fixtures.

The fixtures are eight real DILA fiches (November 2020) that link to each
other, plus ``F99999.xml``, a deliberately corrupt file (mismatched tag on
line 4). The expected Markdown lives in ``expected/``; regenerate it with
``KB_UPDATE_GOLDEN=1 pytest tests/importers`` and review the diff by eye.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from kb_tools.importers.service_public import ImportConfig, ImportReport, import_service_public, read_import_config

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "service_public"
EXPECTED = FIXTURES / "expected"
GOOD = ("F10449", "F1343", "F1427", "F1429", "F1431", "F1432", "F1444", "F885")
CORRUPT = "F99999"
TODAY = dt.date(2026, 11, 16)
FOLDER = "docs/reponses/service-public"

CONFIG = """\
site:
  name: "Base de test"
services:
  etat-civil:
    label: "État civil"
    owner: "@test/etat-civil"
  national:
    label: "Fiches nationales (Service-Public.fr)"
    owner: "@test/documentation"
tags:
  acte:
    label: "Actes d'état civil"
  nom-prenom:
    label: "Nom et prénom"
  fiche-nationale:
    label: "Fiche nationale Service-Public.fr"
import:
  service_public:
    folder: reponses/service-public
    audiences: [particuliers]
    themes: []
    fiches: []
    only_fiches: true
    validity_days: 365
    default_service: national
    default_tag: fiche-nationale
    service_map:
      N359: etat-civil
    tag_map:
      N359: acte
      N31778: [nom-prenom]   # Changement d'état civil
"""


class KB:
    """A knowledge base root with kb.yml, a copy of the fixtures as source."""

    def __init__(self, root: Path, source: Path) -> None:
        self.root, self.source = root, source
        (root / "docs" / "reponses").mkdir(parents=True)
        self.set_config(CONFIG)

    def set_config(self, text: str) -> None:
        (self.root / "kb.yml").write_text(textwrap.dedent(text), encoding="utf-8")

    @property
    def config(self) -> ImportConfig:
        import yaml

        cfg, errors = read_import_config(yaml.safe_load((self.root / "kb.yml").read_text(encoding="utf-8")))
        assert errors == []
        return cfg

    def run(self, source: Path | None = None, today: dt.date = TODAY, dry_run: bool = False) -> ImportReport:
        return import_service_public(self.root, source or self.source, self.config, today, dry_run=dry_run)

    def answer(self, fiche_id: str) -> Path:
        return self.root / FOLDER / f"sp-{fiche_id.lower()}.md"

    def text(self, fiche_id: str) -> str:
        return self.answer(fiche_id).read_text(encoding="utf-8")

    def snapshot(self) -> dict[str, tuple[bytes, int]]:
        """Bytes and mtime of every file under docs/."""
        docs = self.root / "docs"
        return {
            p.relative_to(docs).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(docs.rglob("*"))
            if p.is_file()
        }

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path


def fiche_xml(
    body: str, fiche_id: str = "F90001", title: str = "Fiche de test", description: str = "Résumé de la fiche."
) -> bytes:
    """A minimal DILA publication around ``body`` (XML elements after the metadata)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Publication xmlns:dc="http://purl.org/dc/elements/1.1/" ID="{fiche_id}" type="Fiche d'information" spUrl="https://www.service-public.fr/particuliers/vosdroits/{fiche_id}">
<dc:title>{title}</dc:title><dc:description>{description}</dc:description><dc:date>modified 2020-05-04</dc:date>
<dc:identifier>{fiche_id}</dc:identifier><Audience>Particuliers</Audience>
<FilDAriane><Niveau ID="Particuliers">Accueil particuliers</Niveau><Niveau ID="N19810">Papiers - Citoyenneté</Niveau><Niveau ID="{fiche_id}">{title}</Niveau></FilDAriane>
<Theme ID="N19810"><Titre>Papiers - Citoyenneté</Titre></Theme>
{body}
</Publication>
""".encode()


def render(body: str, imported: frozenset[str] = frozenset()) -> tuple[str, dict[str, int]]:
    """Markdown body of a synthetic fiche (without the "En bref" and source lines) and its unknown elements."""
    from kb_tools.importers.service_public.blocks import Links
    from kb_tools.importers.service_public.fiche import read_fiche
    from kb_tools.importers.service_public.render import Renderer

    fiche, root = read_fiche(fiche_xml(body), "F90001.xml")
    renderer = Renderer(fiche, "particuliers", Links(imported))
    text = renderer.document(root)
    core = text.split("\n\n", 2)[2].rsplit("\n\nSource : ", 1)[0]
    return core + "\n", dict(renderer.unknown)
