"""``samverkan format``: give documents, roles, forums and parties back the layout of the repository after a tool rewrote them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from samverkan.authoring.frontmatter_edit import FrontMatterError
from samverkan.authoring.layout import Layout, restore_layout, restore_yaml_layout
from samverkan.cli.common import UsageError
from samverkan.core.loader import REGISTERS, YAML_SUFFIXES
from samverkan.core.runner import default_schema_dir
from samverkan.core.writing import write_atomically
from samverkan.external.vcs import GitUnavailable, base_snapshot


def register(commands: argparse._SubParsersAction) -> None:
    fmt = commands.add_parser(
        "format",
        help="återställ dokumentens, rollernas, forumens och parternas vanliga form efter webbredigeraren",
        description="Webbredigeraren skriver om uppgiftsdelen överst i ett dokument: fälten i en annan ordning, "
        "utan schemakommentaren och med långa rader brutna. Det här kommandot lägger tillbaka uppgifterna i "
        "dokumentets form som den var i jämförelsepunkten (--base), så att en ändring av ett fält bara ändrar "
        "den raden. Ett nytt dokument får samma form som samverkan new ger. Roller, forum och parter i roles/ "
        "formateras på samma sätt.",
    )
    fmt.add_argument("files", nargs="*", type=Path, metavar="FIL", help="filer att formatera (standard: alla dokument i routines/ och alla roller, forum och parter i roles/)")
    fmt.add_argument("--root", type=Path, default=Path("."), metavar="MAPP", help="mappen med routines/ och roles/ (standard: aktuell mapp)")
    fmt.add_argument("--base", default="HEAD", metavar="REF", help="versionen i git vars form gäller (standard: HEAD; i en pull request: målgrenen, till exempel origin/main)")
    fmt.add_argument("--check", action="store_true", help="ändra inget; avsluta med 1 om något dokument behöver formateras")
    fmt.set_defaults(handler=run)


_FOLDER_KINDS = {"forums": "forum", "parties": "party"}


def _kind(rel: str) -> str | None:
    """Which kind of content file ``rel`` is, if format handles it: documents, roles, forums and parties."""
    parts = rel.split("/")
    if parts[0] == "routines":
        return "document" if rel.endswith(".md") else None
    if parts[0] != "roles" or Path(rel).suffix not in YAML_SUFFIXES:
        return None
    if len(parts) == 2:
        return None if Path(rel).stem in REGISTERS else "role"
    return _FOLDER_KINDS.get(parts[1]) if len(parts) == 3 else None


def yaml_layouts(root: Path) -> dict[str, Layout]:
    """Each YAML kind's layout: its schema comment as the example files have it, keys in its schema's order."""
    schemas = default_schema_dir(root)
    layouts = {}
    for kind, up in (("role", "../"), ("forum", "../../"), ("party", "../../")):
        order = tuple(json.loads((schemas / f"{kind}.schema.json").read_text(encoding="utf-8"))["properties"])
        layouts[kind] = Layout(f"# yaml-language-server: $schema={up}schema/{kind}.schema.json", order)
    return layouts


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    try:
        bases = [base_snapshot(root, args.base), base_snapshot(root, args.base, "roles", tuple(YAML_SUFFIXES))]
    except GitUnavailable as exc:
        raise UsageError(str(exc)) from exc
    texts = {path: text for base in bases for path, text in base.texts.items()}
    moved_from = {new: old for base in bases for old, new in base.renames.items()}
    layouts = yaml_layouts(root)
    paths = [p.resolve() for p in args.files] or sorted(
        p for p in (*(root / "routines").rglob("*.md"), *(root / "roles").rglob("*")) if p.is_file()
    )
    status = 0
    for path in paths:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
        kind = _kind(rel)
        if kind is None:
            continue
        text = path.read_text(encoding="utf-8")
        before = texts.get(moved_from.get(rel, rel))
        if text == before:
            continue  # unchanged since the base: nothing to restore, even if it cannot be read
        part = "uppgiftsdelen" if kind == "document" else "filen"
        try:
            fixed = restore_layout(text, before, rel) if kind == "document" else restore_yaml_layout(text, before, rel, layouts[kind])
        except FrontMatterError as exc:
            print(f"{rel}:1: F-FORMAT kan inte formateras: {exc} (tips: kör samverkan check)", file=sys.stderr)
            status = 1
            continue
        if fixed == text:
            continue
        if args.check:
            print(f"{rel}:1: F-FORMAT {part} har inte sin vanliga form (tips: kör samverkan format --base {args.base})")
            status = 1
        else:
            write_atomically(path, fixed, expect=text)
            print(f"{rel}: {part} har fått tillbaka sin vanliga form")
    return status
