"""The error box every page shows while ``mkdocs serve`` runs on content with errors, and the
warning a build that is not strict ends with.

A strict build stops at the first content error, and ``mkdocs serve`` then leaves the
browser waiting with no answer. While previewing, the site is built anyway and every page
starts with this box, naming each file and line, so the owner sees what to fix; the box goes
away by itself with the first rebuild after the fix.

A build without ``--strict`` publishes documents with errors as they are; each error is in
the log among many other lines, so the build ends with one warning that counts them.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from samverkan.core.problems import Problem

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


def published_with_errors(problems: Iterable[Problem]) -> str | None:
    """The last warning of a build that went on despite errors, naming how many documents have them; None without errors."""
    paths = {p.path for p in problems if p.is_error}
    if not paths:
        return None
    documents = sum(1 for path in paths if path.startswith("routines/") and path.endswith(".md"))
    others = len(paths) - documents
    counted = [f"{documents} dokument" if documents else "", f"{others} {'annan fil' if others == 1 else 'andra filer'}" if others else ""]
    return (
        f"samverkan: OBS! Webbplatsen byggdes trots fel i innehållet: {' och '.join(c for c in counted if c)} har fel "
        "(se raderna ovan, eller kör samverkan check). Ett dokument med fel saknas på webbplatsen eller visas med felen kvar; "
        "rätta felen innan webbplatsen publiceras (make build stoppar vid fel)."
    )
