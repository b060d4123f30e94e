"""Long lists as HTML that every Markdown renderer passes through unchanged.

A list of 2,000 documents as a Markdown table costs the renderer an inline pass over each of its
ten thousand cells and a link lookup per row; as HTML the renderer only finds where it ends.
The lists look the same either way: the same tables, classes and cells as the Markdown gave.
MkDocs publishes links in HTML as written, so their URLs are made here as MkDocs would make them;
Zensical resolves them itself (``SiteContext.html_links`` says which).

Every value from metadata goes through ``text``; every other string in a cell is markup made here.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html import escape as _escape
from urllib.parse import quote

from samverkan.site.context import HtmlLinks
from samverkan.site.text import href as _safe_url
from samverkan.site.text import one_line


_MARKDOWN_SIGNS = str.maketrans({sign: f"&#{ord(sign)};" for sign in "\\`*_{}[]()!|~"})
"""Characters Markdown reads as markup, as entities: the text may also stand where Markdown is read
(the document panel is a definition list in Markdown), and an entity is only ever text there."""


def text(value: str) -> str:
    """Metadata as plain text in HTML and in Markdown: on one line (a blank line would end the HTML
    block) without direction controls (``text.one_line``), and ``&``, ``<``, ``>``, quotes and Markdown's signs as entities, so it is shown as typed
    and never read as markup."""
    return _escape(one_line(value), quote=True).translate(_MARKDOWN_SIGNS)


def page_url(path: str, links: HtmlLinks) -> str:
    """Where the page made from ``path`` (docs-relative ``.md``) is published, below the site's root:
    ``dokument/X/`` with directory URLs (an index is its folder), else ``dokument/X.html``."""
    stem = path.removesuffix(".md")
    folder, _, name = stem.rpartition("/")
    if links is HtmlLinks.FILE:
        return f"{stem}.html"
    if name == "index":
        return f"{folder}/" if folder else "./"
    return f"{stem}/"


def url(target: str, here: str, links: HtmlLinks) -> str:
    """The relative URL from page ``here`` to page ``target`` (both docs-relative ``.md`` paths),
    as the renderer writes it for a Markdown link between the two."""
    if links is HtmlLinks.SOURCE:  # the renderer resolves it: written as the Markdown links are
        return quote("../" * here.count("/") + target, safe="/.-_~")
    base = _folders(page_url(here, links).rpartition("/")[0])
    folder, _, name = page_url(target, links).rpartition("/")
    dest = _folders(folder)
    common = 0
    while common < min(len(base), len(dest)) and base[common] == dest[common]:
        common += 1
    relative = "/".join([".."] * (len(base) - common) + dest[common:] + [name])
    return quote(relative or "./", safe="/.-_~")


def _folders(path: str) -> list[str]:
    return [part for part in path.split("/") if part not in ("", ".")]


def link(label: str, target: str, here: str, links: HtmlLinks) -> str:
    """A link to one of the site's own pages, named by ``label`` (metadata: escaped)."""
    return f'<a href="{url(target, here, links)}">{text(label)}</a>'


def name_link(items_by_id: Mapping[str, object], key: str | None, path: Callable[[str], str], here: str, links: HtmlLinks) -> str:
    """A link to a role, forum or party page by id, named as the item is; the plain id when it is unknown
    (check has reported it, and a strict build stops on it)."""
    item = items_by_id.get(key or "")
    return link(item.name, path(item.id), here, links) if item else text(key or "")  # type: ignore[attr-defined]


def mail(address: str, shown: str | None = None, css: str = "") -> str:
    """A mailto link; ``shown`` is markup made here (defaults to the address as text)."""
    css = f'class="{css}" ' if css else ""
    return f'<a {css}href="{_escape(_safe_url("mailto:" + address), quote=True)}">{text(address) if shown is None else shown}</a>'


def mail_breakable(address: str) -> str:
    """A mailto link that may wrap after the @ on a phone, and nowhere else (never inside a name)."""
    local, at, domain = address.partition("@")
    if not at:
        return mail(address)
    shown = f'<span class="sv-nobr">{text(local)}@</span><wbr><span class="sv-nobr">{text(domain)}</span>'
    return mail(address, shown, css="sv-mail")


def code(value: str) -> str:
    return f"<code>{text(value)}</code>"


def strong(markup: str) -> str:
    return f"<strong>{markup}</strong>"


def table(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A table as Markdown's table extension makes one, with each row on one line (the renderer's
    HTML scan is cheaper on fewer lines). Headers and cells are markup made here."""
    return table_of_rows(headers, (row(cells) for cells in rows))


def row(cells: Iterable[str]) -> str:
    """One row of ``table``, on one line; the cells are markup made here."""
    return "<tr> " + " ".join(f"<td>{cell}</td>" for cell in cells) + " </tr>\n"


def table_of_rows(headers: Iterable[str], rows: Iterable[str]) -> str:
    """``table`` from rows already made by ``row``."""
    head = "".join(f"<th>{h}</th>\n" for h in headers)
    return f"<table>\n<thead>\n<tr>\n{head}</tr>\n</thead>\n<tbody>\n{''.join(rows)}</tbody>\n</table>\n"


def cards(html_table: str, kind: str) -> str:
    """A table that becomes one card per row on a phone (see .sv-cards in assets/samverkan.css)."""
    return f'<div class="sv-cards sv-cards--{kind}">\n{html_table}</div>\n'


def labelled_cards(headers: tuple[str, ...], rows: Iterable[tuple[str, ...]], labels: tuple[str, ...] | None = None) -> str:
    """Cards whose values after the first are named by their column (``labels``, plain text,
    when the headers hold markup; an empty label leaves a value that speaks for itself unnamed);
    the names show on a phone only."""
    names = labels or headers
    named = (
        (row[0], *(f'<span class="sv-label">{name}:</span> {cell}' if name else cell for name, cell in zip(names[1:], row[1:], strict=True)))
        for row in rows
    )
    return cards(table(headers, named), "labelled")


def bullets(items: Iterable[str]) -> str:
    """A bulleted list; each item is markup made here."""
    return "<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>\n"


CARDS_START = '<div class="sv-cards '
"""How every list made by ``cards`` begins, on a line of its own; it ends at the next line ``</div>``."""


@dataclass(frozen=True)
class Lifted:
    """A page's Markdown with its card lists taken out, and the lists, to put back into the rendered HTML."""

    markdown: str
    """The Markdown, each list replaced by a paragraph naming its place in ``blocks``."""
    blocks: tuple[str, ...]
    """The lists, as ``cards`` wrote them."""
    key: str = ""
    """Random per page, in every placeholder: a text typed into a description cannot stand in for a list."""

    def restore(self, html: str, clean: Callable[[str], str]) -> str:
        """The rendered and cleaned page with each list, cleaned by ``clean``, back where its placeholder stands."""
        for number, block in enumerate(self.blocks):
            # A list as raw HTML is followed by a blank line, a paragraph by a newline (none at the end of a page).
            where = f"<p>{_placeholder(self.key, number)}</p>"
            between = where + "\n"
            html = html.replace(between, clean(block) + "\n\n", 1) if between in html else html.replace(where, clean(block), 1)
        return html


def _placeholder(key: str, number: int) -> str:
    # Plain text, a paragraph of its own once rendered: it passes the page's cleaning unchanged.
    return f"sv-list-{key}-{number}"


def lift_lists(markdown: str) -> Lifted:
    """Take the card lists out of a page before a Markdown renderer reads it.

    A renderer parses raw HTML tag by tag in pure Python (Python-Markdown's ``md_in_html`` and
    MkDocs' anchor pass): on a list of 2,000 documents that is most of the page's time, for HTML
    that is already final. The page is cleaned without them, and each list on its own when it is put
    back (``Lifted.restore``): every byte still passes the allow-list.
    """
    if CARDS_START not in markdown:
        return Lifted(markdown, ())
    lines = markdown.split("\n")
    out: list[str] = []
    blocks: list[str] = []
    key = secrets.token_hex(8)
    start = 0
    while start < len(lines):
        end = _end_of_cards(lines, start)
        if end is None:
            out.append(lines[start])
            start += 1
            continue
        out += ["", _placeholder(key, len(blocks)), ""]
        blocks.append("\n".join(lines[start : end + 1]))
        start = end + 1
    return Lifted("\n".join(out), tuple(blocks), key)


def _end_of_cards(lines: list[str], start: int) -> int | None:
    line = lines[start]
    if not (line.startswith(CARDS_START) and line.endswith('">')):  # one with `markdown` holds Markdown
        return None
    try:
        return lines.index("</div>", start + 1)
    except ValueError:  # not closed: left to the renderer, as it was written
        return None
