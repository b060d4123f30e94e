"""The rows of the document lists, kept from one `mkdocs serve` rebuild to the next.

A save changes a few documents, but the lists that show them (A–Ö, their type, area, role, party
and keyword pages) hold every other document too, a row each. The reader of content files hands
back the very same ``Document`` for a file that did not change, so a row made for that object on
that page can be used again as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from samverkan.core import model as m


class RowMemo:
    """Rows by document object and by what else they depend on (the page, the date, the settings)."""

    def __init__(self) -> None:
        self._rows: dict[int, tuple[m.Document, dict[tuple, str]]] = {}
        """By ``id`` of the document, which is kept here too: while it is, no other object has its id."""

    def row(self, doc: m.Document, key: tuple, make: Callable[[], str]) -> str:
        held = self._rows.get(id(doc))
        if held is None or held[0] is not doc:
            held = self._rows[id(doc)] = (doc, {})
        row = held[1].get(key)
        if row is None:
            row = held[1][key] = make()
        return row

    def keep_only(self, documents: Iterable[m.Document]) -> None:
        """Forget the rows of documents no longer read (changed, renamed or removed)."""
        current = {id(d) for d in documents}
        self._rows = {k: v for k, v in self._rows.items() if k in current}
