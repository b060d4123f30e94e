"""The samverkan plugin's options in mkdocs.yml and their defaults, in one place for both front ends:
the MkDocs plugin declares them with these defaults, and the folder writer reads the same
mkdocs.yml without MkDocs and falls back on the same values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Defaults:
    """What an option left out of mkdocs.yml means."""

    content_dir: str = "."
    """Folder holding routines/, roles/ and schema/, relative to mkdocs.yml."""
    expiry_window_days: int = 90
    """A document expiring within this many days is flagged."""
    confirm_months: int = 12
    """An assignment not confirmed for this many months needs confirming."""
    mermaid_js: str = ".cache/vendor/mermaid.min.js"
    """Local copy of Mermaid; without it the organisation chart is shown as text only."""
    downloads: bool = True
    """Offer each document as PDF and Word for download."""
    download_cache: str = ".cache/downloads"
    """Where made copies are kept between builds, relative to mkdocs.yml."""


DEFAULTS = Defaults()
