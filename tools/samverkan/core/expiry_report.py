"""What has expired or will soon, grouped so each owner gets one list, and role assignments to confirm.

Used by ``samverkan expiring`` and by the weekly CI job that opens or updates one issue.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from dataclasses import dataclass

from samverkan.core import model as m
from samverkan.core.collation import sort_key
from samverkan.core.dates import add_months


@dataclass(frozen=True)
class DueDocument:
    """An approved document that has expired or expires within the window."""

    document: m.Document
    validity: m.Validity
    days_left: int
    """Negative when already expired."""


@dataclass(frozen=True)
class OwnerGroup:
    """One owner's list."""

    role_id: str
    role_name: str
    contact: str
    """The documents' functional mailbox (the first one, when they differ)."""
    mentions: tuple[str, ...]
    """Platform handles of the owning role, to notify them in an issue."""
    documents: tuple[DueDocument, ...]


@dataclass(frozen=True)
class StaleAssignment:
    role: m.Role
    assignment: m.Assignment
    party_name: str
    due: dt.date
    """When confirmation was due."""


@dataclass(frozen=True)
class ExpiryReport:
    today: dt.date
    window_days: int
    confirm_months: int
    owners: tuple[OwnerGroup, ...]
    stale: tuple[StaleAssignment, ...]
    unfinished: tuple[m.UnfinishedDraft, ...] = ()
    """Drafts not finished yet (often just imported): named, since they are not in the lists above."""

    @property
    def is_empty(self) -> bool:
        return not self.owners and not self.stale

    @property
    def counts(self) -> dict[str, int]:
        docs = [d for g in self.owners for d in g.documents]
        return {
            "expired": sum(d.validity.is_expired for d in docs),
            "expiring": sum(d.validity.is_expiring for d in docs),
            "assignments_to_confirm": len(self.stale),
        }


def build_report(corpus: m.Corpus, today: dt.date, window_days: int = 90, confirm_months: int = 12) -> ExpiryReport:
    due: dict[str, list[DueDocument]] = defaultdict(list)
    for doc in corpus.documents:
        if not doc.status.is_in_force:
            continue
        validity = doc.validity(today, window_days)
        if validity.is_expired or validity.is_expiring:
            due[doc.owner.role].append(DueDocument(doc, validity, (doc.valid_until - today).days))
    owners = []
    for role_id, docs in due.items():
        role = corpus.roles_by_id.get(role_id)
        docs.sort(key=lambda d: (d.document.valid_until, d.document.id))
        owners.append(
            OwnerGroup(role_id, role.name if role else role_id, docs[0].document.owner.contact, role.reviewers if role else (), tuple(docs))
        )
    owners.sort(key=lambda g: (g.documents[0].document.valid_until, sort_key(g.role_name)))
    stale = [
        StaleAssignment(role, a, corpus.parties_by_id[a.party].name if a.party in corpus.parties_by_id else a.party, add_months(a.confirmed, confirm_months))
        for role in sorted(corpus.roles, key=lambda r: sort_key(r.name))
        for a in role.assignments
        if a.needs_confirmation(today, confirm_months)
    ]
    return ExpiryReport(today, window_days, confirm_months, tuple(owners), tuple(stale), corpus.unfinished)


UNFINISHED_TITLE = "Utkast som inte är färdiga (finns inte med ovan förrän uppgifterna är ifyllda)"


def _unfinished_line(u: m.UnfinishedDraft, today: dt.date) -> str:
    expired = u.imported and u.valid_until is not None and u.valid_until < today
    return f"{u.path} ({u.id}): saknar {', '.join(u.missing)}" + (f"; giltighetstiden i originalet gick ut {u.valid_until}" if expired else "")


def _days(n: int) -> str:
    return "1 dag" if n == 1 else f"{n} dagar"


def _state(d: DueDocument) -> str:
    if d.validity.is_expired:
        return f"gick ut för {_days(-d.days_left)} sedan"
    return "går ut i dag" if d.days_left == 0 else f"går ut om {_days(d.days_left)}"


def _summary(report: ExpiryReport) -> str:
    c = report.counts
    expired = f"{c['expired']} {'utgånget dokument' if c['expired'] == 1 else 'utgångna dokument'}"
    expiring = f"{c['expiring']} dokument som går ut inom {report.window_days} dagar"
    stale = c["assignments_to_confirm"]
    return f"{expired}, {expiring} och {stale} {'uppgift' if stale == 1 else 'uppgifter'} om roller som behöver bekräftas"


def _holder(s: StaleAssignment) -> str:
    return s.assignment.name or s.assignment.contact or "–"


def format_table(report: ExpiryReport) -> str:
    """For a terminal: aligned columns, one block per owner."""
    lines = [f"Giltighet per {report.today} (varnar {report.window_days} dagar i förväg)", ""]
    unfinished = [UNFINISHED_TITLE] + ["  " + _unfinished_line(u, report.today) for u in report.unfinished] + [""] if report.unfinished else []
    if report.is_empty:
        return "\n".join(lines + unfinished + ["Inget har gått ut eller går ut snart, och alla uppgifter om roller är bekräftade."]) + "\n"
    lines += unfinished
    for group in report.owners:
        lines.append(f"{group.role_name} <{group.contact}>")
        rows = [(d.document.id, d.document.valid_until.isoformat(), _state(d), d.document.title) for d in group.documents]
        lines += _aligned(("Id", "Giltigt t.o.m.", "Läge", "Dokument"), rows)
        lines.append("")
    if report.stale:
        lines.append(f"Uppgifter om roller som inte har bekräftats på {report.confirm_months} månader")
        rows = [(s.role.name, s.party_name, _holder(s), s.assignment.confirmed.isoformat()) for s in report.stale]
        lines += _aligned(("Roll", "Part", "Vem", "Senast bekräftad"), rows)
        lines.append("")
    lines.append(_summary(report) + ".")
    return "\n".join(lines) + "\n"


def _aligned(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows)]
    out = ["  " + "  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip()]
    out += ["  " + "  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip() for row in rows]
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_markdown(report: ExpiryReport) -> str:
    """Ready to be the body of an issue: one section per owner, mentioning the owning role's handles."""
    out = [f"Läget per **{report.today}**: {_summary(report)}.", ""]
    if report.unfinished:
        out += [f"### {UNFINISHED_TITLE}", ""] + [f"- {_cell(_unfinished_line(u, report.today))}" for u in report.unfinished] + [""]
    if report.is_empty:
        return "\n".join(out + ["Inget att göra den här veckan."]) + "\n"
    for group in report.owners:
        mention = " ".join(group.mentions)
        out += [f"### {group.role_name}" + (f" ({mention})" if mention else ""), "", f"Kontakt: {group.contact}", ""]
        out += ["| Dokument | Id | Giltigt t.o.m. | Läge |", "| --- | --- | --- | --- |"]
        out += [
            f"| {_cell(d.document.title)} | `{d.document.id}` | {d.document.valid_until} | {_state(d)} |" for d in group.documents
        ]
        out.append("")
    if report.stale:
        out += [f"### Uppgifter om roller att bekräfta (äldre än {report.confirm_months} månader)", ""]
        out += ["| Roll | Part | Vem | Senast bekräftad |", "| --- | --- | --- | --- |"]
        out += [f"| {_cell(s.role.name)} | {_cell(s.party_name)} | {_cell(_holder(s))} | {s.assignment.confirmed} |" for s in report.stale]
        out.append("")
    out.append("Så här gör du: revidera eller förläng dokumentet (`samverkan revise`), eller upphäv det; bekräfta eller ändra uppgiften om rollen i `roles/`.")
    return "\n".join(out) + "\n"


def format_json(report: ExpiryReport) -> str:
    payload = {
        "today": report.today.isoformat(),
        "window_days": report.window_days,
        "summary": report.counts,
        "owners": [
            {
                "role": g.role_id,
                "name": g.role_name,
                "contact": g.contact,
                "mentions": list(g.mentions),
                "documents": [
                    {
                        "id": d.document.id,
                        "title": d.document.title,
                        "path": d.document.source.path,
                        "valid_until": d.document.valid_until.isoformat(),
                        "state": d.validity.value,
                        "days_left": d.days_left,
                    }
                    for d in g.documents
                ],
            }
            for g in report.owners
        ],
        "assignments_to_confirm": [
            {
                "role": s.role.id,
                "party": s.assignment.party,
                "name": s.assignment.name,
                "contact": s.assignment.contact,
                "confirmed": s.assignment.confirmed.isoformat(),
                "due": s.due.isoformat(),
            }
            for s in report.stale
        ],
    }
    if report.unfinished:
        payload["unfinished_drafts"] = [
            {"id": u.id, "path": u.path, "missing": list(u.missing), "valid_until": u.valid_until.isoformat() if u.valid_until else None}
            for u in report.unfinished
        ]
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def format_csv(report: ExpiryReport) -> str:
    """One row per item, for a spreadsheet: documents first, then role assignments."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["typ", "ägare", "kontakt", "id", "titel", "datum", "läge", "dagar"])
    for g in report.owners:
        for d in g.documents:
            writer.writerow(["dokument", g.role_name, g.contact, d.document.id, d.document.title, d.document.valid_until, "utgånget" if d.validity.is_expired else "går snart ut", d.days_left])
    for s in report.stale:
        writer.writerow(["roll", s.party_name, s.assignment.contact or "", s.role.id, s.role.name, s.assignment.confirmed, "behöver bekräftas", ""])
    for u in report.unfinished:
        writer.writerow(["utkast", "", "", u.id, u.name, u.valid_until or "", "inte färdigt: saknar " + ", ".join(u.missing), ""])
    return out.getvalue()


FORMATS = {"table": format_table, "markdown": format_markdown, "json": format_json, "csv": format_csv}
