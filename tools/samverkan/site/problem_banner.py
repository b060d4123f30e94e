"""The error box every page shows while ``mkdocs serve`` runs on content with errors.

A strict build stops at the first content error, and ``mkdocs serve`` then leaves the
browser waiting with no answer. While previewing, the site is built anyway and every page
starts with this box, naming each file and line, so the owner sees what to fix; the box goes
away by itself with the first rebuild after the fix.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

BANNER_CLASS = "samverkan-problem-banner"


def problem_banner(lines: Sequence[str]) -> str:
    """HTML for the box, or an empty string when there is nothing to show; every line is escaped."""
    if not lines:
        return ""
    count = "1 fel" if len(lines) == 1 else f"{len(lines)} fel"
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    return (
        f'<div class="admonition danger {BANNER_CLASS}" role="alert">'
        f'<p class="admonition-title">Innehållet har {count}</p>'
        "<p>Förhandsvisningen visar det som gick att läsa. Rätta felen nedan (fil:rad) och spara; "
        "sidan laddas om av sig själv och rutan försvinner när allt är rätt. "
        "Den publicerade webbplatsen byggs inte så länge felen finns kvar.</p>"
        f"<ul>{items}</ul></div>\n"
    )
