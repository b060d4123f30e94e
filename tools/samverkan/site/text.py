"""Small helpers for writing Swedish Markdown: dates, links, escaping, URLs."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from functools import lru_cache
from urllib.parse import quote

from samverkan.core import model as m
from samverkan.core.html_policy import url_allowed
from samverkan.core.slugs import slugify

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december")


def swedish_date(day: dt.date) -> str:
    """'1 december 2026', as Swedish prose writes dates."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@lru_cache(maxsize=65536)  # the same keywords on thousands of documents, asked for on every build
def keyword_slug(keyword: str) -> str:
    """The file name of a keyword's page; a keyword with no letter a file name can hold (written in
    another script, or signs only) gets one made from the keyword itself."""
    return slugify(keyword) or "sokord-" + hashlib.sha1(keyword.casefold().encode("utf-8")).hexdigest()[:10]


def keyword_path(keyword: str) -> str:
    return f"taggar/{keyword_slug(keyword)}.md"


_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
"""Unicode's explicit embeddings, overrides and isolates: plain text never needs them (the bidirectional
algorithm orders Arabic or Hebrew by itself), and a title holding one can show its letters reversed."""


def one_line(text: str) -> str:
    """Metadata on one line, without explicit direction controls: what both escapes start from."""
    return " ".join(text.split()).translate(_BIDI_CONTROLS)


def escape(text: str) -> str:
    """Metadata as plain text inside generated Markdown: shown as typed, never read as markup.

    One line (a newline could start a new block, or a ``{: …}`` line that attr_list turns into
    attributes), no direction controls (``one_line``); ``&``, ``<`` and ``>`` as entities; Markdown's
    and attr_list's characters backslash-escaped (``\\{`` stays text, so ``{: onclick=…}`` never becomes an attribute).
    """
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "\\[]|*_`{}!#":
        text = text.replace(char, "\\" + char)
    return text


def href(url: str) -> str:
    """A URL from metadata as a Markdown link target: only http(s), mailto, tel or relative (else
    a link to nowhere), and no character that could end the target or start a title."""
    return quote(url, safe="/:?#&=%@+,;~.-_!$*'") if url_allowed(url) else "#"


def name_link(items_by_id: Mapping[str, object], key: str | None, path: Callable[[str], str], here: str) -> str:
    """A link to a role, forum or party page by id, named as the item is; the plain id when it is unknown
    (check has reported it, and a strict build stops on it)."""
    item = items_by_id.get(key or "")
    return link(item.name, path(item.id), here) if item else escape(key or "")  # type: ignore[attr-defined]


def mail(address: str) -> str:
    """A plain mailto link (Markdown's <address> autolink would entity-encode it for no benefit)."""
    return f"[{escape(address)}]({href('mailto:' + address)})"


def link(text: str, target: str, here: str) -> str:
    """A relative Markdown link from page ``here`` to page ``target`` (both docs-relative .md paths)."""
    return f"[{escape(text)}]({'../' * here.count('/')}{target})"


TYPE_SLUGS = {
    m.DocType.ROUTINE: ("rutiner", "Rutiner"),
    m.DocType.AGREEMENT: ("overenskommelser", "Överenskommelser"),
    m.DocType.GUIDELINE: ("riktlinjer", "Riktlinjer"),
    m.DocType.ASSIGNMENT: ("uppdragsbeskrivningar", "Uppdragsbeskrivningar"),
    m.DocType.STEERING: ("styrdokument", "Styrdokument"),
}


def document_path(doc: m.Document | str) -> str:
    return f"dokument/{doc if isinstance(doc, str) else doc.id}.md"


def role_path(role_id: str) -> str:
    return f"roller/{role_id}.md"


def forum_path(forum_id: str) -> str:
    return f"forum/{forum_id}.md"


def party_path(party_id: str) -> str:
    return f"parter/{party_id}.md"


def area_path(area: str) -> str:
    return f"omraden/{slugify(area)}.md"


def type_path(doc_type: m.DocType) -> str:
    return f"typer/{TYPE_SLUGS[doc_type][0]}.md"


def area_label(area: str) -> str:
    return area[0].upper() + area[1:]


def table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    out = "| " + " | ".join(headers) + " |\n| " + " | ".join("---" for _ in headers) + " |\n"
    return out + "".join("| " + " | ".join(row) + " |\n" for row in rows)


def cards(markdown_table: str, kind: str) -> str:
    """A table that becomes one card per row on a phone (see .sv-cards in assets/samverkan.css).

    ``kind`` names the table's columns for the labels the cards show (``sv-cards--documents`` …).
    """
    return f'<div class="sv-cards sv-cards--{kind}" markdown>\n\n{markdown_table}\n</div>\n'
