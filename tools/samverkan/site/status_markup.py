"""The status of a document as markup that stays true between builds.

Every status the site shows (the chip in lists, the marker or banner under the title) is
rendered for the build date and carries the dates it was computed from as data
attributes. ``assets/status.js`` re-evaluates them against the reader's date, so a page
built on Monday does not say "Gäller" on Friday when the validity ended on Wednesday.
Without JavaScript the build-date state stands, with "Status per <byggdatum>".
"""

from __future__ import annotations

import datetime as dt

from samverkan.core import model as m
from samverkan.site.text import swedish_date

STATUS_SCRIPT = "assets/status.js"
"""Docs-relative path of the script that re-evaluates statuses in the reader's browser."""

KEYS = {
    m.Validity.VALID: "in-force",
    m.Validity.EXPIRING: "expiring",
    m.Validity.NOT_YET_VALID: "not-yet-valid",
    m.Validity.EXPIRED: "expired",
}
"""Approved documents: the state's key in class names (``sv-status--in-force``)."""

LABELS = {
    "in-force": "Gäller",
    "expiring": "Går snart ut",
    "not-yet-valid": "Gäller ännu inte",
    "expired": "Giltighetstiden har gått ut",
    "draft": "Utkast",
    "withdrawn": "Upphävd",
}
"""The chip's wording per key; status.js holds the same words (a test keeps them equal)."""


def status_key(doc: m.Document, today: dt.date, window_days: int) -> str:
    """One key for what a reader should know before following the document."""
    if doc.status is m.Status.DRAFT:
        return "draft"
    if doc.status is m.Status.WITHDRAWN:
        return "withdrawn"
    return KEYS[doc.validity(today, window_days)]


def status_attributes(doc: m.Document, window_days: int) -> str:
    """The data attributes status.js evaluates: only dates, an enum value and a number, never free text."""
    return (
        f'data-valid-until="{doc.valid_until.isoformat()}" data-valid-from="{doc.valid_from.isoformat()}" '
        f'data-doc-status="{doc.status.value}" data-expiry-window="{int(window_days)}"'
    )


def status_chip(doc: m.Document, today: dt.date, window_days: int) -> str:
    key = status_key(doc, today, window_days)
    return f'<span class="sv-status sv-status--{key}" {status_attributes(doc, window_days)}>{LABELS[key]}</span>'


def as_of(today: dt.date) -> str:
    """The build date the status was computed for; status.js replaces it with the reader's date."""
    return f'<span class="sv-asof">Status per {swedish_date(today)}</span>'
