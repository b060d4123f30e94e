"""Swedish compound splitting for Material's search index.

Material for MkDocs searches with lunr. For Swedish its pipeline keeps whole words (no
stemmer) and every query term gets a trailing wildcard, so ``utskrivning`` finds
``utskrivningsprocessen`` by prefix, but ``processen`` does not: lunr only matches the
beginning of a word. This module adds a field ``parts`` to every entry of
``search/search_index.json`` holding the parts of the compounds in the entry's title and
text (``utskrivningsprocessen`` → ``utskrivning processen``), and adds the field to the
index configuration, so that Material's search worker indexes it like ``title`` and
``text``.

The splitter is deliberately small: the vocabulary is the site's own words plus a short
list of common Swedish words (``EXTRA_WORDS``); a word is split when it can be covered
entirely by known words, where a non-final part may be followed by the linking ``s`` (or,
more rarely, ``e``/``a``) and may have dropped its final vowel (``läkar|medverkan`` from
``läkare``), and the final part is a known word or a known word plus an inflectional
ending (``process|en``). Among all coverings the one with the fewest parts wins, ties
broken by fewer irregularities and then by longer leading parts, so the result is
deterministic. Each distinct word is split once, with dynamic programming over its
letters (words longer than ``MAX_WORD`` letters are left alone), so the work is linear in
the size of the text.

Pure: no MkDocs, no clock, no files. ``add_compound_parts`` takes and returns the parsed
JSON of the index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

MIN_PART = 4
"""Shortest part taken from the vocabulary; 3-letter parts only from ``SHORT_PARTS``."""
MIN_COMPOUND = 7
"""Shorter words are never split."""
MAX_WORD = 48
"""Longer tokens (URLs, run-together identifiers) are never split."""
PARTS_FIELD = "parts"
PARTS_BOOST = 0.5
"""Below text (1.0): a word standing on its own outranks the same word inside a compound.
Material's defaults are title 1000, text 1, tags 1e6."""

SHORT_PARTS = frozenset({"hem", "tid", "dag", "lag", "län", "råd"})
"""Three-letter words that may start a compound: hem|sjukvård, län|s|gemensam, tid|s|gräns."""

LINKS = ("s", "e", "a")
"""Linking letters after a non-final part: utskrivning|s|process; e and a are rarer."""

DROPPED_VOWELS = ("e", "a")
"""Final vowels a non-final part may lose: läkar|medverkan (läkare), arbets|grupp (arbete)."""

CHANGED_VOWELS = ("o", "u")
"""Final vowels that replace an ``a`` in a non-final part: hälso|problem (hälsa), gatu|kontor (gata)."""

ENDINGS = (
    "arnas", "ernas", "ornas", "arna", "erna", "orna",
    "ens", "ets", "nas", "ars", "ers", "ors", "ade",
    "en", "et", "na", "ar", "er", "or", "ns", "ts", "ad", "at",
    "s", "n", "t", "a", "e", "r",
)
"""Inflectional endings a final part may carry: process|en, insats|er, ledare|n; the word
may lose a final e or a before the ending (ledar|na from ledare)."""

NOT_PARTS = frozenset({
    "alla", "andra", "annan", "annat", "bara", "blir", "både", "dess", "dessa", "deras",
    "detta", "denna", "egen", "eget", "finns", "hela", "inte", "kring", "något", "några",
    "också", "samt", "sedan", "sina", "sitt", "vara", "varit", "vilka", "vilken", "vilket",
    "även", "många", "mycket", "skall", "utom", "ingen", "inget", "inga", "samma",
    "till", "genom", "efter", "åter", "före", "utan", "inom", "från", "mellan",
})
"""Function words and prefixes never taken as parts (dess|utom, till|gång, samma|anställer)."""

NOT_FINAL = frozenset({"ring", "ringa", "ande", "ende", "else"})
"""Words that look like the derivational ending of a longer word: plane|ring, rapporte|ring."""

EXTRA_WORDS = frozenset("""
    ansvar arbete avtal barn behov beredskap beslut beskrivning boende central chef dag
    dokument enhet fel flöde funktion förvaltning genomgång grupp hantering handläggare
    handledare hem hälsa information insats kontakt kunskap lag ledare ledning lista
    läkare läkemedel län medverkan sjuk meddelande metod modell möte nyckel nätverk omsorg
    ombud ordning person plan planering plats process psykiatri region riktlinje risk
    rutin råd samordnare samordning samverkan sjukvård sköterska skydd stöd system
    team terapeut tid tjänst uppdrag uppföljning utbildning utskrivning inskrivning
    utveckling vård ägare överenskommelse
""".split())
"""Common Swedish words, so that parts are recognised even when the site uses them only in
compounds. They are also taken as units and never split themselves (planering, sjukvård)."""

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W\d_]+")


def words(text: str) -> Iterator[str]:
    """The lower-cased words of a text or HTML fragment (letters only; hyphens split)."""
    return (m.group(0) for m in _WORD.finditer(_TAG.sub(" ", text).lower()))


def vocabulary(texts: Iterable[str], extra: Iterable[str] = EXTRA_WORDS) -> frozenset[str]:
    """Every word of the texts, plus the extra lexicon."""
    known = set(extra)
    for text in texts:
        known.update(words(text))
    return frozenset(known)


class Splitter:
    """Splits compounds over a fixed vocabulary; results are cached per distinct word."""

    def __init__(self, known: Iterable[str], units: Iterable[str] = EXTRA_WORDS):
        self.known = frozenset(w for w in known if w not in NOT_PARTS) | frozenset(units)
        self.units = frozenset(units)
        self.split = lru_cache(maxsize=None)(self._split)

    # A candidate split is scored by (parts, irregularities, -lengths...) and the smallest
    # score wins; scores are tuples so that comparison is total and deterministic.

    def _leading(self, piece: str) -> tuple[str, int] | None:
        """A non-final part as written → (the word it stands for, irregularity) or None."""
        if len(piece) >= MIN_PART and piece[-1] in CHANGED_VOWELS and piece[:-1] + "a" in self.known:
            return piece[:-1] + "a", 1
        if piece in self.known and (len(piece) >= MIN_PART or piece in SHORT_PARTS):
            stem = piece[:-1]
            if piece[-1] == "s" and stem in self.known and (len(stem) >= MIN_PART or stem in SHORT_PARTS):
                return None  # utvecklings|arbete is utveckling + linking s
            return piece, 0
        if len(piece) >= MIN_PART:
            for vowel in DROPPED_VOWELS:
                if piece + vowel in self.known:
                    return piece + vowel, 1
        return None

    def _final(self, piece: str) -> int | None:
        """Irregularity of a final part (0: known word, 1: known word + ending) or None."""
        if len(piece) < MIN_PART or piece in NOT_FINAL:
            return None
        if piece in self.known:
            return 0
        for ending in ENDINGS:
            base = piece[: -len(ending)]
            if not piece.endswith(ending) or len(base) < MIN_PART or base in NOT_FINAL:
                continue
            if base in self.known or any(base + v in self.known for v in DROPPED_VOWELS):
                return 1  # process|en, ledar|na (ledare), skol|or (skola)
        return None

    def _is_unit(self, word: str) -> bool:
        """A lexicon word, or one with an inflectional ending (planering, planeringen)."""
        return word in self.units or any(word.endswith(e) and word[: -len(e)] in self.units for e in ENDINGS)

    def _split(self, word: str) -> tuple[str, ...]:
        n = len(word)
        if n < MIN_COMPOUND or n > MAX_WORD or self._is_unit(word):
            return ()
        # best[i]: best covering of word[i:] as (score, parts); score = (count, irregular, lengths)
        best: list[tuple[tuple, tuple[str, ...]] | None] = [None] * (n + 1)
        for i in range(n - MIN_PART, -1, -1):
            candidates = []
            irregular = self._final(word[i:])
            if irregular is not None and i > 0:
                candidates.append(((1, irregular, (-(n - i),)), (word[i:],)))
            for j in range(i + 3, n - MIN_PART + 1):
                lead = self._leading(word[i:j])
                if lead is None:
                    continue
                part, cost = lead
                for k, link_cost in ((j, 0), (j + 1, 0 if word[j:j + 1] == "s" else 2)):
                    if k > j and word[j] not in LINKS:
                        continue
                    rest = best[k]
                    if rest is None:
                        continue
                    (count, irr, lengths), parts = rest
                    score = (count + 1, irr + cost + link_cost, (-(j - i),) + lengths)
                    candidates.append((score, (part,) + parts))
            if candidates:
                best[i] = min(candidates)
        found = best[0]
        return found[1] if found and len(found[1]) >= 2 else ()

    def parts(self, word: str) -> list[str]:
        """All parts of a compound, including the parts of parts (hemsjukvård → hem, sjukvård)."""
        out: list[str] = []
        todo = [word]
        while todo:
            for part in self.split(todo.pop(0)):
                if part not in out:
                    out.append(part)
                    todo.append(part)
        return out


def split_compound(word: str, known: Iterable[str]) -> list[str]:
    """The top-level parts of ``word`` over the vocabulary ``known``, or [] if it is not a compound.

    >>> split_compound("utskrivningsprocessen", {"utskrivning", "process"})
    ['utskrivning', 'processen']
    """
    return list(Splitter(known).split(word.lower()))


def compound_parts(text: str, splitter: Splitter) -> list[str]:
    """The parts of all compounds in a text, in order of first appearance, without repeats."""
    seen: dict[str, None] = {}
    done: set[str] = set()
    for word in words(text):
        if word in done:
            continue
        done.add(word)
        for part in splitter.parts(word):
            seen.setdefault(part, None)
    return list(seen)


def add_compound_parts(index: dict, boost: float = PARTS_BOOST) -> dict:
    """Return a copy of Material's search index with a ``parts`` field on every entry.

    The vocabulary is built from all entries, so a part is recognised when the site uses
    the word anywhere. The field is added to ``config.fields`` (keeping a boost set in
    mkdocs.yml), because Material's worker indexes exactly the fields listed there.
    """
    docs = index.get("docs", [])
    splitter = Splitter(vocabulary(f"{d.get('title', '')} {d.get('text', '')}" for d in docs))
    new_docs = [
        {**doc, PARTS_FIELD: " ".join(compound_parts(f"{doc.get('title', '')} {doc.get('text', '')}", splitter))}
        for doc in docs
    ]
    config = dict(index.get("config", {}))
    fields = dict(config.get("fields") or {})
    fields.setdefault(PARTS_FIELD, {"boost": boost})
    config["fields"] = fields
    return {**index, "config": config, "docs": new_docs}
