"""``samverkan expiring`` and ``samverkan codeowners``: keeping owners informed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from samverkan.cli.common import (
    UsageError,
    add_confirm_months_argument,
    add_content_arguments,
    add_within_argument,
    load_schemas,
    today,
)
from samverkan.core import codeowners, expiry_report, followup
from samverkan.core.loader import load
from samverkan.core.writing import write_atomically
from samverkan.external.browser import ChromiumMissing, PrintFailed
from samverkan.external.pandoc import PandocFailed, PandocMissing
from samverkan.transfer.report_pdf import report_pdf


def register(commands: argparse._SubParsersAction) -> None:
    expiring = commands.add_parser(
        "expiring",
        help="lista dokument som har gått ut eller snart går ut, per ägare",
        description="Listar fastställda dokument som har gått ut eller går ut inom fönstret, grupperade per ägare, "
        "och uppgifter om roller som inte har bekräftats på länge.",
    )
    add_content_arguments(expiring)
    add_within_argument(expiring, "hur många dagar framåt")
    add_confirm_months_argument(expiring)
    expiring.add_argument("--format", choices=sorted(expiry_report.FORMATS), default="table", help="utdata: table, markdown, json eller csv")
    expiring.set_defaults(handler=run_expiring)

    yearly = commands.add_parser(
        "uppfoljning",
        aliases=["followup"],
        help="daterad uppföljningsrapport för ledningsgrupp och revision",
        description="Läget för de gemensamma styrdokumenten per område, dokumentägare och part, uppgifter om roller "
        "som behöver bekräftas per part och dokument som har passerat sitt översynsintervall – daterad, att bifoga protokollet.",
    )
    add_content_arguments(yearly)
    yearly.add_argument("--format", choices=("markdown", "csv", "pdf"), default="markdown", help="utdata: markdown, csv eller pdf (standard: markdown)")
    yearly.add_argument("--output", type=Path, metavar="FIL", help="fil att skriva (krävs för pdf; annars skrivs rapporten ut)")
    add_within_argument(yearly, "\"går snart ut\" inom så här många dagar")
    add_confirm_months_argument(yearly)
    yearly.set_defaults(handler=run_followup)

    owners = commands.add_parser(
        "codeowners",
        help="skapa CODEOWNERS från dokumentens ägare",
        description="Skriver CODEOWNERS så att en ändring i ett dokument ber dokumentets ägare om granskning.",
    )
    add_content_arguments(owners)
    owners.add_argument("--output", type=Path, help="fil att skriva (standard: <root>/CODEOWNERS)")
    owners.add_argument("--check", action="store_true", help="skriv inget; avsluta med 1 om filen inte är aktuell")
    owners.set_defaults(handler=run_codeowners)


def _corpus(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    loaded = load(args.root, load_schemas(args))
    if any(p.is_error for p in loaded.problems):
        raise UsageError("innehållet har fel; kör `samverkan check` och rätta dem först")
    return loaded.corpus


def run_expiring(args: argparse.Namespace) -> int:
    # The weekly report must go out even when one file has errors: name them and go on.
    loaded = load(args.root, load_schemas(args))
    errors = [p for p in loaded.problems if p.is_error]
    for problem in errors:
        print(f"{problem.location}: {problem.code} {problem.message}", file=sys.stderr)
    if errors:
        print(f"samverkan: {len(errors)} fel; filerna med fel finns inte med i listan (kör samverkan check)", file=sys.stderr)
    report = expiry_report.build_report(loaded.corpus, today(args), args.within, args.confirm_months)
    sys.stdout.write(expiry_report.FORMATS[args.format](report))
    return 0


def run_followup(args: argparse.Namespace) -> int:
    day = today(args)
    report = followup.follow_up(_corpus(args), day, args.within, args.confirm_months)
    if args.format == "csv":
        content: str | bytes = followup.to_csv(report)
    elif args.format == "markdown":
        content = followup.to_markdown(report)
    else:
        if args.output is None:
            raise UsageError("ange filen att skriva PDF-rapporten till med --output, till exempel --output uppfoljning.pdf")
        try:
            content = report_pdf(followup.to_markdown(report), "Uppföljning av de gemensamma styrdokumenten", day)
        except (ChromiumMissing, PrintFailed, PandocMissing, PandocFailed) as exc:
            raise UsageError(str(exc)) from exc
    if args.output is None:
        sys.stdout.write(str(content))
        return 0
    write_atomically(args.output, content)
    print(f"Skrev {args.output}.")
    return 0


def run_codeowners(args: argparse.Namespace) -> int:
    target: Path = args.output or args.root / "CODEOWNERS"
    content = codeowners.render(_corpus(args))
    # A file that is not UTF-8 is simply not current: it is replaced, not a reason for a traceback.
    current = target.read_bytes().decode("utf-8", errors="replace") if target.exists() else None
    if args.check:
        if current != content:
            print(f"{target} är inte aktuell: kör `samverkan codeowners`", file=sys.stderr)
            return 1
        print(f"{target} är aktuell.")
        return 0
    if current == content:
        print(f"{target} är redan aktuell.")
    else:
        write_atomically(target, content)
        print(f"Skrev {target}.")
    return 0
