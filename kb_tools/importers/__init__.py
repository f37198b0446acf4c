"""Importers: official content turned into answers of the knowledge base.

``service_public`` converts DILA's "Vos droits et démarches" XML fiches
(Service-Public.fr, schema 3.3) into answers under ``docs/reponses/service-public/``.
"""

from kb_tools.importers.service_public import import_service_public
from kb_tools.importers.sp_config import ImportConfig, read_import_config, validate_import_config
from kb_tools.importers.sp_report import ImportReport
from kb_tools.importers.sp_source import SourceError

__all__ = [
    "ImportConfig",
    "ImportReport",
    "SourceError",
    "import_service_public",
    "read_import_config",
    "validate_import_config",
]
