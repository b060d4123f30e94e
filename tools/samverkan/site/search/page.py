"""The search page ``sok/``: a form that works without script, and room for the results.

The page reads ``?q=`` (and the filters ``typ``, ``omrade``, ``part``, ``status``), so an
intranet's search box can point at it and a result list can be shared as a link. The
script ``sok.js`` beside it fills the filters and the results from Pagefind's index.
"""

from __future__ import annotations

PATH = "sok/index.md"

FILTERS = (("typ", "Typ"), ("omrade", "Område"), ("part", "Gäller för"), ("status", "Status"))
"""(Pagefind filter, label) in the order they are shown."""


def search_page() -> str:
    selects = "\n".join(
        f'<div class="sv-search__filter"><label for="sv-filter-{key}">{label}</label>'
        f'<select id="sv-filter-{key}" name="{key}"><option value="">Alla</option></select></div>'
        for key, label in FILTERS
    )
    return f"""---
title: Sök
hide:
  - toc
---

# Sök

<form class="sv-search" role="search" action="./" method="get" aria-label="Sök bland dokumenten">
<div class="sv-search__row">
<label class="sv-search__label" for="sv-q">Sök bland rutiner, överenskommelser, riktlinjer och roller</label>
<input id="sv-q" class="sv-search__input" type="search" name="q" autocomplete="off" spellcheck="false">
<button class="md-button md-button--primary sv-search__button" type="submit">Sök</button>
</div>
<fieldset class="sv-search__filters">
<legend>Visa bara</legend>
{selects}
</fieldset>
</form>

<p id="sv-search-status" class="sv-search__status" role="status" aria-live="polite">Skriv ett eller flera ord och tryck på Sök.</p>

<ol id="sv-results" class="sv-results" data-state="idle" aria-label="Sökresultat"></ol>

<p><button id="sv-more" class="md-button sv-search__more" type="button" hidden>Visa fler träffar</button></p>

<noscript><p>Sökningen behöver JavaScript. Alla dokument finns också i <a href="../dokument/">listan över dokument</a>.</p></noscript>

<link rel="stylesheet" href="sok.css">
<script src="sok.js" defer></script>
"""
