"""The search index of the served site, made by a process of its own: ``python -m samverkan.site.preview_search``.

Pagefind indexes a whole site (it cannot add one page), so under `mkdocs serve` it runs after each
save, in the background, at a low priority. The process reads the content itself instead of being
handed the server's: a new interpreter shares no threads or locks with the server (a fork of the
threaded server could inherit a held lock), and sending 2,000 documents over a pipe would cost
the server, which the owner is waiting for, a quarter of a second per save.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from samverkan.core.loader import load
from samverkan.core.schemas import SchemaSet
from samverkan.external.pagefind import PagefindFailed, PagefindUnavailable
from samverkan.site.search.hunspell import DictionaryMissing
from samverkan.site.search.indexing import index_site


def command(site: Path, root: Path, schemas: Path, today: dt.date, window_days: int) -> list[str]:
    """The command line that indexes ``site``, built from the content under ``root``."""
    return [sys.executable, "-m", __name__, str(site), str(root), str(schemas), today.isoformat(), str(window_days)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("root", type=Path)
    parser.add_argument("schemas", type=Path)
    parser.add_argument("today", type=dt.date.fromisoformat)
    parser.add_argument("window_days", type=int)
    args = parser.parse_args(argv)
    if hasattr(os, "nice"):
        os.nice(10)  # the next rebuild, which the owner waits for, comes first
    corpus = load(args.root, SchemaSet.load(args.schemas)).corpus
    try:
        index_site(args.site, corpus, args.today, args.window_days)
    except (PagefindUnavailable, PagefindFailed, DictionaryMissing) as exc:
        print(f"samverkan: ingen sökning: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
