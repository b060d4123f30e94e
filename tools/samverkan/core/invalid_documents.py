"""What can still be read of a document that is left out of the corpus.

A document whose front matter the schema refuses (a date such as 2026-13-01, say) cannot
become a typed ``Document``, but one wrong field must not hide the others: its references
that read and have the right shape are checked like any document's, and so are the links
in its text (the rest of the text is checked where it is read: ``core/body_checks.py``),
and it is counted.
A reference the schema itself refuses is left to that schema error, so nothing is said twice.
"""

from __future__ import annotations

from collections.abc import Iterator

from samverkan.core import model as m
from samverkan.core.problems import Problem, json_path
from samverkan.core.yamlsource import Parsed, Source


def invalid_document(path: str, parsed: Parsed | None, problems: tuple[Problem, ...]) -> m.InvalidDocument:
    """The document at ``path`` as far as it reads, given the problems met reading it."""
    if parsed is None:
        return m.InvalidDocument(Source(path))
    refused = tuple(p.json_path for p in problems if p.json_path not in ("", "$"))
    found = readable_references(parsed.data) if isinstance(parsed.data, dict) else ()
    readable = tuple(ref for ref in found if not _under_any(json_path(ref.keys), refused))
    return m.InvalidDocument(parsed.source, parsed.body, parsed.body_line, readable)


def _under_any(where: str, refused: tuple[str, ...]) -> bool:
    return any(where == r or where.startswith((r + ".", r + "[")) for r in refused)


def readable_references(data: dict) -> Iterator[m.ReadableReference]:
    """The references in front matter ``data`` that have the right shape (also an unfinished draft's)."""
    owner = data.get("owner")
    found: list[tuple[str, object, tuple[str | int, ...]]] = [
        ("role", owner.get("role") if isinstance(owner, dict) else None, ("owner", "role")),
        ("forum", data.get("approved_by"), ("approved_by",)),
    ]
    found += (("party", party, ("applies_to", i)) for i, party in _items(data, "applies_to"))
    found += (("role", role, ("roles", i)) for i, role in _items(data, "roles"))
    for i, author in _items(data, "authors"):
        if isinstance(author, dict):
            found.append(("party", author.get("party"), ("authors", i, "party")))
    for i, ref in _items(data, "references"):
        if isinstance(ref, dict) and isinstance(ref.get("law"), str):
            found.append(("law", m.LawRef.parse(ref["law"]).sfs, ("references", i, "law")))
        elif isinstance(ref, dict):
            found.append(("document", ref.get("document"), ("references", i, "document")))
    for kind, value, keys in found:
        if isinstance(value, str) and value.strip():
            yield m.ReadableReference(kind, value, keys)


def _items(data: dict, key: str) -> list[tuple[int, object]]:
    value = data.get(key)
    return list(enumerate(value)) if isinstance(value, list) else []
