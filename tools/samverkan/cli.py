"""The ``samverkan`` command: a thin adapter that parses arguments and calls the core.

The clock is read here, and only here, unless ``--today`` pins it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .checks import CheckOptions
from .report import FORMATS
from .runner import default_schema_dir, run_check
from .schemas import SchemaError, SchemaSet

USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(USAGE_ERROR, f"{self.prog}: fel i kommandot: {message}\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else _bad_date(text)
    except ValueError:
        return _bad_date(text)


def _bad_date(text: str) -> dt.date:
    raise argparse.ArgumentTypeError(f"'{text}' är inget datum; skriv ÅÅÅÅ-MM-DD, till exempel 2026-12-01")


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' är inget antal dagar")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="samverkan", description="Verktyg för samverkanswebbens gemensamma dokument.")
    parser.add_argument("--version", action="version", version=f"samverkan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)
    commands.required = True

    check = commands.add_parser(
        "check",
        help="kontrollera alla dokument, roller, forum, parter och lagar",
        description="Läser alla dokument i routines/ och allt i roles/ och rapporterar varje problem som hittas.",
    )
    check.add_argument("--root", type=Path, default=Path("."), help="mappen med routines/ och roles/ (standard: aktuell mapp)")
    check.add_argument("--schemas", type=Path, help="mappen med JSON-scheman (standard: <root>/schema)")
    check.add_argument("--today", type=_date, help="datum som alla beräkningar utgår från, ÅÅÅÅ-MM-DD (standard: i dag)")
    check.add_argument(
        "--within", type=_days, default=90, metavar="DAGAR", help="varna för dokument som går ut inom så här många dagar (standard: 90)"
    )
    check.add_argument("--strict", action="store_true", help="räkna utgångna och snart utgående dokument som fel")
    check.add_argument("--format", choices=sorted(FORMATS), default="text", help="utdata: text, json eller github")
    check.set_defaults(handler=_check)
    return parser


def _check(args: argparse.Namespace) -> int:
    root: Path = args.root
    if not (root / "routines").is_dir() and not (root / "roles").is_dir():
        print(f"samverkan: hittar varken routines/ eller roles/ i {root.resolve()}", file=sys.stderr)
        return USAGE_ERROR
    try:
        schemas = SchemaSet.load(args.schemas or default_schema_dir(root))
    except SchemaError as exc:
        print(f"samverkan: {exc}", file=sys.stderr)
        return USAGE_ERROR
    options = CheckOptions(today=args.today or dt.date.today(), window_days=args.within, strict=args.strict)
    report = run_check(root, options, schemas)
    sys.stdout.write(FORMATS[args.format](report))
    return report.exit_status


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
