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

With the content's own files at hand (``SiteFiles``, which check has), a link is also dead when
its target is missing, is a folder, or is a file the site does not publish where the link leads:
a document's page is ``dokument/<id>``, and only the files in the folder beside each document
(``routines/<area>/<name>/``) are published, at ``dokument/<name>/``. Such a link stays on the page
(MkDocs warns about it when it builds), so check is where the owner learns of it, in Swedish.

A reference definition counts where Python-Markdown finds one: on a line of its own, also inside a
blockquote (``> [ref]: target``) or a list item (``- [ref]: target``, or indented under the item).
"""

from __future__ import annotations

import enum
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
    r"""\(\s*(?:<(?P<angled>[^<>\n]*)>|(?P<bare>[^\s()<>](?:[^()<>\n]{0,250}?[^\s()<>])?))(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)"""
)
"""An inline Markdown link or image: ``[text](target "title")``, the target maybe in ``<…>``. Python-Markdown
also takes a target with spaces (``[mallen](SIP mall.docx)``, a common file name), up to an optional title."""
_DEFINITION = re.compile(
    r"""^(?P<container>(?> {0,3}(?:>[ ]?|(?:[*+-]|[0-9]+[.)])[ ]+))*)(?P<indent> *)"""
    r"""\[(?P<label>[^\[\]\n^][^\[\]\n]*)\]:[ \t]*(?:<(?P<angled>[^<>\n]*)>|(?P<bare>\S+))"""
    r"""(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$""",
    re.MULTILINE,
)
"""A reference definition on a line of its own: ``[ref]: target "title"`` (``[^1]:`` is a footnote),
maybe after the ``>`` of a blockquote or the marker of a list item, maybe indented (see ``_in_list_items``).
Each marker with its spaces is an atomic group: a line of many markers and spaces is read in linear time."""
_LIST_ITEM = re.compile(r"^(?: {0,3}>[ ]?)* {0,3}(?:[*+-]|[0-9]+[.)])[ ]+\S")
_REFERENCE = re.compile(r"""!?\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\](?: ?\[(?P<ref>[^\[\]\n]*)\])?""")
"""A use of a reference: ``[text][ref]``, ``[text][]`` or the shortcut ``[ref]``, maybe an image."""
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
_FILE_TARGET = re.compile(r"\][(:]\s*(?:<(?![a-zA-Z][a-zA-Z0-9+.\-]*:|[#/>])|(?![a-zA-Z][a-zA-Z0-9+.\-]*:|[#/<\s]))")
"""Where a link's target might be a file: ``](`` or ``]:`` (a reference definition) not followed by a web
address, an anchor or a site path. Blanking code only turns characters into spaces, so no link found
after blanking escapes it."""


class Why(enum.Enum):
    """Why a link's target is not on the site."""

    OUTSIDE = "outside"
    """It climbs out of the content folder."""
    REFUSED = "refused"
    """It is a file the check refused (a link out, a personal number or a control character in its name)."""
    MISSING = "missing"
    """No such file."""
    FOLDER = "folder"
    """A folder: the site has no page for a folder."""
    UNPUBLISHED = "unpublished"
    """A file of the content that the site does not publish where the link leads."""


@dataclass(frozen=True)
class SiteFiles:
    """What a relative link in a document may lead to on the site, and the content's files to tell why not."""

    published: frozenset[str]
    """Site paths: ``dokument/<id>.md`` for each document, ``dokument/<name>/…`` for each file beside one."""
    content: frozenset[str]
    """Every file the check read or passed over in ``routines/`` and ``roles/``, content-relative."""
    folders: frozenset[str] = frozenset()
    """Every folder that holds one of ``content``, at any depth: looked up once per link, not by a scan of the files."""

    @classmethod
    def of(cls, corpus: m.Corpus) -> SiteFiles:
        pages = {f"dokument/{d.id}.md" for d in corpus.documents}
        # A document left out for its problems gets its files published once it is fixed: its own links to them are fine.
        sources = (*(d.source.path for d in (*corpus.documents, *corpus.invalid_documents)), *(u.path for u in corpus.unfinished))
        folders = {path.removesuffix(".md") + "/" for path in sources}
        attachments = set()
        for path in corpus.content_files:
            folder = posixpath.dirname(path)
            # The nearest document folder above the file (``routines/<area>/<name>/``, maybe deeper down).
            while folder.startswith("routines/") and folder + "/" not in folders:
                folder = posixpath.dirname(folder)
            if folder + "/" in folders:
                attachments.add("dokument/" + posixpath.basename(folder) + path[len(folder) :])
        holding = {posixpath.dirname(path) for path in corpus.content_files}
        for folder in list(holding):
            while folder and (folder := posixpath.dirname(folder)) not in holding:
                holding.add(folder)
        return cls(frozenset(pages | attachments), corpus.content_files, frozenset(holding - {""}))

    def why(self, content_path: str, site_path: str) -> Why | None:
        """None when the link works on the site, or leads to a page of the site the check does not know."""
        if site_path in self.published:
            return None
        if content_path in self.content:
            return Why.UNPUBLISHED
        if content_path.rstrip("/") in self.folders:
            return Why.FOLDER
        if site_path.startswith(("dokument/", "../")) or site_path == "..":
            return Why.MISSING
        return None  # dokument/../roller/, say: a page the site makes, not a file of the content


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
    why: Why
    """Why the site has nothing there."""
    defined_on: int = 0
    """For a reference link, the 1-based line of its definition (``[ref]: target``); 0 for an inline link."""

    @property
    def outside(self) -> bool:
        """True when the target climbs out of the content folder."""
        return self.why is Why.OUTSIDE


def _path(target: str) -> str | None:
    """The path part of a relative link; None for a web address, an anchor or a site path."""
    if not target or target.startswith(("#", "/")) or _SCHEME.match(target):
        return None
    return unquote(re.split(r"[#?]", target, maxsplit=1)[0]) or None


def _resolved(document_path: str, target: str) -> str | None:
    """The content-relative path a relative link leads to; None for a web address, an anchor or a site path."""
    path = _path(target)
    return posixpath.normpath(posixpath.join(posixpath.dirname(document_path), path)) if path else None


def _in_list_items(masked_body: str) -> list[bool]:
    """For each line, whether text indented four spaces or more there belongs to a list item (the nearest line
    above indented less is an item), which makes it text to Python-Markdown; elsewhere it is a code block."""
    inside, found = False, []
    for line in masked_body.split("\n"):
        if line.strip() and len(line) - len(line.lstrip(" ")) < 4:
            inside = _LIST_ITEM.match(line) is not None
            found.append(False)  # not indented: not asked
        else:
            found.append(inside)
    return found


def _label(label: str) -> str:
    """A reference label as Markdown matches it: case and runs of white space do not count."""
    return " ".join(label.lower().split())


def _target(found: re.Match[str]) -> str:
    return found.group("angled") if found.group("angled") is not None else found.group("bare")


def may_link_to_a_file(body: str) -> bool:
    """False when no link in ``body`` can lead to a file (most texts link only to the web, if at all)."""
    return ("](" in body or "]:" in body) and _FILE_TARGET.search(body) is not None


def dead_links(document_path: str, body: str, refused: frozenset[str], files: SiteFiles | None = None) -> Iterator[DeadLink]:
    """The links in ``body`` (of the document at ``document_path``) that would be dead on its page:
    out of the content folder or to a ``refused`` file; with ``files``, also missing or unpublished ones."""
    if not may_link_to_a_file(body):
        return
    masked_body = mask_code(body)

    def dead(target: str) -> Why | None:
        """None when ``target`` is published (or no file of the folder); else why not."""
        path = _resolved(document_path, target)
        if path is None:
            return None
        if path == ".." or path.startswith("../"):
            return Why.OUTSIDE
        if path in refused or any(path.startswith(r + "/") for r in refused):
            return Why.REFUSED
        if files is None:
            return None
        return files.why(path, posixpath.normpath(posixpath.join("dokument", _path(target) or "")))

    # The first definition of a label counts, as in Markdown; only dead ones matter here.
    definitions: dict[str, tuple[int, str, Why | None]] = {}
    in_list: list[bool] | None = None
    number, counted = 1, 0
    for found in _DEFINITION.finditer(masked_body) if "]:" in masked_body else ():
        number, counted = number + masked_body.count("\n", counted, found.start()), found.start()
        label, target = _label(found.group("label")), _target(found)
        if label in definitions:
            continue
        if len(found.group("indent")) > 3:
            in_list = _in_list_items(masked_body) if in_list is None else in_list
            if not in_list[number - 1]:
                continue  # an indented code block
        definitions[label] = (number, target, dead(target))
    definitions = {label: d for label, d in definitions.items() if d[2] is not None}

    offset = 0
    # Code blocks and spans are blanked line for line, keeping each line's length, so offsets stay true.
    for number, (line, masked) in enumerate(zip(body.split("\n"), masked_body.split("\n"), strict=True), 1):
        inline = []
        for found in _LINK.finditer(masked) if "](" in masked else ():
            inline.append((found.start(), found.end()))
            target = _target(found)
            why = dead(target)
            if why is not None:
                text = line[found.start("text") : found.end("text")]
                yield DeadLink(number, offset + found.start(), offset + found.end(), text, target, why)
        for found in _REFERENCE.finditer(masked) if definitions and "[" in masked else ():
            ref = found.group("ref")
            after = masked[found.end() : found.end() + 1]
            if any(start <= found.start() < end for start, end in inline) or (ref is None and after in ("(", ":")):
                continue  # part of an inline link, or the definition itself
            definition = definitions.get(_label(ref or found.group("text")))
            if definition:
                defined_on, target, why = definition
                text = line[found.start("text") : found.end("text")]
                yield DeadLink(number, offset + found.start(), offset + found.end(), text, target, why, defined_on)
        offset += len(line) + 1


def without_dead_links(document_path: str, body: str, refused: frozenset[str]) -> str:
    """``body`` with each dead link replaced by its text, so the page has no link that leads nowhere."""
    for dead in reversed(list(dead_links(document_path, body, refused))):
        body = body[: dead.start] + dead.text + body[dead.end :]
    return body


def links_to_unpublished_files(corpus: m.Corpus, options: object) -> Iterator[Problem]:
    files = SiteFiles.of(corpus)
    for d in (*corpus.documents, *corpus.invalid_documents):
        folder = d.source.path.removesuffix(".md")
        uses: dict[tuple[int, str, Why], list[int]] = {}
        for dead in dead_links(d.source.path, d.body, corpus.refused_files, files):
            if dead.defined_on:
                uses.setdefault((dead.defined_on, dead.target, dead.why), []).append(d.body_line + dead.line - 1)
                continue
            message = f"länken '{dead.target}' {_WHY[dead.why]}; {_ON_SITE[dead.why]}"
            yield error(d.source.path, d.body_line + dead.line - 1, CODE, message, hint=_hint(dead.why, folder))
        for (defined_on, target, why), lines in uses.items():
            used = ", ".join(str(n) for n in dict.fromkeys(lines))
            message = f"länkadressen '{target}' {_WHY[why]}; länkarna som hänvisar hit (på rad {used}) {_ON_SITE_MANY[why]}"
            yield error(d.source.path, d.body_line + defined_on - 1, CODE, message, hint=_hint(why, folder))


_WHY = {
    Why.OUTSIDE: "leder till en plats utanför arkivet",
    Why.REFUSED: "leder till en fil som inte får publiceras (se felet för filen)",
    Why.MISSING: "leder till en fil som inte finns",
    Why.FOLDER: "leder till en mapp, inte till en fil",
    Why.UNPUBLISHED: "leder till en fil som inte publiceras på webbplatsen",
}
_STRIPPED = frozenset({Why.OUTSIDE, Why.REFUSED})
"""The site shows only the text of these links (``without_dead_links``); the others lead nowhere."""
_ON_SITE = {why: "på webbplatsen blir länken vanlig text" if why in _STRIPPED else "på webbplatsen leder länken ingenstans" for why in Why}
_ON_SITE_MANY = {why: "blir vanlig text på webbplatsen" if why in _STRIPPED else "leder ingenstans på webbplatsen" for why in Why}


def _hint(why: Why, folder: str) -> str:
    if why is Why.MISSING:
        return f"kontrollera stavningen av filnamnet; bilagor ligger i mappen {folder}/ bredvid dokumentet och länkas som {posixpath.basename(folder)}/filnamn"
    if why is Why.FOLDER:
        return "länka till en fil i mappen, till exempel en PDF; webbplatsen visar inga mappar"
    return f"lägg filen i mappen {folder}/ bredvid dokumentet och länka dit, eller ta bort länken"
