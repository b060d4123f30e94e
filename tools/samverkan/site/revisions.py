"""Earlier approved revisions: read from git in one pass, listed on each document page, one page each.

An old revision's page sits beside the document's own page (``dokument/<id>-r<n>.md``), so
the links in its text lead where they led on the document's page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from samverkan.core import archive
from samverkan.core import model as m
from samverkan.core.archive import ArchivedRevision, Snapshot
from samverkan.core.schemas import SchemaSet
from samverkan.external import vcs
from samverkan.site.context import SiteContext
from samverkan.site.text import escape, forum_path, name_link, swedish_date, table
from samverkan.site.worddiff import diff_block

NOT_CURRENT = "Detta är inte den gällande versionen"
BLOB_BATCH = 200
"""Documents whose old texts are read from git together."""


def read_archive(
    root: Path, documents: tuple[m.Document, ...], history: vcs.FileHistory, schemas: SchemaSet | None = None
) -> dict[str, tuple[ArchivedRevision, ...]]:
    """Every approved revision of every document: tags read once, each old text read once.

    With ``schemas``, each revision is also read as a whole document, for its PDF and Word copies.
    """
    tagged: dict[str, dict[int, str]] = {}
    for tag in vcs.read_tags(root):
        parsed = archive.parse_tag(tag.name)
        if parsed:
            tagged.setdefault(parsed[0], {})[parsed[1]] = tag.commit
    versions = {doc.id: history.versions.get(doc.source.path, ()) for doc in documents}
    result: dict[str, tuple[ArchivedRevision, ...]] = {}
    # A batch of documents at a time: every old text of a long history need not be in memory at once.
    for start in range(0, len(documents), BLOB_BATCH):
        batch = documents[start : start + BLOB_BATCH]
        texts = vcs.read_blobs(root, (v.blob for doc in batch for v in versions[doc.id]))
        for doc in batch:
            snaps = [Snapshot(v.change.sha, v.change.date, texts[v.blob]) for v in versions[doc.id]]
            by_commit = {s.commit: s for s in snaps}
            paths = list(dict.fromkeys([doc.source.path, *(v.path for v in versions[doc.id])]))
            marked: dict[int, Snapshot] = {}
            for revision, commit in tagged.get(doc.id, {}).items():
                snap = by_commit.get(commit)
                if snap is None:  # a tag set by hand on a later commit that did not touch the file
                    text = vcs.read_at(root, commit, paths)
                    if text is None:
                        continue
                    snap = Snapshot(commit, vcs.commit_date(root, commit).date(), text)
                marked[revision] = snap
            found = archive.revisions(doc.id, snaps, marked, (doc.source.path, schemas) if schemas else None)
            if found:
                result[doc.id] = found
    return result


def revision_path(doc_id: str, revision: int) -> str:
    return f"dokument/{doc_id}-r{revision}.md"


def _is_current(doc: m.Document, rev: ArchivedRevision) -> bool:
    """The document's own page shows this revision."""
    return doc.status is m.Status.APPROVED and rev.revision == doc.revision


def _in_force_behind_draft(doc: m.Document, rev: ArchivedRevision, revs: tuple[ArchivedRevision, ...]) -> bool:
    """While a new revision is a draft, the last approved one still applies."""
    return doc.status is m.Status.DRAFT and rev is revs[-1] and rev.revision < doc.revision


def _decision(rev: ArchivedRevision, corpus: m.Corpus, here: str) -> str:
    parts = [name_link(corpus.forums_by_id, rev.approved_by, forum_path, here)] if rev.approved_by else []
    if rev.decision_date:
        parts.append(rev.decision_date.isoformat())
    if rev.decision_reference:
        parts.append(escape(rev.decision_reference))
    return ", ".join(parts) or "–"


def _validity(rev: ArchivedRevision) -> str:
    start = rev.valid_from.isoformat() if rev.valid_from else "?"
    end = rev.valid_until.isoformat() if rev.valid_until else "?"
    return f"{start} – {end}"


def earlier_versions(doc: m.Document, corpus: m.Corpus, ctx: SiteContext) -> str:
    """The "Tidigare versioner" section of a document page; empty when nothing is known."""
    revs = ctx.archive.get(doc.id, ())
    archived = {r.revision for r in revs}
    lost = sorted({e.revision for e in doc.changelog if e.revision not in archived and e.revision < doc.revision}, reverse=True)
    if not revs and not lost:
        return ""
    here = f"dokument/{doc.id}.md"
    rows = []
    for i, rev in reversed(list(enumerate(revs))):
        if _is_current(doc, rev):
            text = "Gällande (den här sidan)"
            if i:
                text += f", [ändringar mot revision {revs[i - 1].revision}]({doc.id}-r{rev.revision}.md)"
        else:
            text = f"[Läs revision {rev.revision}]({doc.id}-r{rev.revision}.md)"
        if _in_force_behind_draft(doc, rev, revs):
            text += " – gäller tills utkastet har fastställts"
        rows.append((str(rev.revision), _decision(rev, corpus, here), _validity(rev), text))
    rows += [(str(n), "–", "–", "Texten till den här revisionen finns inte sparad") for n in lost]
    return (
        "## Tidigare versioner\n\nVarje fastställd revision av dokumentet, med beslut och giltighetstid. "
        "En äldre revision visar texten som den var och vad som ändrades mot revisionen före.\n\n"
        + table(("Revision", "Fastställt", "Giltigt", "Text"), rows)
    )


def _banner(doc: m.Document, rev: ArchivedRevision, in_force: bool) -> str:
    current = f"[{escape(doc.title)}]({doc.id}.md)"
    if _is_current(doc, rev):
        return (
            '<div class="admonition info sv-banner" role="note" markdown>\n'
            '<p class="admonition-title">Den gällande revisionen, som den fastställdes</p>\n\n'
            f"Här ser du vad som ändrades i revision {rev.revision}. "
            f"Dokumentets sida har texten och uppgifterna som gäller i dag: {current}.\n\n</div>\n"
        )
    if in_force:
        return (
            '<div class="admonition info sv-banner" role="note" markdown>\n'
            '<p class="admonition-title">Senast fastställda versionen</p>\n\n'
            f"Revision {rev.revision} gäller tills utkastet till revision {doc.revision} har fastställts. "
            f"Utkastet finns på dokumentets sida: {current}.\n\n</div>\n"
        )
    if doc.status is m.Status.APPROVED:
        now = f"Den gällande versionen är revision {doc.revision}: {current}."
    elif doc.status is m.Status.WITHDRAWN:
        now = f"Dokumentet är upphävt och gäller inte längre: {current}."
    else:
        now = f"Dokumentets sida, med det senaste utkastet: {current}."
    return (
        f'<div class="admonition danger sv-banner sv-old-revision" role="note" markdown>\n'
        f'<p class="admonition-title">{NOT_CURRENT}</p>\n\n'
        f"Du läser revision {rev.revision}, som den fastställdes. {now}\n\n</div>\n"
    )


def _has_copies(doc: m.Document, rev: ArchivedRevision, revs: tuple[ArchivedRevision, ...]) -> bool:
    """Old revisions that no longer apply get PDF and Word copies, marked as such on every page."""
    return rev.document is not None and not _is_current(doc, rev) and not _in_force_behind_draft(doc, rev, revs)


def revision_copies(corpus: m.Corpus, ctx: SiteContext) -> list[tuple[m.Document, str, str]]:
    """(old revision as a document, its text, its name in the site) for every copy to make."""
    copies = []
    for doc in corpus.documents:
        revs = ctx.archive.get(doc.id, ())
        for rev in revs:
            if rev.document is not None and _has_copies(doc, rev, revs):
                copies.append((rev.document, rev.body, f"{doc.id}-r{rev.revision}"))
    return copies


def revision_page(
    doc: m.Document,
    rev: ArchivedRevision,
    previous: ArchivedRevision | None,
    corpus: m.Corpus,
    in_force: bool = False,
    downloads: tuple[str, ...] = (),
) -> str:
    here = revision_path(doc.id, rev.revision)
    where = f"`{archive.tag_name(doc.id, rev.revision)}`" if rev.tagged else f"version `{rev.commit[:8]}`"
    fields = [
        ("Dokument-id", f"`{doc.id}`"),
        ("Revision", str(rev.revision)),
        ("Fastställt", _decision(rev, corpus, here)),
        ("Giltigt", _validity(rev)),
        ("I versionshanteringen", f"{where}, sparad {swedish_date(rev.saved)}"),
    ]
    panel = '<div class="sv-panel" markdown>\n\n' + "".join(f"{k}\n:   {v}\n\n" for k, v in fields) + "</div>\n"
    if downloads:
        names = {"pdf": "PDF", "docx": "Word"}
        links = " ".join(f"[{names[f]}]({doc.id}-r{rev.revision}.{f}){{ .md-button }}" for f in downloads)
        panel += f'\n<div class="sv-actions" markdown>\n\nLadda ner revision {rev.revision} som {links}\n\n</div>\n'
    if previous is None:
        changes = "Det här är den första fastställda revisionen som finns sparad.\n"
    else:
        changes = f"Texten i revision {rev.revision} jämförd med revision {previous.revision}.\n\n" + diff_block(previous.body, rev.body)
    return "\n".join(
        [
            # Old texts stay out of search: a search should find what applies.
            "---\nsearch:\n  exclude: true\n---\n",
            f"# {escape(rev.title)} – revision {rev.revision}\n",
            _banner(doc, rev, in_force),
            panel,
            f"## Ändringar mot revisionen före\n\n{changes}",
            f"## Texten i revision {rev.revision}\n",
            rev.body.strip() + "\n",
        ]
    )


def revision_pages(corpus: m.Corpus, ctx: SiteContext, documents: Iterable[m.Document] | None = None) -> Iterator[tuple[str, str]]:
    """(path, Markdown) of a page for every approved revision: the old ones, and the one in force when
    there is a revision before it to compare with (the document's own page shows its text).
    ``documents``: only theirs (default: the corpus's)."""
    for doc in corpus.documents if documents is None else documents:
        previous = None
        revs = ctx.archive.get(doc.id, ())
        for rev in revs:
            if previous is not None or not _is_current(doc, rev):
                copies = ctx.downloads if _has_copies(doc, rev, revs) else ()
                page = revision_page(doc, rev, previous, corpus, _in_force_behind_draft(doc, rev, revs), copies)
                yield revision_path(doc.id, rev.revision), page
            previous = rev
