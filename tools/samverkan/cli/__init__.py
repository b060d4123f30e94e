"""The ``samverkan`` command: a thin adapter that parses arguments and calls the core.

Each subcommand lives in its own ``cli_*`` module with a ``register(commands)`` function.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from samverkan import __version__
from samverkan.cli.common import USAGE_ERROR, Parser, UsageError, describe_os_error

SUBCOMMANDS = ("check", "authoring", "lifecycle", "transfer", "archive", "site", "search", "format")
"""The modules in cli/, in the order the help lists their commands."""
COMMANDS = {
    "check": "check",
    "new": "authoring",
    "revise": "authoring",
    "approve": "authoring",
    "expiring": "lifecycle",
    "followup": "lifecycle",
    "uppfoljning": "lifecycle",
    "codeowners": "lifecycle",
    "import": "transfer",
    "export": "transfer",
    "tag": "archive",
    "pages": "site",
    "search-index": "search",
    "format": "format",
}
"""Which module registers each command: a command given first imports its module alone (the others
import a lot, which `check` on every pull request should not wait for). A command missing here
still works; it only loads every module."""


def build_parser(command: str | None = None) -> Parser:
    """The whole command line; with ``command``, only that command's module is loaded."""
    parser = Parser(prog="samverkan", description="Verktyg för samverkanswebbens gemensamma dokument.")
    parser.add_argument("--version", action="version", version=f"samverkan {__version__}", help="visa versionen och avsluta")
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=Parser)
    commands.required = True
    for name in (COMMANDS[command],) if command in COMMANDS else SUBCOMMANDS:
        importlib.import_module(f"samverkan.cli.{name}").register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv[0] if argv else None).parse_args(argv)
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
