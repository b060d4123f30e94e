"""A built page made ready for Pagefind: what to index, its weights, filters and extra terms.

Works on a copy of the HTML (the published file is not changed): the element holding the
page's text (``<article>``, else ``<main>``) gets ``data-pagefind-body``, so menus, header
and footer are never indexed. At its end go, after the marker ``TERMS_MARKER``:

- the keywords, weighted like the title;
- the parts of the title's compounds and the synonyms of its words, weighted high;
- the parts of the text's compounds and the synonyms of its words, weighted low, so that a
  word standing in the text outranks the same word found inside a compound;
- what the metadata panel says (the panel itself is left out of the index, so that
  snippets quote the text, not the panel's labels and addresses).

The search page cuts each result's text at the marker, so snippets quote the page only.
Filters and metadata go in an element Pagefind reads but does not index.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from samverkan.site.search.compounds import Splitter, compound_parts, words
from samverkan.site.search.entries import SearchEntry
from samverkan.site.search.synonyms import Thesaurus

TERMS_MARKER = "⁂"
"""Separates the page's own text from the added terms in Pagefind's stored content."""
KEYWORD_WEIGHT = 8
"""Pagefind's weights go 0–10 on a quadratic scale; h1 is 7, text 1."""
TITLE_TERMS_WEIGHT = 4
BODY_SYNONYM_WEIGHT = 1
BODY_PARTS_WEIGHT = 0.5
DETAILS_WEIGHT = 1

_CONTAINER = re.compile(r"<(article|main)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Terms:
    """What a page is also found by."""

    title_terms: tuple[str, ...]
    """Parts of the title's and keywords' compounds, and their synonyms."""
    body_parts: tuple[str, ...]
    """Parts of the text's compounds."""
    body_synonyms: tuple[str, ...]
    """Synonyms of the text's words and phrases."""
    vocabulary: frozenset[str]
    """Every word of the page (its text, title, keywords and panel) and its parts: the search page's word list."""


def page_terms(entry: SearchEntry, splitter: Splitter, thesaurus: Thesaurus) -> Terms:
    head = [entry.title, *entry.keywords]
    head_words = {w for text in head for w in words(text)}
    head_parts = compound_parts(head, splitter)
    body_words = set(words(entry.body))
    body_parts = [p for p in compound_parts([entry.body], splitter) if p not in head_words and p not in head_parts]
    head_vocab = head_words | set(head_parts)
    head_synonyms = thesaurus.additions(head_vocab, " . ".join(head))
    vocabulary = head_vocab | body_words | set(body_parts)
    body_synonyms = [s for s in thesaurus.additions(vocabulary, entry.body) if s not in head_synonyms]
    return Terms(
        title_terms=tuple(dict.fromkeys([*head_parts, *head_synonyms])),
        body_parts=tuple(body_parts),
        body_synonyms=tuple(body_synonyms),
        # The panel's facts too: Pagefind finds a page by them, so the search page must know them as words.
        vocabulary=frozenset(vocabulary | {w for s in (*head_synonyms, *body_synonyms, *entry.details) for w in words(s)}),
    )


def _block(weight: float, terms: tuple[str, ...] | list[str]) -> str:
    return f'<p data-pagefind-weight="{weight}">{html.escape(". ".join(terms))}.</p>' if terms else ""


def _data(entry: SearchEntry) -> str:
    spans = [f'<span data-pagefind-filter="{html.escape(k)}">{html.escape(v)}</span>' for k, v in entry.filters]
    spans += [f'<span data-pagefind-meta="{html.escape(k)}">{html.escape(v)}</span>' for k, v in entry.meta if v]
    return f'<div data-pagefind-ignore hidden>{"".join(spans)}</div>'


def prepare(page_html: str, entry: SearchEntry, terms: Terms) -> str | None:
    """The page's HTML as Pagefind should read it, or None when it has no article or main element."""
    opening = _CONTAINER.search(page_html)
    if opening is None:
        return None
    tag = opening.group(1).lower()
    close = page_html.lower().find(f"</{tag}>", opening.end())
    if close < 0:
        return None
    added = "".join(
        [
            _data(entry),
            f"<p>{TERMS_MARKER}</p>",
            _block(KEYWORD_WEIGHT, list(entry.keywords)),
            _block(TITLE_TERMS_WEIGHT, terms.title_terms),
            _block(BODY_SYNONYM_WEIGHT, terms.body_synonyms),
            _block(BODY_PARTS_WEIGHT, terms.body_parts),
            _block(DETAILS_WEIGHT, entry.details),
        ]
    )
    start = opening.group(0)[:-1].rstrip("/") + " data-pagefind-body>"
    return page_html[: opening.start()] + start + page_html[opening.end() : close] + added + page_html[close:]
