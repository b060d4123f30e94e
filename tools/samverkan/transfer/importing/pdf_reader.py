"""Read a PDF into the neutral :class:`~.source.Source`, with pdfplumber.

A PDF has no styles, only positioned words. Headings are told by font size and weight
(sizes above the body text's, largest first; bold lines of their own below them), tables
by their ruling lines, and the page header and footer by position and repetition: text at
the top or bottom of the page that repeats on other pages (page numbers counted as equal)
is the running header or footer. It goes to the margins, once, and never into the body.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from samverkan.external import pandoc
from samverkan.transfer.importing.source import Margin, Source, SourceFormat
from samverkan.transfer.importing.values import WHERE_FOOTER, WHERE_HEADER, ImportFailed

MAX_PAGES = 500
"""More pages than any governing document has; a longer file is refused, not read for minutes."""
MARGIN_SHARE = 0.12
"""Top and bottom share of the page where running headers and footers sit."""
BULLETS = ("•", "●", "▪", "■", "◦", "○", "–", "-", "\uf0b7", "\uf0a7", "·", "✓", "✔")
SEPARATORS = frozenset({"·", "|", "•", "●"})
"""Words that only separate fields on a line of a page header or footer."""
_PAGE_NUMBER = re.compile(r"^(?:sida\s+)?\d{1,4}(?:\s*(?:\(|av|/)\s*\d{1,4}\)?)?$", re.IGNORECASE)
_NUMBERED_ITEM = re.compile(r"^\d{1,2}[.)]\s")
_LEADERS_AND_PAGE = re.compile(r"(?:\.{3,}|…{2,}|_{3,})\s*\d{1,3}$")
"""A table of contents entry: dot leaders and a page number; each stays a paragraph of its own."""
_NUMBERED_HEADING = re.compile(r"^\d+(?:\.\d+)*\.?\s")
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """One line of words on a page."""

    top: float
    bottom: float
    x0: float
    cells: tuple[str, ...]
    """The line's text, split where the words stand far apart (columns, tab stops)."""
    size: float
    """Font size, rounded to half a point."""
    bold: bool
    marked: bool = False
    """A small drawn mark (a list bullet drawn as a shape) stands just left of the line."""

    @property
    def text(self) -> str:
        return " ".join(self.cells)


@dataclass(frozen=True)
class Table:
    """A ruled table on a page."""

    top: float
    bottom: float
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Page:
    height: float
    items: tuple[Line | Table, ...]
    """Lines and tables, top to bottom."""


def _key(text: str) -> str:
    """Text compared across pages: page numbers and dates do not matter."""
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def _cell(text: str | None) -> str:
    lines = [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]
    return functools.reduce(_join, lines) if lines else ""  # a cell's lines are wrapped text, not breaks


def _read_page(page) -> Page:  # type: ignore[no-untyped-def]
    found = page.find_tables()
    tables = [Table(t.bbox[1], t.bbox[3], tuple(tuple(_cell(c) for c in row) for row in t.extract())) for t in found]
    boxes = [t.bbox for t in found]
    words = [
        w
        for w in page.extract_words(extra_attrs=["size", "fontname"], x_tolerance=1.5, y_tolerance=2)
        if not any(b[0] - 1 <= (w["x0"] + w["x1"]) / 2 <= b[2] + 1 and b[1] - 1 <= (w["top"] + w["bottom"]) / 2 <= b[3] + 1 for b in boxes)
    ]
    # List bullets drawn as shapes (Chromium, some Word versions) rather than written as characters.
    marks = [
        (m["x0"], m["x1"], (m["top"] + m["bottom"]) / 2)
        for m in (*page.curves, *page.rects)
        if 1 < m["x1"] - m["x0"] < 8 and 1 < m["bottom"] - m["top"] < 8
    ]
    lines: list[Line] = []
    for group in _line_groups(words):
        cells: list[list[str]] = [[]]
        for prev, word in zip([None, *group[:-1]], group, strict=True):
            if prev is not None and word["text"] in SEPARATORS:  # 'Region X · Dokument ID: 1 · Version: 4': three cells
                if cells[-1]:
                    cells.append([])
                continue
            if prev is not None and word["x0"] - prev["x1"] > max(2.5 * word["size"], 18) and cells[-1]:
                cells.append([])
            cells[-1].append(word["text"])
        chars = sum(len(w["text"]) for w in group)
        bold = sum(len(w["text"]) for w in group if _BOLD.search(w["fontname"])) * 2 > chars
        size = round(max(w["size"] for w in group) * 2) / 2
        top, bottom, x0 = min(w["top"] for w in group), max(w["bottom"] for w in group), group[0]["x0"]
        marked = any(x1 <= x0 and x0 - x1 < 20 and top <= middle <= bottom for _, x1, middle in marks)
        lines.append(Line(top, bottom, x0, tuple(" ".join(c) for c in cells if c) or ("",), size, bold, marked))
    items: list[Line | Table] = [*lines, *(t for t in tables if any(any(c for c in row) for row in t.rows))]
    return Page(float(page.height), tuple(sorted(items, key=lambda i: i.top)))


def _line_groups(words: list[dict]) -> Iterator[list[dict]]:
    """Words on the same baseline, left to right."""
    group: list[dict] = []
    for word in sorted(words, key=lambda w: (round(w["bottom"]), w["x0"])):
        if group and abs(word["bottom"] - group[-1]["bottom"]) > max(2.0, 0.3 * word["size"]):
            yield sorted(group, key=lambda w: w["x0"])
            group = []
        group.append(word)
    if group:
        yield sorted(group, key=lambda w: w["x0"])


def _size(item: Line | Table) -> float:
    return item.size if isinstance(item, Line) else 8.0


def _margin_items(page: Page) -> dict[int, str]:
    """Items that may be running headers or footers: in the top or bottom share of the page, and
    set apart from the text by a gap (a paragraph running into the bottom share is text)."""
    items = page.items
    out: dict[int, str] = {}
    header_end = 0
    for n, item in enumerate(items):
        if item.top > page.height * MARGIN_SHARE:  # a tall header table may reach below the share
            break
        nxt = items[n + 1] if n + 1 < len(items) else None
        if nxt is None or nxt.top - item.bottom >= 0.9 * _size(item):
            header_end = n + 1
    out.update((id(item), WHERE_HEADER) for item in items[:header_end])
    footer_start = len(items)
    for n in range(len(items) - 1, header_end - 1, -1):
        item = items[n]
        if item.bottom < page.height * (1 - MARGIN_SHARE):
            break
        prev = items[n - 1] if n > header_end else None
        if prev is None or item.top - prev.bottom >= 0.9 * _size(item):
            footer_start = n
    out.update((id(item), WHERE_FOOTER) for item in items[footer_start:])
    return out


def _item_key(item: Line | Table) -> str:
    return _key(item.text) if isinstance(item, Line) else _key(" | ".join(" ".join(r) for r in item.rows))


def split_margins(pages: Sequence[Page]) -> tuple[list[Margin], list[list[Line | Table]]]:
    """Running headers and footers (once, as rows) and each page's body items.

    An item at the top or bottom of a page is running when its text (numbers aside) stands
    at the top or bottom of another page too, when it is a page number, or when it is a line
    set smaller than the text (a header printed on the first page only).
    """
    zones = [_margin_items(page) for page in pages]
    seen: Counter[tuple[str, str]] = Counter()
    for page, zone in zip(pages, zones, strict=True):
        for key in {(zone[id(i)], _item_key(i)) for i in page.items if id(i) in zone}:
            seen[key] += 1
    base = _body_size([i for page in pages for i in page.items if isinstance(i, Line)])
    margins: dict[str, list[tuple[str, ...]]] = {WHERE_HEADER: [], WHERE_FOOTER: []}
    kept: set[tuple[str, str]] = set()
    bodies: list[list[Line | Table]] = []
    for page, zone in zip(pages, zones, strict=True):
        body: list[Line | Table] = []
        for item in page.items:
            where = zone.get(id(item))
            key = (where or "", _item_key(item))
            page_number = isinstance(item, Line) and bool(_PAGE_NUMBER.match(item.text))
            small = isinstance(item, Line) and item.size < base - 0.4  # a header on one page only is set smaller than the text
            if where and (seen[key] >= 2 or page_number or small):
                if key not in kept and not page_number:
                    kept.add(key)
                    margins[where].extend([item.cells] if isinstance(item, Line) else item.rows)
                continue
            body.append(item)
        bodies.append(body)
    return [Margin(where, tuple(rows)) for where, rows in margins.items() if rows], bodies


def _body_size(lines: Sequence[Line]) -> float:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


_CONJUNCTIONS = frozenset({"och", "eller", "samt", "respektive", "till", "som", "men", "med"})


def _join(first: str, second: str) -> str:
    """Two wrapped lines as one: 'ViSam-' + 'modellen' is one word, 'hälso-' + 'och sjukvård' is not."""
    word = second.split(" ", 1)[0]
    if first.endswith("-") and first[-2:-1].isalpha() and word[:1].islower() and word.rstrip(".,;:") not in _CONJUNCTIONS:
        return first + second
    return f"{first} {second}"


def _bullet(text: str) -> str | None:
    """The item text of a bulleted line, or None."""
    for mark in BULLETS:
        if text.startswith(mark) and (len(text) > len(mark) and text[len(mark)] == " " or mark not in "-–"):
            rest = text[len(mark) :].strip()
            return rest or None
    return None


def to_blocks(bodies: Sequence[Sequence[Line | Table]]) -> tuple[list[dict], str | None]:
    """Pandoc blocks for the body, and the title (the first page's one largest line) if any."""
    lines = [i for body in bodies for i in body if isinstance(i, Line)]
    base = _body_size(lines)
    sizes = sorted({line.size for line in lines if line.size >= base * 1.12 and len(line.text) <= 200}, reverse=True)
    # The title: the lines that open the first page in a size no other line has.
    first = [i for i in bodies[0] if isinstance(i, Line)] if bodies else []
    opening: list[Line] = []
    if sizes and first and first[0].size == sizes[0]:
        for line in first:
            if line.size != first[0].size or (opening and line.top - opening[-1].bottom > line.size):
                break
            opening.append(line)
        if any(line.size == sizes[0] for line in lines if line not in opening):
            opening = []
    title = " ".join(line.text for line in opening) if opening and sum(len(line.text) for line in opening) <= 200 else None
    skip = set(map(id, opening)) if title else set()
    levels = {size: n + 1 for n, size in enumerate(s for s in sizes if any(line.size == s and id(line) not in skip for line in lines))}
    bold_level = min(len(levels) + 1, 6)

    blocks: list[dict] = []
    para: list[str] = []
    bullets: list[list[dict]] = []
    previous: Line | None = None

    def flush() -> None:
        nonlocal para, bullets
        if para:
            blocks.append(pandoc.para(functools.reduce(_join, para)))
            para = []
        if bullets:
            blocks.append({"t": "BulletList", "c": bullets})
            bullets = []

    for body in bodies:
        for item in body:
            if isinstance(item, Table):
                flush()
                rows = [list(r) for r in item.rows]
                width = max(len(r) for r in rows)
                rows = [r + [""] * (width - len(r)) for r in rows]
                blocks.append(pandoc.table([[[pandoc.plain(c)] for c in r] for r in rows[1:]], head=[[pandoc.plain(c)] for c in rows[0]]))
                previous = None
                continue
            text = item.text
            if id(item) in skip:
                continue
            level = levels.get(item.size)
            alone = item.bold and item.size >= base and len(text) <= 120 and not text.endswith((".", ",", ";")) and not _NUMBERED_ITEM.match(text)
            if level is not None or (alone and not _bullet(text)):
                flush()
                heading_level = level or bold_level
                if blocks and blocks[-1].get("t") == "Header" and blocks[-1]["c"][0] == heading_level and not _NUMBERED_HEADING.match(text) and previous is not None and previous.size == item.size and previous.bold == item.bold and item.top - previous.bottom < item.size:
                    blocks[-1] = pandoc.header(heading_level, pandoc.stringify(blocks[-1]["c"][2]).strip() + " " + text)
                else:
                    blocks.append(pandoc.header(heading_level, text))
                previous = item
                continue
            tight = previous is not None and item.top - previous.bottom < 0.8 * item.size and item.top > previous.top
            item_text = _bullet(text)
            if item_text is not None and text[:1] in "-–" and para and tight and abs(item.x0 - previous.x0) < 3:
                item_text = None  # a wrapped line that starts with a dash, not a list item
            if item.marked:
                item_text = text
            if item_text is not None:
                if para:
                    blocks.append(pandoc.para(functools.reduce(_join, para)))
                    para = []
                bullets.append([pandoc.plain(item_text)])
            elif bullets and previous is not None and item.x0 > previous.x0 - 1 and item.top - previous.bottom < 0.8 * item.size and not _NUMBERED_ITEM.match(text):
                bullets[-1] = [pandoc.plain(_join(pandoc.stringify(bullets[-1]).strip(), text))]  # the item's next line
            elif (
                para
                and previous is not None
                and item.top - previous.bottom < 0.8 * item.size
                and item.top > previous.top
                and not _NUMBERED_ITEM.match(text)
                and len(item.cells) == 1
                and not _LEADERS_AND_PAGE.search(text)
                and not _LEADERS_AND_PAGE.search(para[-1])
            ):
                para.append(text)
            elif para and previous is None and (text[:1].islower() or not para[-1].endswith((".", ":", "!", "?", ";", "”"))):
                para.append(text)  # a paragraph going on over a page break
            else:
                flush()
                para = ["\t".join(item.cells)] if len(item.cells) > 1 else [text]
            previous = item
        previous = None
    flush()
    return blocks, title


def read(path: Path, data: bytes) -> Source:
    """The PDF at ``path`` (whose bytes are ``data``) as the neutral structure."""
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError as exc:
        raise ImportFailed(f"pdfplumber saknas, så PDF-filer kan inte läsas: kör make install ({exc})") from exc
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ImportFailed(f"PDF-filen har {len(pdf.pages)} sidor; gränsen är {MAX_PAGES}. Dela upp den")
            pages = [_read_page(page) for page in pdf.pages]
    except PDFPasswordIncorrect as exc:
        raise ImportFailed("PDF-filen är lösenordsskyddad; spara en kopia utan lösenord och importera den") from exc
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise ImportFailed(f"filen är ingen läsbar PDF eller är skadad ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:
        if type(exc).__module__.startswith(("pdfminer", "pdfplumber")):
            raise ImportFailed(f"filen är ingen läsbar PDF eller är skadad ({type(exc).__name__}: {exc})") from exc
        raise
    if not any(page.items for page in pages):
        raise ImportFailed("PDF-filen innehåller ingen text, bara bilder (till exempel en inskannad sida); importera originalet i Word i stället")
    margins, bodies = split_margins(pages)
    blocks, title = to_blocks(bodies)
    return Source(
        name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        format=SourceFormat.PDF,
        blocks=tuple(blocks),
        api_version=tuple(pandoc.api_version()),
        margins=tuple(margins),
        styled={"title": title} if title else {},
    )
