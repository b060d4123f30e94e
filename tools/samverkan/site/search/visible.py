"""The words a reader sees on a built page: text only, never markup, attributes or addresses.

A document's body is Markdown that may hold HTML; the site's allow-list removes what is not
allowed before the page is published, but the source still holds it (``onerror``, a URL's
``passwd``, the letters of a ``data:`` address). So that no such word becomes a search
suggestion or a compound part, the search keeps only the body's words that the built page
shows as text, inside its ``<article>`` (else ``<main>``) and outside what the index leaves
out (``indexing.EXCLUDE_SELECTORS``). The rest of the article (the revision history, the
site's own headings) stays out of the word list: on every page, its words ("mot", "före")
would outnumber the words of the documents when a slip is corrected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree, html

from samverkan.site.search.compounds import words

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

    def condition(self) -> str:
        """The same as an XPath condition on an element."""
        parts = [f"self::{self.tag}"] if self.tag else []
        if self.cls:
            parts.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {self.cls} ')")
        if self.attr:
            parts.append(f"starts-with(@{self.attr}, '{self.prefix}')")
        return " and ".join(parts)


@lru_cache(maxsize=4)
def _excluded(selectors: str) -> etree.XPath:
    """The selectors compiled once into one XPath that walks the tree once."""
    return etree.XPath("descendant::*[" + " or ".join(f"({Selector.parse(s).condition()})" for s in selectors.split(",")) + "]")


def _container(page_html: str) -> str:
    """The inside of the page's first ``<article>``, else its ``<main>``: the menus stay out, and unparsed."""
    for tag in CONTAINERS:
        found = re.search(rf"<{tag}\b[^>]*>", page_html, re.IGNORECASE)
        close = re.compile(rf"</{tag}>", re.IGNORECASE).search(page_html, found.end()) if found else None
        if found and close:
            return page_html[found.end() : close.start()]
    return ""


def visible_words(page_html: str, excluded: str) -> frozenset[str]:
    """The words of a built page's text; ``excluded`` is a comma-separated list of selectors to leave out."""
    inner = _container(page_html)
    if not inner.strip():
        return frozenset()
    root = html.fragment_fromstring(inner, create_parent="div")
    for element in _excluded(excluded)(root):
        element.drop_tree()
    return frozenset(words(" ".join(root.itertext())))


def shown_text(body: str, shown: frozenset[str]) -> str:
    """The body's words that the page shows, in their order: what compound parts and synonyms are made from."""
    return " ".join(filter(shown.__contains__, words(body)))
