"""``samverkan import``: Word and PDF files in, documents with front matter out, nothing invented.

One reader per format (:mod:`.docx_reader`, :mod:`.pdf_reader`) turns a file into the same
neutral :class:`~.source.Source`; :mod:`.interpret` finds the metadata in it (pure, tested
on plain data); :mod:`.writer` writes the front matter and the Markdown body. The CLI
adapter (``samverkan.cli.transfer``) decides where files go.
"""

from __future__ import annotations

from pathlib import Path

from samverkan.transfer.importing import docx_reader, pdf_reader
from samverkan.transfer.importing.interpret import Converted, interpret_source
from samverkan.transfer.importing.source import Source
from samverkan.transfer.importing.values import ImportFailed
from samverkan.transfer.importing.values import Catalog as Catalog
from samverkan.transfer.importing.writer import markdown


def read(path: Path) -> Source:
    """Read a Word (.docx) or PDF file into the neutral structure."""
    data = path.read_bytes()
    if path.suffix.lower() == ".pdf" or data[:5] == b"%PDF-":
        return pdf_reader.read(path, data)
    return docx_reader.read(path, data)


def convert(path: Path, catalog: Catalog) -> Converted:
    """Read one file: its metadata from everywhere, its text as clean Markdown."""
    converted = interpret_source(read(path), catalog)
    converted.body = markdown(converted)
    return converted


__all__ = ["Catalog", "Converted", "ImportFailed", "Source", "convert", "read"]
