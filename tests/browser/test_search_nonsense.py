"""Random letters and questions of stop words find nothing, and say so; real slips still find the routine."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("query", ["xqzvbn", "asdfgh", "abcdef", "aaaa", "och att det", "vem är det"])
def test_nonsense_gets_no_results_and_the_spelling_help(page, search, query):
    """Pagefind matches a word it lacks by the longest indexed word that begins it: "a" for "asdfgh"."""
    assert search(page, query) == []
    status = page.locator("#sv-search-status").inner_text()
    assert status.startswith(f"Inga träffar för ”{query}”") and "stavningen" in status


@pytest.mark.parametrize(
    ("query", "relevant"),
    [
        ("utskrivningsklar", "EXL-UTS-001"),  # a compound the site has only in other forms
        ("utskrivnig", "EXL-UTS-001"),  # one letter missing
        ("sip", "EXL-SIP-003"),  # an abbreviation of three letters
        ("samordnad individuell plan", "EXL-SIP-001"),
        ("asdfgh utskrivning", "EXL-UTS-001"),  # a nonsense word beside a real one
        ("patientdatalag", "EXL-IT-001"),  # a referred law, named in the panel only
        ("beslutsfattare", "EXL-IT-002"),  # a target group, named in the panel only
    ],
)
def test_slips_compounds_and_abbreviations_are_still_found(page, search, query, relevant):
    assert f"dokument/{relevant}/" in search(page, query)[:5]
