"""The ``kb`` commands, one module each, listed explicitly."""

from kb_tools.commands import rules, validate

COMMANDS = (validate, rules)
