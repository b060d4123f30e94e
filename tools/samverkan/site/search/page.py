"""The search page ``sok/``: a search field that works without script, and room for the results.

The page reads ``?q=`` (and the filters ``typ``, ``omrade``, ``part``, ``status``), so an
intranet's search box can point at it and a result list can be shared as a link. Its
markup stays inside the site's HTML policy (``WIDGET_PAGES``): the script ``sok.js``,
loaded by the theme on this page only (known by ``search_page: true`` in its front matter,
on every renderer), adds the filters, the live status and the results from Pagefind's index.
"""

from __future__ import annotations

PATH = "sok/index.md"

FILTERS = (("typ", "Typ"), ("omrade", "Område"), ("part", "Gäller för"), ("status", "Status"))
"""(Pagefind filter, label) in the order sok.js shows them."""


def search_page() -> str:
    return """---
title: Sök
search_page: true
hide:
  - toc
---

# Sök

<form class="sv-search" role="search" action="./" method="get">
<div class="sv-search__row">
<label class="sv-search__label" for="sv-q">Sök bland rutiner, överenskommelser, riktlinjer och roller</label>
<input id="sv-q" class="sv-search__input" type="search" name="q" autocomplete="off">
<button class="md-button md-button--primary sv-search__button" type="submit">Sök</button>
</div>
<div id="sv-search-filters" class="sv-search__filters"></div>
</form>

<p id="sv-search-status" class="sv-search__status">Skriv ett eller flera ord och tryck på Sök. Sökningen behöver JavaScript; alla dokument finns också under Dokument i menyn.</p>

<ol id="sv-results" class="sv-results"></ol>

<div id="sv-search-more"></div>
"""
