"""A word-level comparison of two texts, as escaped HTML with <ins> and <del> and a Swedish legend.

Words, runs of spaces and single punctuation marks are compared with difflib, so a changed
word shows as one word struck out and one added, not a whole rewritten line. The result is
one line of HTML (line breaks as ``&#10;`` in a ``white-space: pre-wrap`` block), so no
Markdown renderer splits it or reads Markdown inside it.
"""

from __future__ import annotations

import difflib
import html
import re

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)

LEGEND = (
    '<p class="sv-diff-legend">Så läser du jämförelsen: <ins>understruken text har lagts till</ins>, '
    "<del>överstruken text har tagits bort</del>. Övrig text är oförändrad.</p>"
)


def _html(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "&#10;")


def word_diff(old: str, new: str) -> str:
    """``old`` against ``new`` as one line of HTML: unchanged text plain, additions in <ins>, removals in <del>."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out = []
    # autojunk would treat frequent words and spaces as noise and give a ragged comparison.
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(_html("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{_html(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{_html(''.join(b[j1:j2]))}</ins>")
    return "".join(out)


def diff_block(old: str, new: str) -> str:
    """The legend and the comparison, ready to place in a Markdown page."""
    changed = word_diff(old.strip(), new.strip())
    return f'{LEGEND}\n\n<div class="sv-diff">{changed}</div>\n'
