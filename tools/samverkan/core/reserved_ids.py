"""Ids that cannot become a page of their own.

Every document, role, forum and party gets a page named by its id (``dokument/<id>``,
``roller/<id>`` …) beside generated pages such as ``dokument/index`` and downloads such as
``dokument/<id>.pdf``. An id that is one of those names would silently replace a page, and an
id that is not a plain file name (a device name on Windows, a trailing dot) breaks a checkout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from samverkan.core import model as m
from samverkan.core.problems import Problem, error

if TYPE_CHECKING:
    from samverkan.core.checks import CheckOptions

CODE = "E-RESERVED-ID"

GENERATED_NAMES = frozenset({"index"})
"""Names of the generated list page in each folder (``dokument/index``, ``roller/index`` …)."""
GENERATED_SUFFIXES = (".md", ".html", ".htm", ".pdf", ".docx", ".xml", ".json")
"""Endings of generated files; ``X.pdf`` as an id would collide with document X's PDF copy."""
DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})
"""Names Windows reserves for devices: a file with such a name cannot be checked out there."""

_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def reason(item_id: str) -> str | None:
    """Why ``item_id`` cannot be a page name, in Swedish, or None when it can."""
    folded = item_id.casefold()
    if not _SAFE.match(item_id) or item_id.endswith("."):
        return "är inget säkert filnamn: använd bara bokstäver a–z, siffror, bindestreck, understreck och punkt inuti"
    if folded in GENERATED_NAMES:
        return "är namnet på en sida som webbplatsen själv skapar (listan över alla)"
    if folded.endswith(GENERATED_SUFFIXES):
        return "slutar som en fil som webbplatsen själv skapar (till exempel PDF-kopian)"
    if folded.split(".")[0] in DEVICE_NAMES:
        return "är ett namn som Windows reserverar, så filen går inte att hämta där"
    return None


def reserved_ids(corpus: m.Corpus, options: CheckOptions) -> Iterator[Problem]:
    groups: tuple[tuple[str, Iterable[m.Document | m.Role | m.Forum | m.Party]], ...] = (
        ("dokumentet", corpus.documents),
        ("rollen", corpus.roles),
        ("forumet", corpus.forums),
        ("parten", corpus.parties),
    )
    for noun, group in groups:
        for item in group:
            why = reason(item.id)
            if why:
                yield error(
                    item.source.path,
                    item.source.line("id"),
                    CODE,
                    f"id '{item.id}' för {noun} {why}",
                    "$.id",
                    "välj ett annat id",
                )
