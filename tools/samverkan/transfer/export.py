"""Export a document to PDF, Word (DOCX) or standalone HTML.

Every export opens with a header block – title, id, revision, validity, status, approval
and decision, owner – then the text and the revision history. A draft, withdrawn or
expired document is marked as such: in the PDF on every page (a running header from
Chromium's print templates and a watermark in a ``position: fixed`` element, which
Chromium repeats on every printed page), in the DOCX in the page header.

The PDF route is pandoc → standalone HTML with a small embedded print stylesheet →
headless Chromium (Debian's package, driven by Playwright). The DOCX route is pandoc with a
reference document that :func:`reference_docx` builds with python-docx into a temporary
folder (no binary template is committed), and python-docx again for the page header.

:class:`Exporter` keeps one browser for many documents (the site offers a PDF of every
page); nothing here reads the clock: ``today`` decides what counts as expired.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import json
import mimetypes
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from pathlib import Path
from types import TracebackType

from samverkan.core import model as m
from samverkan.core.dead_links import without_dead_links
from samverkan.core.html_policy import clean, url_allowed
from samverkan.core.writing import write_atomically
from samverkan.external import pandoc
from samverkan.external.browser import Browser, ChromiumMissing, PrintFailed, PrintJob
from samverkan.site.context import SiteContext
from samverkan.site.document import banner, state_label
from samverkan.transfer.running_lines import PAGE_NUMBERS, running_line

FORMATS = ("pdf", "docx", "html")
READER = "markdown-citations-smart-tex_math_dollars-tex_math_single_backslash-raw_tex-yaml_metadata_block-subscript-superscript-implicit_figures"
"""Pandoc's Markdown narrowed to what the site's Python-Markdown understands the same way."""
PARTS_ALL = "Alla parter i länet"
EXPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
"""The exported page is self-contained: no script at all, images only as the data URIs made here."""
Failure = pandoc.PandocFailed | PrintFailed | ChromiumMissing
"""Why one copy could not be made: a value, so that the other copies of a batch are still made."""


# --- what the header block and the markers say --------------------------------------------------------


def _unusable_state(doc: m.Document, today: dt.date, window_days: int) -> str | None:
    """Why a printed copy must not be taken for the rule in force, or None when it may."""
    if doc.status is m.Status.WITHDRAWN:
        return "withdrawn"
    if doc.status is m.Status.DRAFT:
        return "draft"
    return "expired" if doc.validity(today, window_days).is_expired else None


def marker(doc: m.Document, today: dt.date, window_days: int = 90) -> str | None:
    """The warning printed on every page, or None for a document in force."""
    state = _unusable_state(doc, today, window_days)
    return {
        "withdrawn": "Upphävt – dokumentet gäller inte längre",
        "draft": "Utkast – ännu inte fastställt",
        "expired": f"Giltighetstiden har gått ut – gällde t.o.m. {doc.valid_until.isoformat()}",
        None: None,
    }[state]


def watermark(doc: m.Document, today: dt.date, window_days: int = 90) -> str | None:
    """The one word across every page of such a copy."""
    return {"withdrawn": "UPPHÄVT", "draft": "UTKAST", "expired": "UTGÅNGET", None: None}[_unusable_state(doc, today, window_days)]


SUPERSEDED_MARKER = "Äldre revision – inte den gällande versionen"


def superseded_by(doc: m.Document, corpus: m.Corpus) -> int | None:
    """The revision of the corpus's document when ``doc`` is an older revision of it (read from git), else None."""
    current = corpus.documents_by_id.get(doc.id)
    return current.revision if current is not None and current.revision > doc.revision else None


def appendix(doc: m.Document, corpus: m.Corpus) -> str:
    """References and roles after the text, as on the site but readable on paper (full titles, plain URLs)."""
    parts = []
    if doc.references:
        items = []
        for ref in doc.references:
            if isinstance(ref, m.LawRef):
                law = corpus.laws_by_sfs.get(ref.sfs)
                title = (law.title if law else f"SFS {ref.sfs}") + (f" {ref.provision}" if ref.provision else "")
                repealed = f" (upphävd {law.repealed.date.isoformat()})" if law and law.repealed else ""
                items.append(f"- {_text(title + repealed)}" + (f": {_url(law.url)}" if law else ""))
            elif isinstance(ref, m.DocumentRef):
                target = corpus.documents_by_id.get(ref.id)
                items.append(f"- {_text(target.title)} ({_text(ref.id)})" if target else f"- {_text(ref.id)}")
            else:
                items.append(f"- {_text(ref.title)}: {_url(ref.url)}")
        parts.append("## Referenser\n\n" + "\n".join(items) + "\n")
    roles = [corpus.roles_by_id[r].name for r in doc.roles if r in corpus.roles_by_id]
    if roles:
        parts.append("## Roller i dokumentet\n\n" + "\n".join(f"- {_text(name)}" for name in roles) + "\n")
    return "\n".join(parts)


def header_fields(doc: m.Document, corpus: m.Corpus, ctx: SiteContext) -> list[tuple[str, str]]:
    """The header block as (label, plain text), with the labels the site's document panel uses."""
    def name(table: dict, key: str | None) -> str:
        item = table.get(key or "")
        return item.name if item else (key or "")

    status = doc.status.label.capitalize()
    newer = superseded_by(doc, corpus)
    if newer:
        status = f"{status} – ersatt av revision {newer}"
    elif doc.status.is_in_force:
        status = f"{status} – {state_label(doc, ctx).lower()}"
    fields = [
        ("Dokument-id", doc.id),
        ("Dokumenttyp", doc.type.label.capitalize()),
        ("Revision", str(doc.revision)),
        ("Status", status),
        ("Giltigt fr.o.m.", doc.valid_from.isoformat()),
        ("Giltigt t.o.m.", doc.valid_until.isoformat()),
    ]
    if doc.approved_by:
        fields.append(("Fastställt av", name(corpus.forums_by_id, doc.approved_by)))
    if doc.decision:
        fields.append(("Beslut", f"{doc.decision.date.isoformat()}, {doc.decision.reference}"))
    fields.append(("Dokumentägare", f"{name(corpus.roles_by_id, doc.owner.role)}, {doc.owner.contact}"))
    if len(corpus.parties) > 2 and set(doc.applies_to) >= set(corpus.parties_by_id):
        fields.append(("Gäller för", PARTS_ALL))
    else:
        fields.append(("Gäller för", ", ".join(name(corpus.parties_by_id, p) for p in doc.applies_to)))
    if doc.authors:
        fields.append(("Upprättat av", ", ".join(a.name + (f" ({a.title})" if a.title else "") for a in doc.authors)))
    if doc.case_number:
        fields.append(("Diarienummer", doc.case_number))
    return fields


def history_rows(doc: m.Document) -> list[tuple[str, str, str]]:
    return [
        (str(e.revision), e.date.isoformat(), e.summary + (" (redaktionell ändring)" if e.editorial else ""))
        for e in sorted(doc.changelog, key=lambda e: e.revision, reverse=True)
    ]


# --- HTML for print ---------------------------------------------------------------------------------------

PRINT_CSS = """
@page { size: A4; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #1a1a1a; }
body { margin: 0; }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 6pt; color: #1f3864; }
h2 { font-size: 14pt; margin: 16pt 0 4pt; color: #1f3864; break-after: avoid; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; break-after: avoid; }
h4, h5, h6 { font-size: 10.5pt; margin: 10pt 0 4pt; break-after: avoid; }
p, li { orphans: 3; widows: 3; }
a { color: #1f3864; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; }
th, td { border: 0.6pt solid #8a8a8a; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #eef1f6; }
tr { break-inside: avoid; }
img { max-width: 100%; }
.sv-kind { margin: 0; font-size: 9pt; text-transform: uppercase; letter-spacing: 0.08em; color: #555; }
table.sv-meta { width: auto; min-width: 60%; font-size: 9.5pt; }
table.sv-meta th { width: 9em; white-space: nowrap; }
.admonition { border-left: 4pt solid #c77700; background: #fff6e5; padding: 4pt 8pt; margin: 8pt 0; }
.admonition.danger { border-color: #b00020; background: #fdecee; }
.admonition.info { border-color: #1f5fa8; background: #eaf2fb; }
.admonition-title { font-weight: bold; margin: 0 0 2pt; }
.admonition p { margin: 2pt 0; }
.sv-watermark { position: fixed; top: 42%; left: 0; right: 0; text-align: center; font-size: 64pt; font-weight: bold;
  color: rgba(176, 0, 32, 0.10); transform: rotate(-30deg); z-index: -1; pointer-events: none; }
.sv-history td:nth-child(-n+2), .sv-history th:nth-child(-n+2) { white-space: nowrap; width: 1%; }
section.footnotes, .footnotes { font-size: 9pt; }
"""

def _text(value: str) -> str:
    """Metadata as plain text in pandoc's Markdown: one line, its markup characters escaped."""
    return re.sub(r"([\\`*_\[\]<>{}#!|~^$&@])", r"\\\1", " ".join(value.split()))


def _url(url: str) -> str:
    """An autolink when the URL is one the HTML policy allows, else the address as plain text."""
    return f"<{url}>" if url_allowed(url) and not re.search(r"[\s<>]", url) else _text(url)


def safe_links(node: object) -> None:
    """Links and images whose URL the HTML policy forbids keep their text only (Word keeps no raw HTML)."""
    if isinstance(node, list):
        for child in node:
            safe_links(child)
    elif isinstance(node, dict):
        if node.get("t") in ("Link", "Image") and not url_allowed(node["c"][2][0]):
            node["t"], node["c"] = "Span", node["c"][:2]
        safe_links(node.get("c"))


def _data_uri(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _local_image(src: str, folder: Path, root: Path) -> Path | None:
    """The file a relative image address names, when it lies inside the content folder; else None."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.IGNORECASE) or src.startswith("/"):
        return None
    target = (folder / src).resolve()
    return target if target.is_file() and target.is_relative_to(root.resolve()) else None


def _inline_images(fragment: str, folder: Path, root: Path) -> str:
    """Relative images become data URIs, so that the page needs no file access and no network."""

    def replace(match: re.Match[str]) -> str:
        target = _local_image(html.unescape(match.group(2)), folder, root)
        return f'{match.group(1)}"{_data_uri(target)}"' if target else match.group(0)

    return re.sub(r'(<img\b[^>]*?\bsrc=)"([^"]*)"', replace, fragment)


def _images(node: object) -> Iterator[str]:
    """The address of every image in a syntax tree."""
    if isinstance(node, list):
        for child in node:
            yield from _images(child)
    elif isinstance(node, dict):
        if node.get("t") == "Image":
            yield node["c"][2][0]
        yield from _images(node.get("c"))


# --- the exporter -----------------------------------------------------------------------------------------


class Exporter:
    """Exports documents of one corpus; reuses one browser for every PDF.

    ``with Exporter(corpus, today, root=root) as exporter: exporter.pdf(doc)``
    """

    def __init__(
        self,
        corpus: m.Corpus,
        today: dt.date,
        *,
        root: Path | None = None,
        window_days: int = 90,
        browser: Browser | None = None,
    ) -> None:
        self.corpus = corpus
        self.today = today
        self.root = root or Path(".")
        self.ctx = SiteContext(today=today, window_days=window_days)
        self._browser = browser
        self._own_browser = browser is None
        self._tmp: Path | None = None
        self._reference: Path | None = None
        self._reference_bytes = b""
        self._starting = threading.Lock()
        self._no_browser: ChromiumMissing | None = None

    # -- lifecycle --

    def __enter__(self) -> Exporter:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        with self._starting:  # a browser still starting in another thread is closed once it has
            if self._browser is not None and self._own_browser:
                self._browser.close()
                self._browser = None
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
            self._reference = None

    def _workdir(self) -> Path:
        if self._tmp is None:
            self._tmp = Path(tempfile.mkdtemp(prefix="samverkan-export-"))
        return self._tmp

    # -- shared pieces --

    def _folder(self, doc: m.Document) -> Path:
        return (self.root / doc.source.path).parent

    def _source(self, doc: m.Document) -> pandoc.Conversion:
        # As on the site: a link to a file the site does not publish keeps its text only.
        body = without_dead_links(doc.source.path, doc.body, self.corpus.refused_files)
        return pandoc.Conversion(body.rstrip() + "\n\n" + appendix(doc, self.corpus), READER, "json")

    def marker(self, doc: m.Document) -> str | None:
        return SUPERSEDED_MARKER if superseded_by(doc, self.corpus) else marker(doc, self.today, self.ctx.window_days)

    # -- HTML and PDF --

    def html(self, doc: m.Document) -> str:
        """A complete, self-contained HTML page of the document with its print stylesheet."""
        return self.render(doc, "html").decode("utf-8")

    def _page(self, doc: m.Document, body_html: str) -> str:
        # The allow-list first, then the document's own images as data URIs (which it would refuse).
        fragment = _inline_images(clean(body_html), self._folder(doc), self.root)
        rows = "".join(
            f"<tr><th scope=\"row\">{html.escape(label)}</th><td>{html.escape(value)}</td></tr>\n"
            for label, value in header_fields(doc, self.corpus, self.ctx)
        )
        history = "".join(
            f"<tr><td>{html.escape(r)}</td><td>{html.escape(d)}</td><td>{html.escape(s)}</td></tr>\n"
            for r, d, s in history_rows(doc)
        )
        newer = superseded_by(doc, self.corpus)
        mark = "ÄLDRE VERSION" if newer else watermark(doc, self.today, self.ctx.window_days)
        water = f'<div class="sv-watermark" aria-hidden="true">{mark}</div>\n' if mark else ""
        notice = (
            f'<div class="admonition danger sv-banner" role="note">\n<p class="admonition-title">{SUPERSEDED_MARKER}</p>\n'
            f"<p>Revision {doc.revision} har ersatts av revision {newer}. Den gällande versionen finns på samverkanswebben.</p>\n</div>\n"
            if newer
            else banner(doc, self.ctx)
        )
        return (
            "<!DOCTYPE html>\n"
            '<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{EXPORT_CSP}">\n'
            f"<title>{html.escape(doc.title)} ({html.escape(doc.id)})</title>\n"
            f"<style>{PRINT_CSS}</style>\n</head>\n<body>\n"
            f"{water}"
            '<header class="sv-head">\n'
            f'<p class="sv-kind">{html.escape(doc.type.label.capitalize())}</p>\n'
            f"<h1>{html.escape(doc.title)}</h1>\n"
            f"{notice}"
            f'<table class="sv-meta">\n<caption hidden>Dokumentuppgifter</caption>\n{rows}</table>\n'
            "</header>\n"
            f'<main class="sv-body">\n{fragment}\n</main>\n'
            '<section class="sv-history">\n<h2>Revisionshistorik</h2>\n'
            "<table>\n<thead><tr><th>Revision</th><th>Datum</th><th>Ändring</th></tr></thead>\n"
            f"<tbody>\n{history}</tbody>\n</table>\n</section>\n"
            "</body>\n</html>\n"
        )

    def print_templates(self, doc: m.Document) -> tuple[str, str]:
        """Chromium's running header and footer: title, id, revision, the marker; page numbers."""
        mark = self.marker(doc)
        title = f"{html.escape(doc.id)} · revision {doc.revision} · {html.escape(doc.title)}"
        if mark:
            header = running_line(title, html.escape(mark), " color: #b00020; font-weight: bold;")
        else:
            header = running_line(title, f"Giltigt t.o.m. {doc.valid_until.isoformat()}")
        footer = running_line(
            f"Skapad {self.today.isoformat()} från samverkanswebben – kontrollera att det är den gällande versionen.", PAGE_NUMBERS
        )
        return header, footer

    def browser(self) -> Browser:
        """The one browser, started on first use; several threads may ask at once. A failed start is not retried."""
        with self._starting:
            if self._no_browser is not None:
                raise self._no_browser
            if self._browser is None:
                self._browser = Browser()
            try:
                return self._browser.start()
            except ChromiumMissing as exc:
                self._no_browser = exc
                raise

    def pdf(self, doc: m.Document) -> bytes:
        return self.render(doc, "pdf")

    # -- DOCX --

    def reference(self) -> Path:
        if self._reference is None:
            self._reference = reference_docx(self._workdir() / "reference.docx")
            self._reference_bytes = self._reference.read_bytes()
        return self._reference

    def docx(self, doc: m.Document) -> bytes:
        return self.render(doc, "docx")

    def _docx_source(self, doc: m.Document, body: dict) -> pandoc.Conversion:
        blocks: list[dict] = []
        rows = [[[pandoc.plain([pandoc.strong(label)])], [pandoc.plain(value)]] for label, value in header_fields(doc, self.corpus, self.ctx)]
        blocks.append(pandoc.table(rows, widths=[0.28, 0.72]))
        for block in body["blocks"]:
            if block.get("t") == "Header":  # a level up: the title is the page header's; the body is shared with the PDF
                block = {"t": "Header", "c": [max(1, block["c"][0] - 1), *block["c"][1:]]}
            blocks.append(block)
        blocks.append(pandoc.header(1, "Revisionshistorik"))
        blocks.append(
            pandoc.table(
                [[[pandoc.plain(r)], [pandoc.plain(d)], [pandoc.plain(s)]] for r, d, s in history_rows(doc)],
                head=[[pandoc.plain("Revision")], [pandoc.plain("Datum")], [pandoc.plain("Ändring")]],
                widths=[0.14, 0.18, 0.68],
            )
        )
        ast = pandoc.document(blocks, body["pandoc-api-version"], {"title": pandoc.meta_inlines(doc.title), "lang": {"t": "MetaString", "c": "sv-SE"}})
        self.reference()
        # Pandoc reads no file but these: the reference document and the document's own images.
        files = {"reference.docx": self._reference_bytes}
        for src in _images(body["blocks"]):
            image = _local_image(src, self._folder(doc), self.root)
            if image is not None:
                files[src] = image.read_bytes()
        return pandoc.Conversion(json.dumps(ast, ensure_ascii=False), "json", "docx", {"reference-doc": "reference.docx"}, files)

    # -- files --

    def render(self, doc: m.Document, fmt: str) -> bytes:
        (made,) = self.render_many([(doc, fmt)])
        if isinstance(made, Exception):
            raise made
        return made

    def render_many(self, jobs: Sequence[tuple[m.Document, str]]) -> list[bytes | Failure]:
        """Each (document, format) as a file, or why it could not be made, in the same order.

        One pandoc process reads every text, one more writes every HTML body and Word file,
        and one browser prints the PDFs several at once; each document's PDF and Word copy
        share the reading of its text. A document that fails costs its own copies only.
        """
        return [made.result() if isinstance(made, Future) else made for made in self.start_many(jobs)]

    def start_many(self, jobs: Sequence[tuple[m.Document, str]]) -> list[bytes | Failure | Future[bytes | PrintFailed]]:
        """As :meth:`render_many`, but each PDF is a future of the browser's: this returns as soon as
        pandoc is done, so that the caller can have pandoc read the next documents while Chromium prints."""
        for _, fmt in jobs:
            if fmt not in FORMATS:
                raise ValueError(f"okänt format: {fmt}")
        docs = list({id(doc): doc for doc, _ in jobs}.values())
        read = pandoc.convert_many([self._source(doc) for doc in docs])
        bodies: dict[int, dict | Failure] = {}
        for doc, made in zip(docs, read):
            if isinstance(made, Exception):
                bodies[id(doc)] = made
            else:
                bodies[id(doc)] = body = json.loads(made)
                safe_links(body["blocks"])
        results: list[bytes | Failure | Future[bytes | PrintFailed] | None] = [None] * len(jobs)
        writing: list[int] = []
        conversions: list[pandoc.Conversion] = []
        for n, (doc, fmt) in enumerate(jobs):
            body = bodies[id(doc)]
            if isinstance(body, Exception):
                results[n] = body
                continue
            writing.append(n)
            if fmt == "docx":
                conversions.append(self._docx_source(doc, body))
            else:
                conversions.append(pandoc.Conversion(json.dumps(body, ensure_ascii=False), "json", "html5", {"wrap": "none"}))
        for n, made in zip(writing, pandoc.convert_many(conversions)):
            doc, fmt = jobs[n]
            if isinstance(made, Exception):
                results[n] = made
            elif fmt == "docx":
                results[n] = _page_header(made, doc, self.marker(doc), self.today)
            elif fmt == "html":
                results[n] = self._page(doc, made.decode("utf-8")).encode("utf-8")
            else:
                job = PrintJob(self._page(doc, made.decode("utf-8")), *self.print_templates(doc))
                try:
                    results[n] = self.browser().submit(job)
                except ChromiumMissing as exc:
                    results[n] = exc
        return results  # type: ignore[return-value]

    def write(self, doc: m.Document, fmt: str, path: Path) -> Path:
        write_atomically(path, self.render(doc, fmt))
        return path

    def downloads(self, doc: m.Document, out_dir: Path, formats: Sequence[str] = ("pdf", "docx")) -> list[Path]:
        """``<id>.pdf`` and ``<id>.docx`` in ``out_dir`` (for 'Ladda ner som PDF / Word')."""
        return [self.write(doc, fmt, out_dir / f"{doc.id}.{fmt}") for fmt in formats]


def render_downloads(
    doc: m.Document,
    corpus: m.Corpus,
    today: dt.date,
    out_dir: Path,
    *,
    root: Path | None = None,
    exporter: Exporter | None = None,
) -> list[Path]:
    """Write ``<id>.pdf`` and ``<id>.docx`` for one document; pass ``exporter`` to reuse its browser."""
    if exporter is not None:
        return exporter.downloads(doc, out_dir)
    with Exporter(corpus, today, root=root) as own:
        return own.downloads(doc, out_dir)


# --- Word ------------------------------------------------------------------------------------------------

NAVY = "1F3864"


def reference_docx(path: Path) -> Path:
    """Pandoc's reference document restyled with python-docx: A4, calm fonts, bordered tables."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = docx.Document(io.BytesIO(pandoc.run(["--print-default-data-file", "reference.docx"])))
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    styles = document.styles
    sizes = {"Normal": 10.5, "Body Text": 10.5, "First Paragraph": 10.5, "Compact": 10.5, "Title": 22,
             "Heading 1": 15, "Heading 2": 12.5, "Heading 3": 11, "Heading 4": 10.5}
    for name, size in sizes.items():
        try:
            style = styles[name]
        except KeyError:
            continue
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        if name.startswith(("Heading", "Title")):
            style.font.color.rgb = RGBColor.from_string(NAVY)
            style.font.bold = True
    for style in styles:
        if style.type == WD_STYLE_TYPE.TABLE and style.name == "Table":
            pr = style.element.find(qn("w:tblPr"))
            if pr is None:
                pr = OxmlElement("w:tblPr")
                style.element.append(pr)
            for old in pr.findall(qn("w:tblBorders")):
                pr.remove(old)
            borders = OxmlElement("w:tblBorders")
            for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
                line = OxmlElement(f"w:{edge}")
                line.set(qn("w:val"), "single")
                line.set(qn("w:sz"), "4")
                line.set(qn("w:space"), "0")
                line.set(qn("w:color"), "8A8A8A")
                borders.append(line)
            later = [pr.find(qn(f"w:{tag}")) for tag in ("shd", "tblLayout", "tblCellMar", "tblLook")]
            following = next((element for element in later if element is not None), None)
            if following is not None:  # the schema fixes the order of tblPr's children
                following.addprevious(borders)
            else:
                pr.append(borders)
    document.save(str(path))
    return path


def _page_header(data: bytes, doc: m.Document, mark: str | None, today: dt.date) -> bytes:
    """Title, id and revision in the page header, the marker below them; page numbers in the footer."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    document = docx.Document(io.BytesIO(data))

    def field(paragraph, code: str) -> None:  # type: ignore[no-untyped-def]
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), code)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        simple.append(run)
        paragraph._p.append(simple)

    for section in document.sections:
        section.header.is_linked_to_previous = False
        head = section.header.paragraphs[0]
        head.text = ""
        run = head.add_run(f"{doc.title}\tDokument-id: {doc.id} · Revision: {doc.revision}")
        run.font.size = Pt(8)
        if mark:
            line = section.header.add_paragraph()
            warning = line.add_run(mark.upper())
            warning.bold = True
            warning.font.size = Pt(10)
            warning.font.color.rgb = RGBColor.from_string("B00020")
        foot = section.footer.paragraphs[0]
        foot.text = ""
        note = foot.add_run(f"Skapad {today.isoformat()} från samverkanswebben\tSida ")
        note.font.size = Pt(8)
        field(foot, "PAGE")
        foot.add_run(" av ").font.size = Pt(8)
        field(foot, "NUMPAGES")
    # Pandoc's server knows no clock (it leaves 1970): the copy is dated by the day it was made for.
    made = dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
    document.core_properties.created = document.core_properties.modified = made
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
