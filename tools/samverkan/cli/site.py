"""``samverkan pages``: the site as plain Markdown and assets in a folder, for any MkDocs-compatible renderer."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from samverkan.cli.common import UsageError, parse_date, today
from samverkan.core.schemas import SchemaError
from samverkan.renderers.folder import UnsafeOutput, write_pages


def register(commands: argparse._SubParsersAction) -> None:
    pages = commands.add_parser(
        "pages",
        help="skriv webbplatsens sidor som Markdown i en mapp (för Zensical eller ett annat byggverktyg)",
        description="Gör samma sidor som MkDocs-tillägget och skriver dem, med bilder, kopior och en mkdocs.yml utan "
        "tillägget, till MAPP. Bygg sedan med till exempel `zensical build -f MAPP/mkdocs.yml`.",
    )
    pages.add_argument("--out", type=Path, required=True, metavar="MAPP", help="mappen att skriva till (docs/ och mkdocs.yml där skrivs om)")
    pages.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="FIL", help="webbplatsens inställningar (standard: mkdocs.yml)")
    pages.add_argument("--today", type=parse_date, metavar="DATUM", help="datum som sidorna visar läget för, ÅÅÅÅ-MM-DD (standard: i dag)")
    pages.add_argument("--no-downloads", action="store_true", help="gör inga PDF- och Word-kopior")
    pages.add_argument(
        "--for",
        dest="renderer",
        choices=("zensical", "mkdocs"),
        default="zensical",
        help="byggverktyget som bygger mappen: zensical (standard) eller mkdocs (MkDocs eller ProperDocs utan tillägget); "
        "de skriver länkarna i listorna på olika sätt",
    )
    pages.set_defaults(handler=run_pages)


def run_pages(args: argparse.Namespace) -> int:
    if not args.config.is_file():
        raise UsageError(f"hittar inte inställningsfilen {args.config}")
    try:
        written = write_pages(args.config, args.out, today(args), downloads=not args.no_downloads, final_links=args.renderer == "mkdocs")
    except (SchemaError, UnsafeOutput) as exc:
        raise UsageError(str(exc)) from exc
    for problem in written.problems:
        if problem.is_error:
            hint = f" (tips: {problem.hint})" if problem.hint else ""
            print(f"{problem.location}: {problem.code} {problem.message}{hint}", file=sys.stderr)
    for line in (*written.errors, *written.notes):
        print(line, file=sys.stderr)
    if written.failed:
        print("Innehållet har fel; rätta dem (samverkan check visar alla).", file=sys.stderr)
        return 1
    print(f"Skrev {written.files} filer och {args.out / 'mkdocs.yml'}.")
    return 0
