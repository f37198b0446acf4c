"""Importers: content from elsewhere turned into answers of the knowledge base.

- :mod:`kb_tools.importers.service_public` converts DILA's "Vos droits et
  démarches" XML fiches (Service-Public.fr, schema 3.3) into answers under
  ``docs/reponses/service-public/`` (``kb import service-public``);
- :mod:`kb_tools.importers.kb_export` starts a base from another base's JSON
  export (``kb import kb-export``).
"""
