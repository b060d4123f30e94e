"""Back from a result brings the reader to the same search: query, filters and as many results as were shown."""

from __future__ import annotations

import pytest

from .conftest import RESULTS_DONE

pytestmark = pytest.mark.browser

_SHOWN = """([q, typ, status]) => document.querySelector('#sv-results').dataset.state === 'done'
    && document.getElementById('sv-q').value === q
    && document.getElementById('sv-filter-typ').value === typ
    && document.getElementById('sv-filter-status').value === status"""


def _wait_for(page, q: str, typ: str = "", status: str = "") -> None:
    """Until the results for the query and filters are shown (polled: the page's CSP forbids wait_for_function)."""
    for _ in range(300):
        if page.evaluate(_SHOWN, [q, typ, status]):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"no results shown for {q!r} {typ!r} {status!r}")


def _choose(page, key: str, value: str) -> None:
    page.locator(f"#sv-filter-{key}").select_option(value)  # the search starts at once (data-state "loading")
    page.wait_for_selector(RESULTS_DONE, state="attached")


def test_back_from_a_result_shows_the_same_query_filters_and_results(page, site_url):
    page.goto(f"{site_url}/sok/?q=utskrivning")
    page.wait_for_selector(RESULTS_DONE, state="attached")
    entries = page.evaluate("history.length")
    _choose(page, "status", "Gäller")
    assert page.url.endswith("/sok/?q=utskrivning&status=G%C3%A4ller")
    assert page.evaluate("history.length") == entries, "a filter replaces the history entry; Back leaves the search"
    page.locator("#sv-more").click()
    cards = page.locator(f"{RESULTS_DONE} > li")
    cards.nth(10).wait_for(state="attached")
    shown = cards.count()
    titles = page.eval_on_selector_all(f"{RESULTS_DONE} > li h2", "hs => hs.map(h => h.textContent)")

    last = cards.nth(shown - 1).locator("a").first
    last.scroll_into_view_if_needed()
    place = page.evaluate("window.scrollY")
    assert place > 200, "the last of the results is further down the page"
    last.click()
    page.wait_for_url("**/dokument/**")
    page.go_back()
    _wait_for(page, "utskrivning", status="Gäller")
    for _ in range(40):  # the reader is back where she was in the list, not at its top
        if abs(page.evaluate("window.scrollY") - place) <= 2:
            break
        page.wait_for_timeout(50)
    assert abs(page.evaluate("window.scrollY") - place) <= 2
    assert page.url.endswith("/sok/?q=utskrivning&status=G%C3%A4ller")
    assert page.eval_on_selector_all(f"{RESULTS_DONE} > li h2", "hs => hs.map(h => h.textContent)") == titles
    assert "med valda filter" in page.locator("#sv-search-status").inner_text()


def test_back_to_an_earlier_search_restores_its_own_filters(page, site_url):
    page.goto(f"{site_url}/sok/?q=utskrivning")
    page.wait_for_selector(RESULTS_DONE, state="attached")
    _choose(page, "typ", "Rutin")
    page.locator("#sv-q").fill("läkemedel")
    page.locator("#sv-q").press("Enter")
    _wait_for(page, "läkemedel", typ="Rutin")
    _choose(page, "typ", "")
    assert page.url.endswith("/sok/?q=l%C3%A4kemedel")

    page.go_back()
    _wait_for(page, "utskrivning", typ="Rutin")
    assert page.url.endswith("/sok/?q=utskrivning&typ=Rutin")
    types = page.eval_on_selector_all(f"{RESULTS_DONE} > li .sv-result__type", "ts => ts.map(t => t.textContent)")
    assert types and set(types) == {"Rutin"}, types
    assert page.locator(".sv-search__filter-count").inner_text().strip() == "(1 valt)"
