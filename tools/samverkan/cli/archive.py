"""``samverkan tag``: mark every approved revision in the history with a git tag ``<id>/r<revision>``."""

from __future__ import annotations

import argparse
from pathlib import Path

from samverkan.cli.common import UsageError
from samverkan.core import archive
from samverkan.core.archive import Snapshot
from samverkan.external import vcs


def register(commands: argparse._SubParsersAction) -> None:
    tag = commands.add_parser(
        "tag",
        help="sätt en git-tagg på varje fastställd revision som saknar en",
        description="Går igenom dokumentens historik en gång och sätter taggen <id>/r<revision> på versionen "
        "där varje revision fastställdes (status: approved), om taggen saknas. Taggarna gör att webbplatsen "
        "kan visa tidigare versioner. Skicka dem sedan med git push --tags.",
    )
    tag.add_argument("--root", type=Path, default=Path("."), metavar="MAPP", help="mappen med routines/ (standard: aktuell mapp)")
    tag.add_argument("--dry-run", action="store_true", help="visa vilka taggar som skulle sättas, utan att sätta dem")
    tag.set_defaults(handler=run_tag)


def run_tag(args: argparse.Namespace) -> int:
    root: Path = args.root
    try:
        history = vcs.read_file_history(root, ("routines",))
        texts = vcs.read_blobs(root, (v.blob for found in history.versions.values() for v in found))
        files = [[Snapshot(v.change.sha, v.change.date, texts[v.blob]) for v in found] for found in history.versions.values()]
        missing = archive.missing_tags(files, (t.name for t in vcs.read_tags(root)))
        for name, snap in sorted(missing.items()):
            if not args.dry_run:
                doc_id, revision = archive.parse_tag(name) or (name, 0)
                vcs.create_tag(root, name, snap.commit, f"{doc_id} revision {revision} fastställd")
            verb = "Skulle sätta" if args.dry_run else "Satte"
            print(f"{verb} taggen {name} på version {snap.commit[:8]} ({snap.date.isoformat()}).")
    except vcs.GitUnavailable as exc:
        raise UsageError(str(exc)) from exc
    if not missing:
        print("Alla fastställda revisioner har redan en tagg.")
    return 0
