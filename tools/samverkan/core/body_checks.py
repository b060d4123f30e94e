"""The checks of a document's text that need nothing but the text and the document's status.

They run where the file is read (``fileread.analyse``): in the worker processes on a large
tree, each text looked at once, and kept in the check cache with the file's other problems.
They run on every document that has a text, also one whose front matter the schema refuses:
a mistyped date must not hide an unsafe tag or a forgotten instruction further down.
"""

from __future__ import annotations

from collections.abc import Iterator

from samverkan.core import model as m
from samverkan.core.html_checks import body_markup
from samverkan.core.problems import Problem, warning
from samverkan.core.template_text import template_problems

LARGE_DOCUMENT_BYTES = 1_000_000
"""Above this much text (UTF-8) a document gets W-LARGE: its page, its PDF and Word copies
and its search entry grow with it, and no reader takes in a megabyte of routine."""
_NOT_DRAFTS = frozenset(status.value for status in m.Status if status is not m.Status.DRAFT)


def body_problems(path: str, body: str, body_line: int, status: object) -> tuple[Problem, ...]:
    """E-HTML, E-TEMPLATE-TEXT and W-LARGE in ``body``, which starts on line ``body_line`` of ``path``;
    ``status`` as written in the front matter (template text counts only outside drafts)."""
    if not body:
        return ()
    found = [*body_markup(path, body_line, body), *_size(path, body, body_line)]
    if status in _NOT_DRAFTS:
        found += template_problems(path, body, body_line)
    return tuple(found)


def _size(path: str, body: str, body_line: int) -> Iterator[Problem]:
    if len(body) * 4 <= LARGE_DOCUMENT_BYTES:
        return  # cannot be too large whatever the characters: spare encoding every body
    size = len(body.encode("utf-8"))
    if size > LARGE_DOCUMENT_BYTES:
        yield warning(
            path,
            body_line,
            "W-LARGE",
            f"texten är mycket lång ({size / 1_000_000:.1f} MB, gränsen är {LARGE_DOCUMENT_BYTES / 1_000_000:.0f} MB): "
            "sidan och PDF- och Word-kopiorna blir tunga att göra och att läsa",
            "$",
            "dela upp texten i flera dokument som hänvisar till varandra, eller lägg långa bilagor som PDF "
            "i mappen bredvid dokumentet",
        )
