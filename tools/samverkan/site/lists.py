"""Ways to find a document without a navigation that lists them all: A–Ö, type, area, tags, archive, start page."""

from __future__ import annotations

from collections import defaultdict

from samverkan.core import model as m
from samverkan.core.collation import initial, sort_key
from samverkan.core.slugs import slugify
from samverkan.site import rawhtml
from samverkan.site.context import SiteContext
from samverkan.site.index import SiteIndex
from samverkan.site.status_markup import status_chip
from samverkan.site.text import (
    TYPE_SLUGS,
    area_label,
    area_path,
    document_path,
    escape,
    link,
    swedish_date,
    table,
    type_path,
)

ARCHIVE_NOTE = "Upphävda dokument finns i [arkivet]({up}arkiv/index.md)."


def _current(docs: list[m.Document]) -> list[m.Document]:
    return [d for d in docs if d.status is not m.Status.WITHDRAWN]


def _rows(docs: list[m.Document], ctx: SiteContext, here: str) -> str:
    return document_table(docs, ctx, here)


def document_table(docs: list[m.Document], ctx: SiteContext, here: str) -> str:
    """The one list of documents every page uses: title, type, status chip, valid until, id (as HTML)."""
    def row(d: m.Document) -> str:
        return rawhtml.row(
            (
                rawhtml.link(d.title, document_path(d), here, ctx.html_links),
                d.type.label.capitalize(),
                status_chip(d, ctx.today, ctx.window_days),
                d.valid_until.isoformat(),
                rawhtml.code(d.id),
            )
        )

    if ctx.rows is None:
        rows = [row(d) for d in docs]
    else:
        key = ("documents", here, ctx.today, ctx.window_days, ctx.html_links)
        rows = [ctx.rows.row(d, key, lambda d=d: row(d)) for d in docs]  # type: ignore[misc]
    return rawhtml.cards(rawhtml.table_of_rows(("Dokument", "Typ", "Läge", "Giltigt t.o.m.", "Id"), rows), "documents")


def alphabetical(corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> str:
    here = "dokument/index.md"
    groups: dict[str, list[m.Document]] = defaultdict(list)
    for doc in sorted(_current(list(corpus.documents)), key=lambda d: sort_key(d.title)):
        groups[initial(doc.title)].append(doc)
    letters = sorted(groups, key=sort_key)
    out = ["# Alla dokument A–Ö\n", "Alla rutiner, överenskommelser, riktlinjer, uppdragsbeskrivningar och styrdokument som gäller eller är under arbete. " + ARCHIVE_NOTE.format(up="../") + "\n", _letter_jump(letters)]
    for letter in letters:
        out.append(f"## {letter} {{ #{_letter_anchor(letter)} }}\n\n" + _rows(groups[letter], ctx, here))
    return "\n".join(out)


def _letter_jump(letters: list[str]) -> str:
    """Links to each letter's heading, big enough to tap on a phone (see .sv-letters in samverkan.css)."""
    return '<p class="sv-letters">' + "".join(f'<a href="#{_letter_anchor(letter)}">{rawhtml.text(letter)}</a>' for letter in letters) + "</p>\n"


def _letter_anchor(letter: str) -> str:
    """Å, Ä and Ö need anchors of their own: slugified they would collide with A and O."""
    return "bokstav-" + ({"Å": "aa", "Ä": "ae", "Ö": "oe"}.get(letter) or slugify(letter) or "ovrigt")


def types_index(corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> str:
    here = "typer/index.md"
    rows = [(link(TYPE_SLUGS[t][1], type_path(t), here), str(len(_current(index.documents_by_type.get(t, []))))) for t in m.DocType]
    return "# Dokument per typ\n\n" + table(("Typ", "Antal"), rows)


def type_page(doc_type: m.DocType, corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> str:
    here = type_path(doc_type)
    docs = _current(index.documents_by_type.get(doc_type, []))
    body = _rows(docs, ctx, here) if docs else "Det finns inga dokument av den här typen just nu.\n"
    return f"# {TYPE_SLUGS[doc_type][1]}\n\n" + body


def areas_index(corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> str:
    here = "omraden/index.md"
    return "# Dokument per område\n\n" + _area_list(index, here)


def _area_list(index: SiteIndex, here: str) -> str:
    areas = sorted(index.documents_by_area, key=sort_key)
    return "".join(
        f"- {link(area_label(a), area_path(a), here)} ({len(_current(index.documents_by_area[a]))})\n" for a in areas
    )


def area_page(area: str, corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> str:
    here = area_path(area)
    docs = _current(index.documents_by_area.get(area, []))
    return f"# {area_label(area)}\n\n" + (_rows(docs, ctx, here) if docs else "Inga gällande dokument.\n")


def archive(corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> str:
    here = "arkiv/index.md"
    docs = sorted((d for d in corpus.documents if d.status is m.Status.WITHDRAWN), key=lambda d: sort_key(d.title))
    intro = (
        "# Arkiv\n\nDokument som har upphävts. De gäller inte längre men finns kvar här, "
        "så att det går att se vad som gällde tidigare.\n\n"
    )
    if not docs:
        return intro + "Inga dokument har upphävts.\n"
    rows = (
        (rawhtml.link(d.title, document_path(d), here, ctx.html_links), d.type.label.capitalize(), d.latest_change.date.isoformat(), rawhtml.text(d.latest_change.summary))
        for d in docs
    )
    return intro + rawhtml.cards(rawhtml.table(("Dokument", "Typ", "Upphävt", "Varför"), rows), "archive")


def tags_index(corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> str:
    """Every keyword once, with how many documents in force or under work carry it: a short page
    however large the collection is (each keyword's documents are on its own page)."""
    here = "taggar/index.md"
    out = ["# Sökord\n", "Dokumentens sökord i bokstavsordning. Välj ett sökord för att se dokumenten som har det.\n"]
    pages = sorted(index.documents_by_keyword, key=lambda page: sort_key(_keyword_name(index, page)))
    groups: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        count = len(_current(index.documents_by_keyword[page]))
        if count:
            # Each keyword keeps the anchor it had when the index listed the documents itself: old links still land on it.
            item = f'<li id="{_keyword_slug_of(page)}">{rawhtml.link(_keyword_name(index, page), page, here, ctx.html_links)} ({count})</li>\n'
            groups[initial(_keyword_name(index, page))].append(item)
    if not groups:
        return "\n".join([*out, "Inga dokument har sökord ännu.\n"])
    letters = sorted(groups, key=sort_key)
    out.append(_letter_jump(letters))
    out += [f"## {letter} {{ #{_letter_anchor(letter)} }}\n\n<ul>\n{''.join(groups[letter])}</ul>\n" for letter in letters]
    return "\n".join(out)


def keyword_page(page: str, corpus: m.Corpus, index: SiteIndex, ctx: SiteContext) -> str:
    """The documents that carry one keyword."""
    docs = _current(index.documents_by_keyword.get(page, []))
    name = escape(_keyword_name(index, page))
    body = _rows(docs, ctx, page) if docs else "Inga gällande dokument har det här sökordet.\n"
    return f"# Sökord: {name}\n\n[Alla sökord](index.md)\n\n" + body


def _keyword_slug_of(page: str) -> str:
    return page.removeprefix("taggar/").removesuffix(".md")


def _keyword_name(index: SiteIndex, page: str) -> str:
    return " / ".join(index.keyword_names[page])


def start_blocks(corpus: m.Corpus, index: SiteIndex, ctx: SiteContext, here: str = "index.md", recent: int = 8) -> str:
    """The generated part of the start page: search, areas, recently changed, expiring soon."""
    current = _current(list(corpus.documents))
    changed = sorted(current, key=lambda d: (index.last_changed[d.id], d.id), reverse=True)[:recent]
    expiring = sorted(
        (d for d in current if d.status.is_in_force and d.validity(ctx.today, ctx.window_days) in (m.Validity.EXPIRING, m.Validity.EXPIRED)),
        key=lambda d: d.valid_until,
    )
    up = "../" * here.count("/")
    out = [
        f'<form class="sv-search" action="{up}sok/" method="get" role="search">\n'
        '<label for="sv-q">Sök bland dokumenten</label>\n'
        '<input id="sv-q" name="q" type="search" placeholder="Till exempel SIP eller utskrivning" autocomplete="off">\n'
        '<button type="submit" class="md-button md-button--primary">Sök</button>\n</form>\n',
        "## Områden\n\n" + _area_list(index, here),
        "## Senast ändrade\n\n" + "".join(_recent(d, ctx, here) for d in changed),
        f"[Alla ändringar]({up}andringar/index.md)\n",
        "## Går snart ut eller har gått ut\n\n"
        + (
            "".join(
                f"- {link(d.title, document_path(d), here)} – {status_chip(d, ctx.today, ctx.window_days)} "
                f"giltigt t.o.m. {swedish_date(d.valid_until)}\n"
                for d in expiring
            )
            or f"Inga dokument går ut inom {ctx.window_days} dagar.\n"
        ),
    ]
    return "\n".join(out)


def _recent(doc: m.Document, ctx: SiteContext, here: str) -> str:
    """One line of "Senast ändrade": the changelog's date and revision, and whether it is a draft."""
    entry = doc.latest_change
    draft = f" {status_chip(doc, ctx.today, ctx.window_days)}" if doc.status is m.Status.DRAFT else ""
    return f"- {link(doc.title, document_path(doc), here)} – revision {entry.revision}, {swedish_date(entry.date)}{draft}\n"
