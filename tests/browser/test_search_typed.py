"""The search as a nurse types on a phone: typos, å/ä/ö left out, abbreviations, split and joined words, questions.

The query set search_queries_typed.yml is typed into the field of sok/ and sent with
Enter, one query after the other on the same page, as a reader does. Each kind must keep the success@5 it reached when typo tolerance was added (the figures below,
a little under what was measured), so that a change that loses queries fails here;
recall@5 per kind is printed for the record.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import RESULTS_DONE
from .search_measure import load, score, type_all

QUERIES_FILE = Path(__file__).with_name("search_queries_typed.yml")
QUERIES = load(QUERIES_FILE)
REQUIRED_SUCCESS = {
    "typo": 0.95,
    "diacritics": 0.9,
    "abbreviation": 0.9,
    "split": 0.9,
    "joined": 0.9,
    "question": 0.9,
    "mixed": 0.85,
    "all": 0.98,
}
"""success@5 each kind must reach ("all": every query). Measured: 1.00 for each kind; before
the correction 0.88 typo, 0.75 diacritics, 0.92 joined, 0.92 overall. One miss more in a
kind is allowed, two fail."""
KINDS = tuple(kind for kind in REQUIRED_SUCCESS if kind != "all")


def test_the_typed_query_set_is_new_and_names_existing_documents(documents):
    from .test_search_sv import QUERIES as EARLIER

    assert len(QUERIES) >= 80
    typed = [case["query"] for case in QUERIES]
    assert len(set(typed)) == len(typed), "a query is listed twice"
    assert not set(typed) & {case["query"] for case in EARLIER}, "a query is already in search_queries.yml"
    for case in QUERIES:
        assert set(case) <= {"query", "kind", "relevant", "why"}, case
        assert case["kind"] in KINDS, case
        unknown = [doc for doc in case["relevant"] if doc not in documents]
        assert case["relevant"] and not unknown, f"{case['query']!r}: no or unknown relevant documents {unknown}"
    assert {case["kind"] for case in QUERIES} == set(KINDS)


@pytest.mark.browser
def test_typed_queries_find_a_relevant_document_among_the_first_five(browser, site_url, capsys):
    scores = score(type_all(browser, site_url, QUERIES), KINDS)
    with capsys.disabled():
        print(f"\nSwedish search, {QUERIES_FILE.name}:", *scores.lines, *(["not found:", *scores.failures] if scores.failures else []), sep="\n")
    low = [f"{kind} {scores.success[kind]:.2f} < {need:.2f}" for kind, need in REQUIRED_SUCCESS.items() if scores.success[kind] < need]
    assert not low, "\n".join([*low, *scores.lines, "not found:", *scores.failures])


@pytest.mark.browser
def test_a_corrected_query_says_so_and_links_to_what_was_typed(page, search):
    paths = search(page, "hur gör jag vid utskrivnig")
    assert paths[0] == "dokument/EXL-UTS-001/", "question words must not spoil the ranking"
    note = page.locator("#sv-correction")
    assert note.inner_text() == "Visar träffar för hur gör jag vid utskrivning. Sök i stället på hur gör jag vid utskrivnig."
    assert "för ”hur gör jag vid utskrivning”" in page.locator("#sv-search-status").inner_text()
    note.locator("a").click()
    page.wait_for_url(re.compile(r"/sok/\?q=hur\+g%C3%B6r\+jag\+vid\+utskrivnig&exakt=1$"))
    page.wait_for_selector(RESULTS_DONE, state="attached")
    assert note.is_hidden()
    assert "för ”hur gör jag vid utskrivnig”" in page.locator("#sv-search-status").inner_text()


@pytest.mark.parametrize("query", ["vårdplaneringar", "kallelserna", "overenskommelse", "sipmöte", "LPT"])
@pytest.mark.browser
def test_words_of_the_site_their_inflections_compounds_and_abbreviations_are_not_corrected(page, search, query):
    assert search(page, query)
    assert page.locator("#sv-correction").is_hidden()
    assert f"för ”{query}”" in page.locator("#sv-search-status").inner_text()


@pytest.mark.browser
def test_a_page_with_a_correction_passes_axe(page, site_url):
    from axe_playwright_python.sync_playwright import Axe

    from .test_site_in_browser import AXE_TAGS, _describe_violations

    page.goto(f"{site_url}/sok/?q=vaardplanering")
    page.wait_for_selector(RESULTS_DONE, state="attached")
    assert page.locator("#sv-correction").inner_text().startswith("Visar träffar för vårdplanering.")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, _describe_violations("/sok/?q=vaardplanering", violations)


@pytest.mark.parametrize(
    ("typed", "meant", "relevant"),
    [
        ("lkemedel", "läkemedel", "EXL-UTS-003"),  # the second letter dropped: not in the word list's "lk" file
        ("lökemedel", "läkemedel", "EXL-UTS-003"),  # the second letter wrong
        ("sip-möet", "sip-möte", "EXL-SIP-001"),  # each part of a hyphenated word on its own
    ],
)
@pytest.mark.browser
def test_a_slip_in_the_second_letter_or_in_a_hyphenated_word_is_corrected(page, search, typed, meant, relevant):
    paths = search(page, typed)
    assert page.locator("#sv-correction").inner_text().startswith(f"Visar träffar för {meant}.")
    assert f"dokument/{relevant}/" in paths[:5], paths


@pytest.mark.browser
def test_an_abbreviation_in_capitals_finds_the_whole_word_not_words_that_begin_with_it(page, search):
    """Pagefind also matches "sol" as the beginning of "Solvik"; "SoL" (Socialtjänstlagen) must not."""
    capitals = search(page, "SoL")
    assert capitals and all("solvik" not in p for p in capitals), capitals
    assert "dokument/EXL-MIS-001/" in capitals[:5]
    assert page.locator("#sv-correction").is_hidden()
    assert "parter/kommun-solvik/" in search(page, "solvik")
