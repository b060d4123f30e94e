"""The search page's word list: every word of the indexed pages and how many pages use it.

sok.js looks a query word up here to tell a known word (or an inflection of one) from a
misspelling, to correct a misspelling towards the most used nearby word, and to split a
compound typed as one word. So that a reader's phone downloads only what a query needs,
however large the site, the list is kept in one small file per first letter (å, ä, ö and
other letters with marks go under their plain letter, as they are searched folded):
``ordlista/v.json`` holds ``{"vårdplanering": 12, …}``.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

DIRECTORY = "ordlista"
"""Below the search page's folder."""
MIN_WORD = 3
"""Shorter words are neither corrected nor parts of a split."""
OTHER = "_"
"""The file for words that begin with neither a letter a–z nor a digit."""
KEYS = (*"abcdefghijklmnopqrstuvwxyz0123456789", OTHER)
"""Every file is written, empty or not, so that the search page never asks for a missing one."""


def fold(word: str) -> str:
    """Lower case without marks, as sok.js folds: ``Överrapportering`` → ``overrapportering``."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)).lower()


def file_key(word: str) -> str:
    first = fold(word)[:1]
    return first if first.isascii() and first.isalnum() else OTHER


def count(pages: Iterable[Iterable[str]]) -> Counter[str]:
    """How many pages use each word (each page given as its set of words)."""
    counts: Counter[str] = Counter()
    for words in pages:
        counts.update(w for w in set(words) if len(w) >= MIN_WORD)
    return counts


def write(directory: Path, counts: Counter[str]) -> int:
    """Write the files; returns the number of words."""
    files: dict[str, dict[str, int]] = {key: {} for key in KEYS}
    for word in sorted(counts):
        files.setdefault(file_key(word), {})[word] = counts[word]
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.json"):
        stale.unlink()
    for key, words in files.items():
        (directory / f"{key}.json").write_text(json.dumps(words, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(counts)
