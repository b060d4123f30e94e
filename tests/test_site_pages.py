"""What a reader finds on each page type of the example site (built once, today pinned to 2026-12-01)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, TODAY
from samverkan.core.loader import load
from samverkan.core.schemas import SchemaSet
from samverkan.site.context import SiteContext
from samverkan.site.document import document_page


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text(html: str) -> str:
    """Visible text, whitespace folded, for assertions that read like what a person sees."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" ,", ",")


def test_document_page_has_the_metadata_panel(example_site):
    html = page(example_site, "dokument/EXL-UTS-001")
    panel = text(html.split('class="sv-panel"', 1)[1].split("</dl>", 1)[0])
    for label in ("Dokument-id", "Dokumenttyp", "Revision", "Status", "Giltigt fr.o.m.", "Giltigt t.o.m.",
                  "Fastställt av", "Dokumentägare", "Gäller för", "Områden"):
        assert label in panel
    assert "EXL-UTS-001" in panel and "Överenskommelse" in panel
    assert 'href="../../roller/' in html
    assert "Alla parter i länet (11)" in panel  # applies to every party
    some = page(example_site, "dokument/EXL-SIP-003")  # applies to nine of them: each is named and linked
    assert 'href="../../parter/region-exempellan/"' in some and "Alla parter" not in some


def test_document_page_links_laws_documents_roles_and_offers_an_edit_link(example_site):
    html = page(example_site, "dokument/EXL-UTS-001")
    assert 'href="https://rkrattsbaser.gov.se/sfst?bet=2017:612"' in html
    assert re.search(r'href="\.\./EXL-[A-Z]+-\d+/"', html)  # another document, one level up
    assert "Roller i dokumentet" in html
    assert re.search(r'href="https://git\.exempellan\.example/[^"]+/edit/main/routines/utskrivning/[^"]+\.md"[^>]*>Föreslå ändring', html)
    assert "Revisionshistorik" in html


def test_a_repealed_law_is_marked_with_what_replaced_it(example_site):
    html = page(example_site, "dokument/EXL-SIP-002")
    assert "upphävd 2025-07-01" in text(html)
    assert "ersatt av Socialtjänstlag (2025:400)" in text(html)


@pytest.mark.parametrize(
    ("doc", "banner"),
    [
        ("EXL-ALD-001", "Giltighetstiden har gått ut"),
        ("EXL-HSV-001", "Giltighetstiden går snart ut"),
        ("EXL-UTS-005", "Utkast – ännu inte fastställt"),
        ("EXL-IT-003", "Dokumentet är upphävt"),
    ],
)
def test_banners(example_site, doc, banner):
    html = page(example_site, f"dokument/{doc}")
    # The banner shown on the build date; the others wait, hidden, for status.js to pick by the reader's date.
    shown = re.findall(r'<div class="admonition \w+ sv-banner" role="note" data-state-for="[\w-]+">\s*<p class="admonition-title">([^<]+)</p>', html)
    assert shown == [banner]


def test_a_current_document_shows_no_banner_but_the_in_force_marker(example_site):
    html = page(example_site, "dokument/EXL-UTS-002")
    assert not re.search(r'sv-banner" role="note" data-state-for="[\w-]+">', html)  # every banner waits hidden
    marker = re.search(r'<p class="sv-marker">(.*?)</p>', html, re.S)
    assert marker, "no in-force marker under the title"
    assert re.search(r'<span class="sv-status sv-status--in-force" data-valid-until="\d{4}-\d\d-\d\d" data-valid-from="[^"]+" data-doc-status="approved" data-expiry-window="90">Gäller</span>', marker.group(1))
    assert re.search(r"giltigt t\.o\.m\. \d+ \w+ \d{4} · revision \d+ · fastställd \d+ \w+ \d{4} · Status per 1 december 2026", text(marker.group(1)))


def test_withdrawn_documents_are_in_the_archive_not_in_the_lists(example_site):
    assert "EXL-IT-003" in page(example_site, "arkiv")
    assert "EXL-IT-003" not in page(example_site, "dokument")
    assert "EXL-IT-003" not in page(example_site, "typer/uppdragsbeskrivningar")
    assert "EXL-STR-004" in page(example_site, "typer/uppdragsbeskrivningar")


def test_lists_by_area_type_letter_and_keyword(example_site):
    az = text(page(example_site, "dokument"))
    assert az.index(" R ") < az.index(" S ") < az.index(" Ö ") if " Ö " in az else az.index(" R ") < az.index(" S ")
    assert "Rutin för SIP" in text(page(example_site, "omraden/sip")) or "SIP" in text(page(example_site, "omraden/sip"))
    types = text(page(example_site, "typer"))
    assert "Rutiner" in types and "Styrdokument" in types



def test_each_keyword_has_a_page_of_its_own_listed_on_the_keyword_index(example_site):
    index = page(example_site, "taggar")
    assert re.search(r'<li id="lex-maria"><a href="lex-maria/">lex Maria</a> \(1\)', index)  # the old anchor still leads to it
    assert re.search(r'<h2 id="bokstav-l">L', index) and 'href="#bokstav-l"' in index  # by letter, as A–Ö
    found = text(page(example_site, "taggar/lex-maria"))
    assert "Sökord: lex Maria" in found and "EXL-STR-005" in found
    assert "EXL-STR-002" not in found  # a document without the keyword
    assert 'href="../../taggar/lex-maria/"' in page(example_site, "dokument/EXL-STR-005")


def test_role_page_shows_holders_and_flags_unconfirmed_ones(example_site):
    html = page(example_site, "roller/nyckelperson")
    body = text(html)
    assert "Vem har rollen" in body and "Dokument som nämner rollen" in body
    assert "Behöver bekräftas (senast 2024-11-05)" in body  # Sjöviken, confirmed over a year before 2026-12-01
    assert "Ingen registrerad hos: Tallmo kommun" in body


def test_forum_page_and_organisation_chart(example_site):
    body = text(page(example_site, "forum/chefsgrupp-vard-omsorg"))
    for heading in ("Möts:", "Ordförande:", "Ledamöter", "Beslutar om"):
        assert heading in body
    index = page(example_site, "forum")
    assert "Organisation" in index and "rapporterar till" in index


def test_party_page_lists_documents_and_role_holders(example_site):
    body = text(page(example_site, "parter/kommun-solvik"))
    assert "Roller hos parten" in body and "Dokument som gäller för parten" in body


def test_changes_page_and_atom_feed(example_site):
    assert "Ändringar" in page(example_site, "andringar")
    feed = ET.parse(example_site / "andringar" / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert entries
    assert all(e.find("a:link", ns).get("href").startswith("https://samverkan.exempellan.example/") for e in entries)
    assert 'href="../andringar/feed.xml">Ändringar som Atom-flöde</a>' in page(example_site, "dokument")


def test_status_page_has_the_chart_and_its_numbers_as_a_table(example_site):
    html = page(example_site, "status")
    assert re.search(r'<svg class="sv-chart"[^>]*role="img"', html)
    assert "<desc" in html and "1 dokument har redan gått ut" in html
    assert re.search(r"<td>Redan utgångna</td>\s*<td>1</td>", html)
    assert "Per dokumentägare" in html and "Uppgifter om roller som behöver bekräftas" in html


def test_accessibility_statement_has_digg_sections_and_is_linked_from_every_page(example_site):
    body = text(page(example_site, "tillganglighet"))
    for heading in ("Hur tillgänglig är webbplatsen?", "Rapportera brister i webbplatsens tillgänglighet", "Tillsyn",
                    "Innehåll som inte är tillgängligt", "Hur vi testat webbplatsen", "tillganglighet@exempellan.example"):
        assert heading in body
    for html_file in example_site.rglob("*.html"):
        if html_file.name != "404.html":
            assert "Tillgänglighetsredogörelse</a>" in html_file.read_text(encoding="utf-8"), html_file


def test_the_built_site_loads_nothing_from_other_hosts(example_site):
    """Static half of the promise (the browser tests record real requests): nothing a page loads is absolute."""
    loaded = re.compile(
        r'<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc="([^"]+)"'
        r'|<link\b(?=[^>]*\brel="(?:stylesheet|icon|preload|modulepreload|manifest|prefetch)")[^>]*\bhref="([^"]+)"'
    )
    for html_file in example_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html
        for url in (src or href for src, href in loaded.findall(html)):
            assert not re.match(r"(?:[a-z]+:)?//", url), f"{html_file}: {url}"


def test_the_search_index_is_swedish_and_the_search_page_is_built(example_site):
    import json

    entry = json.loads((example_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["sv"]
    assert (example_site / "pagefind" / "pagefind.js").is_file()
    assert (example_site / "sok" / "index.html").is_file() and (example_site / "sok" / "sok.js").is_file()


def test_no_page_repeats_an_anchor(example_site):
    """A repeated id sends a jump link to the wrong place (Ä and Ö once shared A's and O's)."""
    for html_file in example_site.rglob("*.html"):
        ids = re.findall(r'\sid="([^"]+)"', html_file.read_text(encoding="utf-8"))
        repeated = {i for i in ids if ids.count(i) > 1}
        assert not repeated, f"{html_file}: {repeated}"
    assert 'id="bokstav-' in page(example_site, "dokument")


def test_the_status_page_answers_whether_the_routines_are_under_control(example_site):
    html = page(example_site, "status")
    seen = text(html)
    for heading in ("Per område", "Per dokumentägare", "Uppgifter om roller som behöver bekräftas, per part",
                    "Dokument som har passerat översynsintervallet"):
        assert heading in seen
    assert re.search(r"Per 2026-12-01\. \d+ fastställda dokument gäller, varav \d+ går ut inom 90 dagar", seen)
    assert 'href="uppfoljning.csv"' in html
    csv_text = (example_site / "status" / "uppfoljning.csv").read_text(encoding="utf-8")
    assert csv_text.startswith("datum,avsnitt,namn,id,Gäller,") and "2026-12-01,område,Äldre" in csv_text


def test_pages_carry_no_markup_for_materials_retired_search(example_site):
    """Search is Pagefind's: Material's `search: boost` and data-search-exclude would be dead weight."""
    for html_file in example_site.rglob("*.html"):
        assert "data-search-exclude" not in html_file.read_text(encoding="utf-8"), html_file
    html = page(example_site, "dokument/EXL-UTS-001")
    assert re.search(r'<div class="sv-state"[^>]*data-pagefind-ignore', html)  # the other days' notices stay out of snippets
    corpus = load(FIXTURES / "valid", SchemaSet.load(REPO / "schema")).corpus
    generated = document_page(corpus.documents[0], corpus, SiteContext(today=TODAY))
    assert generated.startswith("# ") and "boost" not in generated  # no front matter for Material's search


def test_keywords_written_alike_share_a_page_and_any_keyword_gets_a_file_name():
    from samverkan.site.text import keyword_path

    assert keyword_path("Lex Maria") == keyword_path("lex maria") == "taggar/lex-maria.md"
    assert keyword_path("ئەمنیەت") != keyword_path("!!!")  # no ASCII letter: named from the keyword itself
    assert re.fullmatch(r"taggar/sokord-[0-9a-f]{10}\.md", keyword_path("ئەمنیەت"))


def test_the_recent_changes_are_the_newest_changelog_lines_of_all_documents():
    import datetime as dt

    from samverkan.site.changes import events

    corpus = load(REPO, SchemaSet.load(REPO / "schema")).corpus
    lines = sorted(((e.date, f"{d.source.path}:{e.revision}") for d in corpus.documents for e in d.changelog), reverse=True)
    for limit in (1, 5, 50):
        found = events(corpus, SiteContext(today=TODAY), limit=limit)
        assert [(e.when.date(), e.key) for e in found] == lines[:limit]
        assert all(e.when.tzinfo is dt.timezone.utc for e in found)


def test_the_not_found_page_leads_back_into_the_site(example_site):
    """A reader arrives there from an old bookmark: every way on must stay on this site."""
    html = (example_site / "404.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]*)"', html)
    assert {"/arkiv/", "/dokument/", "/tillganglighet/"} <= set(links)
    assert not [link for link in links if link.startswith("//")]


def test_a_title_cannot_turn_its_letters_around_with_direction_controls():
    """An override (U+202E) or isolate in a title would show it reversed in the heading, the lists and search."""
    import dataclasses

    from samverkan.site import rawhtml
    from samverkan.site.lists import document_table

    corpus = load(FIXTURES / "valid", SchemaSet.load(REPO / "schema")).corpus
    title = "Rutin \u202efor\u202c hemsjukvård \u2066test\u2069 \u200fشرح"
    doc = dataclasses.replace(corpus.documents[0], title=title)
    ctx = SiteContext(today=TODAY)
    shown = document_page(doc, corpus, ctx).split("\n", 1)[0] + document_table([doc], ctx, "dokument/index.md") + rawhtml.text(title)
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", shown)
    assert "Rutin for hemsjukvård test \u200fشرح" in shown  # the letters kept, a right-to-left mark too
