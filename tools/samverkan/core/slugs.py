"""ASCII names for files, folders, URLs and anchors, made from Swedish (or any) text.

One function for all of them, so that ``routines/<area>/``, the site's ``omraden/<area>/`` and
an imported document's folder always agree.
"""

from __future__ import annotations

import re
import unicodedata

_SPECIAL_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d", "ł": "l", "Ł": "L"})
"""Letters that Unicode does not decompose into a base letter, so they would otherwise vanish."""


def slugify(text: str, max_length: int | None = 80) -> str:
    """ASCII name: ``Psykisk hälsa`` → ``psykisk-halsa``; names longer than ``max_length`` cut at a hyphen.

    ``max_length=None`` never cuts (an anchor need not fit in a file name).
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if max_length is not None and len(slug) > max_length:
        cut = slug.rfind("-", 0, max_length + 1)
        slug = slug[: cut if cut > 0 else max_length].strip("-")
    return slug
