"""The search page's word list: every word of the indexed pages and how many pages use it.

sok.js looks a query word up here to tell a known word (or an inflection of one) from a
misspelling, to correct a misspelling towards the most used nearby word, and to split a
compound typed as one word. So that a reader's phone downloads only what a query needs,
however large the site's vocabulary, the list is kept in one small file per first two
letters, folded as they are searched (å, ä, ö under a, o; anything but a–z and 0–9 as
``_``): ``ordlista/va.json`` holds ``{"vårdplanering": 12, …}``, and ``ordlista/index.json``
lists the files there are, so the page never asks for a missing one.

A slip in a word's second letter ("lkemedel", "lökemedel") would look in the wrong file, so
every word is also kept in a file by its first and third letters (``ordlista/l-k.json``),
fetched only when a query word has no near word in its own files.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

DIRECTORY = "ordlista"
"""Below the search page's folder."""
INDEX = "index.json"
MIN_WORD = 3
"""Shorter words are neither corrected nor parts of a split."""
KEY_LETTERS = 2
SKIP_SEPARATOR = "-"
"""Between the two letters of a first-and-third-letter file's name; never in a folded key."""


def fold(word: str) -> str:
    """Lower case without marks, as sok.js folds: ``Överrapportering`` → ``overrapportering``."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)).lower()


def _key_letter(c: str) -> str:
    return c if c.isascii() and c.isalnum() else "_"


def file_key(word: str) -> str:
    return "".join(_key_letter(c) for c in fold(word)[:KEY_LETTERS])


def skip_key(word: str) -> str:
    """The first and third letters: ``läkemedel`` → ``l-k`` (words of MIN_WORD letters or more)."""
    folded = fold(word).ljust(3, "_")
    return _key_letter(folded[0]) + SKIP_SEPARATOR + _key_letter(folded[2])


def count(pages: Iterable[Iterable[str]]) -> Counter[str]:
    """How many pages use each word (each page given as its set of words)."""
    counts: Counter[str] = Counter()
    for words in pages:
        counts.update(w for w in set(words) if len(w) >= MIN_WORD)
    return counts


def write(directory: Path, counts: Counter[str]) -> int:
    """Write the files and their index; returns the number of words."""
    files: dict[str, dict[str, int]] = {}
    for word in sorted(counts):
        files.setdefault(file_key(word), {})[word] = counts[word]
        files.setdefault(skip_key(word), {})[word] = counts[word]
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.json"):
        stale.unlink()
    for key, words in files.items():
        (directory / f"{key}.json").write_text(json.dumps(words, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    (directory / INDEX).write_text(json.dumps(sorted(files), separators=(",", ":")), encoding="utf-8")
    return len(counts)
