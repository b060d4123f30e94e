"""Checks of the editors' thesaurus (``roles/synonymer.yml``) beyond what its schema says."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from samverkan.core import model as m
from samverkan.core.problems import Problem, warning

if TYPE_CHECKING:
    from samverkan.core.checks import CheckOptions


def repeated_terms(corpus: m.Corpus, options: CheckOptions) -> Iterator[Problem]:
    """A term in two groups joins them silently: the search treats all their words as one."""
    first: dict[str, int] = {}
    for group in corpus.synonyms:
        for term in group.terms:
            if term in first and first[term] != group.line:
                yield warning(
                    group.source.path,
                    group.line,
                    "W-SYNONYM-REPEATED",
                    f"'{term}' finns redan i gruppen på rad {first[term]}",
                    hint="slå ihop grupperna eller ta bort ordet från den ena",
                )
            first.setdefault(term, group.line)
