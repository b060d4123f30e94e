"""Swedish search in real Chromium: the query set of search_queries.yml run on sok/?q=….

Every query is opened as a link to the search page, as an intranet's search box or a
shared link would; the result list is read once it carries data-state="done". A query
succeeds when one of its relevant documents is among the first five results. The search
must succeed for 90 % of the queries overall and of each kind; recall@5 per kind is
printed for the record.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

QUERIES_FILE = Path(__file__).with_name("search_queries.yml")
QUERIES: list[dict] = yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))
KINDS = ("inflection", "compound", "part", "abbreviation", "synonym", "no-diacritics", "question", "multiword")
TOP = 5
REQUIRED_SUCCESS = 0.9
DOCUMENT = re.compile(r"^dokument/([^/]+)/$")


def document_ids(paths: list[str]) -> list[str]:
    return [m.group(1) for m in map(DOCUMENT.match, paths) if m]


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


@pytest.fixture(scope="module")
def outcomes(browser, search, site_url):
    """(case, first five document ids, all result paths) for every query, on one page."""
    from .conftest import open_context

    context = open_context(browser, {"width": 1280, "height": 800})
    try:
        page = context.new_page()
        return [(case, document_ids(paths)[:TOP], paths) for case in QUERIES for paths in [search(page, case["query"])]]
    finally:
        context.close()


@pytest.mark.browser
def test_the_search_finds_a_relevant_document_among_the_first_five(outcomes, capsys):
    by_kind: dict[str, list[tuple[bool, float]]] = defaultdict(list)
    failures = []
    for case, top, paths in outcomes:
        relevant = case["relevant"]
        hits = [doc for doc in relevant if doc in top]
        by_kind[case["kind"]].append((bool(hits), len(hits) / min(len(relevant), TOP)))
        if not hits:
            failures.append(f"  {case['kind']:<13} {case['query']!r}: wanted one of {relevant}, got {top or paths[:TOP]}")
    lines = [f"{'kind':<14}{'queries':>8}{'success@5':>11}{'recall@5':>10}"]
    for kind in KINDS:
        rows = by_kind[kind]
        lines.append(f"{kind:<14}{len(rows):>8}{sum(s for s, _ in rows) / len(rows):>11.2f}{sum(r for _, r in rows) / len(rows):>10.2f}")
    everything = [row for rows in by_kind.values() for row in rows]
    lines.append(f"{'all':<14}{len(everything):>8}{sum(s for s, _ in everything) / len(everything):>11.2f}{sum(r for _, r in everything) / len(everything):>10.2f}")
    with capsys.disabled():
        print(f"\nSwedish search, {QUERIES_FILE.name}:", *lines, *(["not found:", *failures] if failures else []), sep="\n")
    low = [kind for kind in KINDS if sum(s for s, _ in by_kind[kind]) / len(by_kind[kind]) < REQUIRED_SUCCESS]
    overall = sum(s for s, _ in everything) / len(everything)
    assert overall >= REQUIRED_SUCCESS and not low, "\n".join(lines + ["not found:", *failures])
