"""Chromium's running header and footer on every printed page, shared by document exports and dated reports.

A running line is one row: text on the left that is cut with an ellipsis when long, and a
short text on the right that always shows whole (a date, a marker, the page number).
"""

from __future__ import annotations

_LINE_STYLE = (
    "font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 8pt; box-sizing: border-box; width: 100%; padding: 0 18mm; "
    "display: flex; justify-content: space-between; gap: 8mm; color: #444;"
)
_KEEP = "flex: none; white-space: nowrap;"
_SHRINK = "flex: 1 1 auto; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap;"

PAGE_NUMBERS = 'Sida <span class="pageNumber"></span> av <span class="totalPages"></span>'
"""Chromium fills the spans in on each page."""


def running_line(left: str, right: str, right_style: str = "") -> str:
    """A header or footer template; ``left`` and ``right`` are HTML, already escaped."""
    return f'<div style="{_LINE_STYLE}"><span style="{_SHRINK}">{left}</span><span style="{_KEEP}{right_style}">{right}</span></div>'
