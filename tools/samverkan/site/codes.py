"""The table of check codes on the owners' page, made from the registry the check itself uses."""

from __future__ import annotations

from samverkan.core.codes import CODES, Code
from samverkan.site.text import cards, escape, table

CODES_MARKER = "<!-- samverkan:codes -->"
"""Placed in the hand-written owners' page where the tables go."""


def _rows(codes: list[Code]) -> list[tuple[str, ...]]:
    return [(f"`{c.code}`", escape(c.meaning), escape(c.todo)) for c in codes]


def codes_tables() -> str:
    headers = ("Kod", "Betyder", "Gör så här")
    always = [c for c in CODES if not c.base]
    changes = [c for c in CODES if c.base]
    return (
        cards(table(headers, _rows(always)), "codes")
        + "\nNär kontrollen jämför din ändring med huvudgrenen – det gör `make check` av sig själv när arkivet "
        "har versionshistorik – kontrolleras också:\n\n"
        + cards(table(headers, _rows(changes)), "codes")
    )


def fill_codes(markdown: str) -> str:
    """The owners' page with the tables where it says CODES_MARKER (other pages unchanged)."""
    return markdown.replace(CODES_MARKER, codes_tables()) if CODES_MARKER in markdown else markdown
