"""PDF and Word copies of every document for the site's "Ladda ner" links, cached between builds.

Copies are made in batches, several at once (see ``DownloadCache.make``), and kept in a
cache keyed by what the copy shows (the file, the header fields, the date and the window),
so that a rebuild makes only changed documents cost anything. `mkdocs build` makes every
missing copy before it finishes; `mkdocs serve` leaves them to a background thread
(:class:`BackgroundCopies`), so that no page waits for them.

A build then prunes the copies it did not ask for (:meth:`DownloadCache.prune`), but only
when no other process uses the cache: each process that reads or writes it holds a shared
lock on the cache folder for as long as it runs, so a preview or another build in the
same folder keeps every copy it may still read. Where locks do not exist (Windows)
nothing is pruned.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from samverkan.core import locks
from samverkan.core import model as m
from samverkan.core.content_lock import LEFTOVER
from samverkan.core.dead_links import dead_links
from samverkan.core.writing import write_atomically
from samverkan.external import browser, pandoc
from samverkan.site.context import SiteContext
from samverkan.transfer import export, running_lines
from samverkan.transfer.export import Exporter, appendix, header_fields, marker

FORMATS = ("pdf", "docx")
_EXPORT_CODE = hashlib.sha256(
    b"".join(Path(module.__file__).read_bytes() for module in (export, running_lines, pandoc, browser))
).hexdigest()
"""Copies made by older export code are stale even when the document is not: the code is part of the key."""


def available_formats() -> tuple[tuple[str, ...], str | None]:
    """The formats this machine can make, and why the others are missing."""
    try:
        pandoc.pandoc_path()
    except pandoc.PandocMissing as exc:
        return (), str(exc)  # both formats start from pandoc
    reason = browser.unavailable()
    return (FORMATS, None) if reason is None else (("docx",), reason)


def download_path(doc: m.Document, fmt: str) -> str:
    """Where the copy sits in the site, beside the document's page source."""
    return f"dokument/{doc.id}.{fmt}"


class DownloadCache:
    def __init__(
        self, corpus: m.Corpus, today: dt.date, window_days: int, texts: dict[str, str], root: Path, cache_dir: Path
    ) -> None:
        self.corpus = corpus
        self.today = today
        self.window_days = window_days
        self.texts = texts
        self.root = root
        self.cache_dir = cache_dir
        self._asked: set[Path] = set()
        """Every cache file this cache was asked for: what a build keeps when it prunes."""
        self._formats: set[str] = set()
        """The formats asked for: a build that cannot make PDFs here leaves the cached ones alone."""

    def _key(self, doc: m.Document, fmt: str, text: str) -> str:
        ctx = SiteContext(today=self.today, window_days=self.window_days)
        parts = [_EXPORT_CODE, fmt, text, repr(header_fields(doc, self.corpus, ctx)), appendix(doc, self.corpus)]
        parts.append(repr(marker(doc, self.today, self.window_days)))
        # A file refused since the copy was made leaves a dead link in an unchanged text.
        parts.append(repr([(dead.start, dead.end) for dead in dead_links(doc.source.path, doc.body, self.corpus.refused_files)]))
        return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:24]

    def files(
        self, formats: tuple[str, ...], copies: Sequence[tuple[m.Document, str, str]] | None = None, *, make_missing: bool = True
    ) -> Iterator[tuple[str, Path] | str]:
        """(site path, cached copy) for every document and format, rendering only cache misses.

        ``copies`` (document, its file's text, its name in the site) replaces the corpus's
        documents: older revisions are published as ``dokument/<id>-r<n>.pdf``.
        A copy that cannot be made is yielded as a Swedish message instead, so that one
        broken document costs its own download, not the whole site. With ``make_missing=False``
        only copies already in the cache are yielded (``missing`` lists the others).
        """
        wanted = self._wanted(formats, copies)
        failed = self.make([w for w in wanted if not w[3].is_file()]) if make_missing else {}
        for doc, name, fmt, cached in wanted:
            if (name, fmt) in failed:
                yield failed[(name, fmt)]
            elif cached.is_file():
                yield f"dokument/{name}.{fmt}", cached  # the file, not its bytes: a site build copies it

    def missing(
        self, formats: tuple[str, ...], copies: Sequence[tuple[m.Document, str, str]] | None = None
    ) -> list[tuple[m.Document, str, str, Path]]:
        """The copies not yet in the cache, as (document, name, format, cache file)."""
        return [w for w in self._wanted(formats, copies) if not w[3].is_file()]

    def _wanted(
        self, formats: tuple[str, ...], copies: Sequence[tuple[m.Document, str, str]] | None
    ) -> list[tuple[m.Document, str, str, Path]]:
        _use(self.cache_dir)
        if copies is None:
            copies = [(doc, self.texts.get(doc.source.path, ""), doc.id) for doc in self.corpus.documents]
        wanted = [
            (doc, name, fmt, self.cache_dir / f"{name}-{self._key(doc, fmt, text)}.{fmt}")
            for doc, text, name in copies
            for fmt in formats
        ]
        self._asked.update(cached for _, _, _, cached in wanted)
        self._formats.update(formats)
        return wanted

    def prune(self) -> list[Path]:
        """Remove the cached copies this cache was not asked for (changed texts, gone documents, older
        export code) in the formats it was asked for, and temporary files of killed writers; the files removed.

        Nothing is removed while another process uses the cache (a preview, another build):
        it may still read a copy this build no longer wants, or be writing one.
        """
        fd = _use(self.cache_dir)
        if fd is None:  # pragma: no cover - Windows
            return []
        with (self.cache_dir / PRUNE_LOCK).open("a") as gate:  # closing it lets go of the gate
            if not locks.try_exclusive(gate):
                return []  # another build is pruning, and sees this one as a user
            # Turning the shared lock into the exclusive one lets go of it for a moment; holding
            # the gate, this build is the only one that could prune in that moment.
            if not locks.try_exclusive(fd):
                locks.wait_shared(fd)  # waits for no one: only the gate's holder takes the folder exclusively
                return []
            try:
                doomed = [
                    path for path in sorted(self.cache_dir.iterdir())
                    if ((_copy_in(path.name, self._formats) and path not in self._asked) or LEFTOVER.match(path.name))
                    and path.is_file() and not path.is_symlink()
                ]
                for path in doomed:
                    path.unlink()
                return doomed
            finally:
                locks.wait_shared(fd)

    def make(
        self, jobs: list[tuple[m.Document, str, str, Path]], on_made: Callable[[str, str, Path], None] | None = None
    ) -> dict[tuple[str, str], str]:
        """Make the copies ``jobs`` names into the cache, several at once; a message per failure, by (name, format).

        ``on_made(name, format, cache file)`` is told of each copy as soon as it is in the cache.

        The documents go in batches to as many workers as there are cores: each batch is read
        and written by one pandoc process each, and its PDFs are handed to the one Chromium,
        which prints several pages at once while the worker goes on with the next batch in pandoc:
        pandoc and Chromium keep both cores busy until the last document.
        """
        if not jobs:
            return {}
        exporter = Exporter(self.corpus, self.today, root=self.root, window_days=self.window_days)
        failed: dict[tuple[str, str], str] = {}
        try:
            if any(fmt == "pdf" for _, _, fmt, _ in jobs):
                # Chromium starts while pandoc reads the first batches; without it each PDF says why.
                threading.Thread(target=_start_browser, args=(exporter,), name="samverkan-chromium-start", daemon=True).start()
            if any(fmt == "docx" for _, _, fmt, _ in jobs):
                exporter.reference()  # made once here: the exporter's lazy set-up is not meant for several threads
            workers = max(2, os.cpu_count() or 1)
            batches = _batches(jobs, workers)
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="samverkan-copies") as pool:
                made = pool.map(lambda batch: exporter.start_many([(doc, fmt) for doc, _, fmt, _ in batch]), batches)
                for batch, results in zip(batches, made):
                    for (doc, name, fmt, path), started in zip(batch, results):
                        result = started.result() if isinstance(started, Future) else started
                        if isinstance(result, Exception):
                            failed[(name, fmt)] = self._failure(doc, fmt, result)
                        else:
                            write_atomically(path, result)
                            if on_made is not None:
                                on_made(name, fmt, path)
        finally:
            exporter.close()
        return failed

    @staticmethod
    def _failure(doc: m.Document, fmt: str, exc: Exception) -> str:
        return f"{doc.source.path}:{doc.body_line}: {fmt.upper()}-kopian kunde inte göras: {exc}"


class BackgroundCopies:
    """Copies made in a thread of their own while the site is served, so that no page waits for them.

    Each rebuild hands over what is missing (``request``); a copy joins the served site as
    soon as it is made, and the next rebuild finds it in the cache. One thread at a time:
    a request made while it works is taken up when it is done, the newest replacing older ones.
    """

    def __init__(self, site_dir: Path, report: Callable[[str], None]) -> None:
        self.site_dir = site_dir
        """The folder the site is served from; copies go to its ``dokument/`` as they are made."""
        self.report = report
        """Told, in Swedish, of each copy that could not be made."""
        self._lock = threading.Lock()
        self._next: tuple[DownloadCache, list[tuple[m.Document, str, str, Path]]] | None = None
        self._thread: threading.Thread | None = None

    def request(self, cache: DownloadCache, jobs: list[tuple[m.Document, str, str, Path]]) -> None:
        if not jobs:
            return
        with self._lock:
            self._next = (cache, jobs)
            if self._thread is None:
                # A daemon: stopping the preview must not wait for the copies.
                self._thread = threading.Thread(target=self._work, name="samverkan-copies-background", daemon=True)
                self._thread.start()

    def wait(self) -> None:
        """Until every copy asked for is made (or has failed)."""
        thread = self._thread
        if thread is not None:
            thread.join()

    def _work(self) -> None:
        while True:
            with self._lock:
                if self._next is None:
                    self._thread = None
                    return
                cache, jobs = self._next
                self._next = None
            for message in cache.make([job for job in jobs if not job[3].is_file()], self._publish).values():
                self.report(message)

    def _publish(self, name: str, fmt: str, path: Path) -> None:
        if self.site_dir.is_dir():  # gone when the preview has stopped
            write_atomically(self.site_dir / f"dokument/{name}.{fmt}", path.read_bytes())


_COPY = re.compile(r"^.+-[0-9a-f]{24}\.(?P<format>[a-z]+)$")
"""The names the cache gives its copies: ``<name>-<key>.<format>``. Other files in the folder are left alone."""


def _copy_in(name: str, formats: set[str]) -> bool:
    """Whether ``name`` is the cache's name for a copy in one of ``formats``."""
    copy = _COPY.match(name)
    return copy is not None and copy.group("format") in formats


PRUNE_LOCK = ".prune.lock"
"""In the cache folder: the gate a build holds while it prunes, so that one build prunes at a time."""

_USERS: dict[Path, int] = {}
"""The cache folders this process uses, each with the descriptor that holds its shared lock until the process ends."""
_USERS_LOCK = threading.Lock()


def _use(folder: Path) -> int | None:
    """Mark this process as a user of ``folder`` until it ends, so that no other build prunes it meanwhile."""
    if not locks.LOCKING:  # pragma: no cover - Windows
        return None
    key = folder.resolve()
    with _USERS_LOCK:
        if key not in _USERS:
            key.mkdir(parents=True, exist_ok=True)
            fd = os.open(key, os.O_RDONLY)
            locks.wait_shared(fd)  # waits only while another build prunes
            _USERS[key] = fd
        return _USERS[key]


def _start_browser(exporter: Exporter) -> None:
    with contextlib.suppress(browser.ChromiumMissing):  # kept by the exporter, reported with each PDF
        exporter.browser()


BATCH_DOCUMENTS = 16
"""At most this many documents per pandoc process: long enough to spread its start, short enough to keep
every worker busy and the memory small on a site of thousands."""


def _batches(jobs: list[tuple[m.Document, str, str, Path]], workers: int) -> list[list[tuple[m.Document, str, str, Path]]]:
    """The jobs in batches of whole documents (a document's copies share its reading), two or more per worker."""
    by_name: dict[str, list[tuple[m.Document, str, str, Path]]] = {}
    for job in jobs:
        by_name.setdefault(job[1], []).append(job)
    documents = list(by_name.values())
    size = max(1, min(BATCH_DOCUMENTS, -(-len(documents) // (2 * workers))))
    return [[job for document in documents[i : i + size] for job in document] for i in range(0, len(documents), size)]
