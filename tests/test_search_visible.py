"""The search's word list holds what a reader sees on the page, never the body's markup.

The word list (sok/ordlista/) gives the search page its spelling suggestions; a word that
stands only in an attribute, an address or a removed element of a body's source must never
be suggested.
"""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES
from samverkan.site.search.compounds import Splitter
from samverkan.site.search.entries import SearchEntry
from samverkan.site.search.hunspell import Lexicon
from samverkan.site.search.indexing import EXCLUDE_SELECTORS
from samverkan.site.search.prepare import page_terms
from samverkan.site.search.synonyms import Thesaurus
from samverkan.site.search.visible import Selector, shown_text, visible_words

PAGE = """<html><head><title>Titel</title></head><body>
<nav>Menyord</nav>
<article class="md-content__inner"><h1>Rutin för hemgång<a class="headerlink" href="#x">¶</a></h1>
<div class="sv-panel"><dl><dt>Panelord</dt></dl></div>
<p>Ring <a href="mailto:vardplanering@region.example">vardplanering@region.example</a> före hemgång.</p>
<p><img src="passwd.png" alt="bildtext"><a href="https://example.org/etc/shadow">Läs mer</a> om &quot;planen&quot;.</p>
<script>skriptord()</script>
</article>
<footer>Sidfot</footer></body></html>"""


def test_the_visible_words_are_the_articles_text_only():
    shown = visible_words(PAGE, EXCLUDE_SELECTORS)
    assert {"rutin", "hemgång", "ring", "före", "läs", "mer", "planen"} <= shown
    hidden = {"menyord", "panelord", "vardplanering", "passwd", "png", "bildtext", "https", "example", "shadow", "skriptord", "sidfot", "titel"}
    assert not shown & hidden, shown & hidden


def test_a_body_keeps_only_the_words_its_page_shows_in_their_order():
    body = 'Före hemgång <img src="x" onerror="alert(1)"> läs [planen](https://example.org/etc/passwd).'
    assert shown_text(body, visible_words(PAGE, EXCLUDE_SELECTORS)) == "före hemgång läs planen"


def test_the_panels_facts_are_in_the_word_list_since_pagefind_finds_the_page_by_them():
    entry = SearchEntry(
        html_path="dokument/X/index.html",
        title="Rutin",
        keywords=(),
        body="före hemgång",
        rank=1,
        filters=(),
        meta=(),
        details=("EXL-X-001", "Patientdatalag", "Beslutsfattare i regionen"),
    )
    vocabulary = page_terms(entry, Splitter(Lexicon.read(FIXTURES / "search" / "mini.dic")), Thesaurus(())).vocabulary
    assert {"rutin", "före", "hemgång", "patientdatalag", "beslutsfattare", "regionen"} <= vocabulary


def test_only_simple_selectors_are_understood():
    assert Selector.parse("a[href^='mailto:']").condition() == "self::a and starts-with(@href, 'mailto:')"
    assert visible_words("<main><div class='md sv-panel'>panel</div><p>text</p></main>", ".sv-panel") == {"text"}
    with pytest.raises(ValueError, match="unsupported selector"):
        Selector.parse("div > p")


def test_a_hostile_body_puts_no_markup_or_address_into_the_suggestions(hostile_site):
    words = set()
    for path in (hostile_site / "sok" / "ordlista").glob("*.json"):
        if path.name != "index.json":
            words |= set(json.loads(path.read_text(encoding="utf-8")))
    assert {"läsarens", "klicka", "tillåten"} <= words  # the body's visible text
    # Attributes, elements the allow-list removed, and the letters of addresses in the source.
    markup = {"ontoggle", "onfocus", "autofocus", "onmouseover", "srcdoc", "iframe", "equiv", "refresh", "href", "https", "www", "socialstyrelsen", "phnjcmlwdd", "png"}
    assert not words & markup, sorted(words & markup)
