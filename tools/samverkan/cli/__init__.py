"""The ``samverkan`` command: a thin adapter that parses arguments and calls the core.

Each subcommand lives in its own ``cli_*`` module with a ``register(commands)`` function.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from samverkan import __version__
from samverkan.cli import archive as cli_archive
from samverkan.cli import authoring as cli_authoring
from samverkan.cli import check as cli_check
from samverkan.cli import format as cli_format
from samverkan.cli import lifecycle as cli_lifecycle
from samverkan.cli import search as cli_search
from samverkan.cli import site as cli_site
from samverkan.cli import transfer as cli_transfer
from samverkan.cli.common import USAGE_ERROR, Parser, UsageError, describe_os_error

SUBCOMMANDS = (cli_check, cli_authoring, cli_lifecycle, cli_transfer, cli_archive, cli_site, cli_search, cli_format)


def build_parser() -> Parser:
    parser = Parser(prog="samverkan", description="Verktyg för samverkanswebbens gemensamma dokument.")
    parser.add_argument("--version", action="version", version=f"samverkan {__version__}", help="visa versionen och avsluta")
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=Parser)
    commands.required = True
    for module in SUBCOMMANDS:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except UsageError as exc:
        print(f"samverkan: {exc}", file=sys.stderr)
        return USAGE_ERROR
    except OSError as exc:
        # A read-only folder, a full disk, a file that vanished: the file system said no. Every
        # command writes atomically, so nothing is half written when this is reached.
        print(f"samverkan: {describe_os_error(exc)}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
