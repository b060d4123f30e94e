"""``samverkan check``: every problem in the content, in text, JSON or GitHub format."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from samverkan.cli.common import (
    UsageError,
    add_content_arguments,
    add_within_argument,
    load_schemas,
    today,
)
from samverkan.core.checks import CheckOptions
from samverkan.core.report import FORMATS
from samverkan.core.runner import run_check
from samverkan.external.vcs import BaseSnapshot, GitUnavailable, base_snapshot, default_base


CACHE_DIR = ".cache/check"
"""Where `check` keeps what it found in each file, inside the content tree (git ignores .cache/)."""


def register(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser(
        "check",
        help="kontrollera alla dokument, roller, forum, parter och lagar",
        description="Läser alla dokument i routines/ och allt i roles/ och rapporterar varje problem som hittas.",
    )
    add_content_arguments(check)
    add_within_argument(check, "varna för dokument som går ut inom så här många dagar")
    check.add_argument("--strict", action="store_true", help="räkna utgångna och snart utgående dokument som fel")
    check.add_argument("--format", choices=sorted(FORMATS), default="text", help="utdata: text, json eller github")
    check.add_argument(
        "--base",
        metavar="REF",
        help="jämför med en gren eller version i git (till exempel origin/main): revision, ändringshistorik, beslut och "
        "borttagna dokument (standard: där ändringen utgår från huvudgrenen, eller den senaste versionen på huvudgrenen)",
    )
    check.add_argument("--no-base", action="store_true", help="jämför inte med någon version i git, kontrollera bara innehållet som det är")
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="läs om alla filer; annars läses bara de som ändrats sedan förra körningen (resultaten sparas i .cache/check/)",
    )
    check.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    schemas = load_schemas(args)
    options = CheckOptions(today=today(args), window_days=args.within, strict=args.strict)
    # With git history, a plain `check` tells the whole truth the pull request will be held to.
    ref = None if args.no_base else (args.base or default_base(args.root))
    try:
        base = base_snapshot(args.root, ref) if ref else None
    except GitUnavailable as exc:
        raise UsageError(str(exc)) from exc
    cache = None if args.no_cache else args.root / CACHE_DIR
    report = replace(run_check(args.root, options, schemas, base, cache=cache, problems_only=True), compared=_compared(args, base))
    sys.stdout.write(FORMATS[args.format](report))
    return report.exit_status


def _compared(args: argparse.Namespace, base: BaseSnapshot | None) -> str:
    """The summary's words for the base, so an owner knows whether the rules for a change were applied."""
    if base is not None:
        return f"jämfört med {args.base if args.base else 'huvudgrenen'} ({base.commit})"
    if args.no_base:
        return "utan jämförelse med huvudgrenen (--no-base)"
    return "utan jämförelse med huvudgrenen (ingen hittades i git)"
