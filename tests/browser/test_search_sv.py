"""Swedish search in real Chromium: the query set of search_queries.yml run on sok/?q=….

Every query is opened as a link to the search page, as an intranet's search box or a
shared link would; the result list is read once it carries data-state="done". A query
succeeds when one of its relevant documents is among the first five results. The search
must succeed for 90 % of the queries overall and of each kind; recall@5 per kind is
printed for the record.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .search_measure import load, run_all, score

QUERIES_FILE = Path(__file__).with_name("search_queries.yml")
QUERIES: list[dict] = load(QUERIES_FILE)
KINDS = ("inflection", "compound", "part", "abbreviation", "synonym", "no-diacritics", "question", "multiword")
REQUIRED_SUCCESS = 0.9


def test_the_query_set_is_complete_and_names_existing_documents(documents):
    assert len(QUERIES) >= 60
    assert len({case["query"] for case in QUERIES}) == len(QUERIES), "a query is listed twice"
    for case in QUERIES:
        assert set(case) <= {"query", "kind", "relevant", "why"}, case
        assert case["kind"] in KINDS, case
        assert case["relevant"], f"{case['query']!r} names no relevant document"
        unknown = [doc for doc in case["relevant"] if doc not in documents]
        assert not unknown, f"{case['query']!r} names documents that do not exist: {unknown}"
    assert {case["kind"] for case in QUERIES} == set(KINDS)


@pytest.mark.browser
def test_the_search_finds_a_relevant_document_among_the_first_five(browser, search, capsys):
    scores = score(run_all(browser, search, QUERIES), KINDS)
    with capsys.disabled():
        print(f"\nSwedish search, {QUERIES_FILE.name}:", *scores.lines, *(["not found:", *scores.failures] if scores.failures else []), sep="\n")
    low = [kind for kind in KINDS if scores.success[kind] < REQUIRED_SUCCESS]
    assert scores.success["all"] >= REQUIRED_SUCCESS and not low, "\n".join([*scores.lines, "not found:", *scores.failures])
