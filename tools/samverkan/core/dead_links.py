"""Links in a document's text to a file the site never publishes.

An attachment that is refused (a link out of the content folder, a personal number or a
control character in its name) is left out of the site, and so is anything a relative link
reaches by climbing out of the content folder. A link to it would be dead on the page: check
reports it at its line, and the page shows the link's text without the link.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from samverkan.core import model as m
from samverkan.core.html_policy import mask_code
from samverkan.core.problems import Problem, error

CODE = "E-LINK"

_LINK = re.compile(
    r"""!?\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"""
    r"""\(\s*(?:<(?P<angled>[^<>\n]*)>|(?P<bare>[^\s()<>]+))(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)"""
)
"""An inline Markdown link or image: ``[text](target "title")``, the target maybe in ``<…>``."""
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")


@dataclass(frozen=True)
class DeadLink:
    """One link whose target the site does not publish."""

    line: int
    """1-based line within the text."""
    start: int
    """Offset of the link in the text."""
    end: int
    """Offset just after the link in the text."""
    text: str
    """The link's text (an image's alt text), which the page keeps."""
    target: str
    """The target as written."""
    outside: bool
    """True when the target climbs out of the content folder, False when it is a refused file."""


def _resolved(document_path: str, target: str) -> str | None:
    """The content-relative path a relative link leads to; None for a web address, an anchor or a site path."""
    if not target or target.startswith(("#", "/")) or _SCHEME.match(target):
        return None
    path = unquote(re.split(r"[#?]", target, maxsplit=1)[0])
    return posixpath.normpath(posixpath.join(posixpath.dirname(document_path), path)) if path else None


def dead_links(document_path: str, body: str, refused: frozenset[str]) -> Iterator[DeadLink]:
    """The links in ``body`` (of the document at ``document_path``) that would be dead on its page."""
    if "](" not in body:
        return
    offset = 0
    # Code blocks and spans are blanked line for line, keeping each line's length, so offsets stay true.
    for number, (line, masked) in enumerate(zip(body.split("\n"), mask_code(body).split("\n"), strict=True), 1):
        for found in _LINK.finditer(masked) if "](" in masked else ():
            target = found.group("angled") if found.group("angled") is not None else found.group("bare")
            path = _resolved(document_path, target)
            if path is None:
                continue
            outside = path == ".." or path.startswith("../")
            if outside or path in refused or any(path.startswith(r + "/") for r in refused):
                text = line[found.start("text") : found.end("text")]
                yield DeadLink(number, offset + found.start(), offset + found.end(), text, target, outside)
        offset += len(line) + 1


def without_dead_links(document_path: str, body: str, refused: frozenset[str]) -> str:
    """``body`` with each dead link replaced by its text, so the page has no link that leads nowhere."""
    for dead in reversed(list(dead_links(document_path, body, refused))):
        body = body[: dead.start] + dead.text + body[dead.end :]
    return body


def links_to_unpublished_files(corpus: m.Corpus, options: object) -> Iterator[Problem]:
    for d in corpus.documents:
        folder = d.source.path.removesuffix(".md") + "/"
        for dead in dead_links(d.source.path, d.body, corpus.refused_files):
            why = "leder ut ur innehållsmappen" if dead.outside else "leder till en fil som inte får publiceras (se felet för filen)"
            yield error(
                d.source.path,
                d.body_line + dead.line - 1,
                CODE,
                f"länken '{dead.target}' {why}; på webbplatsen blir länken vanlig text",
                hint=f"lägg filen i mappen {folder} bredvid dokumentet och länka dit, eller ta bort länken",
            )
