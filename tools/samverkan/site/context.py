"""What the site's pages depend on besides the corpus: the date, windows, git history, settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType

from samverkan.core.archive import ArchivedRevision
from samverkan.external.vcs import Change
from samverkan.site.rowmemo import RowMemo


@dataclass(frozen=True)
class Accessibility:
    """Settings for the accessibility statement (tillgänglighetsredogörelse)."""

    organisation: str = "Region Exempellän"
    """Who is responsible for the website."""
    contact: str = ""
    """Where to report accessibility problems (e-mail)."""
    compliance: str = "partial"
    """full, partial or none: how far the site meets the requirements."""
    known_issues: tuple[str, ...] = ()
    """Known problems with accessibility, in plain Swedish."""
    assessed: dt.date | None = None
    """When the site was last assessed."""
    assessment_method: str = "självskattning"
    """How it was assessed (självskattning, extern granskning)."""
    statement_updated: dt.date | None = None
    """When the statement was last reviewed."""
    published: dt.date | None = None
    """When the website was published."""


class HtmlLinks(Enum):
    """How a link between the site's pages is written in a page's HTML (the long lists), so that
    it leads where the same Markdown link would: renderers treat links in HTML differently."""

    DIRECTORY = "directory"
    """The final URL, each page a folder (``../dokument/X/``): MkDocs with ``use_directory_urls``."""
    FILE = "file"
    """The final URL, each page a file (``../dokument/X.html``): MkDocs without ``use_directory_urls``."""
    SOURCE = "source"
    """The path between the Markdown files (``../dokument/X.md``), which the renderer resolves
    as in a Markdown link: Zensical, which rewrites every relative link in a page's HTML."""

    @classmethod
    def final(cls, directory_urls: bool) -> HtmlLinks:
        """Links a renderer publishes as written (MkDocs), for its ``use_directory_urls``."""
        return cls.DIRECTORY if directory_urls else cls.FILE

    @property
    def is_final(self) -> bool:
        return self is not HtmlLinks.SOURCE


@dataclass(frozen=True)
class SiteContext:
    """Everything page rendering needs besides the corpus; nothing here reads the clock."""

    today: dt.date
    """The build date."""
    window_days: int = 90
    """Documents expiring within this many days are flagged."""
    confirm_months: int = 12
    """Role assignments older than this need confirmation."""
    edit_base: str | None = None
    """Prefix that, followed by a file path, opens the file for editing on the hosting platform."""
    site_url: str | None = None
    """Public address of the site, for the feed."""
    site_name: str = "Samverkanswebben"
    """Name shown in the feed."""
    history: Mapping[str, tuple[Change, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Git history of each content file, newest first."""
    accessibility: Accessibility = Accessibility()
    """Settings for the accessibility statement."""
    mermaid: bool = False
    """Whether a local Mermaid script is available to draw diagrams."""
    downloads: tuple[str, ...] = ()
    """Formats offered as "Ladda ner" on each document page (``pdf``, ``docx``)."""
    archive: Mapping[str, tuple[ArchivedRevision, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Every approved revision of each document (by id), oldest first, as read from git."""
    html_links: HtmlLinks = HtmlLinks.DIRECTORY
    """How the lists written as HTML link to pages: as the renderer's final URLs or as source paths."""
    rows: RowMemo | None = field(default=None, compare=False, repr=False)
    """Under `mkdocs serve`, the list rows kept from the last rebuild; none for a single build."""
