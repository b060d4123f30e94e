"""What the site publishes of its long lists: personal numbers masked and the allow-list applied,
row by row, each distinct row once.

A list of 2,000 documents appears, row for row, on many pages (A–Ö, its type, area, role, party
and keyword pages), and under `mkdocs serve` again on every save. Doing each distinct row once
gives the same HTML as doing every list whole, for a fraction of the work: every byte still
passes ``mask_personal_numbers`` and ``clean`` (a personal number is digits and a sign, never
across a line, and each row is a line).
"""

from __future__ import annotations

from samverkan.core.html_policy import clean
from samverkan.core.personnummer import mask_personal_numbers

_TABLE_BODY = "<tbody>\n"
_TABLE_END = "</tbody>\n</table>\n</div>"
_ROW_OPEN, _ROW_CLOSE = "<table><tbody>", "</tbody></table>"


class ListCleaner:
    """``clean(mask_personal_numbers(…))`` for a list written by ``rawhtml.cards``, remembering the rows it has done."""

    def __init__(self) -> None:
        self._rows: dict[str, str | None] = {}
        self._frames: dict[str, str] = {}

    def clean(self, block: str) -> str:
        head, found, rest = block.partition(_TABLE_BODY)
        if not found or not rest.endswith(_TABLE_END):
            return _published(block)
        rows = rest[: -len(_TABLE_END)].split("\n")
        if rows[-1] != "":  # every row ends with a newline
            return _published(block)
        del rows[-1]
        cleaned = [self._rows[row] if row in self._rows else self._row(row) for row in rows]
        frame = head + _TABLE_BODY + _TABLE_END
        if frame not in self._frames:
            self._frames[frame] = _published(frame)
        if None in cleaned or not self._frames[frame].endswith(_TABLE_BODY + _TABLE_END):
            return _published(block)  # something in a row reached outside it: the list as a whole
        body = "\n".join(cleaned) + "\n" if cleaned else ""  # type: ignore[arg-type]
        return self._frames[frame][: -len(_TABLE_END)] + body + _TABLE_END

    def _row(self, row: str) -> str | None:
        """One row cleaned inside a table of its own, or None when it does not stay one row."""
        inner = None
        if row.startswith("<tr>") and row.endswith("</tr>"):
            out = _published(_ROW_OPEN + row + _ROW_CLOSE)
            inner = out[len(_ROW_OPEN) : -len(_ROW_CLOSE)]
            if not (out.startswith(_ROW_OPEN) and out.endswith(_ROW_CLOSE)) or inner.count("<tr>") != 1 or "</tbody>" in inner:
                inner = None
        self._rows[row] = inner
        return inner


def _published(fragment: str) -> str:
    return clean(mask_personal_numbers(fragment))
