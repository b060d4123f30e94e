"""Read a Word file (.docx) into the neutral :class:`~.source.Source`.

Pandoc reads the body; headers, footers and properties, which pandoc skips, are read here
straight from the zip package, after its sizes have been checked.
"""

from __future__ import annotations

import hashlib
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from samverkan.external import pandoc
from samverkan.transfer.importing.source import Margin, Source, SourceFormat
from samverkan.transfer.importing.values import WHERE_FOOTER, WHERE_HEADER, ImportFailed

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_CORE = {
    "title": "{http://purl.org/dc/elements/1.1/}title",
    "subject": "{http://purl.org/dc/elements/1.1/}subject",
    "creator": "{http://purl.org/dc/elements/1.1/}creator",
    "keywords": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords",
    "category": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}category",
    "description": "{http://purl.org/dc/elements/1.1/}description",
}


def _run_text(element: ET.Element, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == _W + "t":
            out.append(child.text or "")
        elif tag == _W + "tab":
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            out.append("\n")
        elif tag in (_W + "instrText", _W + "delText", _W + "txbxContent", _MC_FALLBACK, _W + "tbl", _W + "p"):
            continue
        else:
            _run_text(child, out)


def _paragraph_text(p: ET.Element) -> str:
    out: list[str] = []
    _run_text(p, out)
    return "".join(out)


def _story_rows(xml: bytes) -> list[list[str]]:
    """Rows of a header or footer: each paragraph split at tabs, each table row as its cells."""
    root = ET.fromstring(xml)
    rows: list[list[str]] = []

    def walk(element: ET.Element) -> None:
        for child in element:
            if child.tag == _W + "tbl":
                for tr in child.iter(_W + "tr"):
                    cells = []
                    for tc in tr.findall(_W + "tc"):
                        cells.append("\n".join(_paragraph_text(p).strip() for p in tc.iter(_W + "p")).strip())
                    if any(cells):
                        rows.append(cells)
            elif child.tag == _W + "p":
                text = _paragraph_text(child)
                for line in text.split("\n"):
                    cells = [c.strip() for c in re.split(r"\t+", line) if c.strip()]
                    if cells:
                        rows.append(cells)
                for box in child.iter(_W + "txbxContent"):
                    walk(box)
            elif child.tag == _MC_FALLBACK:
                continue
            else:
                walk(child)

    walk(root)
    return rows


MAX_PART_BYTES = 64 * 1024 * 1024
"""Largest unpacked part (document.xml, a header, an image): the text of a thousand-page
document takes a few megabytes of XML, so more than this is a damaged file or a zip bomb."""
MAX_TOTAL_BYTES = 256 * 1024 * 1024
"""Largest unpacked Word file, images included."""
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_sizes(archive: zipfile.ZipFile) -> None:
    """Refuse a file that would unpack to more than the limits, before anything is unpacked."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > MAX_PART_BYTES:
            raise ImportFailed(
                f"filen är för stor uppackad: {info.filename} blir {info.file_size // (1024 * 1024)} MB "
                f"(gränsen är {MAX_PART_BYTES // (1024 * 1024)} MB per del); den kan vara skadad eller skapad för att "
                "fylla minnet. Öppna den i Word och spara om den, eller dela upp den"
            )
    if total > MAX_TOTAL_BYTES:
        raise ImportFailed(
            f"filen är för stor uppackad: {total // (1024 * 1024)} MB (gränsen är {MAX_TOTAL_BYTES // (1024 * 1024)} MB); "
            "den kan vara skadad eller skapad för att fylla minnet. Öppna den i Word och spara om den, eller dela upp den"
        )


def read(path: Path, data: bytes) -> Source:
    """The Word file at ``path`` (whose bytes are ``data``) as the neutral structure."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        if data[:8] == OLE_MAGIC:
            raise ImportFailed(
                "filen är inget .docx-dokument utan en äldre Word-fil eller ett lösenordsskyddat dokument; "
                "öppna den i Word, ta bort eventuellt lösenord och spara som Word-dokument (.docx)"
            ) from exc
        raise ImportFailed("filen är ingen Word-fil (.docx) eller är skadad: den går inte att öppna som zip-arkiv") from exc
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise ImportFailed("filen är ett zip-arkiv men inget Word-dokument (word/document.xml saknas)")
        check_sizes(archive)
        margins: list[Margin] = []
        for name in sorted(names):
            m = re.fullmatch(r"word/(header|footer)\d*\.xml", name)
            if not m:
                continue
            try:
                rows = _story_rows(archive.read(name))
            except ET.ParseError as exc:
                raise ImportFailed(f"{name} i Word-filen är skadad: {exc}") from exc
            margins.append(Margin(WHERE_HEADER if m.group(1) == "header" else WHERE_FOOTER, tuple(tuple(r) for r in rows)))
        core: dict[str, str] = {}
        unreadable: list[str] = []
        if "docProps/core.xml" in names:
            try:
                root = ET.fromstring(archive.read("docProps/core.xml"))
                for key, tag in _CORE.items():
                    element = root.find(tag)
                    if element is not None and (element.text or "").strip():
                        core[key] = element.text.strip()
            except ET.ParseError:
                unreadable.append("dokumentegenskaperna (docProps/core.xml) gick inte att läsa och användes inte")
        custom: list[tuple[str, str]] = []
        if "docProps/custom.xml" in names:
            try:
                root = ET.fromstring(archive.read("docProps/custom.xml"))
                for prop in root:
                    name_ = prop.get("name") or ""
                    value = "".join(t for t in (c.text for c in prop) if t).strip()
                    if name_ and value:
                        custom.append((name_, value))
            except ET.ParseError:
                unreadable.append("de egna dokumentegenskaperna (docProps/custom.xml) gick inte att läsa och användes inte")
        media = {name.removeprefix("word/"): archive.read(name) for name in names if name.startswith("word/media/")}
    try:
        ast = pandoc.to_ast(path, "docx+styles")
    except pandoc.PandocFailed as exc:
        raise ImportFailed(f"pandoc kunde inte läsa Word-filen: {exc}") from exc
    styled = {key: text for key in ("title", "subtitle", "author", "date") if (text := pandoc.meta_text(ast, key))}
    abstract = ast.get("meta", {}).get("abstract")
    return Source(
        name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        format=SourceFormat.DOCX,
        blocks=tuple(ast.get("blocks", [])),
        api_version=tuple(ast.get("pandoc-api-version", [])),
        margins=tuple(margins),
        styled=styled,
        abstract=tuple(abstract["c"]) if abstract and abstract.get("t") == "MetaBlocks" else (),
        core=core,
        custom=tuple(custom),
        media=media,
        notes=tuple(unreadable),
    )
