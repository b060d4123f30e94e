"""A document's page: banner, metadata panel, text, references, roles and history."""

from __future__ import annotations

import datetime as dt

from samverkan.core import model as m
from samverkan.core.dead_links import without_dead_links
from samverkan.core.followup import DocState
from samverkan.site import rawhtml
from samverkan.site.context import SiteContext
from samverkan.site.revisions import earlier_versions
from samverkan.site.status_markup import (
    as_of,
    status_attributes,
    status_chip,
    status_key,
)
from samverkan.site.text import (
    area_label,
    area_path,
    document_path,
    escape,
    forum_path,
    href,
    keyword_path,
    link,
    name_link,
    party_path,
    role_path,
    swedish_date,
    table,
    type_path,
)


def _notice(doc: m.Document, key: str, today: dt.date) -> tuple[str, str, str] | None:
    """(admonition kind, title, text) of the notice for a status key, or None for a document in force."""
    contact = rawhtml.mail(doc.owner.contact)
    if key == "withdrawn":
        return "danger", "Dokumentet är upphävt", (
            "Det gäller inte längre och finns kvar i arkivet för kännedom. Se om ett annat dokument har ersatt det under Referenser."
        )
    if key == "draft":
        text = f"Texten kan ändras innan beslut. Frågor om utkastet: {contact}."
        if doc.imported and doc.valid_until < today:
            text += f" Giltighetstiden i originalet gick ut {doc.valid_until.isoformat()}."
        return "warning", "Utkast – ännu inte fastställt", text
    if key == "expired":
        return "danger", "Giltighetstiden har gått ut", (
            f"Dokumentet gällde till och med {swedish_date(doc.valid_until)} och har inte förnyats. "
            f"Det kan vara inaktuellt: kontrollera med dokumentägaren, {contact}, innan du följer det."
        )
    if key == "expiring":
        return "warning", "Giltighetstiden går snart ut", (
            f"Dokumentet gäller till och med {swedish_date(doc.valid_until)} och ska ses över före dess."
        )
    if key == "not-yet-valid":
        return "info", "Gäller ännu inte", f"Dokumentet börjar gälla {swedish_date(doc.valid_from)}."
    return None


def _notice_html(notice: tuple[str, str, str], extra: str = "") -> str:
    kind, title, text = notice
    return (
        f'<div class="admonition {kind} sv-banner" role="note"{extra}>\n'
        f'<p class="admonition-title">{title}</p>\n<p>{text}</p>\n</div>\n'
    )


def banner(doc: m.Document, ctx: SiteContext) -> str:
    """A visible, screen-reader-friendly notice when the document should not be followed as it is (build date)."""
    notice = _notice(doc, status_key(doc, ctx.today, ctx.window_days), ctx.today)
    return _notice_html(notice) if notice else ""


def status_block(doc: m.Document, ctx: SiteContext) -> str:
    """Under the title: a quiet marker with the status chip, and the notice for the state of the day.

    An approved document carries the notice of every state it can be in; status.js shows
    the one that holds on the reader's date (without JavaScript, the build date's stands).
    """
    key = status_key(doc, ctx.today, ctx.window_days)
    facts = [f"giltigt t.o.m. {swedish_date(doc.valid_until)}", f"revision {doc.revision}"]
    if doc.status is m.Status.APPROVED and doc.decision:
        facts.append(f"fastställd {swedish_date(doc.decision.date)}")
    elif doc.status is m.Status.WITHDRAWN:
        facts.append(f"upphävd {swedish_date(doc.latest_change.date)}")
    marker = (
        f'<p class="sv-marker">{status_chip(doc, ctx.today, ctx.window_days)} · '
        + " · ".join(facts)
        + f" · {as_of(ctx.today)}</p>\n"
    )
    keys = ("expired", "expiring", "not-yet-valid") if doc.status is m.Status.APPROVED else (key,)
    notices = "".join(
        _notice_html(n, f' data-state-for="{k}"' + ("" if k == key else " hidden"))
        for k in keys
        if (n := _notice(doc, k, ctx.today))
    )
    # data-pagefind-ignore: the notices of other days must not end up in search snippets.
    return f'<div class="sv-state" {status_attributes(doc, ctx.window_days)} data-pagefind-ignore>\n{marker}{notices}</div>\n'


def state_label(doc: m.Document, ctx: SiteContext) -> str:
    """One short Swedish phrase: what a reader should know before opening it (the chip's words)."""
    return DocState.of(doc, ctx.today, ctx.window_days).label


def _panel(doc: m.Document, corpus: m.Corpus, ctx: SiteContext, here: str) -> str:
    fields: list[tuple[str, str]] = [
        ("Dokument-id", f"`{doc.id}`"),
        ("Dokumenttyp", link(doc.type.label.capitalize(), type_path(doc.type), here)),
        ("Revision", str(doc.revision)),
        # The chip, not plain words: status.js keeps it true on the reader's date.
        ("Status", ("Fastställd · " if doc.status.is_in_force else "") + status_chip(doc, ctx.today, ctx.window_days)),
        ("Giltigt fr.o.m.", doc.valid_from.isoformat()),
        ("Giltigt t.o.m.", f"**{doc.valid_until.isoformat()}**"),
    ]
    if doc.approved_by or doc.decision:
        decided = name_link(corpus.forums_by_id, doc.approved_by, forum_path, here) if doc.approved_by else ""
        if doc.decision:
            decided += f", {doc.decision.date.isoformat()}, {escape(doc.decision.reference)}"
        fields.append(("Fastställt av", decided.strip(", ")))
    fields.append(("Dokumentägare", f"{name_link(corpus.roles_by_id, doc.owner.role, role_path, here)}, {rawhtml.mail_breakable(doc.owner.contact)}"))
    if len(corpus.parties) > 2 and set(doc.applies_to) >= set(corpus.parties_by_id):
        applies = f"[Alla parter i länet]({'../' * here.count('/')}parter/index.md) ({len(corpus.parties)})"
    else:
        applies = ", ".join(name_link(corpus.parties_by_id, p, party_path, here) for p in doc.applies_to)
    fields.append(("Gäller för", applies))
    fields.append(("Områden", ", ".join(link(area_label(a), area_path(a), here) for a in doc.areas)))
    if doc.audience:
        fields.append(("Målgrupp", escape(", ".join(doc.audience))))
    if doc.authors:
        fields.append(
            ("Upprättat av", escape(", ".join(a.name + (f" ({a.title})" if a.title else "") for a in doc.authors)))
        )
    if doc.case_number:
        fields.append(("Diarienummer", escape(doc.case_number)))
    if doc.imported:
        fields.append(("Importerad från", f"{escape(doc.imported.source)}, {doc.imported.date.isoformat()}"))
    items = "".join(f"{label}\n:   {value}\n\n" for label, value in fields)
    # The search index leaves .sv-panel out (site/search/indexing.py): snippets quote the text, not the labels.
    return f'<div class="sv-panel" markdown>\n\n{items}</div>\n'


def _reference(ref: m.Reference, corpus: m.Corpus, here: str) -> str:
    if isinstance(ref, m.LawRef):
        law = corpus.laws_by_sfs.get(ref.sfs)
        if law is None:
            return f"SFS {escape(ref.sfs)}"
        text = law.title + (f" {ref.provision}" if ref.provision else "")
        out = f"[{escape(text)}]({href(law.url)})"
        if law.repealed:
            replacement = corpus.laws_by_sfs.get(law.repealed.replaced_by or "")
            out += f" – *upphävd {law.repealed.date.isoformat()}*"
            if replacement:
                out += f", ersatt av [{escape(replacement.title)}]({href(replacement.url)})"
            if law.repealed.note:
                out += f". {escape(law.repealed.note)}"
        return out
    if isinstance(ref, m.DocumentRef):
        target = corpus.documents_by_id.get(ref.id)
        if target is None:  # check has reported it; a strict build stops, `mkdocs serve` keeps going
            return f"{escape(ref.id)} (dokumentet finns inte)"
        suffix = " (upphävt)" if target.status is m.Status.WITHDRAWN else ""
        return link(target.title, document_path(target), here) + suffix
    return f"[{escape(ref.title)}]({href(ref.url)})"


def document_page(doc: m.Document, corpus: m.Corpus, ctx: SiteContext) -> str:
    here = document_path(doc)
    parts = [f"# {escape(doc.title)}\n", status_block(doc, ctx), _panel(doc, corpus, ctx, here)]
    actions = []
    if ctx.downloads:
        names = {"pdf": "PDF", "docx": "Word"}
        actions.append("Ladda ner som " + " ".join(f"[{names[f]}]({doc.id}.{f}){{ .md-button }}" for f in ctx.downloads))
    if ctx.edit_base:
        actions.append(
            f"För dokumentägare: [Föreslå ändring]({ctx.edit_base}{doc.source.path}) "
            f"([så går det till]({'../' * here.count('/')}for-dokumentagare.md))"
        )
    if actions:
        parts.append('<div class="sv-actions" markdown>\n\n' + "\n\n".join(actions) + "\n\n</div>\n")
    parts.append(without_dead_links(doc.source.path, doc.body, corpus.refused_files).strip() + "\n")
    if doc.references:
        parts.append("## Referenser\n\n" + "".join(f"- {_reference(r, corpus, here)}\n" for r in doc.references))
    roles = [corpus.roles_by_id[r] for r in doc.roles if r in corpus.roles_by_id]
    if roles:
        parts.append("## Roller i dokumentet\n\n" + "".join(f"- {link(r.name, role_path(r.id), here)}\n" for r in roles))
    if doc.keywords:
        parts.append(
            "**Sökord:** "
            + ", ".join(f"[{escape(k)}]({'../' * here.count('/')}{keyword_path(k)})" for k in doc.keywords)
            + "\n"
        )
    history = sorted(doc.changelog, key=lambda e: e.revision, reverse=True)
    rows = [
        (str(e.revision), e.date.isoformat(), escape(e.summary) + (" *(redaktionell ändring)*" if e.editorial else ""))
        for e in history
    ]
    parts.append("## Revisionshistorik\n\n" + table(("Revision", "Datum", "Ändring"), rows))
    parts.append(earlier_versions(doc, corpus, ctx))
    changes = ctx.history.get(doc.source.path, ())
    if changes:
        # Technical detail only: commit messages are developers' words, the changelog above is the history.
        # Folded away: a reader needs the revision history above, not when the file was saved.
        saved = table(("Datum", "Version"), [(c.date.isoformat(), f"`{c.sha[:8]}`") for c in changes])
        parts.append(
            '??? info "Sparade versioner av filen (tekniska uppgifter)"\n\n'
            "    När dokumentets fil sparades. Vad som ändrades står i revisionshistoriken ovan.\n\n"
            + "".join(f"    {line}\n" if line else "\n" for line in saved.rstrip("\n").split("\n"))
        )
    return "\n".join(p for p in parts if p)
