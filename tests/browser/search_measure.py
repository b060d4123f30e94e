"""Scoring a query set on the search page: success@5 and recall@5, per kind and overall.

A query succeeds when one of its relevant documents is among the first five results;
its recall@5 is the share of its relevant documents (at most five) found there.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

TOP = 5
DOCUMENT = re.compile(r"^dokument/([^/]+)/$")


def load(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def document_ids(paths: list[str]) -> list[str]:
    return [m.group(1) for m in map(DOCUMENT.match, paths) if m]


def run_all(browser, search, cases: list[dict]) -> list[tuple[dict, list[str], list[str]]]:
    """(case, first five document ids, all result paths) for every query, each opened as a link."""
    from .conftest import open_context

    context = open_context(browser, {"width": 1280, "height": 800})
    try:
        page = context.new_page()
        return [(case, document_ids(paths)[:TOP], paths) for case in cases for paths in [search(page, case["query"])]]
    finally:
        context.close()


_SHOWN = """q => document.querySelector('#sv-results').dataset.state === 'done'
    && new URLSearchParams(location.search).get('q') === q"""


def type_all(browser, site_url: str, cases: list[dict]) -> list[tuple[dict, list[str], list[str]]]:
    """The same, each query typed into the search page's field and sent with Enter, one after the other."""
    from .conftest import open_context, result_paths

    context = open_context(browser, {"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{site_url}/sok/", wait_until="load")
        out = []
        for case in cases:
            page.locator("#sv-q").fill(case["query"])
            page.locator("#sv-q").press("Enter")
            for _ in range(300):  # polled from here: the page's CSP forbids the string eval of wait_for_function
                if page.evaluate(_SHOWN, case["query"]):
                    break
                page.wait_for_timeout(50)
            else:
                raise AssertionError(f"no results shown for {case['query']!r}")
            paths = result_paths(page)
            out.append((case, document_ids(paths)[:TOP], paths))
        return out
    finally:
        context.close()


@dataclass(frozen=True)
class Scores:
    """What a query set scored."""

    success: dict[str, float]
    """success@5 by kind, and under "all" for every query."""
    lines: tuple[str, ...]
    """The table: kind, queries, success@5, recall@5."""
    failures: tuple[str, ...]
    """One line per query without a relevant document in the first five."""


def score(outcomes: list[tuple[dict, list[str], list[str]]], kinds: tuple[str, ...]) -> Scores:
    by_kind: dict[str, list[tuple[bool, float]]] = defaultdict(list)
    failures = []
    for case, top, paths in outcomes:
        relevant = case["relevant"]
        hits = [doc for doc in relevant if doc in top]
        by_kind[case["kind"]].append((bool(hits), len(hits) / min(len(relevant), TOP)))
        if not hits:
            failures.append(f"  {case['kind']:<13} {case['query']!r}: wanted one of {relevant}, got {top or paths[:TOP]}")
    by_kind["all"] = [row for kind in kinds for row in by_kind[kind]]
    lines = [f"{'kind':<14}{'queries':>8}{'success@5':>11}{'recall@5':>10}"]
    success = {}
    for kind in (*kinds, "all"):
        rows = by_kind[kind]
        success[kind] = sum(s for s, _ in rows) / len(rows)
        lines.append(f"{kind:<14}{len(rows):>8}{success[kind]:>11.2f}{sum(r for _, r in rows) / len(rows):>10.2f}")
    return Scores(success=success, lines=tuple(lines), failures=tuple(failures))
