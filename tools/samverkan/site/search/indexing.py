"""Index a built site with Pagefind: the one entry point for every renderer and the CLI.

``index_site(site_dir, corpus, today, window_days)`` reads the built pages of documents,
roles, forums and parties, prepares a copy of each (``prepare.py``, with the words the page
shows: ``visible.py``), lets Pagefind index the copies into ``<site>/pagefind/``, and writes
the search page's script, style sheet and word list (``vocabulary.py``) into ``<site>/sok/``.
The published HTML files are left as they are.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from samverkan.core import model as m
from samverkan.external.pagefind import build_index
from samverkan.site.search import vocabulary as word_list
from samverkan.site.search.compounds import Splitter
from samverkan.site.search.entries import entries
from samverkan.site.search.hunspell import Lexicon, swedish
from samverkan.site.search.prepare import page_terms, prepare
from samverkan.site.search.synonyms import Thesaurus
from samverkan.site.search.visible import shown_text, visible_words

BUNDLE_DIR = "pagefind"
"""Pagefind's bundle below the site root."""
PAGE_DIR = "sok"
"""The search page's folder; its script, style sheet and word list go beside it."""
ASSETS = ("sok.js", "sok.css")
EXCLUDE_SELECTORS = ", ".join(
    (
        ".headerlink",  # the ¶ after each heading
        ".sv-banner",  # "Utkast", "Giltighetstiden har gått ut": shown on the card instead
        ".sv-panel",  # the metadata panel: indexed as plain facts after the text (prepare.py)
        "a[href^='mailto:']",  # addresses hold words (utskrivning@…) that are no content
        ".sv-actions",  # download and edit links
        ".md-content__button",
        ".md-source-file",
        "nav",
        "footer",
        "script",
    )
)


@dataclass(frozen=True)
class IndexReport:
    """What ``index_site`` did."""

    pages: int
    """Pages given to Pagefind."""
    missing: tuple[str, ...]
    """Pages of the corpus not found in the site folder (or without an article)."""
    vocabulary_words: int
    """Words in the search page's vocabulary."""


def index_site(site_dir: Path, corpus: m.Corpus, today: dt.date, window_days: int, lexicon: Lexicon | None = None) -> IndexReport:
    splitter = Splitter(lexicon or swedish())
    thesaurus = Thesaurus.of(corpus.synonyms)
    page_words: list[frozenset[str]] = []
    missing: list[str] = []
    count = 0
    with tempfile.TemporaryDirectory(prefix="samverkan-sok-") as tmp:
        staging = Path(tmp)
        for entry in entries(corpus, today, window_days):
            source = site_dir / entry.html_path
            if not source.is_file():
                missing.append(entry.html_path)
                continue
            page_html = source.read_text(encoding="utf-8")
            # Markup, attributes and addresses in the body's source are no words of the page.
            visible = visible_words(page_html, EXCLUDE_SELECTORS)
            terms = page_terms(replace(entry, body=shown_text(entry.body, visible)), splitter, thesaurus)
            prepared = prepare(page_html, entry, terms)
            if prepared is None:
                missing.append(entry.html_path)
                continue
            target = staging / entry.html_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(prepared, encoding="utf-8")
            page_words.append(terms.vocabulary)
            count += 1
        build_index(staging, site_dir / BUNDLE_DIR, EXCLUDE_SELECTORS)
    page_dir = site_dir / PAGE_DIR
    page_dir.mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        with resources.as_file(resources.files("samverkan.site.search") / "assets" / name) as asset:
            shutil.copyfile(asset, page_dir / name)
    words = word_list.write(page_dir / word_list.DIRECTORY, word_list.count(page_words))
    return IndexReport(pages=count, missing=tuple(missing), vocabulary_words=words)
