"""The ``kb`` command line: parses arguments and dispatches to one command
module each (``kb_tools/commands/*.py``). Every command returns an exit code.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn

from kb_tools.commands import COMMANDS, argparse_fr
from kb_tools.errors import KbError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors: exit 2, in French, no traceback
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: erreur : {message}\n")


def build_parser() -> argparse.ArgumentParser:
    argparse_fr.install()
    parser = _Parser(prog="kb", description="Outils de la base de connaissances de l'accueil.")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=_Parser)
    sub.required = True
    for module in COMMANDS:
        module.register(sub)
    argparse_fr.name_values(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KbError as exc:
        print(f"kb {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception:  # a bug, never a user mistake: say so without a raw traceback
        if os.environ.get("KB_DEBUG"):
            traceback.print_exc()
        print(
            "kb: erreur interne inattendue. Relancez avec KB_DEBUG=1 pour le détail "
            "et signalez-la à l'équipe technique.",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
