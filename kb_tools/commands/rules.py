"""``kb rules``: print the rules page (Markdown) generated from the rules."""

from __future__ import annotations

import argparse
from pathlib import Path

from kb_tools.commands._common import Subparsers, outputs_allowed, write_output
from kb_tools.rulesdoc import rules_markdown


def register(sub: Subparsers) -> None:
    p = sub.add_parser("rules", help="lister les règles de validation (Markdown)")
    p.add_argument("--output", "-o", default=None)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not outputs_allowed("rules", Path("."), [args.output]):
        return 2
    write_output(args.output, rules_markdown())
    return 0
