"""The revision archive: which commit holds each approved revision of a document.

A git tag ``<id>/r<revision>`` marks the approved revision; it is set when the revision is
published, and ``samverkan tag`` sets missing ones. Where a revision has no tag, it is
found in the history instead: the oldest version of the file that says that revision and
``status: approved`` (the commit that approved it; ``samverkan tag`` tags the same one).
Everything here is pure: the texts come from git through ``samverkan.external.vcs``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from samverkan.core import model as m
from samverkan.core.loader import document_from_text
from samverkan.core.schemas import SchemaSet
from samverkan.core.yamlsource import parse_front_matter

_TAG = re.compile(r"^(?P<id>[A-Za-z0-9][A-Za-z0-9._-]*)/r(?P<revision>[1-9][0-9]*)$")


def tag_name(doc_id: str, revision: int) -> str:
    """The tag that marks an approved revision, e.g. ``EXL-UTS-001/r3``."""
    return f"{doc_id}/r{revision}"


def parse_tag(name: str) -> tuple[str, int] | None:
    """(document id, revision) of a revision tag; None for any other tag."""
    found = _TAG.match(name)
    return (found["id"], int(found["revision"])) if found else None


@dataclass(frozen=True)
class Snapshot:
    """A document file as one commit left it."""

    commit: str
    """Full commit id."""
    date: dt.date
    """The commit's author date."""
    text: str
    """The whole file: front matter and body."""


@dataclass(frozen=True)
class ArchivedRevision:
    """One approved revision of a document, as its text was when it was approved."""

    doc_id: str
    """The document's id."""
    revision: int
    """Revision number."""
    commit: str
    """The commit that holds this revision's text."""
    saved: dt.date
    """When that commit was made."""
    tagged: bool
    """True when a tag marks it; False when it was found in the history."""
    title: str
    """The title the revision had."""
    valid_from: dt.date | None
    """First day in force, as the revision said."""
    valid_until: dt.date | None
    """Last day in force, as the revision said."""
    approved_by: str | None
    """Id of the approving forum."""
    decision_date: dt.date | None
    """Date of the approving decision."""
    decision_reference: str | None
    """Where the decision is recorded."""
    body: str
    """The Markdown text after the front matter."""
    document: m.Document | None = None
    """The revision as a whole document, when today's schema accepts it (for its PDF and Word copies)."""


@lru_cache(maxsize=64)
def _fields(text: str) -> tuple[dict, str] | None:
    # Cached: ``revisions`` reads a version once to see whether it approved a revision and again to
    # archive it; a few dozen texts cover the versions of the document being read. Never mutated.
    parsed = parse_front_matter(text, "")
    return (parsed.data, parsed.body) if isinstance(parsed.data, dict) else None


def _day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value is not None else None
    except ValueError:
        return None


def approval(text: str) -> tuple[str, int] | None:
    """(id, revision) when this version of a file is an approved revision, else None."""
    found = _fields(text)
    if found is None:
        return None
    data = found[0]
    revision, doc_id = data.get("revision"), data.get("id")
    if data.get("status") != "approved" or not isinstance(revision, int) or not isinstance(doc_id, str):
        return None
    return doc_id, revision


def approvals(versions: Sequence[Snapshot]) -> dict[tuple[str, int], Snapshot]:
    """The version that approved each (id, revision): the oldest one saying it. ``versions`` is newest first."""
    found: dict[tuple[str, int], Snapshot] = {}
    for version in reversed(versions):
        key = approval(version.text)
        if key is not None and key not in found:
            found[key] = version
    return found


def archived(doc_id: str, revision: int, snapshot: Snapshot, tagged: bool, source: tuple[str, SchemaSet] | None = None) -> ArchivedRevision | None:
    """The revision as ``snapshot`` holds it; None when the file there is not a readable document.

    With ``source`` (the file's current path and the schemas) it is also read as a whole document.
    """
    found = _fields(snapshot.text)
    if found is None:
        return None
    data, body = found
    decision = data.get("decision") if isinstance(data.get("decision"), dict) else {}
    return ArchivedRevision(
        doc_id=doc_id,
        revision=revision,
        commit=snapshot.commit,
        saved=snapshot.date,
        tagged=tagged,
        title=str(data.get("title") or doc_id),
        valid_from=_day(data.get("valid_from")),
        valid_until=_day(data.get("valid_until")),
        approved_by=data.get("approved_by") if isinstance(data.get("approved_by"), str) else None,
        decision_date=_day(decision.get("date")),
        decision_reference=str(decision["reference"]) if decision.get("reference") else None,
        body=body,
        document=document_from_text(snapshot.text, source[0], source[1]) if source else None,
    )


def revisions(
    doc_id: str, versions: Sequence[Snapshot], tagged: Mapping[int, Snapshot], source: tuple[str, SchemaSet] | None = None
) -> tuple[ArchivedRevision, ...]:
    """Every approved revision of one document, oldest first: tagged ones as tagged, the rest from ``versions``."""
    found = {rev: snap for (i, rev), snap in approvals(versions).items() if i == doc_id}
    out = [archived(doc_id, rev, snap, False, source) for rev, snap in found.items() if rev not in tagged]
    out += [archived(doc_id, rev, snap, True, source) for rev, snap in tagged.items()]
    return tuple(sorted((a for a in out if a is not None), key=lambda a: a.revision))


def missing_tags(files: Iterable[Sequence[Snapshot]], existing: Iterable[str]) -> dict[str, Snapshot]:
    """Tag name -> the version to tag, for approved revisions that have no tag yet.

    ``files`` holds each file's versions, newest first.
    """
    have = set(existing)
    found: dict[str, Snapshot] = {}
    for versions in files:
        for (doc_id, revision), snap in approvals(versions).items():
            name = tag_name(doc_id, revision)
            if name not in have and name not in found:
                found[name] = snap
    return found
