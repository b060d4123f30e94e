"""Every generated page of the site, in one pass over the corpus."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from samverkan.core import model as m
from samverkan.core.checks_files import file_problem
from samverkan.core.followup import to_csv
from samverkan.site import api, changes, lists, people, status
from samverkan.site.accessibility import statement
from samverkan.site.codes import fill_codes
from samverkan.site.context import SiteContext
from samverkan.site.document import document_page
from samverkan.site.index import SiteIndex
from samverkan.site.revisions import revision_pages
from samverkan.site.search import page as search
from samverkan.site.text import (
    area_path,
    document_path,
    forum_path,
    party_path,
    role_path,
    type_path,
)

START_MARKER = "<!-- samverkan:start -->"
"""Placed in the hand-written start page where the generated blocks go."""

WIDGET_PAGES = frozenset({"index.md", "status/index.md", search.PATH})
"""Pages whose text is all escaped metadata (no body, no description): only they may hold the
site's own search field (start page, search page) and expiry chart (status page) after the HTML policy."""


@dataclass(frozen=True)
class SitePage:
    """A generated file: where it goes below the docs directory, and its content."""

    path: str
    """e.g. ``dokument/EXL-UTS-001.md`` or ``andringar/feed.xml``."""
    content: str
    source_path: str | None = None
    """The content file it was made from, for "edit this page"."""


def site_pages(corpus: m.Corpus, ctx: SiteContext) -> Iterator[SitePage]:
    yield from document_pages(corpus.documents, corpus, ctx)
    index = SiteIndex.build(corpus, ctx)
    for group in group_pages(corpus, index, ctx):
        yield SitePage(group.path, group.make(), group.source_path)
    yield from overview_pages(corpus, index, ctx)


def document_pages(documents: Iterable[m.Document], corpus: m.Corpus, ctx: SiteContext) -> Iterator[SitePage]:
    """The pages of ``documents`` alone: each one's own page, then the pages of their revisions."""
    documents = tuple(documents)
    for doc in documents:
        yield SitePage(document_path(doc), document_page(doc, corpus, ctx), doc.source.path)
    for path, content in revision_pages(corpus, ctx, documents):
        yield SitePage(path, content)


@dataclass(frozen=True)
class GroupPage:
    """A page that shows, of all the documents, one group only: a role's, a forum's, a party's, a type's, an area's."""

    path: str
    documents: tuple[m.Document, ...]
    """The group: as far as documents go, the page changes only when these do."""
    make: Callable[[], str]
    source_path: str | None = None


def group_pages(corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> Iterator[GroupPage]:
    for role in corpus.roles:
        docs = tuple(index.documents_by_role.get(role.id, ()))
        yield GroupPage(role_path(role.id), docs, partial(people.role_page, role, corpus, index, ctx), role.source.path)
    for forum in corpus.forums:
        docs = tuple(index.documents_by_forum.get(forum.id, ()))
        yield GroupPage(forum_path(forum.id), docs, partial(people.forum_page, forum, corpus, index, ctx), forum.source.path)
    for party in corpus.parties:
        docs = tuple(index.documents_by_party.get(party.id, ()))
        yield GroupPage(party_path(party.id), docs, partial(people.party_page, party, corpus, index, ctx), party.source.path)
    for doc_type in m.DocType:
        docs = tuple(index.documents_by_type.get(doc_type, ()))
        yield GroupPage(type_path(doc_type), docs, partial(lists.type_page, doc_type, corpus, index, ctx))
    for area in index.documents_by_area:
        yield GroupPage(area_path(area), tuple(index.documents_by_area[area]), partial(lists.area_page, area, corpus, index, ctx))
    for page in index.documents_by_keyword:
        yield GroupPage(page, tuple(index.documents_by_keyword[page]), partial(lists.keyword_page, page, corpus, index, ctx))


def overview_pages(corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> Iterator[SitePage]:
    """The pages that show all the documents (or none): the A–Ö list, the indexes, the feeds."""
    yield SitePage("dokument/index.md", lists.alphabetical(corpus, index, ctx))
    yield SitePage("typer/index.md", lists.types_index(corpus, index, ctx))
    yield SitePage("omraden/index.md", lists.areas_index(corpus, index, ctx))
    yield SitePage("arkiv/index.md", lists.archive(corpus, index, ctx))
    yield SitePage("taggar/index.md", lists.tags_index(corpus, index, ctx))
    yield SitePage("roller/index.md", people.roles_index(corpus, index, ctx))
    yield SitePage("forum/index.md", people.forums_index(corpus, index, ctx))
    yield SitePage("parter/index.md", people.parties_index(corpus, index, ctx))
    yield SitePage("andringar/index.md", changes.changes_page(corpus, index, ctx))
    yield SitePage(changes.FEED_PATH, changes.atom_feed(corpus, ctx))
    report = status.follow_up_report(corpus, ctx)
    yield SitePage("status/index.md", status.status_page(corpus, index, ctx, report))
    yield SitePage(status.FOLLOW_UP_CSV, to_csv(report))
    yield SitePage("tillganglighet/index.md", statement(ctx))
    yield SitePage(api.DOCUMENTS_PATH, api.documents_feed(corpus, ctx))
    yield SitePage(api.ROLES_PATH, api.roles_feed(corpus, ctx))
    yield SitePage(search.PATH, search.search_page())


def attachments(root: Path, documents: Iterable[m.Document]) -> Iterator[tuple[Path, str] | str]:
    """Images and appendices in the folder beside each document (``routines/<area>/<slug>/``).

    The body links to them relative to its own file; the page lives at ``dokument/<id>``,
    so they are published at ``dokument/<slug>/…`` where those same links lead. Yields
    (source, site path), or a Swedish problem line when two documents would share a path.
    A file that must not be published (a link out of the content folder, a control character
    or a personal number in its name) is never yielded, even to a build that skipped ``check``;
    the loader reports it, at the same path, as a located error.
    """
    published: dict[str, str] = {}
    for doc in documents:
        source = root / doc.source.path
        folder = source.parent / source.stem
        if not folder.is_dir():
            continue
        if file_problem(root, folder):
            continue
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.name.startswith(".") or file_problem(root, path):
                continue
            dest = f"dokument/{source.stem}/{path.relative_to(folder).as_posix()}"
            if dest in published:
                yield f"{doc.source.path}:1: bilagan {dest} finns redan från {published[dest]}; byt namn på dokumentet eller mappen"
                continue
            published[dest] = doc.source.path
            yield path, dest


def start_page(markdown: str, corpus: m.Corpus, ctx: SiteContext, index: SiteIndex | None = None) -> str:
    """Fill a hand-written page's markers: the start page's generated blocks, the owners' page's code table
    (``index``: the corpus's, when already made)."""
    markdown = fill_codes(markdown)
    if START_MARKER not in markdown:
        return markdown
    return markdown.replace(START_MARKER, lists.start_blocks(corpus, index or SiteIndex.build(corpus, ctx), ctx))
