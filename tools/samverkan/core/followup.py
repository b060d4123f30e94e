"""Is our body of routines under control? The answer for a management group, on a given date.

One pure summary feeds both the site's status page and the dated follow-up report
(``samverkan uppfoljning``, Markdown, CSV or PDF) that a management group attaches to its
minutes: the state of the documents per area, per owning role and per party, the role
assignments that need confirmation per party, and the documents past their review interval.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from samverkan.core import model as m
from samverkan.core.collation import sort_key
from samverkan.core.dates import add_months


class DocState(enum.Enum):
    """What a reader should know about a document on a given day; the value is the site's chip key."""

    IN_FORCE = "in-force"
    EXPIRING = "expiring"
    NOT_YET_VALID = "not-yet-valid"
    EXPIRED = "expired"
    DRAFT = "draft"
    WITHDRAWN = "withdrawn"

    @classmethod
    def of(cls, doc: m.Document, today: dt.date, window_days: int) -> DocState:
        if doc.status is m.Status.DRAFT:
            return cls.DRAFT
        if doc.status is m.Status.WITHDRAWN:
            return cls.WITHDRAWN
        return {
            m.Validity.VALID: cls.IN_FORCE,
            m.Validity.EXPIRING: cls.EXPIRING,
            m.Validity.NOT_YET_VALID: cls.NOT_YET_VALID,
            m.Validity.EXPIRED: cls.EXPIRED,
        }[doc.validity(today, window_days)]

    @property
    def label(self) -> str:
        """The wording of the site's status chip."""
        return _STATE_LABELS[self]

    @property
    def needs_action(self) -> bool:
        """Expired or expiring: an owner has work to do."""
        return self in (DocState.EXPIRED, DocState.EXPIRING)


_STATE_LABELS = {
    DocState.IN_FORCE: "Gäller",
    DocState.EXPIRING: "Går snart ut",
    DocState.NOT_YET_VALID: "Gäller ännu inte",
    DocState.EXPIRED: "Giltighetstiden har gått ut",
    DocState.DRAFT: "Utkast",
    DocState.WITHDRAWN: "Upphävd",
}

COLUMNS = (DocState.IN_FORCE, DocState.EXPIRING, DocState.EXPIRED, DocState.NOT_YET_VALID, DocState.DRAFT, DocState.WITHDRAWN)
"""The order of the state columns in every table."""


@dataclass(frozen=True)
class StateRow:
    """How many documents of one group (an area, an owner, a party) are in each state."""

    key: str
    """Area name, role id or party id."""
    name: str
    """What a reader calls it."""
    counts: tuple[int, ...]
    """One number per state, in the order of ``COLUMNS``."""

    def count(self, state: DocState) -> int:
        return self.counts[COLUMNS.index(state)]


@dataclass(frozen=True)
class Confirmation:
    """A role assignment at a party that has not been confirmed for too long."""

    party: str
    """Party id."""
    party_name: str
    role: str
    """Role id."""
    role_name: str
    holder: str
    """Name or contact as registered, or "–"."""
    confirmed: dt.date
    """When it was last confirmed."""


@dataclass(frozen=True)
class ReviewDue:
    """An approved document whose last decision is older than its review interval."""

    document: m.Document
    reviewed: dt.date
    """Date of the last decision (or, without one, the first day in force)."""
    due: dt.date
    """When the next review was due."""


@dataclass(frozen=True)
class FollowUp:
    """The whole answer, for one date."""

    today: dt.date
    window_days: int
    confirm_months: int
    totals: tuple[int, ...]
    """All documents, one number per state (``COLUMNS``)."""
    by_area: tuple[StateRow, ...]
    by_owner: tuple[StateRow, ...]
    by_party: tuple[StateRow, ...]
    confirmations: tuple[Confirmation, ...]
    """Sorted by party, then role."""
    review_due: tuple[ReviewDue, ...]
    """Oldest review first."""


def _rows(groups: dict[str, list[m.Document]], name: Callable[[str], str], state: dict[int, DocState]) -> tuple[StateRow, ...]:
    rows = []
    for key, docs in groups.items():
        counts = Counter(state[id(d)] for d in docs)
        rows.append(StateRow(key, name(key), tuple(counts[s] for s in COLUMNS)))
    return tuple(sorted(rows, key=lambda r: sort_key(r.name)))


def _group(docs: Iterable[m.Document], keys: Callable[[m.Document], Iterable[str]]) -> dict[str, list[m.Document]]:
    out: dict[str, list[m.Document]] = {}
    for doc in docs:
        for key in dict.fromkeys(keys(doc)):
            out.setdefault(key, []).append(doc)
    return out


def follow_up(corpus: m.Corpus, today: dt.date, window_days: int = 90, confirm_months: int = 12) -> FollowUp:
    docs = corpus.documents
    roles, parties = corpus.roles_by_id, corpus.parties_by_id
    state = {id(d): DocState.of(d, today, window_days) for d in docs}  # each document's once, for every count below
    totals = Counter(state.values())
    confirmations = [
        Confirmation(
            a.party,
            parties[a.party].name if a.party in parties else a.party,
            role.id,
            role.name,
            a.name or a.contact or "–",
            a.confirmed,
        )
        for role in corpus.roles
        for a in role.assignments
        if a.needs_confirmation(today, confirm_months)
    ]
    review_due = []
    for doc in docs:
        if doc.status is not m.Status.APPROVED:
            continue
        reviewed = doc.decision.date if doc.decision else doc.valid_from
        due = add_months(reviewed, doc.review_interval_months)
        if due < today:
            review_due.append(ReviewDue(doc, reviewed, due))
    return FollowUp(
        today=today,
        window_days=window_days,
        confirm_months=confirm_months,
        totals=tuple(totals[s] for s in COLUMNS),
        by_area=_rows(_group(docs, lambda d: d.areas), lambda a: a[:1].upper() + a[1:], state),
        by_owner=_rows(_group(docs, lambda d: [d.owner.role]), lambda r: roles[r].name if r in roles else r, state),
        by_party=_rows(_group(docs, lambda d: d.applies_to), lambda p: parties[p].name if p in parties else p, state),
        confirmations=tuple(sorted(confirmations, key=lambda c: (sort_key(c.party_name), sort_key(c.role_name)))),
        review_due=tuple(sorted(review_due, key=lambda r: (r.due, r.document.id))),
    )


# --- the dated report ---------------------------------------------------------------------------------------


def _md_table(headers: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    def cell(text: str) -> str:
        # Names are untrusted plain text: no table breaks, no HTML when pandoc makes the PDF.
        return text.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")

    out = "| " + " | ".join(headers) + " |\n| " + " | ".join("---" for _ in headers) + " |\n"
    return out + "".join("| " + " | ".join(cell(c) for c in row) + " |\n" for row in rows)


def _state_table(first: str, rows: tuple[StateRow, ...]) -> str:
    return _md_table((first, *(s.label for s in COLUMNS)), ((r.name, *(str(n) for n in r.counts)) for r in rows))


def to_markdown(report: FollowUp, title: str = "Uppföljning av de gemensamma styrdokumenten") -> str:
    """The report as Markdown: for the minutes, and the source of the PDF."""
    t = report.totals
    in_force = t[COLUMNS.index(DocState.IN_FORCE)] + t[COLUMNS.index(DocState.EXPIRING)]
    out = [
        f"# {title}\n",
        f"Per {report.today.isoformat()}. {in_force} fastställda dokument gäller, varav "
        f"{t[COLUMNS.index(DocState.EXPIRING)]} går ut inom {report.window_days} dagar; "
        f"{t[COLUMNS.index(DocState.EXPIRED)]} har gått ut, {t[COLUMNS.index(DocState.DRAFT)]} är utkast och "
        f"{t[COLUMNS.index(DocState.WITHDRAWN)]} är upphävda. {len(report.review_due)} dokument har passerat sitt "
        f"översynsintervall och {len(report.confirmations)} uppgifter om roller behöver bekräftas.\n",
        "## Per område\n\n" + _state_table("Område", report.by_area),
        "## Per dokumentägare\n\n" + _state_table("Dokumentägare", report.by_owner),
        "## Per part\n\n" + _state_table("Part", report.by_party),
        f"## Uppgifter om roller som behöver bekräftas\n\nInte bekräftade på {report.confirm_months} månader.\n\n"
        + (
            _md_table(("Part", "Roll", "Vem", "Senast bekräftad"), ((c.party_name, c.role_name, c.holder, c.confirmed.isoformat()) for c in report.confirmations))
            if report.confirmations
            else "Alla uppgifter är bekräftade.\n"
        ),
        "## Dokument som har passerat översynsintervallet\n\n"
        + (
            _md_table(
                ("Dokument", "Id", "Senaste beslut", "Översyn senast"),
                ((r.document.title, r.document.id, r.reviewed.isoformat(), r.due.isoformat()) for r in report.review_due),
            )
            if report.review_due
            else "Inga dokument har passerat sitt översynsintervall.\n"
        ),
    ]
    return "\n".join(out)


def to_csv(report: FollowUp) -> str:
    """One row per group and state table, and per confirmation and review, dated: for a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["datum", "avsnitt", "namn", "id", *(s.label for s in COLUMNS), "senast", "förfaller"])
    day = report.today.isoformat()
    blank = [""] * len(COLUMNS)
    for section, rows in (("område", report.by_area), ("dokumentägare", report.by_owner), ("part", report.by_party)):
        for r in rows:
            writer.writerow([day, section, r.name, r.key, *r.counts, "", ""])
    for c in report.confirmations:
        writer.writerow([day, "bekräfta roll", f"{c.role_name}, {c.party_name}", f"{c.role}@{c.party}", *blank, c.confirmed.isoformat(), ""])
    for r in report.review_due:
        writer.writerow([day, "översyn", r.document.title, r.document.id, *blank, r.reviewed.isoformat(), r.due.isoformat()])
    return buffer.getvalue()
