"""PDF and Word copies of every document for the site's "Ladda ner" links, cached between builds.

Printing a PDF takes a browser about half a second per document; a cache keyed by what
the copy shows (the file, the header fields, the date and the window) keeps a rebuild
during `mkdocs serve` fast and makes only changed documents cost anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from samverkan.core import model as m
from samverkan.core.writing import write_atomically
from samverkan.external import browser, pandoc
from samverkan.site.context import SiteContext
from samverkan.transfer import export
from samverkan.transfer.export import Exporter, appendix, header_fields, marker

FORMATS = ("pdf", "docx")
_EXPORT_CODE = hashlib.sha256(b"".join(Path(module.__file__).read_bytes() for module in (export, pandoc))).hexdigest()
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
        self._exporter: Exporter | None = None

    def _key(self, doc: m.Document, fmt: str, text: str) -> str:
        ctx = SiteContext(today=self.today, window_days=self.window_days)
        parts = [_EXPORT_CODE, fmt, text, repr(header_fields(doc, self.corpus, ctx)), appendix(doc, self.corpus)]
        parts.append(repr(marker(doc, self.today, self.window_days)))
        return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:24]

    def files(
        self, formats: tuple[str, ...], copies: Sequence[tuple[m.Document, str, str]] | None = None
    ) -> Iterator[tuple[str, bytes] | str]:
        """(site path, content) for every document and format, rendering only cache misses.

        ``copies`` (document, its file's text, its name in the site) replaces the corpus's
        documents: older revisions are published as ``dokument/<id>-r<n>.pdf``.
        A copy that cannot be made is yielded as a Swedish message instead, so that one
        broken document costs its own download, not the whole site.
        """
        if copies is None:
            copies = [(doc, self.texts.get(doc.source.path, ""), doc.id) for doc in self.corpus.documents]
        try:
            for doc, text, name in copies:
                for fmt in formats:
                    cached = self.cache_dir / f"{name}-{self._key(doc, fmt, text)}.{fmt}"
                    if not cached.is_file():
                        try:
                            write_atomically(cached, self._export(doc, fmt))
                        except (pandoc.PandocFailed, browser.PrintFailed, browser.ChromiumMissing) as exc:
                            yield f"{doc.source.path}:{doc.body_line}: {fmt.upper()}-kopian kunde inte göras: {exc}"
                            continue
                    yield f"dokument/{name}.{fmt}", cached.read_bytes()
        finally:
            if self._exporter is not None:
                self._exporter.close()
                self._exporter = None

    def _export(self, doc: m.Document, fmt: str) -> bytes:
        if self._exporter is None:
            self._exporter = Exporter(self.corpus, self.today, root=self.root, window_days=self.window_days)
        return self._exporter.render(doc, fmt)
