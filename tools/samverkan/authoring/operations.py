"""The lifecycle of a document as text in, text out: create a draft, revise it, record its approval.

Everything here is pure: "today" is an argument, nothing reads files or the clock, and every
function returns the new file text (or raises ``AuthoringError`` with a Swedish message). The
CLI adapter ``cli_authoring`` finds the files, asks for what is missing and writes atomically.

Id series
---------
Document ids are ``<PREFIX><NUMBER>``, where the prefix is one or more letter-led parts
each followed by ``-`` (``EXL-SIP-`` in ``EXL-SIP-002``, ``TST-`` in ``TST-001``). Ids of
another shape, such as ``09-412377`` kept from an earlier document system, are never
continued. A new document's series is:

1. the most common prefix among the documents already in its area folder
   (``routines/barn-och-unga/`` holds ``EXL-SIP-002``, so a new document there is
   ``EXL-SIP-…``);
2. otherwise, when the project's most common prefix has an area part (``EXL-STR-``), the
   same first part with an area code made of the first three letters of the area folder
   (``läkemedel`` → ``EXL-LAK-``), taking more letters when that code is already the series
   of documents in another folder; a project whose most common prefix has no area part (``TST-``) continues it;
3. with no series at all, ``DOK-<area code>-``.

The number is the highest number in that series anywhere in the project, also in documents
that fail validation, plus one, written with as many digits as the widest number in the series
(at least three). Ties between equally common prefixes go to the one used most in the whole
project, then alphabetically.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from samverkan.authoring.frontmatter_edit import (
    FrontMatterEditor,
    FrontMatterError,
    render,
)
from samverkan.core.dates import add_months
from samverkan.core.model import DocType, Status
from samverkan.core.slugs import slugify
from samverkan.core.template_text import BODY_SKELETON
from samverkan.core.yamlsource import parse_front_matter

if TYPE_CHECKING:
    from samverkan.core.schemas import SchemaSet

FIELD_ORDER = (
    "id",
    "title",
    "type",
    "revision",
    "status",
    "valid_from",
    "valid_until",
    "owner",
    "approved_by",
    "decision",
    "authors",
    "applies_to",
    "areas",
    "roles",
    "references",
    "changelog",
    "keywords",
    "audience",
    "case_number",
    "review_interval_months",
    "imported",
)
"""The order of ``properties`` in schema/document.schema.json; a new field is placed by it."""

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schema/document.schema.json"
"""First line of every front matter: editors show the Swedish help texts from the schema."""

FIRST_VERSION = "Första versionen."
EXPIRY_WINDOW_DAYS = 90
"""Same window as ``samverkan check``'s W-EXPIRING."""



class AuthoringError(Exception):
    """The change cannot be made; the message says why, in Swedish, for a document owner."""


# Names, folders and dates


def area_folder(area: str) -> str:
    """The folder under ``routines/`` for an area: its ASCII slug."""
    return slugify(area)


def file_names(slug: str) -> Iterator[str]:
    """``slug.md``, then ``slug-2.md``, ``slug-3.md`` …: the names to try, never overwriting one."""
    yield f"{slug}.md"
    number = 2
    while True:
        yield f"{slug}-{number}.md"
        number += 1


def validity_end(start: dt.date, months: int) -> dt.date:
    """Last day in force for a period of ``months`` starting ``start``.

    ``valid_until`` is inclusive, so 24 months from 2026-03-01 end 2028-02-29, as the
    example content writes it.
    """
    return add_months(start, months) - dt.timedelta(days=1)


# Id series

_SERIES = re.compile(r"^((?:[A-Za-z][A-Za-z0-9]*-)+)([0-9]+)$")


def _series(doc_id: str) -> tuple[str, str] | None:
    match = _SERIES.match(doc_id)
    return (match.group(1), match.group(2)) if match else None


def _most_common(counter: Counter[str], tiebreak: Counter[str]) -> str:
    return min(counter, key=lambda prefix: (-counter[prefix], -tiebreak[prefix], prefix))


def _area_code(area: str, taken: set[str]) -> str:
    letters = re.sub(r"[^A-Z0-9]", "", slugify(area).upper()) or "DOK"
    for length in range(min(3, len(letters)), len(letters) + 1):
        if letters[:length] not in taken:
            return letters[:length]
    number = 2
    while f"{letters}{number}" in taken:
        number += 1
    return f"{letters}{number}"


def series_prefix(known: Iterable[tuple[str, str | None]], folder: str, area: str) -> str:
    """The id prefix for a new document in ``routines/<folder>/`` (see the module docstring).

    ``known`` holds (id, area folder) of every document; the folder is None when not known.
    """
    everywhere: Counter[str] = Counter()
    here: Counter[str] = Counter()
    elsewhere: set[str] = set()
    for doc_id, doc_folder in known:
        series = _series(doc_id)
        if series is None:
            continue
        everywhere[series[0]] += 1
        if doc_folder == folder:
            here[series[0]] += 1
        elif doc_folder is not None:
            elsewhere.add(series[0])
    if here:
        return _most_common(here, everywhere)
    if not everywhere:
        return f"DOK-{_area_code(area, set())}-"
    top = _most_common(everywhere, everywhere)
    parts = top.rstrip("-").split("-")
    if len(parts) == 1:
        return top
    organisation = parts[0]
    # Only series seen in other folders are taken: a series known only from documents that
    # failed validation (folder unknown) may well be this area's own.
    taken = {p.split("-")[1] for p in elsewhere if p.startswith(organisation + "-") and p.count("-") >= 2}
    return f"{organisation}-{_area_code(area, taken)}-"


def next_id(known: Iterable[tuple[str, str | None]], folder: str, area: str) -> str:
    """A fresh id in the series for ``folder``: the highest number in use plus one."""
    known = list(known)
    prefix = series_prefix(known, folder, area)
    used = {doc_id for doc_id, _ in known}
    numbers = [series[1] for doc_id, _ in known if (series := _series(doc_id)) and series[0] == prefix]
    width = max([3, *(len(d) for d in numbers)])
    number = max((int(d) for d in numbers), default=0) + 1
    while f"{prefix}{number:0{width}d}" in used:
        number += 1
    return f"{prefix}{number:0{width}d}"


# Reading values the check has not vouched for (a document may have schema errors)


def _int(data: Mapping[str, object], key: str, what: str) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise AuthoringError(f"{what} ({key}) är inget heltal större än noll; rätta det först")
    return value


def _date(value: object, key: str) -> dt.date:
    try:
        if isinstance(value, str) and len(value) == 10:
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise AuthoringError(f"{key} är inget giltigt datum ÅÅÅÅ-MM-DD; rätta det först")


def _text(value: str, what: str) -> str:
    value = value.strip()
    if not value:
        raise AuthoringError(f"{what} får inte vara tom")
    return value


def _editor(text: str, path: str) -> FrontMatterEditor:
    try:
        return FrontMatterEditor(text, path)
    except FrontMatterError as exc:
        raise AuthoringError(str(exc)) from exc


def _result(editor: FrontMatterEditor) -> str:
    try:
        return editor.text()
    except FrontMatterError as exc:
        raise AuthoringError(str(exc)) from exc


def _after(key: str) -> tuple[str, ...]:
    return FIELD_ORDER[: FIELD_ORDER.index(key)]


# New document


TYPE_CHOICES = ", ".join(f"{t.value} ({t.label})" for t in DocType)
"""The document types as error messages list them: ``routine (rutin), agreement (överenskommelse) …``."""


def parse_type(text: str) -> DocType:
    """A document type by its schema value or its Swedish name (``rutin``, ``överenskommelse`` …)."""
    wanted = text.strip().casefold()
    for doc_type in DocType:
        if wanted in (doc_type.value, doc_type.label):
            return doc_type
    raise AuthoringError(f"okänd dokumenttyp '{text}'; välj en av {TYPE_CHOICES}")


def schema_areas(schemas: SchemaSet) -> list[str]:
    """The areas schema/document.schema.json allows, in the schema's order."""
    return list(schemas.validators["document"].schema["properties"]["areas"]["items"]["enum"])


def match_area(text: str, areas: Iterable[str]) -> str:
    """The schema's spelling of an area given as ``psykisk hälsa``, ``Psykisk hälsa`` or ``psykisk-halsa``."""
    areas = list(areas)
    for area in areas:
        if text == area or text.strip().casefold() == area.casefold() or slugify(text) == slugify(area):
            return area
    raise AuthoringError(f"okänt område '{text}'; välj ett av: {', '.join(areas)}")


def new_document(
    *,
    doc_id: str,
    doc_type: DocType,
    title: str,
    area: str,
    owner_role: str,
    owner_contact: str,
    applies_to: Iterable[str],
    today: dt.date,
    review_months: int,
) -> str:
    """The text of a new draft: front matter with one changelog entry, and a body skeleton."""
    title = _text(title, "dokumentnamnet")
    if "\n" in title or "\r" in title:
        raise AuthoringError("dokumentnamnet ska stå på en rad")
    parties = list(dict.fromkeys(applies_to))
    if not parties:
        raise AuthoringError("hittar inga parter i roles/parties/ som dokumentet kan gälla för")
    data = {
        "id": doc_id,
        "title": title,
        "type": doc_type.value,
        "revision": 1,
        "status": Status.DRAFT.value,
        "valid_from": today,
        "valid_until": validity_end(today, review_months),
        "owner": {"role": owner_role.strip(), "contact": owner_contact.strip()},
        "applies_to": parties,
        "areas": [area],
        "changelog": [{"revision": 1, "date": today, "summary": FIRST_VERSION}],
    }
    text = f"---\n{SCHEMA_COMMENT}\n{render(data)}---\n{BODY_SKELETON}"
    parsed = parse_front_matter(text, "nytt dokument")
    expected = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in data.items()}
    expected["changelog"] = [{"revision": 1, "date": today.isoformat(), "summary": FIRST_VERSION}]
    if parsed.problems or parsed.data != expected:
        raise AuthoringError("det nya dokumentets uppgifter blev inte som avsett; inget har skrivits")  # pragma: no cover
    return text


# Revise


@dataclass(frozen=True)
class Revision:
    """The result of ``revise``."""

    text: str
    """The whole new file."""
    doc_id: str
    revision: int
    """The new revision number."""
    valid_until: dt.date
    """``valid_until`` after the revision (changed or not)."""
    valid_until_changed: bool
    needs_decision: bool
    """True for a change in substance to an approved document: a new decision is needed."""


def _changelog(data: Mapping[str, object]) -> list[dict]:
    changelog = data.get("changelog")
    if not isinstance(changelog, list) or not all(isinstance(e, dict) for e in changelog):
        raise AuthoringError("ändringshistoriken (changelog) är ingen lista med revisioner; rätta den först")
    return changelog


def _newest_first(changelog: list[dict]) -> bool:
    """Whether the file lists the newest revision first; with fewer than two entries, no (as the example content)."""
    numbers = [e.get("revision") for e in changelog]
    numbers = [n for n in numbers if isinstance(n, int) and not isinstance(n, bool)]
    return len(numbers) >= 2 and numbers[0] > numbers[-1]


def _entry(changelog: list[dict], values: dict[str, object]) -> dict[str, object]:
    """The new entry with its keys in the order the existing entries use."""
    model = list(changelog[0]) if changelog else []
    rank = {key: (model.index(key) if key in model else len(model) + i) for i, key in enumerate(values)}
    return {key: values[key] for key in sorted(values, key=rank.__getitem__)}


def revise(
    text: str,
    *,
    summary: str,
    today: dt.date,
    editorial: bool = False,
    valid_months: int | None = None,
    default_interval: int = 24,
    path: str = "dokumentet",
) -> Revision:
    """Raise the revision, add the changelog entry and, when asked or about to expire, extend ``valid_until``."""
    summary = _text(summary, "beskrivningen av ändringen (-m)")
    if valid_months is not None and not 1 <= valid_months <= 120:
        raise AuthoringError("giltighetstiden ska vara mellan 1 och 120 månader")
    editor = _editor(text, path)
    data = editor.data
    current = _int(data, "revision", "revisionsnumret")
    changelog = _changelog(data)
    revision = current + 1
    if any(e.get("revision") == revision for e in changelog):
        raise AuthoringError(
            f"ändringshistoriken har redan en rad för revision {revision}, men revisionsnumret är {current}; "
            "rätta revisionsnumret först"
        )
    entry: dict[str, object] = {"revision": revision, "date": today, "summary": summary}
    if editorial:
        entry["editorial"] = True
    editor.set("revision", revision)
    editor.add_item("changelog", _entry(changelog, entry), at_start=_newest_first(changelog))

    valid_until = _date(data.get("valid_until"), "valid_until")
    months = valid_months
    # An editorial fix needs no decision, so it must not quietly extend the validity either.
    if months is None and not editorial and (valid_until - today).days <= EXPIRY_WINDOW_DAYS:
        months = _int(data, "review_interval_months", "översynsintervallet") if "review_interval_months" in data else default_interval
    new_until = validity_end(today, months) if months is not None else valid_until
    if new_until != valid_until:
        valid_from = _date(data.get("valid_from"), "valid_from")
        if new_until < valid_from:
            raise AuthoringError(f"giltigt t.o.m. {new_until} skulle komma före giltigt fr.o.m. {valid_from}; välj fler månader")
        editor.set("valid_until", new_until)
    return Revision(
        text=_result(editor),
        doc_id=str(data.get("id")),
        revision=revision,
        valid_until=new_until,
        valid_until_changed=new_until != valid_until,
        needs_decision=data.get("status") == Status.APPROVED.value and (not editorial or new_until != valid_until),
    )


# Approve


@dataclass(frozen=True)
class Approval:
    """The result of ``approve``."""

    text: str
    """The whole new file."""
    doc_id: str
    decision_before_change: dt.date | None
    """Date of the latest change in substance when the decision is older than it, else None.

    ``samverkan check --base`` reports such a decision as E-DECISION-STALE.
    """


def approve(text: str, *, forum: str, date: dt.date, reference: str, path: str = "dokumentet") -> Approval:
    """Record the approving decision: ``approved_by``, ``decision`` and ``status: approved``."""
    reference = _text(reference, "beslutsreferensen (--ref)")
    editor = _editor(text, path)
    data = editor.data
    if data.get("status") == Status.WITHDRAWN.value:
        raise AuthoringError(
            "dokumentet är upphävt (status: withdrawn) och kan inte fastställas; skapa ett nytt dokument eller ändra status för hand"
        )
    if data.get("status") != Status.APPROVED.value:
        editor.set("status", Status.APPROVED.value, after=_after("status"))
    if data.get("approved_by") != forum:
        editor.set("approved_by", forum, after=_after("approved_by"))
    decision = data.get("decision")
    if isinstance(decision, dict):
        # Field by field, so that comments on the decision's lines stay.
        if decision.get("date") != date.isoformat():
            editor.set_in("decision", "date", date)
        if decision.get("reference") != reference:
            editor.set_in("decision", "reference", reference)
    else:
        editor.set("decision", {"date": date, "reference": reference}, after=_after("decision"))
    changes = [
        e for e in _changelog(data) if e.get("editorial") is not True and isinstance(e.get("date"), str)
    ]
    latest = max((_date(e["date"], "changelog.date") for e in changes), default=None)
    return Approval(
        text=_result(editor),
        doc_id=str(data.get("id")),
        decision_before_change=latest if latest is not None and date < latest else None,
    )
