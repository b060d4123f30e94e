"""'menade du …?': the closest known id or name to something mistyped."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(value: str, known: Iterable[str]) -> str | None:
    """A known value that starts with what was written (``chefsgrupp`` -> ``chefsgrupp-vard-omsorg``),
    else the most similar spelling, else None."""
    candidates = sorted(set(known))
    folded = value.casefold()
    starts = [c for c in candidates if c.casefold().startswith(folded) and len(folded) >= 3]
    if len(starts) == 1:
        return starts[0]
    similar = difflib.get_close_matches(value, candidates, n=1)
    return similar[0] if similar else None
