"""Swedish alphabetical order, which Python's default string order gets wrong."""

from __future__ import annotations

from functools import lru_cache

_ORDER = {c: i for i, c in enumerate(" -0123456789abcdefghijklmnopqrstuvwxyzåäö")}
"""A space or hyphen ends a word, so "Rutin för" sorts before "Rutiner" and "SIP-grupp" before "SIPA"."""
_FOLD = str.maketrans({"é": "e", "è": "e", "á": "a", "à": "a", "ü": "y", "ø": "ö", "æ": "ä"})


@lru_cache(maxsize=1 << 14)  # the same titles are sorted on many pages, and again on every save while serving
def sort_key(text: str) -> tuple[int, ...]:
    """å, ä, ö come after z; accented letters sort with their base letter."""
    return tuple(_ORDER.get(c, 100 + ord(c)) for c in text.casefold().translate(_FOLD))


def initial(text: str) -> str:
    """The letter a title is filed under in an A–Ö list."""
    first = text.strip()[:1].casefold().translate(_FOLD).upper()
    return first if first.isalpha() else "#"
