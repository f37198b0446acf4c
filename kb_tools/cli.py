"""The ``kb`` command line: parses arguments and dispatches to one command
module each (``kb_tools/commands/*.py``). Every command returns an exit code.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from kb_tools.commands import COMMANDS
from kb_tools.commands._common import UsageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: exit 2, in French, no traceback
        self.print_usage(sys.stderr)
        self.exit(2, f"kb: erreur : {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kb", description="Outils de la base de connaissances de l'accueil.")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=_Parser)
    sub.required = True
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(f"kb {args.command}: {exc}", file=sys.stderr)
        return 2
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
