"""The published site in real Chromium: pages open, search and links work, every page type
passes axe-core's WCAG 2.1 A/AA rules, and no page loads anything from another host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from .conftest import REPO, RESULTS_DONE, TODAY_ISO, NetworkLog, result_paths

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
EXPIRED_BANNER = "Giltighetstiden har gått ut"
APPROVED = "EXL-UTS-001"
"""The discharge agreement: approved, valid, with roles, references and a long text."""


def _pick(documents: dict[str, dict], why: str, test) -> str:
    """The first document (by id) for which test(front matter) holds."""
    ids = sorted(doc_id for doc_id, data in documents.items() if test(data))
    assert ids, f"the example content has no {why} document"
    return ids[0]


def _first_yml(folder: str, preferred: str) -> str:
    """preferred if roles/<folder>/<preferred>.yml exists, else the first id there."""
    base = REPO / "roles" / folder
    if (base / f"{preferred}.yml").is_file():
        return preferred
    ids = sorted(p.stem for p in base.glob("*.yml") if p.name != "laws.yml")
    assert ids, f"no YAML files in {base}"
    return ids[0]


@pytest.fixture(scope="module")
def page_types(documents, site_dir) -> dict[str, str]:
    """One path for every page type of the site."""
    earlier = sorted(p.parent.name for p in site_dir.glob("dokument/*-r[0-9]*/index.html"))
    assert earlier, "the example site has no page of an earlier revision"
    expired = _pick(documents, "expired", lambda d: d.get("status") == "approved" and d.get("valid_until", "9999") < TODAY_ISO)
    draft = _pick(documents, "draft", lambda d: d.get("status") == "draft")
    withdrawn = _pick(documents, "withdrawn", lambda d: d.get("status") == "withdrawn")
    role = _first_yml("", "metodhandledare")
    forum = _first_yml("forums", "sip-grupp")
    party = _first_yml("parties", "kommun-solvik")
    return {
        "start": "/",
        "dokument-faststallt": f"/dokument/{APPROVED}/",
        "dokument-utganget": f"/dokument/{expired}/",
        "dokument-utkast": f"/dokument/{draft}/",
        "dokument-upphavt": f"/dokument/{withdrawn}/",
        "dokument-tidigare-revision": f"/dokument/{earlier[0]}/",
        "lista-a-o": "/dokument/",
        "typer": "/typer/",
        "typ": "/typer/rutiner/",
        "omraden": "/omraden/",
        "omrade": "/omraden/utskrivning/",
        "arkiv": "/arkiv/",
        "taggar": "/taggar/",
        "roll": f"/roller/{role}/",
        "roller": "/roller/",
        "forum": f"/forum/{forum}/",
        "forum-index": "/forum/",
        "part": f"/parter/{party}/",
        "parter": "/parter/",
        "andringar": "/andringar/",
        "status": "/status/",
        "tillganglighet": "/tillganglighet/",
        "for-dokumentagare": "/for-dokumentagare/",
    }


PAGE_TYPES = [
    "start", "dokument-faststallt", "dokument-utganget", "dokument-utkast", "dokument-upphavt", "dokument-tidigare-revision",
    "lista-a-o", "typer", "typ", "omraden", "omrade", "arkiv", "taggar", "roll", "roller",
    "forum", "forum-index", "part", "parter", "andringar", "status", "tillganglighet",
    "for-dokumentagare",
]


# --- opening, searching, following links ---------------------------------------------------


def test_a_document_page_opens_from_the_local_server(page, visit, documents):
    visit(page, f"/dokument/{APPROVED}/")
    assert page.locator("html").get_attribute("lang") == "sv"
    heading = page.locator("article h1").first
    assert heading.is_visible()
    assert documents[APPROVED]["title"] in heading.inner_text()
    assert APPROVED in page.locator("article").inner_text()


def test_the_header_search_box_leads_to_the_search_page_and_a_result_opens(page, visit, site_url):
    visit(page, f"/dokument/{APPROVED}/")
    page.locator("header input[name=q]").fill("betalningsansvar")
    page.locator("header input[name=q]").press("Enter")
    page.wait_for_url(re.compile(r"/sok/\?q=betalningsansvar"))
    page.wait_for_selector(RESULTS_DONE, state="attached")
    assert f"dokument/{APPROVED}/" in result_paths(page)
    page.locator(f'{RESULTS_DONE} > li a[href*="/dokument/{APPROVED}/"]').first.click()
    page.wait_for_url(re.compile(rf"/dokument/{APPROVED}/"))
    assert page.url.startswith(f"{site_url}/dokument/{APPROVED}/")
    assert page.locator("article h1").first.is_visible()


def test_a_role_link_on_a_document_page_leads_to_the_role_page(page, visit, site_url):
    visit(page, f"/dokument/{APPROVED}/")
    links = page.locator("article a[href*='roller/']")
    hrefs = links.evaluate_all("els => els.map(e => e.href)")
    roles = [h for h in hrefs if re.search(r"/roller/[^/#?]+/$", h)]
    assert roles, f"no link to a role page on /dokument/{APPROVED}/ (links: {hrefs})"
    role_id = re.search(r"/roller/([^/]+)/$", roles[0]).group(1)
    page.locator(f"article a[href$='roller/{role_id}/']").first.click()
    page.wait_for_url(f"{site_url}/roller/{role_id}/")
    role = yaml.safe_load((REPO / "roles" / f"{role_id}.yml").read_text(encoding="utf-8"))
    assert role["name"] in page.locator("article h1").first.inner_text()


def test_the_expired_document_shows_the_expired_banner(page, visit, page_types):
    visit(page, page_types["dokument-utganget"])
    banners = page.locator(".sv-banner")
    texts = [t.strip() for t in banners.all_inner_texts()]
    expired = [i for i, text in enumerate(texts) if text.startswith(EXPIRED_BANNER)]
    assert expired, f"no .sv-banner starting with {EXPIRED_BANNER!r} on {page_types['dokument-utganget']}: {texts}"
    assert banners.nth(expired[0]).is_visible()


def test_a_valid_document_has_no_expired_banner(page, visit):
    visit(page, f"/dokument/{APPROVED}/")
    # The notices of other days wait hidden for the reader's date (assets/status.js).
    texts = [t.strip() for t in page.locator(".sv-banner:visible").all_inner_texts()]
    assert not [t for t in texts if t.startswith(EXPIRED_BANNER)]


def test_the_atom_feed_is_served(page, site_url):
    response = page.request.get(f"{site_url}/andringar/feed.xml")
    assert response.ok, response.status
    assert "<feed" in response.text()


# --- screenshots -----------------------------------------------------------------------------


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_screenshots_of_a_document_and_a_role_page(new_page, visit, screenshot, page_types, phone):
    page = new_page(phone=phone)
    size = "phone" if phone else "desktop"
    too_wide = []
    for kind, path in (("dokument", page_types["dokument-faststallt"]), ("roll", page_types["roll"])):
        visit(page, path)
        shot = screenshot(page, f"{kind}-{size}")
        assert shot.stat().st_size > 0
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > page.viewport_size["width"]:  # the page scrolls sideways
            too_wide.append(f"{path} is {width}px wide at {page.viewport_size['width']}px")
    assert not too_wide, too_wide


# --- accessibility and privacy on every page type -----------------------------------------------


def _describe_violations(path: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe-core violation(s) of WCAG 2.1 A/AA on {path}:"]
    for v in violations:
        lines.append(f"\n[{v['id']}] ({v.get('impact') or 'no impact given'}) {v['help']}")
        lines.append(f"    {v['helpUrl']}")
        for node in v["nodes"][:10]:
            target = " ".join(str(t) for t in node.get("target", []))
            html = re.sub(r"\s+", " ", node.get("html", ""))[:200]
            lines.append(f"    - element: {target}")
            lines.append(f"      html:    {html}")
            for summary in (node.get("failureSummary") or "").splitlines():
                lines.append(f"      {summary.strip()}")
        if len(v["nodes"]) > 10:
            lines.append(f"    … and {len(v['nodes']) - 10} more element(s)")
    return "\n".join(lines)


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_passes_axe_and_loads_nothing_from_other_hosts(page, visit, page_types, network, kind):
    from axe_playwright_python.sync_playwright import Axe

    path = page_types[kind]
    start = len(network.requests)
    visit(page, path)
    page.wait_for_load_state("networkidle")
    foreign = network.foreign(start)
    assert not foreign, f"{path}: {NetworkLog.describe(foreign)}"

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, _describe_violations(path, violations)


def test_a_request_to_another_host_is_recorded_and_blocked(page, visit, network):
    visit(page, "/")
    start = len(network.requests)
    outcome = page.evaluate(
        """() => new Promise(done => {
            const img = new Image();
            img.onload = () => done("loaded");
            img.onerror = () => done("blocked");
            img.src = "http://samverkan.example.invalid/pixel.png";
        })"""
    )
    assert outcome == "blocked"
    assert [url for _, url in network.foreign(start)] == ["http://samverkan.example.invalid/pixel.png"]
    network.acknowledge()  # made on purpose: not a failure of this test


def test_axe_is_the_bundled_offline_copy():
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    assert script.is_file() and script.stat().st_size > 100_000
    assert script.read_text(encoding="utf-8")[:200].lstrip().startswith("/*! axe v4.")
