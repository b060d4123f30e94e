"""Swedish search in real Chromium: queries typed into Material's search box.

The cases live in search_queries.yml: each query with the documents that must be among the
first five results. One page serves all queries (the search index is loaded once).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

QUERIES_FILE = Path(__file__).with_name("search_queries.yml")
QUERIES: list[dict] = yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))
TOP = 5
DOCUMENT = re.compile(r"^dokument/([^/]+)/$")


def _document_ids(paths: list[str]) -> list[str]:
    return [m.group(1) for m in map(DOCUMENT.match, paths) if m]


def test_the_query_file_is_complete_and_names_existing_documents(documents):
    assert len(QUERIES) >= 20
    assert len({case["query"] for case in QUERIES}) == len(QUERIES), "a query is listed twice"
    for case in QUERIES:
        assert set(case) <= {"query", "expect", "any", "why"}, case
        assert case.get("expect") or case.get("any"), f"{case['query']!r} expects nothing"
        unknown = [doc for doc in case.get("expect", []) + case.get("any", []) if doc not in documents]
        assert not unknown, f"{case['query']!r} expects documents that do not exist: {unknown}"


@pytest.mark.browser
@pytest.mark.parametrize("case", QUERIES, ids=[case["query"] for case in QUERIES])
def test_query_finds_the_documents_among_the_first_five(module_page, search, case):
    results = search(module_page, case["query"])
    top = results[:TOP]
    found = _document_ids(top)
    shown = "\n".join(f"  {i}. /{path}" for i, path in enumerate(results[:10], 1)) or "  (no results)"
    missing = [doc for doc in case.get("expect", []) if doc not in found]
    assert not missing, f"search {case['query']!r}: {missing} not among the first {TOP}; results:\n{shown}"
    if case.get("any"):
        assert set(case["any"]) & set(found), (
            f"search {case['query']!r}: none of {case['any']} among the first {TOP}; results:\n{shown}"
        )
