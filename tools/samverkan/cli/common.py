"""Argument types and set-up shared by the ``samverkan`` subcommands (part of the CLI adapter)."""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import sys
from pathlib import Path

from samverkan.core.os_reasons import os_reason
from samverkan.core.runner import default_schema_dir
from samverkan.core.schemas import SchemaError, SchemaSet

USAGE_ERROR = 2


class UsageError(Exception):
    """Something about the command line or the set-up, not the content; exits 2 with the message."""


class _SwedishHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        # Options from required_options() show without [brackets] in the usage line.
        actions = [copy.copy(a) if getattr(a, "needed", False) else a for a in actions]
        for action in actions:
            if getattr(action, "needed", False):
                action.required = True
        super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse with its own words in Swedish: owners read the help, not only maintainers."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _SwedishHelp)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argument"
        self._optionals.title = "val"
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(USAGE_ERROR, f"{self.prog}: fel i kommandot: {message}\n")


def parse_date(text: str) -> dt.date:
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"'{text}' är inget datum; skriv ÅÅÅÅ-MM-DD, till exempel 2026-12-01")


def parse_days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' är inget antal dagar")
    return int(text)


def parse_months(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' är inget antal månader")
    return int(text)


def required_options(parser: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    """A help section of its own for options a command cannot do without.

    Not argparse's ``required=True``: its English error would come before our Swedish one,
    and ``new`` asks for a missing owner on a terminal instead of failing.
    """
    group = parser.add_argument_group("obligatoriska val", "måste anges (i en terminal frågar kommandot efter det som saknas)")
    add = group.add_argument

    def add_needed(*args, **kwargs):  # type: ignore[no-untyped-def]
        action = add(*args, **kwargs)
        action.needed = True  # type: ignore[attr-defined]
        return action

    group.add_argument = add_needed  # type: ignore[method-assign]
    return group


def add_id_argument(parser: argparse.ArgumentParser) -> None:
    """The document a command works on, named by its id."""
    parser.add_argument("id", metavar="ID", help="dokumentets id, till exempel EXL-UTS-001")


def add_within_argument(parser: argparse.ArgumentParser, help: str) -> None:  # noqa: A002 - argparse's name
    """--within: how many days ahead a document counts as expiring soon (the check's window by default)."""
    parser.add_argument("--within", type=parse_days, default=90, metavar="DAGAR", help=help + " (standard: 90)")


def add_confirm_months_argument(parser: argparse.ArgumentParser) -> None:
    """--confirm-months: how old an assignment may be before it needs confirming."""
    parser.add_argument("--confirm-months", type=parse_months, default=12, metavar="MÅNADER", help="hur gamla uppgifter om roller får vara (standard: 12)")


def add_content_arguments(parser: argparse.ArgumentParser) -> None:
    """--root, --schemas and --today: where the content is and which day it is."""
    parser.add_argument("--root", type=Path, default=Path("."), metavar="MAPP", help="mappen med routines/ och roles/ (standard: aktuell mapp)")
    parser.add_argument("--schemas", type=Path, metavar="MAPP", help="mappen med JSON-scheman (standard: <root>/schema)")
    parser.add_argument("--today", type=parse_date, metavar="DATUM", help="datum som alla beräkningar utgår från, ÅÅÅÅ-MM-DD (standard: i dag)")


def today(args: argparse.Namespace) -> dt.date:
    """The one place the CLI reads the clock."""
    return args.today or dt.date.today()


def load_schemas(args: argparse.Namespace) -> SchemaSet:
    root: Path = args.root
    if not (root / "routines").is_dir() and not (root / "roles").is_dir():
        raise UsageError(f"hittar varken routines/ eller roles/ i {root.resolve()}")
    try:
        return SchemaSet.load(args.schemas or default_schema_dir(root))
    except SchemaError as exc:
        raise UsageError(str(exc)) from exc


def describe_os_error(exc: OSError) -> str:
    """A Swedish sentence for a failed file operation, with the path it concerned."""
    reason = os_reason(exc)
    where = exc.filename if exc.filename is not None else ""
    return f"kan inte läsa eller skriva {where}: {reason}; kommandot avbröts" if where else f"{reason}; kommandot avbröts"
