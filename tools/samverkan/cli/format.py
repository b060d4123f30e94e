"""``samverkan format``: give documents back the layout of the repository after a tool rewrote them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from samverkan.authoring.frontmatter_edit import FrontMatterError
from samverkan.authoring.layout import restore_layout
from samverkan.cli.common import UsageError
from samverkan.core.writing import write_atomically
from samverkan.external.vcs import GitUnavailable, base_snapshot


def register(commands: argparse._SubParsersAction) -> None:
    fmt = commands.add_parser(
        "format",
        help="återställ dokumentens vanliga form efter webbredigeraren",
        description="Webbredigeraren skriver om uppgiftsdelen överst i ett dokument: fälten i en annan ordning, "
        "utan schemakommentaren och med långa rader brutna. Det här kommandot lägger tillbaka uppgifterna i "
        "dokumentets form som den var i jämförelsepunkten (--base), så att en ändring av ett fält bara ändrar "
        "den raden. Ett nytt dokument får samma form som samverkan new ger.",
    )
    fmt.add_argument("files", nargs="*", type=Path, metavar="FIL", help="dokument att formatera (standard: alla i routines/)")
    fmt.add_argument("--root", type=Path, default=Path("."), metavar="MAPP", help="mappen med routines/ (standard: aktuell mapp)")
    fmt.add_argument("--base", default="HEAD", metavar="REF", help="versionen i git vars form gäller (standard: HEAD; i en pull request: målgrenen, till exempel origin/main)")
    fmt.add_argument("--check", action="store_true", help="ändra inget; avsluta med 1 om något dokument behöver formateras")
    fmt.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    try:
        base = base_snapshot(root, args.base)
    except GitUnavailable as exc:
        raise UsageError(str(exc)) from exc
    moved_from = {new: old for old, new in base.renames.items()}
    paths = [p.resolve() for p in args.files] or sorted((root / "routines").rglob("*.md"))
    status = 0
    for path in paths:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
        if not rel.startswith("routines/") or path.suffix != ".md":
            continue
        text = path.read_text(encoding="utf-8")
        before = base.texts.get(moved_from.get(rel, rel))
        if text == before:
            continue  # unchanged since the base: nothing to restore, even if it cannot be read
        try:
            fixed = restore_layout(text, before, rel)
        except FrontMatterError as exc:
            print(f"{rel}:1: F-FORMAT kan inte formateras: {exc} (tips: kör samverkan check)", file=sys.stderr)
            status = 1
            continue
        if fixed == text:
            continue
        if args.check:
            print(f"{rel}:1: F-FORMAT uppgiftsdelen har inte sin vanliga form (tips: kör samverkan format --base {args.base})")
            status = 1
        else:
            write_atomically(path, fixed, expect=text)
            print(f"{rel}: uppgiftsdelen har fått tillbaka sin vanliga form")
    return status
