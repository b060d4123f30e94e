"""Markdown for the site's generated pages, built from the corpus alone.

This is the core side of the site: it knows URLs, Swedish labels and page text, and
nothing about MkDocs. The MkDocs adapter only hands these pages to the build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from . import model as m

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december")


def swedish_date(day: dt.date) -> str:
    """'1 december 2026', as Swedish prose writes dates."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class SitePage:
    """A generated page: where it goes in the site and its Markdown."""

    path: str
    """Path below the docs directory, e.g. ``dokument/EXL-UTS-001.md``."""
    markdown: str
    """Page content."""
    source_path: str | None = None
    """The content file the page was made from, if one."""


def document_path(doc: m.Document) -> str:
    return f"dokument/{doc.id}.md"


def role_path(role_id: str) -> str:
    return f"roller/{role_id}.md"


@dataclass(frozen=True)
class RenderContext:
    """What page rendering depends on besides the corpus."""

    today: dt.date
    window_days: int = 90


def site_pages(corpus: m.Corpus, ctx: RenderContext) -> Iterator[SitePage]:
    for doc in corpus.documents:
        yield SitePage(document_path(doc), document_page(doc, corpus, ctx), doc.source.path)
    for role in corpus.roles:
        yield SitePage(role_path(role.id), role_page(role, corpus), role.source.path)
    yield SitePage("dokument/index.md", document_index(corpus, ctx))


def _link(text: str, target: str, here: str) -> str:
    """A relative Markdown link from page ``here`` to page ``target`` (both docs-relative)."""
    depth = here.count("/")
    return f"[{_escape(text)}]({'../' * depth}{target})"


def _escape(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]").replace("|", "\\|")


def _banner(doc: m.Document, ctx: RenderContext) -> str:
    validity = doc.validity(ctx.today, ctx.window_days)
    if doc.status is m.Status.WITHDRAWN:
        return '!!! danger "Upphävt dokument"\n    Dokumentet är upphävt och gäller inte längre. Det finns kvar här för kännedom.\n'
    if doc.status is m.Status.DRAFT:
        return '!!! warning "Utkast"\n    Dokumentet är ett utkast och är ännu inte fastställt.\n'
    if validity.is_expired:
        return (
            '!!! danger "Giltighetstiden har gått ut"\n'
            f"    Dokumentet gällde till och med {swedish_date(doc.valid_until)}. "
            "Kontakta dokumentägaren innan du följer det.\n"
        )
    if validity.is_expiring:
        return (
            '!!! warning "Giltighetstiden går snart ut"\n'
            f"    Dokumentet gäller till och med {swedish_date(doc.valid_until)} och ska ses över före dess.\n"
        )
    return ""


def document_page(doc: m.Document, corpus: m.Corpus, ctx: RenderContext) -> str:
    here = document_path(doc)
    owner_role = corpus.roles_by_id.get(doc.owner.role)
    owner = _link(owner_role.name, role_path(owner_role.id), here) if owner_role else doc.owner.role
    forum = corpus.forums_by_id.get(doc.approved_by or "")
    rows = [
        ("Dokument-id", doc.id),
        ("Dokumenttyp", doc.type.label.capitalize()),
        ("Revision", str(doc.revision)),
        ("Status", doc.status.label.capitalize()),
        ("Giltigt fr.o.m.", doc.valid_from.isoformat()),
        ("Giltigt t.o.m.", doc.valid_until.isoformat()),
        ("Dokumentägare", f"{owner}, <{doc.owner.contact}>"),
    ]
    if forum or doc.decision:
        decided = forum.name if forum else (doc.approved_by or "")
        if doc.decision:
            decided += f", {doc.decision.date.isoformat()}, {doc.decision.reference}"
        rows.append(("Fastställt av", _escape(decided)))
    parties = [corpus.parties_by_id[p].name if p in corpus.parties_by_id else p for p in doc.applies_to]
    rows.append(("Gäller för", _escape(", ".join(parties))))
    rows.append(("Områden", ", ".join(doc.areas)))
    if doc.case_number:
        rows.append(("Diarienummer", _escape(doc.case_number)))
    table = "| Uppgift | Värde |\n| --- | --- |\n" + "".join(f"| {k} | {v} |\n" for k, v in rows)
    parts = [f"# {doc.title}\n", _banner(doc, ctx), table, doc.body.strip() + "\n"]
    if doc.references:
        parts.append("## Referenser\n\n" + "".join(f"- {_reference(ref, corpus, here)}\n" for ref in doc.references))
    if doc.roles:
        names = [
            _link(corpus.roles_by_id[r].name, role_path(r), here) if r in corpus.roles_by_id else r for r in doc.roles
        ]
        parts.append("## Roller i dokumentet\n\n" + "".join(f"- {n}\n" for n in names))
    history = sorted(doc.changelog, key=lambda e: e.revision, reverse=True)
    parts.append(
        "## Ändringshistorik\n\n| Revision | Datum | Ändring |\n| --- | --- | --- |\n"
        + "".join(f"| {e.revision} | {e.date.isoformat()} | {_escape(e.summary)} |\n" for e in history)
    )
    return "\n".join(p for p in parts if p)


def _reference(ref: m.Reference, corpus: m.Corpus, here: str) -> str:
    if isinstance(ref, m.LawRef):
        law = corpus.laws_by_sfs.get(ref.sfs)
        if law is None:
            return f"SFS {ref.sfs}"
        text = law.title + (f" {ref.provision}" if ref.provision else "")
        note = ""
        if law.repealed:
            replacement = corpus.laws_by_sfs.get(law.repealed.replaced_by or "")
            note = f" (upphävd {law.repealed.date.isoformat()}" + (f", ersatt av {replacement.title}" if replacement else "") + ")"
        return f"[{_escape(text)}]({law.url}){note}"
    if isinstance(ref, m.DocumentRef):
        target = corpus.documents_by_id.get(ref.id)
        return _link(target.title, document_path(target), here) if target else ref.id
    return f"[{_escape(ref.title)}]({ref.url})"


def role_page(role: m.Role, corpus: m.Corpus) -> str:
    lines = [f"# {role.name}\n", role.description.strip() + "\n", "## Ansvar\n"]
    lines += [f"- {_escape(r)}" for r in role.responsibilities]
    here = role_path(role.id)
    documents = [d for d in corpus.documents if role.id in d.roles or d.owner.role == role.id]
    if documents:
        lines += ["", "## Dokument som nämner rollen\n"]
        lines += [f"- {_link(d.title, document_path(d), here)}" for d in sorted(documents, key=lambda d: d.title)]
    return "\n".join(lines) + "\n"


def document_index(corpus: m.Corpus, ctx: RenderContext) -> str:
    here = "dokument/index.md"
    lines = ["# Alla dokument\n", "| Dokument | Typ | Status | Giltigt t.o.m. |", "| --- | --- | --- | --- |"]
    for d in sorted(corpus.documents, key=lambda d: d.title.casefold()):
        lines.append(
            f"| {_link(d.title, document_path(d), here)} | {d.type.label} | {d.status.label} | {d.valid_until.isoformat()} |"
        )
    return "\n".join(lines) + "\n"
