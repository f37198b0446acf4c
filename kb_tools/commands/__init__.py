"""The ``kb`` commands, one module each, listed explicitly."""

from kb_tools.commands import codeowners, expiry, export, import_service_public, new, precompress, rules, validate

COMMANDS = (validate, rules, new, expiry, codeowners, import_service_public, export, precompress)
