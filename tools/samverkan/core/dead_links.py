"""Links in a document's text to a file the site never publishes.

An attachment that is refused (a link out of the content folder, a personal number or a
control character in its name) is left out of the site, and so is anything a relative link
reaches by climbing out of the content folder. A link to it would be dead on the page: check
reports it, and the page shows the link's text without the link.

Inline links (``[text](target)``) are reported at their line. A reference link (``[text][ref]``,
``[text][]`` or ``[ref]`` with ``[ref]: target`` on a line of its own) is reported once, at the
line of its definition: that is where the target is written and where the owner changes it, and
the message names the lines that use it. Autolinks (``<https://…>``) are web addresses and so
never lead to a file of the folder.
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
_DEFINITION = re.compile(
    r"""^ {0,3}\[(?P<label>[^\[\]\n^][^\[\]\n]*)\]:[ \t]*(?:<(?P<angled>[^<>\n]*)>|(?P<bare>\S+))"""
    r"""(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$""",
    re.MULTILINE,
)
"""A reference definition on a line of its own: ``[ref]: target "title"`` (``[^1]:`` is a footnote)."""
_REFERENCE = re.compile(r"""!?\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\](?: ?\[(?P<ref>[^\[\]\n]*)\])?""")
"""A use of a reference: ``[text][ref]``, ``[text][]`` or the shortcut ``[ref]``, maybe an image."""
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
_FILE_TARGET = re.compile(r"\][(:]\s*(?:<(?![a-zA-Z][a-zA-Z0-9+.\-]*:|[#/>])|(?![a-zA-Z][a-zA-Z0-9+.\-]*:|[#/<\s]))")
"""Where a link's target might be a file: ``](`` or ``]:`` (a reference definition) not followed by a web
address, an anchor or a site path. Blanking code only turns characters into spaces, so no link found
after blanking escapes it."""


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
    defined_on: int = 0
    """For a reference link, the 1-based line of its definition (``[ref]: target``); 0 for an inline link."""


def _resolved(document_path: str, target: str) -> str | None:
    """The content-relative path a relative link leads to; None for a web address, an anchor or a site path."""
    if not target or target.startswith(("#", "/")) or _SCHEME.match(target):
        return None
    path = unquote(re.split(r"[#?]", target, maxsplit=1)[0])
    return posixpath.normpath(posixpath.join(posixpath.dirname(document_path), path)) if path else None


def _label(label: str) -> str:
    """A reference label as Markdown matches it: case and runs of white space do not count."""
    return " ".join(label.lower().split())


def _target(found: re.Match[str]) -> str:
    return found.group("angled") if found.group("angled") is not None else found.group("bare")


def may_link_to_a_file(body: str) -> bool:
    """False when no link in ``body`` can lead to a file (most texts link only to the web, if at all)."""
    return ("](" in body or "]:" in body) and _FILE_TARGET.search(body) is not None


def dead_links(document_path: str, body: str, refused: frozenset[str]) -> Iterator[DeadLink]:
    """The links in ``body`` (of the document at ``document_path``) that would be dead on its page."""
    if not may_link_to_a_file(body):
        return
    masked_body = mask_code(body)

    def dead(target: str) -> bool | None:
        """None when ``target`` is published (or no file of the folder); else whether it climbs out."""
        path = _resolved(document_path, target)
        if path is None:
            return None
        outside = path == ".." or path.startswith("../")
        return outside if outside or path in refused or any(path.startswith(r + "/") for r in refused) else None

    # The first definition of a label counts, as in Markdown; only dead ones matter here.
    definitions: dict[str, tuple[int, str, bool]] = {}
    for found in _DEFINITION.finditer(masked_body) if "]:" in masked_body else ():
        label, target = _label(found.group("label")), _target(found)
        if label not in definitions:
            definitions[label] = (masked_body.count("\n", 0, found.start()) + 1, target, dead(target))
    definitions = {label: d for label, d in definitions.items() if d[2] is not None}

    offset = 0
    # Code blocks and spans are blanked line for line, keeping each line's length, so offsets stay true.
    for number, (line, masked) in enumerate(zip(body.split("\n"), masked_body.split("\n"), strict=True), 1):
        inline = []
        for found in _LINK.finditer(masked) if "](" in masked else ():
            inline.append((found.start(), found.end()))
            target = _target(found)
            outside = dead(target)
            if outside is not None:
                text = line[found.start("text") : found.end("text")]
                yield DeadLink(number, offset + found.start(), offset + found.end(), text, target, outside)
        for found in _REFERENCE.finditer(masked) if definitions and "[" in masked else ():
            ref = found.group("ref")
            after = masked[found.end() : found.end() + 1]
            if any(start <= found.start() < end for start, end in inline) or (ref is None and after in ("(", ":")):
                continue  # part of an inline link, or the definition itself
            definition = definitions.get(_label(ref or found.group("text")))
            if definition:
                defined_on, target, outside = definition
                text = line[found.start("text") : found.end("text")]
                yield DeadLink(number, offset + found.start(), offset + found.end(), text, target, outside, defined_on)
        offset += len(line) + 1


def without_dead_links(document_path: str, body: str, refused: frozenset[str]) -> str:
    """``body`` with each dead link replaced by its text, so the page has no link that leads nowhere."""
    for dead in reversed(list(dead_links(document_path, body, refused))):
        body = body[: dead.start] + dead.text + body[dead.end :]
    return body


def links_to_unpublished_files(corpus: m.Corpus, options: object) -> Iterator[Problem]:
    for d in (*corpus.documents, *corpus.invalid_documents):
        hint = f"lägg filen i mappen {d.source.path.removesuffix('.md')}/ bredvid dokumentet och länka dit, eller ta bort länken"
        uses: dict[tuple[int, str, bool], list[int]] = {}
        for dead in dead_links(d.source.path, d.body, corpus.refused_files):
            if dead.defined_on:
                uses.setdefault((dead.defined_on, dead.target, dead.outside), []).append(d.body_line + dead.line - 1)
                continue
            message = f"länken '{dead.target}' {_why(dead.outside)}; på webbplatsen blir länken vanlig text"
            yield error(d.source.path, d.body_line + dead.line - 1, CODE, message, hint=hint)
        for (defined_on, target, outside), lines in uses.items():
            used = ", ".join(str(n) for n in dict.fromkeys(lines))
            message = (
                f"länkadressen '{target}' {_why(outside)}; länkarna som hänvisar hit "
                f"(på rad {used}) blir vanlig text på webbplatsen"
            )
            yield error(d.source.path, d.body_line + defined_on - 1, CODE, message, hint=hint)


def _why(outside: bool) -> str:
    return "leder ut ur innehållsmappen" if outside else "leder till en fil som inte får publiceras (se felet för filen)"
