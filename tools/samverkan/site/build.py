"""Everything the site publishes besides the hand-written docs/, the same for every renderer.

The MkDocs plugin hands each ``SiteFile`` to MkDocs as a virtual file; the folder writer
(``samverkan pages --out``) writes them to disk for any MkDocs-compatible renderer. Both
go through ``site_files``, so the two outputs cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from samverkan.core import model as m
from samverkan.core.archive import ArchivedRevision
from samverkan.core.schemas import SchemaSet
from samverkan.external import vcs
from samverkan.site.context import SiteContext
from samverkan.site.downloads import BackgroundCopies, DownloadCache
from samverkan.site.pages import SitePage, attachments, site_pages
from samverkan.site.revisions import read_archive, revision_copies

MERMAID_TARGET = "assets/vendor/mermaid.min.js"


@dataclass(frozen=True)
class SiteFile:
    """A file of the site below the docs directory: made here (content) or copied (source)."""

    path: str
    """Docs-relative path, e.g. ``dokument/EXL-UTS-001.md``."""
    content: str | bytes | None = None
    """What the file holds, when it is made here."""
    source: Path | None = None
    """The file to copy, when it is copied as it is (images, appendices, scripts)."""


@dataclass(frozen=True)
class GitSource:
    """What the site reads from git: each file's changes and each document's approved revisions."""

    history: Mapping[str, tuple[vcs.Change, ...]]
    """Each content file's changes, newest first."""
    archive: Mapping[str, tuple[ArchivedRevision, ...]]
    """Each document's approved revisions, oldest first."""
    unavailable: str | None = None
    """Why there is no history (no git, not a repository), in Swedish; None when it was read."""


def read_git(root: Path, documents: tuple[m.Document, ...], schemas: SchemaSet | None = None) -> GitSource:
    """One pass over the history for both the file changes and the revision archive."""
    try:
        history = vcs.read_file_history(root)
        return GitSource(history.changes, read_archive(root, documents, history, schemas))
    except vcs.GitUnavailable as exc:
        return GitSource({}, {}, str(exc))


def site_files(
    root: Path,
    corpus: m.Corpus,
    ctx: SiteContext,
    document_texts: dict[str, str],
    download_cache: Path,
    mermaid: Path | None,
    later: BackgroundCopies | None = None,
    pages: Iterable[SitePage] | None = None,
) -> Iterator[SiteFile | str]:
    """Every generated page, attachment, downloadable copy and script; a str is a Swedish problem line.

    With ``later`` the copies not yet in the cache are made in the background (the preview) instead of now;
    ``pages`` are the generated pages when the caller has them already (the preview keeps unchanged ones).
    """
    for page in site_pages(corpus, ctx) if pages is None else pages:
        yield SiteFile(page.path, page.content)
    for item in attachments(root, corpus.documents):
        yield item if isinstance(item, str) else SiteFile(item[1], source=item[0])
    if ctx.downloads:
        cache = DownloadCache(corpus, ctx.today, ctx.window_days, document_texts, root, download_cache)
        revisions = revision_copies(corpus, ctx)
        now = later is None
        for made in chain(cache.files(ctx.downloads, make_missing=now), cache.files(ctx.downloads, revisions, make_missing=now)):
            yield made if isinstance(made, str) else SiteFile(made[0], source=made[1])
        if later is not None:
            later.request(cache, cache.missing(ctx.downloads) + cache.missing(ctx.downloads, revisions))
        else:
            cache.prune()  # every copy the site needs is made: the rest of the cache is stale
    if mermaid is not None and mermaid.is_file():
        yield SiteFile(MERMAID_TARGET, source=mermaid)
