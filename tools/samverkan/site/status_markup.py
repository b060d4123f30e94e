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
from samverkan.core.followup import DocState
from samverkan.site.text import swedish_date

def status_key(doc: m.Document, today: dt.date, window_days: int) -> str:
    """One key for what a reader should know before following the document (``in-force``, ``expired`` …)."""
    return DocState.of(doc, today, window_days).value


def status_attributes(doc: m.Document, window_days: int) -> str:
    """The data attributes assets/status.js evaluates: only dates, an enum value and a number, never free text."""
    return (
        f'data-valid-until="{doc.valid_until.isoformat()}" data-valid-from="{doc.valid_from.isoformat()}" '
        f'data-doc-status="{doc.status.value}" data-expiry-window="{int(window_days)}"'
    )


def status_chip(doc: m.Document, today: dt.date, window_days: int) -> str:
    state = DocState.of(doc, today, window_days)
    return f'<span class="sv-status sv-status--{state.value}" {status_attributes(doc, window_days)}>{state.label}</span>'


def as_of(today: dt.date) -> str:
    """The build date the status was computed for; status.js replaces it with the reader's date."""
    return f'<span class="sv-asof">Status per {swedish_date(today)}</span>'
