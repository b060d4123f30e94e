"""A word-level comparison of two texts, as escaped HTML with <ins> and <del> and a Swedish legend.

Lines are matched first; inside changed lines, words, runs of spaces and single punctuation
marks are compared with difflib, so a changed word shows as one word struck out and one
added, not a whole rewritten line. The result is
one line of HTML (line breaks as ``&#10;`` in a ``white-space: pre-wrap`` block), so no
Markdown renderer splits it or reads Markdown inside it.
"""

from __future__ import annotations

import difflib
import html
import re

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_WORD_BUDGET = 1_000_000
"""Above this many token pairs in one changed block (some 500 words each side), the block is
shown as removed and added whole: a rewrite that large reads no better word by word, and
the matcher's cost grows with the product."""

LEGEND = (
    '<p class="sv-diff-legend">Så läser du jämförelsen: <ins>understruken text har lagts till</ins>, '
    "<del>överstruken text har tagits bort</del>. Övrig text är oförändrad.</p>"
)


def _html(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "&#10;")


def word_diff(old: str, new: str) -> str:
    """``old`` against ``new`` as one line of HTML: unchanged text plain, additions in <ins>, removals in <del>.

    Lines are matched first and words only inside the lines that changed, so the cost follows
    the size of the change rather than the size of the document.
    """
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            out.append(_html(removed))
        elif op == "replace":
            out.append(_words(removed, added))
        else:
            out.append(_changed(removed, added))
    return "".join(out)


def _changed(removed: str, added: str) -> str:
    return (f"<del>{_html(removed)}</del>" if removed else "") + (f"<ins>{_html(added)}</ins>" if added else "")


def _words(old: str, new: str) -> str:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    if len(a) * len(b) > _WORD_BUDGET:
        return _changed(old, new)
    out = []
    # autojunk would treat frequent words as noise and give a ragged comparison.
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(_html("".join(a[i1:i2])))
        else:
            out.append(_changed("".join(a[i1:i2]), "".join(b[j1:j2])))
    return "".join(out)


def diff_block(old: str, new: str) -> str:
    """The legend and the comparison, ready to place in a Markdown page."""
    changed = word_diff(old.strip(), new.strip())
    return f'{LEGEND}\n\n<div class="sv-diff">{changed}</div>\n'
