"""What `mkdocs serve` keeps between rebuilds, so that a saved file costs only what it changed.

MkDocs run with ``--dirty`` renders again only the pages whose source file is newer than the
page it wrote. The generated pages have no source file of their own, so under serve each is
written to a folder of its own (``PageFolder``), and only when its text changed: the edited
document, the lists and the role, forum and party pages that show it, and the documents that
link to it are then rendered again, and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path

from samverkan.core import model as m
from samverkan.core.schemas import SchemaSet
from samverkan.site.context import SiteContext
from samverkan.site.index import SiteIndex
from samverkan.site.pages import SitePage, document_pages, group_pages, overview_pages, site_pages


@dataclass
class PageFolder:
    """Generated files on disk, rewritten only when their content changes (their time then tells MkDocs)."""

    folder: Path
    written: int = 0
    """Files written by the last round (the changed ones)."""
    _contents: dict[str, str | bytes] = field(default_factory=dict)
    """What each file holds: a page kept from the last round is the same object, so most comparisons are free."""
    _sources: dict[str, Path] = field(default_factory=dict)
    """Files copied into the site as they are (attachments, PDF and Word copies): where each came from."""
    _round: set[str] = field(default_factory=set)

    def copied(self, path: str, source: Path) -> bool:
        """Record that the site path ``path`` is a copy of ``source``; whether it was another file last round
        (a copy's time tells MkDocs only that it is new, not that it is another: an edit undone brings back an older one)."""
        self._round.add(path)
        if self._contents.pop(path, None) is not None:  # it was a page last round
            (self.folder / path).unlink(missing_ok=True)
        other = self._sources.get(path, source) != source
        self._sources[path] = source
        return other

    def put(self, path: str, content: str | bytes) -> tuple[Path, bool]:
        """The file holding ``content`` for the site path ``path``, and whether it was written now."""
        target = self.folder / path
        self._round.add(path)
        self._sources.pop(path, None)
        # An object equals itself at once; the file check costs a stat and survives a removed .cache/.
        if self._contents.get(path, None) == content and target.is_file():
            return target, False
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
        self._contents[path] = content
        self.written += 1
        return target, True

    def end_round(self) -> list[str]:
        """Close a rebuild: forget and delete what it no longer made; returns those site paths."""
        gone = sorted((self._contents.keys() | self._sources.keys()) - self._round)
        for path in gone:
            self._sources.pop(path, None)
            if self._contents.pop(path, None) is not None:  # a path can have been a page, then a copy
                (self.folder / path).unlink(missing_ok=True)
        self._round = set()
        self.written = 0
        return gone


def stamp(files: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """What tells a set of files apart from the same files edited: names, sizes and change times."""
    out = []
    for path in sorted(files):
        st = path.stat()
        out.append((path.name, st.st_size, st.st_mtime_ns))
    return tuple(out)


@dataclass
class SchemaCache:
    """The schemas, loaded again only when a file in their folder changes."""

    directory: Path
    _stamp: tuple = ()
    _schemas: SchemaSet | None = None

    def get(self) -> SchemaSet:
        now = stamp(self.directory.glob("*.json"))
        if self._schemas is None or now != self._stamp:
            self._schemas, self._stamp = SchemaSet.load(self.directory), now
        return self._schemas


@dataclass
class Memo:
    """One value made again only when its key changes (git history: the refs and the documents' files)."""

    _key: object = None
    _value: object = None
    _set: bool = False

    def get(self, key: object, make: Callable[[], object]) -> object:
        if not self._set or key != self._key:
            self._value, self._key, self._set = make(), key, True
        return self._value


def document_paths(corpus: m.Corpus) -> tuple[tuple[str, str], ...]:
    """Each document's id and file: what the revision archive is read for."""
    return tuple((d.id, d.source.path) for d in corpus.documents)


def changed_documents(before: m.Corpus, after: m.Corpus) -> frozenset[str] | None:
    """The ids of the documents added, removed or changed between the two corpora; None when something
    else changed (a role, a forum, a law, a refused file, two documents sharing an id), which can reach any page."""
    # The content's file list only tells check which links are dead: no page shows it.
    if any(getattr(before, f.name) != getattr(after, f.name) for f in fields(m.Corpus) if f.name not in ("documents", "content_files")):
        return None
    old, new = before.documents_by_id, after.documents_by_id
    if len(old) != len(before.documents) or len(new) != len(after.documents):
        return None
    # A file unchanged on disk gives the very same Document (``Rereader.converted``): no need to compare it.
    return frozenset(i for i in old.keys() | new.keys() if old.get(i) is not new.get(i) and old.get(i) != new.get(i))


def showing(changed: frozenset[str], *corpora: m.Corpus) -> frozenset[str]:
    """The documents whose own pages can show one of ``changed``: those, and the documents that refer to one of
    them (its title and state) or that one of them refers to (the other way round, to be safe), in any of ``corpora``."""
    stale = set(changed)
    for corpus in corpora:
        for doc in corpus.documents:
            linked = {r.id for r in doc.references if isinstance(r, m.DocumentRef)}
            if not linked.isdisjoint(changed):
                stale.add(doc.id)
            if doc.id in changed:
                stale |= linked
    return frozenset(stale)


@dataclass
class GeneratedPages:
    """The generated pages of the last rebuild, of which a save makes again only those it can change: the
    pages of the documents ``showing`` a changed one, and the role, forum, party, type, area and keyword pages
    that list a changed one (``group_pages``). The pages that show all documents are always made again."""

    _corpus: m.Corpus | None = None
    _ctx: SiteContext | None = None
    _documents: dict[str, tuple[SitePage, ...]] = field(default_factory=dict)
    _groups: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)
    """Each group page's documents (ids) and content."""
    made: frozenset[str] = frozenset()
    """The documents' pages and group pages the last call made again (the others were kept), by path."""
    index: SiteIndex | None = None
    """The last call's index of the corpus."""

    def pages(self, corpus: m.Corpus, ctx: SiteContext) -> Iterator[SitePage]:
        """Every generated page of the site, as ``site_pages`` yields them."""
        if ctx.rows is not None:
            ctx.rows.start(corpus.documents)
        if len(corpus.documents_by_id) != len(corpus.documents):  # two documents share an id: an error to fix
            self._corpus, self._documents, self._groups, self.index = None, {}, {}, None
            yield from site_pages(corpus, ctx)
            return
        changed = None if self._corpus is None or ctx != self._ctx else changed_documents(self._corpus, corpus)
        stale = None if changed is None else showing(changed, self._corpus, corpus)  # type: ignore[arg-type]
        kept, kept_groups = (self._documents, self._groups) if stale is not None else ({}, {})
        documents: dict[str, tuple[SitePage, ...]] = {}
        for doc in corpus.documents:
            found = kept.get(doc.id)
            keep = found is not None and stale is not None and doc.id not in stale
            documents[doc.id] = found if keep else tuple(document_pages((doc,), corpus, ctx))  # type: ignore[assignment]
        made = {page.path for doc in corpus.documents if documents[doc.id] is not kept.get(doc.id) for page in documents[doc.id]}
        for each in documents.values():
            yield each[0]
        for each in documents.values():
            yield from each[1:]
        index = self.index = SiteIndex.build(corpus, ctx)
        groups = {}
        for group in group_pages(corpus, index, ctx):
            ids = tuple(d.id for d in group.documents)
            old = kept_groups.get(group.path)
            # A group page shows each of its documents' own fields only, not what they refer to.
            if old is not None and changed is not None and old[0] == ids and changed.isdisjoint(ids):
                content = old[1]
            else:
                content = group.make()
                made.add(group.path)
            groups[group.path] = (ids, content)
            yield SitePage(group.path, content, group.source_path)
        yield from overview_pages(corpus, index, ctx)
        self._corpus, self._ctx, self._documents, self._groups, self.made = corpus, ctx, documents, groups, frozenset(made)
