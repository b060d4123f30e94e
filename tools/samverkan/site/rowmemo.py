"""The rows of the document lists, kept from one `mkdocs serve` rebuild to the next.

A save changes a few documents, but the lists that show them (A–Ö, their type, area, role, party
and keyword pages) hold every other document too, a row each. The reader hands back the very same
``Document`` for a file unchanged on disk (``Rereader.converted``), so a row made for that object
is kept as long as the object is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from samverkan.core import model as m


class RowMemo:
    """Rows by document object and by what else they depend on (the page, the date, the settings)."""

    def __init__(self) -> None:
        self._held: dict[int, tuple[m.Document, dict[tuple, str]]] = {}
        """By ``id`` of the document, which is held here too: while it is, no other object has its id."""

    def start(self, documents: Iterable[m.Document]) -> None:
        """Begin a build of ``documents``: keep the rows of those read last time too, forget the rest."""
        held: dict[int, tuple[m.Document, dict[tuple, str]]] = {}
        for doc in documents:
            kept = self._held.get(id(doc))
            held[id(doc)] = kept if kept is not None and kept[0] is doc else (doc, {})
        self._held = held

    def row(self, doc: m.Document, key: tuple, make: Callable[[], str]) -> str:
        held = self._held.get(id(doc))
        if held is None or held[0] is not doc:  # not among the documents this build started with
            return make()
        rows = held[1]
        row = rows.get(key)
        if row is None:
            row = rows[key] = make()
        return row
