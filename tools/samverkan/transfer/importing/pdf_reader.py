"""Read a PDF into the neutral :class:`~.source.Source` (placeholder until the reader lands)."""

from __future__ import annotations

from pathlib import Path

from samverkan.transfer.importing.source import Source
from samverkan.transfer.importing.values import ImportFailed


def read(path: Path, data: bytes) -> Source:
    raise ImportFailed("PDF-filer kan inte importeras ännu")
