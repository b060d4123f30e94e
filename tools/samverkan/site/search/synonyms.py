"""The editors' thesaurus (``roles/synonymer.yml``) applied to a page's words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from samverkan.core import model as m
from samverkan.site.search.compounds import words


@dataclass(frozen=True)
class Thesaurus:
    """Groups of terms, each term as its words (``("trygg", "hemgång")``)."""

    groups: tuple[tuple[tuple[str, ...], ...], ...]

    @classmethod
    def of(cls, groups: Iterable[m.SynonymGroup]) -> Thesaurus:
        return cls(tuple(tuple(tuple(words(term)) for term in group.terms) for group in groups))

    def additions(self, vocabulary: set[str], text: str) -> list[str]:
        """The terms a page should also be found by: every other term of each group it uses.

        A one-word term is used when it is among ``vocabulary`` (the page's words and the
        parts of its compounds); a phrase when its words stand in that order in ``text``.
        """
        padded = f" {' '.join(words(text))} "
        out: dict[str, None] = {}
        for group in self.groups:
            used = [t for t in group if (t[0] in vocabulary if len(t) == 1 else f" {' '.join(t)} " in padded)]
            if used:
                for term in group:
                    if term not in used:
                        out.setdefault(" ".join(term), None)
        return list(out)
