"""The search page sok/ in real Chromium: result cards, ranking, filters, no results, accessibility."""

from __future__ import annotations

import re

import pytest

from .conftest import RESULTS_DONE, result_paths
from .test_site_in_browser import AXE_TAGS, _describe_violations

pytestmark = pytest.mark.browser

DRAFT = "EXL-UTS-005"
WITHDRAWN = "EXL-IT-003"
AGREEMENT = "EXL-UTS-001"


def _ids(paths: list[str]) -> list[str]:
    return [p.split("/")[1] for p in paths if p.startswith("dokument/")]


def test_a_result_card_shows_title_type_status_validity_owner_and_a_snippet(page, search, documents):
    paths = search(page, "läkemedelsgenomgång")
    assert paths[0] == "dokument/EXL-UTS-003/"
    card = page.locator(f"{RESULTS_DONE} > li").first
    assert card.locator("a").first.inner_text() == documents["EXL-UTS-003"]["title"]
    meta = card.locator(".sv-result__meta").inner_text()
    assert "Rutin" in meta and "Giltigt t.o.m. 2028-04-30" in meta and "Ägare:" in meta
    chip = card.locator(".sv-status")
    assert chip.inner_text() == "Gäller"
    assert chip.get_attribute("class") == "sv-status sv-status--in-force"
    assert chip.get_attribute("data-valid-until") == "2028-04-30"
    assert chip.get_attribute("data-doc-status") == "approved"
    snippet = card.locator(".sv-result__snippet")
    assert snippet.locator("mark").count() >= 1
    assert "⁂" not in snippet.inner_text()


def test_documents_in_force_rank_above_drafts_and_the_archive(page, search, site_url):
    assert _ids(search(page, "utskrivning"))[0] == AGREEMENT
    # Among routines with "utskrivning" in the title, the draft comes after those in force.
    page.goto(f"{site_url}/sok/?q=utskrivning&typ=Rutin")
    page.wait_for_selector(RESULTS_DONE, state="attached")
    ids = _ids(result_paths(page))
    assert ids.index(DRAFT) > max(ids.index("EXL-UTS-003"), ids.index("EXL-PSY-001")), ids
    chip = page.locator(f'{RESULTS_DONE} > li:has(a[href*="/dokument/{DRAFT}/"]) .sv-status')
    assert chip.inner_text() == "Utkast"


def test_more_results_are_shown_on_request(page, search):
    search(page, "utskrivning")
    shown = page.locator(f"{RESULTS_DONE} > li").count()
    assert shown == 10
    page.locator("#sv-more").click()
    page.locator(f"{RESULTS_DONE} > li").nth(shown).wait_for(state="attached")  # no string eval: the CSP forbids it


def test_a_document_outranks_a_role_page_with_the_same_word_in_its_title(page, search):
    paths = search(page, "metodhandledare")
    assert paths[0] == "dokument/EXL-STR-003/", paths
    assert "roller/metodhandledare/" in paths


def test_a_withdrawn_document_is_found_and_marked(page, search):
    paths = search(page, "förvaltarrådet")
    assert f"dokument/{WITHDRAWN}/" in paths[:3]
    chip = page.locator(f'{RESULTS_DONE} > li:has(a[href*="/dokument/{WITHDRAWN}/"]) .sv-status')
    assert chip.inner_text() == "Upphävd"


def test_filters_narrow_the_results_and_are_kept_in_the_link(page, site_url):
    page.goto(f"{site_url}/sok/?q=utskrivning&status=Utkast")
    page.wait_for_selector(RESULTS_DONE, state="attached")
    hrefs = page.eval_on_selector_all(f"{RESULTS_DONE} > li a", "as => as.map(a => a.getAttribute('href'))")
    assert hrefs and all(f"/dokument/{DRAFT}/" in h for h in hrefs[:1]) and len({h for h in hrefs if "/dokument/" in h}) == 1
    assert page.locator("#sv-filter-status").input_value() == "Utkast"
    page.locator("#sv-filter-status").select_option("")
    page.wait_for_url(re.compile(r"/sok/\?q=utskrivning$"))
    page.locator(f"{RESULTS_DONE} > li").nth(1).wait_for(state="attached")


def test_no_results_says_so_in_swedish_and_suggests_what_to_do(page, search):
    assert search(page, "xyzzyqvarn") == []
    status = page.locator("#sv-search-status").inner_text()
    assert "Inga träffar" in status and "stavningen" in status


def test_the_search_works_from_the_keyboard(page, visit):
    visit(page, "/sok/")
    page.locator("#sv-q").focus()
    page.keyboard.type("apodos")
    page.keyboard.press("Enter")
    page.wait_for_selector(RESULTS_DONE, state="attached")
    assert page.url.endswith("/sok/?q=apodos")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('form') !== null")


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_results_page_passes_axe_and_fits_the_screen(new_page, site_url, network, screenshot, phone):
    from axe_playwright_python.sync_playwright import Axe

    page = new_page(phone=phone)
    start = len(network.requests)
    page.goto(f"{site_url}/sok/?q=utskrivning")
    page.wait_for_selector(RESULTS_DONE, state="attached")
    page.wait_for_load_state("networkidle")
    assert not network.foreign(start)
    screenshot(page, f"sok-{'phone' if phone else 'desktop'}")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"sok/ is {width}px wide at {page.viewport_size['width']}px"
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, _describe_violations("/sok/?q=utskrivning", violations)


def test_the_start_page_search_box_leads_to_the_search_page(page, visit):
    visit(page, "/")
    page.locator("article input[name=q]").fill("apodos")
    page.locator("article input[name=q]").press("Enter")
    page.wait_for_url(re.compile(r"/sok/\?q=apodos$"))
    page.wait_for_selector(RESULTS_DONE, state="attached")
    assert page.locator(f"{RESULTS_DONE} > li a").first.get_attribute("href").endswith("/dokument/EXL-UTS-003/")


def test_an_exact_spelling_scores_above_the_same_word_typed_without_diacritics(page, visit):
    visit(page, "/sok/")
    scores = page.evaluate(
        """async () => {
            const pf = await import(new URL('../pagefind/pagefind.js', location.href).href);
            const score = async (q) => {
                const found = await pf.search(q);
                for (const r of found.results) if ((await r.data()).url.includes('/dokument/EXL-UTS-003/')) return r.score;
                return 0;
            };
            return [await score('läkemedelsberättelse'), await score('lakemedelsberattelse')];
        }"""
    )
    assert scores[0] > scores[1] > 0, scores


def test_on_a_phone_the_filters_fold_into_one_control_so_the_first_result_shows_at_once(new_page, site_url, screenshot):
    from axe_playwright_python.sync_playwright import Axe

    page = new_page(phone=True)
    page.goto(f"{site_url}/sok/?q=utskrivning&status=G%C3%A4ller")
    page.wait_for_selector(RESULTS_DONE, state="attached")
    screenshot(page, "sok-phone-filters-folded")
    first = page.locator(f"{RESULTS_DONE} > li").first.bounding_box()
    assert 0 <= first["y"] < page.viewport_size["height"] - 100, f"the first result starts at {first['y']}px"
    toggle = page.locator("summary.sv-search__filter-toggle")
    assert toggle.inner_text() == "Visa bara … (1 valt)", "the folded control says how many filters are chosen"
    assert page.locator("#sv-filter-status").is_hidden()

    toggle.focus()
    page.keyboard.press("Enter")
    assert page.locator("#sv-filter-status").is_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the open filters make sok/ {width}px wide"
    page.locator("#sv-filter-typ").select_option("Rutin")
    page.wait_for_url(re.compile(r"status=G%C3%A4ller&typ=Rutin|typ=Rutin&status=G%C3%A4ller"))
    assert toggle.inner_text() == "Visa bara … (2 valda)"
    page.wait_for_selector(RESULTS_DONE, state="attached")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    assert not results.response["violations"], _describe_violations("/sok/ with the filters open", results.response["violations"])

    page.set_viewport_size({"width": 1280, "height": 800})
    assert toggle.is_hidden()
    assert page.locator("#sv-filter-omrade").is_visible(), "on a wide screen the filters are always shown"
