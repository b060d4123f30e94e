"""The words a reader sees on a built page: text only, never markup, attributes or addresses.

A document's body is Markdown that may hold HTML; the site's allow-list removes what is not
allowed before the page is published, but the source still holds it (``onerror``, a URL's
``passwd``, the letters of a ``data:`` address). So that no such word becomes a search
suggestion or a compound part, the word list is made from what the built page shows as
text, inside its ``<article>`` (else ``<main>``) and outside what the index leaves out
(``indexing.EXCLUDE_SELECTORS``), and compound parts and synonyms from the body's words
found there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from samverkan.site.search.compounds import words

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
"""Elements without an end tag."""
CONTAINERS = ("article", "main")
"""Where the page's text is, first choice first (as ``prepare.py`` takes it)."""

_SELECTOR = re.compile(r"^(?P<tag>[a-z][a-z0-9]*)?(?:\.(?P<cls>[\w-]+))?(?:\[(?P<attr>[\w-]+)\^=['\"](?P<prefix>[^'\"]*)['\"]\])?$")


@dataclass(frozen=True)
class Selector:
    """One simple CSS selector: ``nav``, ``.sv-panel`` or ``a[href^='mailto:']``."""

    tag: str | None
    """The element's name, or None for any."""
    cls: str | None
    """A class the element must have."""
    attr: str | None
    """An attribute whose value must begin with ``prefix``."""
    prefix: str

    @classmethod
    def parse(cls, text: str) -> Selector:
        found = _SELECTOR.match(text.strip())
        if found is None or not any(found.group("tag", "cls", "attr")):
            raise ValueError(f"unsupported selector {text!r}: only tag, .class and tag[attr^='value']")
        return cls(found["tag"], found["cls"], found["attr"], found["prefix"] or "")

    def matches(self, tag: str, attrs: dict[str, str]) -> bool:
        return (
            (self.tag is None or self.tag == tag)
            and (self.cls is None or self.cls in attrs.get("class", "").split())
            and (self.attr is None or attrs.get(self.attr, "").startswith(self.prefix))
        )


class _Text(HTMLParser):
    """Collects the text outside the excluded elements."""

    def __init__(self, excluded: tuple[Selector, ...]):
        super().__init__(convert_charrefs=True)
        self.excluded = excluded
        self.open: list[tuple[str, bool]] = []  # (tag, excluded)
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        values = {k: v or "" for k, v in attrs}
        self.open.append((tag, any(s.matches(tag, values) for s in self.excluded)))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                return

    def handle_data(self, data: str) -> None:
        if not any(excluded for _, excluded in self.open):
            self.text.append(data)


def _container(page_html: str) -> str:
    """The inside of the page's first ``<article>``, else its ``<main>``: the menus stay out, and unparsed."""
    lower = page_html.lower()
    for tag in CONTAINERS:
        found = re.search(rf"<{tag}\b[^>]*>", lower)
        close = lower.find(f"</{tag}>", found.end()) if found else -1
        if found and close >= 0:
            return page_html[found.end() : close]
    return ""


def visible_words(page_html: str, excluded: str) -> frozenset[str]:
    """The words of a built page's text; ``excluded`` is a comma-separated list of selectors to leave out."""
    parser = _Text(tuple(Selector.parse(s) for s in excluded.split(",")))
    parser.feed(_container(page_html))
    parser.close()
    return frozenset(words(" ".join(parser.text)))


def shown_text(body: str, shown: frozenset[str]) -> str:
    """The body's words that the page shows, in their order: what compound parts, synonyms and the word list are made from."""
    return " ".join(w for w in words(body) if w in shown)
