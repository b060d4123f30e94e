"""The neutral structure every reader produces and the interpreter reads.

A Word file and a PDF differ in how they are read, not in what they hold: blocks of text
with styles and levels (pandoc's JSON AST, so that the body is written the same way for
both), tables, the text of page headers and footers as rows of cells, and the file's
properties. Nothing here reads files.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

Rows = tuple[tuple[str, ...], ...]
"""Rows of cell texts: a table row, or a line of a page header split at its tabs."""


class SourceFormat(enum.Enum):
    """The kind of file a document was imported from."""

    DOCX = "docx"
    PDF = "pdf"

    @property
    def swedish(self) -> str:
        """The file kind as the report names it."""
        return "Word-dokumentet" if self is SourceFormat.DOCX else "PDF-filen"

    @property
    def has_styles(self) -> bool:
        """True when headings and titles are marked as such (Word styles), not guessed from font sizes."""
        return self is SourceFormat.DOCX


@dataclass(frozen=True)
class Margin:
    """The text of one page header or footer."""

    where: str
    """sidhuvud or sidfot (as the report names it)."""
    rows: Rows
    """Its lines and table rows, as cell texts."""


@dataclass(frozen=True)
class Source:
    """One file as read: the body, the margins and the properties."""

    name: str
    """The file name, e.g. rutin.docx."""
    sha256: str
    """Hex SHA-256 of the file's bytes, recorded as provenance."""
    format: SourceFormat
    """Word or PDF."""
    blocks: tuple[dict, ...]
    """The body as pandoc AST blocks (plain JSON data)."""
    api_version: tuple[int, ...]
    """The pandoc AST version the blocks follow."""
    margins: tuple[Margin, ...] = ()
    """Page headers and footers."""
    styled: Mapping[str, str] = field(default_factory=dict)
    """Paragraphs Word marks by style: title, subtitle, author, date."""
    abstract: tuple[dict, ...] = ()
    """Blocks in Word's Abstract style."""
    core: Mapping[str, str] = field(default_factory=dict)
    """Core properties: title, subject, creator, keywords, category, description."""
    custom: tuple[tuple[str, str], ...] = ()
    """Custom properties (name, value), where document systems keep their metadata."""
    media: Mapping[str, bytes] = field(default_factory=dict)
    """Images by their path in the file (media/image1.png)."""
    notes: tuple[str, ...] = ()
    """Swedish notes about parts that could not be read."""
