"""Recent changes: the "Ändringar" page and an Atom feed of the same events."""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

from samverkan.core import model as m
from samverkan.site.context import SiteContext
from samverkan.site.index import SiteIndex
from samverkan.site.text import cards, document_path, escape, link, swedish_date, table

FEED_PATH = "andringar/feed.xml"


@dataclass(frozen=True)
class Event:
    """One change to a document or role, for the changes page and the feed."""

    when: dt.datetime
    title: str
    target: str
    """Docs-relative .md path of the changed page."""
    summary: str
    key: str
    """Stable identity for the feed entry."""


def events(corpus: m.Corpus, ctx: SiteContext, limit: int = 50) -> list[Event]:
    """Newest changes first, in the owners' words: each document's changelog, never commit messages."""
    # The newest picked first, from plain tuples: a collection holds thousands of changelog lines.
    newest = heapq.nlargest(
        limit,
        ((e.date, f"{doc.source.path}:{e.revision}", doc, e) for doc in corpus.documents for e in doc.changelog),
        key=lambda found: found[:2],
    )
    return [
        Event(dt.datetime.combine(day, dt.time(12), dt.timezone.utc), doc.title, document_path(doc), change_summary(doc, e), key)
        for day, key, doc, e in newest
    ]


def change_summary(doc: m.Document, entry: m.ChangelogEntry) -> str:
    """'Revision 3: Nya kontaktvägar. Fastställd 12 februari 2026.' – the changelog line with its decision."""
    text = f"Revision {entry.revision}: {entry.summary}"
    if entry.editorial:
        text += " (redaktionell ändring)"
    if doc.status is m.Status.DRAFT and entry.revision == doc.revision:
        text += " Utkast, ännu inte fastställt."
    elif doc.decision and entry.revision == doc.revision and doc.decision.date >= entry.date:
        text += f" Fastställd {swedish_date(doc.decision.date)}."
    return text


def changes_page(corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> str:
    here = "andringar/index.md"
    rows = [(e.when.date().isoformat(), link(e.title, e.target, here), escape(e.summary)) for e in events(corpus, ctx)]
    return (
        "# Ändringar\n\nDe senaste ändringarna av dokumenten, nyast först, som de står i dokumentens ändringshistorik. "
        "Du kan också följa ändringarna i en nyhetsläsare: [prenumerera via Atom-flödet](feed.xml).\n\n"
        + cards(table(("Datum", "Vad", "Ändring"), rows), "changes")
    )


def _url(ctx: SiteContext, target: str) -> str:
    page = target.removesuffix(".md").removesuffix("index")
    page = page if page.endswith("/") or not page else page + "/"
    return (ctx.site_url or "").rstrip("/") + "/" + page


def atom_feed(corpus: m.Corpus, ctx: SiteContext) -> str:
    """An Atom 1.0 feed of recent changes; links are absolute when the site URL is known."""
    entries = events(corpus, ctx, limit=30)
    updated = entries[0].when if entries else dt.datetime.combine(ctx.today, dt.time(0), dt.timezone.utc)
    base = ctx.site_url or "urn:samverkanswebben:"
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">',
        f"  <title>{xml_escape(ctx.site_name)} – ändringar</title>",
        f"  <id>{xml_escape(base)}andringar/</id>",
        f"  <updated>{updated.isoformat()}</updated>",
        f'  <link rel="self" href="{xml_escape(_url(ctx, FEED_PATH).rstrip("/"))}"/>',
        f'  <link rel="alternate" href="{xml_escape(_url(ctx, "andringar/index.md"))}"/>',
        f"  <author><name>{xml_escape(ctx.site_name)}</name></author>",
    ]
    for e in entries:
        out += [
            "  <entry>",
            f"    <title>{xml_escape(e.title)}: {xml_escape(e.summary)}</title>",
            f"    <id>{xml_escape(base)}andring/{xml_escape(e.key)}</id>",
            f'    <link href="{xml_escape(_url(ctx, e.target))}"/>',
            f"    <updated>{e.when.isoformat()}</updated>",
            f"    <summary>{xml_escape(e.summary)}</summary>",
            "  </entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"
