"""``samverkan search-index``: build the site search for an already built site folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from samverkan.cli.common import UsageError, add_content_arguments, add_within_argument, load_schemas, today
from samverkan.core.loader import load
from samverkan.external.pagefind import PagefindFailed, PagefindUnavailable
from samverkan.site.search.hunspell import DictionaryMissing
from samverkan.site.search.indexing import index_site


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "search-index",
        help="bygg sökningen för en färdigbyggd webbplats",
        description="Läser de byggda sidorna för dokument, roller, forum och parter i MAPP och skriver sökindexet "
        "(MAPP/pagefind/) och sökrutans filer (MAPP/sok/). MkDocs-bygget gör detta självt; kommandot är till för "
        "webbplatser som byggs på annat sätt.",
    )
    parser.add_argument("site", type=Path, metavar="MAPP", help="mappen med den byggda webbplatsen")
    add_content_arguments(parser)
    # The window decides each document's status in the search's filter, so it must be the site's.
    add_within_argument(
        parser,
        "hur många dagar innan giltighetstiden går ut som ett dokument står som ”Går snart ut” i sökningens filter för status; "
        "ange samma antal som webbplatsen (expiry_window_days i mkdocs.yml)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not (args.site / "index.html").is_file():
        raise UsageError(f"{args.site} är ingen byggd webbplats (index.html saknas)")
    loaded = load(args.root, load_schemas(args))
    if any(p.is_error for p in loaded.problems):
        raise UsageError("innehållet har fel; kör `samverkan check` och rätta dem först")
    try:
        report = index_site(args.site, loaded.corpus, today(args), args.within)
    except (PagefindUnavailable, PagefindFailed, DictionaryMissing) as exc:
        raise UsageError(f"ingen sökning: {exc}") from exc
    for path in report.missing:
        print(f"{path}: sidan saknas i den byggda webbplatsen och kommer inte med i sökningen")
    print(f"Sökningen omfattar {report.pages} sidor ({report.vocabulary_words} ord i ordlistan för sökrutan).")
    return 1 if report.missing else 0
