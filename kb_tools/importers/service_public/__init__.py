"""``kb import service-public``: DILA's "Vos droits et démarches" XML fiches
(Service-Public.fr, schema 3.3) as answers under ``docs/reponses/service-public/``.

The modules, from the bottom up (each imports only modules above it in this list):

- ``safe_text``: Markdown-safe text (escaping, links, emphasis);
- ``fiche``: reading one XML file, once: its metadata and its parsed tree;
- ``report``: what an import did, as text or JSON;
- ``archive``: the XML files of a download (zip, tar, folder), read with caps;
- ``lock``: one import at a time on a base;
- ``blocks``: blocks of Markdown, links between fiches, and what the section
  and table renderers need of the fiche renderer;
- ``tables``, ``sections``: ``<Tableau>``, and the link lists, warnings and
  attribution of a fiche;
- ``render``: the body of a fiche as Markdown;
- ``answer``: the front matter of an imported answer;
- ``sync``: the answers already on disk, and writing the changes;
- ``contacts``: the contacts the imported fiches publish;
- ``importer``: the three steps of an import.

Writing files (front matter, atomic replacement) is shared with the other
importer, in :mod:`kb_tools.importers.writing`.
"""

from kb_tools.import_settings import ImportConfig, read_import_config, validate_import_config
from kb_tools.importers.service_public.importer import import_service_public
from kb_tools.importers.service_public.report import ImportReport

__all__ = [
    "ImportConfig",
    "ImportReport",
    "import_service_public",
    "read_import_config",
    "validate_import_config",
]
