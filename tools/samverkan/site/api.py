"""A machine-readable feed for intranets, notification bots and other sites: ``api/documents.json`` and ``api/roles.json``.

Both are described by JSON Schemas in ``schema/`` (``api-documents``, ``api-roles``). The
state is computed for the build date (``generated``); a reader who needs it for another day
recomputes it from ``valid_from`` and ``valid_until``, which is what the README's example does.
"""

from __future__ import annotations

import json

from samverkan.core import model as m
from samverkan.site.context import SiteContext
from samverkan.site.downloads import download_path
from samverkan.site.revisions import revision_path
from samverkan.site.text import document_path, role_path

DOCUMENTS_PATH = "api/documents.json"
ROLES_PATH = "api/roles.json"
FEED_VERSION = 1
"""Raised when a field changes meaning or goes away; new fields do not raise it."""


def _url(ctx: SiteContext, path: str) -> str:
    """The published address of a docs-relative file: a page's directory URL, other files as they are."""
    if path.endswith(".md"):
        path = path.removesuffix(".md").removesuffix("index") + ("/" if not path.endswith("index.md") else "")
    return (ctx.site_url or "").rstrip("/") + "/" + path if ctx.site_url else path


def _state(doc: m.Document, ctx: SiteContext) -> str:
    if doc.status is not m.Status.APPROVED:
        return doc.status.value
    return doc.validity(ctx.today, ctx.window_days).value


def _document(doc: m.Document, corpus: m.Corpus, ctx: SiteContext) -> dict:
    owner = corpus.roles_by_id.get(doc.owner.role)
    last = doc.latest_change
    return {
        "id": doc.id,
        "title": doc.title,
        "type": doc.type.value,
        "status": doc.status.value,
        "revision": doc.revision,
        "valid_from": doc.valid_from.isoformat(),
        "valid_until": doc.valid_until.isoformat(),
        "state": _state(doc, ctx),
        "owner": {"role": doc.owner.role, "role_name": owner.name if owner else None, "contact": doc.owner.contact},
        "decision": {
            "forum": doc.approved_by,
            "date": doc.decision.date.isoformat() if doc.decision else None,
            "reference": doc.decision.reference if doc.decision else None,
        }
        if doc.approved_by or doc.decision
        else None,
        "areas": list(doc.areas),
        "applies_to": list(doc.applies_to),
        "url": _url(ctx, document_path(doc)),
        "downloads": {fmt: _url(ctx, download_path(doc, fmt)) for fmt in ctx.downloads},
        "last_change": {"revision": last.revision, "date": last.date.isoformat(), "summary": last.summary, "editorial": last.editorial},
        "earlier_revisions": [
            {"revision": rev.revision, "url": _url(ctx, revision_path(doc.id, rev.revision))}
            for rev in ctx.archive.get(doc.id, ())
            if not (doc.status is m.Status.APPROVED and rev.revision == doc.revision)
        ],
    }


def _role(role: m.Role, corpus: m.Corpus, ctx: SiteContext) -> dict:
    reports = role.reports_to
    return {
        "id": role.id,
        "name": role.name,
        "description": role.description,
        "responsibilities": list(role.responsibilities),
        "appointed_by": role.appointed_by,
        "reports_to": {
            "role": reports.role,
            "forum": reports.forum,
            "frequency": reports.frequency.value if reports.frequency else None,
        }
        if reports
        else None,
        "url": _url(ctx, role_path(role.id)),
        "assignments": [
            {
                "party": a.party,
                "party_name": corpus.parties_by_id[a.party].name if a.party in corpus.parties_by_id else None,
                "unit": a.unit,
                "name": a.name,
                "contact": a.contact,
                "confirmed": a.confirmed.isoformat(),
                "needs_confirmation": a.needs_confirmation(ctx.today, ctx.confirm_months),
            }
            for a in role.assignments
        ],
    }


def _dump(data: dict) -> str:
    return _compact(data) + "\n"


def _compact(data: dict) -> str:
    # Compact: Python's JSON writer is several times faster without indentation (and a browser shows it indented).
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def documents_feed(corpus: m.Corpus, ctx: SiteContext) -> str:
    head = _dump({"version": FEED_VERSION, "generated": ctx.today.isoformat(), "expiry_window_days": ctx.window_days})
    entries = ",".join(_document_json(doc, corpus, ctx) for doc in sorted(corpus.documents, key=lambda d: d.id))
    return head.removesuffix("}\n") + f',"documents":[{entries}]}}\n'


def _document_json(doc: m.Document, corpus: m.Corpus, ctx: SiteContext) -> str:
    """One document's entry; under `mkdocs serve` kept while nothing it shows changes."""
    if ctx.rows is None:
        return _compact(_document(doc, corpus, ctx))
    owner = corpus.roles_by_id.get(doc.owner.role)
    earlier = tuple(rev.revision for rev in ctx.archive.get(doc.id, ()))
    key = ("api", ctx.today, ctx.window_days, ctx.site_url, ctx.downloads, owner.name if owner else None, earlier)
    return ctx.rows.row(doc, key, lambda: _compact(_document(doc, corpus, ctx)))


def roles_feed(corpus: m.Corpus, ctx: SiteContext) -> str:
    return _dump(
        {
            "version": FEED_VERSION,
            "generated": ctx.today.isoformat(),
            "confirm_months": ctx.confirm_months,
            "roles": [_role(role, corpus, ctx) for role in sorted(corpus.roles, key=lambda r: r.id)],
        }
    )
