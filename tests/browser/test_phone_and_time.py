"""A nurse on a 390 px phone, and a reader days after the build: cards instead of tables, no word
broken in the middle, the in-force marker, a readable organisation chart, and statuses that
follow the reader's clock (Playwright's clock API) rather than the build date."""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import DESKTOP, PHONE, open_context
from .test_site_in_browser import AXE_TAGS, _describe_violations

pytestmark = pytest.mark.browser

IN_FORCE = "EXL-UTS-001"
"""Approved, in force at the build date (2026-12-01), valid until 2027-09-30."""
LISTS = ["/dokument/", "/typer/overenskommelser/", "/omraden/utskrivning/", "/arkiv/", "/roller/processledare/", "/andringar/"]

# For every word of every text node in a table cell: the lines its glyphs sit on. A word on two
# lines was broken inside with no hyphen shown (Länsgemens|am); spaces, hyphens, slashes and an address's @
# are where it may break.
WORDS_BROKEN = """() => {
  const broken = [];
  const cells = document.querySelectorAll("article td");
  for (const cell of cells) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s\\-\\u2013\\/@]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def _card_layout(page) -> dict:
    return page.evaluate(
        """() => {
          const row = document.querySelector(".sv-cards tbody tr");
          const first = row.querySelector("td");
          return {row: getComputedStyle(row).display, head: document.querySelector(".sv-cards thead").getBoundingClientRect().height,
                  title: first.querySelector("a") !== null, cells: row.querySelectorAll("td").length,
                  hidden: [...row.querySelectorAll("td")].filter(td => td.getBoundingClientRect().height === 0).length};
        }"""
    )


def test_document_lists_are_cards_on_a_phone_and_tables_on_a_desktop(new_page, visit, screenshot):
    phone = new_page(phone=True)
    visit(phone, "/dokument/")
    cards = _card_layout(phone)
    assert cards["row"] == "block" and cards["title"] and cards["hidden"] == 0 and cards["cells"] == 5, cards
    assert cards["head"] <= 1  # the column names are there for screen readers only
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "lista-a-o-phone")
    desktop = new_page()
    visit(desktop, "/dokument/")
    assert _card_layout(desktop)["row"] == "table-row"
    visit(desktop, f"/dokument/{IN_FORCE}/")  # reached through a list, not the nav: its section is lit
    assert desktop.locator(".md-tabs__item--active").inner_text().strip() == "Dokument"
    assert desktop.locator(".md-sidebar--primary .md-nav__link:visible").count() >= 3  # no empty left column


def test_no_word_in_a_list_cell_is_broken_in_the_middle_on_a_phone(new_page, visit):
    page = new_page(phone=True)
    found = {}
    for path in LISTS:
        visit(page, path)
        assert page.locator("article td").count() > 0, path
        broken = page.evaluate(WORDS_BROKEN)
        wide = page.evaluate("document.documentElement.scrollWidth")
        if broken or wide > PHONE["width"]:
            found[path] = (broken, wide)
    assert found == {}, f"words broken inside, or page wider than {PHONE['width']}px: {found}"


STATUS_TABLES = """() => [...document.querySelectorAll("article table")].map(t => {
  const row = t.querySelector("tbody tr"), label = row.querySelector(".sv-label");
  return {columns: t.querySelectorAll("th").length, row: getComputedStyle(row).display,
          wide: Math.round(t.getBoundingClientRect().right) > innerWidth,
          label: label ? label.getBoundingClientRect().height > 0 && label.textContent : null};
})"""


def test_the_status_pages_wide_tables_are_cards_on_a_phone_named_value_by_value(new_page, visit, screenshot):
    phone = new_page(phone=True)
    visit(phone, "/status/")
    tables = phone.evaluate(STATUS_TABLES)
    wide = [t for t in tables if t["columns"] > 2]
    assert [t["columns"] for t in wide][:2] == [7, 7]  # per area and per owner, then the lists
    assert all(t["row"] == "block" and not t["wide"] for t in wide), tables
    assert wide[0]["label"] == "Gäller:"  # the first count is named on the card
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "status-phone")
    desktop = new_page()
    visit(desktop, "/status/")
    assert all(t["row"] == "table-row" and t["label"] in (None, False) for t in desktop.evaluate(STATUS_TABLES))


def test_a_document_in_force_says_so_under_its_title_on_a_phone(new_page, visit, screenshot):
    page = new_page(phone=True)
    visit(page, f"/dokument/{IN_FORCE}/")
    marker = page.locator("article .sv-marker")
    assert marker.is_visible()
    assert marker.locator(".sv-status--in-force").inner_text() == "Gäller"
    assert "giltigt t.o.m. 30 september 2027 · revision" in marker.inner_text()
    assert marker.bounding_box()["y"] < page.locator("article .sv-panel").bounding_box()["y"]  # under the title, above the panel
    assert page.locator(".sv-banner:visible").count() == 0
    # The header names the site by its short name, not "Samverkanswebben – Exe…".
    assert page.locator(".md-header__topic .sv-name-short").first.inner_text() == "Samverkan"
    assert not page.locator(".md-header__topic .sv-name-full").first.is_visible()
    screenshot(page, "dokument-markering-phone")


@pytest.mark.parametrize("width", [360, 390])
def test_the_short_name_fits_the_header_of_a_narrow_phone(browser, visit, width):
    context = open_context(browser, {"width": width, "height": 780}, phone=True)
    try:
        page = context.new_page()
        visit(page, "/dokument/")
        name = page.locator(".md-header__topic .md-ellipsis").first
        assert name.inner_text() == "Samverkan"
        # Cut short, the text would be wider than its box and shown as "Samverka…".
        assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), name.evaluate("e => [e.scrollWidth, e.clientWidth]")
    finally:
        context.close()


def _at(browser, when: dt.datetime, *, javascript: bool = True):
    context = open_context(browser, DESKTOP) if javascript else None
    if context is None:
        context = browser.new_context(viewport=DESKTOP, java_script_enabled=False, service_workers="block")
        context.route("**/*", lambda route: route.abort() if "127.0.0.1" not in route.request.url else route.fallback())
    page = context.new_page()
    if javascript:
        page.clock.install(time=when)
    return context, page


def test_the_status_follows_the_readers_date_past_valid_until(browser, visit):
    stamps = {}
    for label, when in (("built", dt.datetime(2026, 12, 1, 9)), ("soon", dt.datetime(2027, 8, 15, 9)), ("after", dt.datetime(2027, 10, 1, 9))):
        context, page = _at(browser, when)
        try:
            visit(page, f"/dokument/{IN_FORCE}/")
            chip = page.locator("article .sv-marker .sv-status")
            banners = page.locator(".sv-banner:visible .admonition-title").all_inner_texts()
            stamps[label] = (chip.inner_text(), chip.get_attribute("class").split()[-1], banners)
            visit(page, "/dokument/")
            listed = page.locator(f"tr:has(a[href$='{IN_FORCE}/']) .sv-status")
            assert listed.inner_text() == stamps[label][0]  # the lists follow the same clock
        finally:
            context.close()
    assert stamps["built"] == ("Gäller", "sv-status--in-force", [])
    assert stamps["soon"] == ("Går snart ut", "sv-status--expiring", ["Giltighetstiden går snart ut"])
    assert stamps["after"] == ("Giltighetstiden har gått ut", "sv-status--expired", ["Giltighetstiden har gått ut"])


def test_without_javascript_the_build_dates_status_stands(browser, visit):
    context, page = _at(browser, dt.datetime(2027, 10, 1), javascript=False)
    try:
        visit(page, f"/dokument/{IN_FORCE}/")
        assert page.locator("article .sv-marker .sv-status").inner_text() == "Gäller"
        assert "Status per 1 december 2026" in page.locator("article .sv-marker").inner_text()
    finally:
        context.close()


def test_refresh_re_evaluates_statuses_added_after_the_page_loaded(page, visit):
    visit(page, "/")
    label = page.evaluate(
        """() => {
          const box = document.createElement("div");
          box.innerHTML = '<span class="sv-status sv-status--in-force" data-valid-until="2020-01-31" data-valid-from="2019-01-01" data-doc-status="approved" data-expiry-window="90">Gäller</span>';
          document.body.append(box);
          window.samverkanStatus.refresh(box);
          return box.firstChild.className + " " + box.firstChild.textContent;
        }"""
    )
    assert label == "sv-status sv-status--expired Giltighetstiden har gått ut"


# Material draws Mermaid charts in a closed shadow root; opened here so the test can measure them.
OPEN_SHADOWS = "const attach = Element.prototype.attachShadow; Element.prototype.attachShadow = function (o) { return attach.call(this, {...o, mode: 'open'}); };"
LABEL_SIZES = """() => [...document.querySelectorAll('.sv-orgchart .mermaid')].flatMap(host =>
  [...(host.shadowRoot || host).querySelectorAll('.nodeLabel')].map(l => parseFloat(getComputedStyle(l).fontSize) * (l.getBoundingClientRect().height / l.offsetHeight || 1)))"""


@pytest.mark.parametrize("phone", [True, False], ids=["phone", "desktop"])
def test_the_organisation_chart_is_readable_and_mermaid_loads_only_there(new_page, visit, network, screenshot, phone):
    page = new_page(phone=phone)
    start = len(network.requests)
    visit(page, "/")
    page.wait_for_load_state("networkidle")
    assert not [url for _, url in network.requests[start:] if "mermaid" in url], "the start page loads Mermaid"
    page.add_init_script(OPEN_SHADOWS)
    visit(page, "/forum/")
    assert page.locator("article h2:has-text('Organisation') + p + ul a").count() >= 3  # the text tree comes first
    page.wait_for_function(f"({LABEL_SIZES})().length > 0")
    sizes = page.evaluate(LABEL_SIZES)
    assert min(sizes) >= 11, sizes
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]  # the chart scrolls, not the page
    page.locator(".sv-orgchart").scroll_into_view_if_needed()
    screenshot(page, f"organisation-{'phone' if phone else 'desktop'}")


@pytest.mark.parametrize("path", ["/", "/for-dokumentagare/", "/dokument/", f"/dokument/{IN_FORCE}/", "/status/"])
def test_phone_pages_pass_axe_also_with_the_menu_open(new_page, visit, path):
    from axe_playwright_python.sync_playwright import Axe

    page = new_page(phone=True)
    visit(page, path)
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    violations = Axe().run(page, options=options).response["violations"]
    assert not violations, _describe_violations(path, violations)
    if path == "/":
        page.locator("label.md-header__button[for=__drawer]").click()
        page.locator(".md-sidebar--primary .md-nav__title").first.wait_for(state="visible")
        violations = Axe().run(page, options=options).response["violations"]
        assert not violations, _describe_violations(path + " (menyn öppen)", violations)
