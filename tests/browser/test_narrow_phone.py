"""The smallest phone care staff read the site on, 360 px wide: no page of the site's lists, and no
long document, scrolls sideways, neither the page nor a table inside it. Lists of prose (roles,
forums) are cards there; a table in a text that does not fit becomes cards too (assets/tables.js)."""

from __future__ import annotations

import pytest

from .conftest import open_context

pytestmark = pytest.mark.browser

NARROW = {"width": 360, "height": 780}
PAGES = [
    "/",  # start page
    "/dokument/",  # A–Ö
    "/typer/",
    "/typer/rutiner/",
    "/omraden/",
    "/omraden/utskrivning/",
    "/taggar/",
    "/roller/",
    "/roller/processledare/",
    "/forum/",
    "/forum/sip-grupp/",
    "/parter/",
    "/parter/kommun-alvnas/",
    "/status/",
    "/arkiv/",
    "/andringar/",
    "/dokument/EXL-UTS-001/",  # long: a table of steps, the revision history, earlier versions
]

# Boxes that scroll sideways inside the page. The organisation chart scrolls on purpose: it keeps
# its labels readable (test_phone_and_time.py).
SIDEWAYS = """() => [...document.querySelectorAll("article *")]
  .filter(e => !e.closest(".sv-orgchart") && ["auto", "scroll"].includes(getComputedStyle(e).overflowX)
               && e.scrollWidth > e.clientWidth + 1 && e.getBoundingClientRect().height > 0)
  .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} ${e.scrollWidth}/${e.clientWidth}`)"""


@pytest.fixture(scope="module")
def narrow(browser):
    context = open_context(browser, NARROW, phone=True)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_no_page_scrolls_sideways_at_360_px(narrow, visit):
    wide = {}
    for path in PAGES:
        visit(narrow, path)
        width, inner = narrow.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        boxes = narrow.evaluate(SIDEWAYS)
        assert inner == NARROW["width"]
        if width > inner or boxes:
            wide[path] = (width, boxes)
    assert wide == {}, f"pages or boxes wider than {NARROW['width']} px: {wide}"


ROWS = """() => [...document.querySelectorAll("article table")].map(t => getComputedStyle(t.querySelector("tbody tr")).display)"""


def test_the_roles_are_cards_on_a_phone_and_a_table_on_a_desktop(narrow, new_page, visit):
    visit(narrow, "/roller/")
    assert narrow.evaluate(ROWS) == ["block"]
    card = narrow.locator("article tbody tr").first
    assert "Antal parter:" in card.inner_text()  # a number alone would not say what it counts
    desktop = new_page()
    visit(desktop, "/roller/")
    assert desktop.evaluate(ROWS) == ["table-row"]
    assert desktop.locator("article thead th").all_inner_texts() == ["Roll", "Kort om rollen", "Antal parter", "Att bekräfta"]
    assert not desktop.locator("article .sv-label").first.is_visible()


def test_a_table_in_a_text_that_does_not_fit_is_cards_named_by_column(narrow, new_page, visit):
    visit(narrow, "/dokument/EXL-UTS-001/")
    steps = narrow.locator("article table:has(th:text-is('Steg'))")
    assert steps.get_attribute("data-sv-stacked") == ""
    cell = steps.locator("tbody tr").first.locator("td").nth(1)
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Vem ansvarar: "', label
    fits = narrow.locator("article table:has(th:text-is('Version'))")  # two short columns: stays a table
    assert fits.get_attribute("data-sv-stacked") is None
    desktop = new_page()
    visit(desktop, "/dokument/EXL-UTS-001/")
    assert desktop.locator("article table[data-sv-stacked]").count() == 0


def test_the_a_to_o_letters_are_big_enough_to_tap(narrow, visit):
    visit(narrow, "/dokument/")
    sizes = narrow.evaluate("""() => [...document.querySelectorAll("article .sv-letters a")]
      .map(a => { const r = a.getBoundingClientRect(); return [a.textContent, r.width, r.height]; })""")
    assert sizes and all(w >= 44 and h >= 44 for _, w, h in sizes), sizes
