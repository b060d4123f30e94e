"""The rows of the document lists, kept from one `mkdocs serve` rebuild to the next.

A save changes a few documents, but the lists that show them (A–Ö, their type, area, role, party
and keyword pages) hold every other document too, a row each. A document read again equal to the
one before has the same rows, so they are made once and kept until it changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from samverkan.core import model as m


class RowMemo:
    """Rows by document and by what else they depend on (the page, the date, the settings)."""

    def __init__(self) -> None:
        self._by_document: dict[m.Document, dict[tuple, str]] = {}
        self._current: dict[int, dict[tuple, str]] = {}
        """The same rows by ``id`` of this build's documents (alive while the build's corpus is): one lookup a row."""

    def start(self, documents: Iterable[m.Document]) -> None:
        """Begin a build of ``documents``: keep the rows of those equal to a document of the last build, forget the rest."""
        by_document: dict[m.Document, dict[tuple, str]] = {}
        current: dict[int, dict[tuple, str]] = {}
        for doc in documents:
            rows = by_document.get(doc) or self._by_document.get(doc) or {}
            by_document[doc] = current[id(doc)] = rows
        self._by_document, self._current = by_document, current

    def row(self, doc: m.Document, key: tuple, make: Callable[[], str]) -> str:
        rows = self._current.get(id(doc))
        if rows is None:  # not among the documents this build started with
            return make()
        row = rows.get(key)
        if row is None:
            row = rows[key] = make()
        return row
