"""Swedish compounds, split with the dictionary's own compound rules.

``utskrivningsprocessen`` is ``utskrivning`` + joining ``s`` + ``processen``: the
dictionary says that ``utskrivnings`` may begin a compound and that ``process`` may end
one (here inflected, ``processen``). A word is split into two to four parts where each
part is allowed in its place; among all splits the one with the fewest parts wins, then
the one whose first part is longest, so the result is the same on every run.

Parts shorter than ``MIN_PART`` letters are not taken (``med|delande`` is not a split of
``meddelande``), nor are function words in ``NOT_PARTS`` (``till|gång``). Each distinct
word is split once per process; the work is linear in the number of distinct words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from samverkan.site.search.hunspell import Lexicon

MIN_PART = 3
"""Shortest part: hem|sjukvård, but not med|delande."""
MIN_WORD = 6
"""Shorter words are never split."""
MAX_WORD = 40
"""Longer tokens (run-together identifiers) are never split."""
MAX_PARTS = 4
"""The dictionary's COMPOUNDWORDMAX."""

NOT_PARTS = frozenset({
    "alla", "andra", "annan", "annat", "bara", "blir", "både", "dess", "dessa", "deras", "detta",
    "denna", "egen", "eget", "hela", "inte", "kring", "något", "några", "också", "samt", "sedan",
    "sina", "sitt", "vara", "varit", "vilka", "även", "många", "mycket", "utom", "ingen", "inget",
    "samma", "till", "genom", "efter", "åter", "före", "utan", "inom", "från", "mellan", "för",
    "och", "men", "som", "den", "det", "var", "vid", "hos", "mot", "per", "upp", "att", "han",
    "hon", "hen", "man", "mer", "där", "när", "hur", "vad", "vem", "ska", "kan", "får", "har",
})
"""Function words and prefixes never taken as a part (till|gång, efter|frågan)."""

_WORD = re.compile(r"[^\W\d_]+")


def words(text: str) -> Iterator[str]:
    """The lower-cased words of a text (letters only; hyphens and punctuation split)."""
    return iter(_WORD.findall(text.lower()))  # findall: a third of the time of a generator over matches


@dataclass(frozen=True)
class Split:
    """A compound as written and as the dictionary reads it."""

    parts: tuple[str, ...]
    """Each part as it stands in the word: ``utskrivnings``, ``processen``."""
    bases: tuple[str, ...]
    """Each part's dictionary form: ``utskrivning``, ``process``."""


class Splitter:
    """Splits words with a lexicon; results are cached per distinct word."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.split = lru_cache(maxsize=None)(self._split)

    def _lead(self, piece: str, first: bool, strict: bool) -> str | None:
        """The base form when ``piece`` may stand before another part, else None."""
        if len(piece) < MIN_PART or piece in NOT_PARTS:
            return None
        lex = self.lexicon
        if strict:
            base = lex.can_begin(piece) if first else lex.can_continue(piece)
        elif len(piece) > MIN_PART and lex.is_word(piece):
            base = piece
        elif len(piece) > MIN_PART + 1 and piece.endswith("s") and lex.is_word(piece[:-1]):
            base = piece[:-1]
        else:
            base = None
        return None if base is None or base in NOT_PARTS else base

    def _final(self, piece: str) -> str | None:
        if len(piece) < MIN_PART or piece in NOT_PARTS:
            return None
        base = self.lexicon.can_end(piece)
        return None if base is None or base in NOT_PARTS else base

    def _split(self, word: str) -> Split | None:
        n = len(word)
        if n < MIN_WORD or n > MAX_WORD:
            return None
        # The dictionary's compound flags first; where they allow no split (its flags miss
        # many words, e.g. ventilator|behandling), any two words it knows.
        return self._cover(word, strict=True) or self._cover(word, strict=False)

    def _cover(self, word: str, strict: bool) -> Split | None:
        n = len(word)
        # rest[i]: the best reading of word[i:] as parts that follow another part, as
        # (score, written parts, base forms); score = (number of parts, -length of first part).
        rest: list[tuple | None] = [None] * (n + 1)
        for i in range(n - MIN_PART, -1, -1):
            candidates = []
            if i > 0:
                final = self._final(word[i:])
                if final is not None:
                    candidates.append(((1, -(n - i)), (word[i:],), (final,)))
            for j in range(i + MIN_PART, n - MIN_PART + 1):
                tail = rest[j]
                if tail is None or tail[0][0] + 1 > MAX_PARTS:
                    continue
                base = self._lead(word[i:j], i == 0, strict)
                if base is not None:
                    (count, _), parts, bases = tail
                    candidates.append(((count + 1, -(j - i)), (word[i:j],) + parts, (base,) + bases))
            if candidates:
                rest[i] = min(candidates)
            if i == 0:
                break
        found = rest[0]
        if found is None or found[0][0] < 2:
            return None
        return Split(found[1], found[2])

    def parts(self, word: str) -> list[str]:
        """The base form of every part, the last part as written, and the parts of long parts.

        ``hemsjukvårdsansvaret`` → hem, sjukvård, ansvaret, ansvar, sjuk, vård.
        """
        out: dict[str, None] = {}
        found = self.split(word)
        if found is None:
            return []
        for base in found.bases:
            out.setdefault(base, None)
        out.setdefault(found.parts[-1], None)
        for base in found.bases:
            inner = self.split(base) if len(base) >= 2 * MIN_WORD - 4 else None
            for part in inner.bases if inner else ():
                out.setdefault(part, None)
        out.pop(word, None)
        return list(out)


def compound_parts(texts: Iterable[str], splitter: Splitter) -> list[str]:
    """The parts of all compounds in some texts, in order of first appearance, without repeats."""
    seen: dict[str, None] = {}
    done: set[str] = set()
    for text in texts:
        for word in words(text):
            if word in done:
                continue
            done.add(word)
            for part in splitter.parts(word):
                seen.setdefault(part, None)
    return list(seen)
