"""Import a legacy Word document: its metadata into front matter, its text into clean Markdown.

Swedish regional document systems print a document's metadata in many places: a table at
the top, label lines ("Giltigt t.o.m.: 2025-12-31"), the page header or footer, or only the
Word properties. :func:`read_docx` looks in all of them, keeps what it can map to a
front-matter field (with where it stood), and removes the consumed lines and tables from
the text. It never invents: a field it cannot find stays absent and is reported missing.

Pure apart from reading the given file: nothing here writes files or reads the clock.
:func:`plan` turns what was read into a document (front matter + body) for a content tree
described by a :class:`Catalog`; the CLI adapter decides where to write it.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import posixpath
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from samverkan.core.slugs import slugify
from samverkan.external import pandoc

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schema/document.schema.json"
DEFAULT_FOLDER = "importerade"
"""Documents imported without --area land in routines/importerade/ for the owner to sort."""
DEFAULT_AREA = "samverkansstruktur"
"""The area written when none is given: the broadest of the schema's areas (collaboration structure)."""
ID_PREFIX = "IMP-"
"""New ids for documents that bring none: IMP-001, IMP-002 … after the highest IMP- id in routines/."""
MEDIA_PLACEHOLDER = "samverkan-import-media-7f3a/"
"""Stands for the document's own image folder in the body until the target path is known."""
WEB_IMAGES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"})

WHERE_HEADER = "sidhuvud"
WHERE_FOOTER = "sidfot"
WHERE_TABLE = "tabell"
WHERE_BODY = "brödtext"
WHERE_PROPERTIES = "dokumentegenskaper"
_PRIORITY = {WHERE_HEADER: 0, WHERE_FOOTER: 1, WHERE_TABLE: 2, WHERE_BODY: 3, WHERE_PROPERTIES: 4}
"""Which source wins when two disagree: the page header is what the document system prints."""

FIELD_ORDER = (
    "id", "title", "type", "revision", "status", "valid_from", "valid_until", "owner", "approved_by",
    "decision", "case_number", "authors", "applies_to", "areas", "roles", "references", "keywords",
    "audience", "review_interval_months", "changelog",
)
REQUIRED = ("id", "title", "type", "revision", "status", "valid_from", "valid_until", "owner", "applies_to", "areas", "changelog")
OPTIONAL_REPORTED = ("approved_by", "decision", "authors", "case_number")
"""Optional fields a Word document usually states; reported when not found."""

DOC_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
EMAIL = re.compile(r"[^@\s<>()\[\],;:]+@[^@\s<>()\[\],;:]+\.[A-Za-z]{2,}")

TYPE_WORDS = (
    ("uppdragsbeskrivning", "assignment"),
    ("överenskommelse", "agreement"),
    ("styrdokument", "steering"),
    ("riktlinje", "guideline"),
    ("rutin", "routine"),
)
"""Swedish words for the document types, longest first; a title starting with one gives the type."""


class ImportFailed(Exception):
    """The file cannot be imported (not a Word file, damaged, password protected …); Swedish message."""


# --- labels -------------------------------------------------------------------------------------

LABELS: dict[str, tuple[str, ...]] = {
    "id": ("Dokument-ID", "Dokument ID", "DokumentID", "Dokumentnummer", "Dokumentnr", "Dok.-nr", "Dok.nr", "Dok-nr",
           "Dok.id", "Dok-ID", "ID-nummer", "Id-nr"),
    "title": ("Dokumentnamn", "Dokumenttitel", "Dokumentets namn", "Titel"),
    "valid_from": ("Giltigt fr.o.m.", "Giltig fr.o.m.", "Gäller fr.o.m.", "Giltigt från och med", "Giltig från och med",
                   "Gäller från och med", "Giltigt från", "Giltig från", "Gäller från", "Träder i kraft", "Ikraftträdande"),
    "valid_until": ("Giltigt t.o.m.", "Giltig t.o.m.", "Gäller t.o.m.", "Giltigt till och med", "Giltig till och med",
                    "Gäller till och med", "Giltigt till", "Giltig till", "Gäller till", "Upphör att gälla"),
    "validity": ("Giltighetstid", "Giltighetsperiod", "Giltighet"),
    "revision": ("Revisionsnummer", "Revisionsnr", "Revision", "Rev.nr", "Rev.", "Versionsnummer", "Versionsnr", "Version",
                 "Utgåva"),
    "approved_by": ("Fastställd av", "Fastställt av", "Fastställare", "Beslutad av", "Beslutat av", "Godkänd av",
                    "Godkänt av", "Beslutsfattare", "Beslutsinstans"),
    "decision": ("Beslutsdatum", "Fastställelsedatum", "Datum för fastställande", "Datum för beslut", "Beslutat",
                 "Beslutad", "Fastställd", "Fastställt", "Beslut"),
    "authors": ("Upprättad av", "Upprättat av", "Upprättare", "Författare", "Framtagen av", "Framtaget av",
                "Utarbetad av", "Utarbetat av"),
    "owner": ("Dokumentägare", "Dokumentansvarig", "Innehållsansvarig", "Ägare"),
    "case_number": ("Diarienummer", "Diarienr", "Dnr", "Ärendenummer", "Ärendenr"),
    "type": ("Dokumenttyp", "Dokumentslag", "Dokumentkategori", "Typ av dokument"),
    "applies_to": ("Gäller för", "Giltigt för", "Giltig för", "Berörda parter"),
    "keywords": ("Sökord", "Nyckelord"),
    "audience": ("Målgrupper", "Målgrupp"),
    "status": ("Dokumentstatus", "Status"),
}
STRONG = frozenset({"id", "valid_from", "valid_until", "validity", "revision", "decision"})
"""Fields whose values have a shape of their own (a date, a number, an id): safe to take anywhere."""
PREFIX_FORM = frozenset({"id", "valid_from", "valid_until", "validity", "revision", "decision", "approved_by"})
"""Fields also recognised without a colon ("Beslutat presidiekonferensen 180216"), when the value fits."""

HISTORY_HEADINGS = frozenset({"revisionshistorik", "versionshistorik", "ändringshistorik", "dokumenthistorik", "historik"})
METADATA_HEADINGS = frozenset({"dokumentinformation", "dokumentuppgifter", "information om dokumentet", "om dokumentet",
                               "dokumentdata", "uppgifter om dokumentet"}) | HISTORY_HEADINGS
TOC_HEADINGS = frozenset({"innehåll", "innehållsförteckning", "contents", "table of contents"})

CHANGELOG_COLUMNS = {
    "revision": ("revision", "rev", "version", "versionsnummer", "revisionsnummer", "revisionsnr", "versionsnr", "nr", "utgåva"),
    "date": ("datum", "date", "beslutsdatum", "ändringsdatum", "fastställd", "fastställelsedatum"),
    "summary": ("ändring", "ändringar", "beskrivning", "kommentar", "förändring", "ändringen avser", "vad som ändrats",
                "beskrivning av ändring", "beskrivning av ändringen", "ändringar i dokumentet", "ändringsbeskrivning"),
}


def _alias_pattern(alias: str) -> str:
    out = []
    for ch in alias:
        if ch == ".":
            out.append(r"\.?\s*")
        elif ch == " ":
            out.append(r"[\s\u00a0]*")
        elif ch == "-":
            out.append(r"[-\u2010\u2011\u2013]?\s*")
        else:
            out.append(re.escape(ch))
    return "".join(out)


_ALIASES = sorted(((alias, key) for key, aliases in LABELS.items() for alias in aliases), key=lambda a: -len(a[0]))
_LABEL_AT_START = re.compile(
    r"^[\s\u00a0]*(?P<label>" + "|".join(_alias_pattern(a) for a, _ in _ALIASES) + r")(?P<sep>[\s\u00a0]*[:：][\s\u00a0]*|[\s\u00a0]+|$)",
    re.IGNORECASE,
)
_LABEL_INSIDE = re.compile(
    r"(?:(?<=\t)|(?<=\s\s)|(?<=[|·•;,])\s*|(?<=\s))(?P<label>" + "|".join(_alias_pattern(a) for a, _ in _ALIASES) + r")[\s\u00a0]*[:：]",
    re.IGNORECASE,
)


def normalise(text: str) -> str:
    """Label text compared loosely: case, dots, colons, dashes and spaces do not matter."""
    text = unicodedata.normalize("NFC", text).casefold().replace("\u00a0", " ")
    text = re.sub(r"[.:：\-\u2010\u2011\u2013]", "", text)
    return re.sub(r"\s+", "", text)


_NORMALISED = {normalise(alias): key for alias, key in _ALIASES}


def label_field(text: str) -> str | None:
    """The field a text stands for when the whole text is a label ("Giltigt t.o.m.:"), else None."""
    return _NORMALISED.get(normalise(text))


# --- values ---------------------------------------------------------------------------------------

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4, "maj": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_DATE_PATTERNS = (
    re.compile(r"(?<![\d])(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d])"),
    re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?![\d-])"),
    re.compile(r"(?<![\d-])(?P<yy>\d{2})(?P<m>\d{2})(?P<d>\d{2})(?![\d-])"),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:\s*:e|\s*:a)?\s+(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(?P<y>(?:19|20)\d{2})(?!\d)",
               re.IGNORECASE),
)


def find_dates(text: str) -> list[tuple[dt.date, int, int]]:
    """Every date in ``text`` as (date, start, end): 2024-04-19, 20240419, 240419 or 19 april 2024."""
    found: list[tuple[dt.date, int, int]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            parts = m.groupdict()
            year = int(parts["y"]) if parts.get("y") else 2000 + int(parts["yy"])
            month = MONTHS[parts["month"].casefold()] if parts.get("month") else int(parts["m"])
            try:
                day = dt.date(year, month, int(parts["d"]))
            except ValueError:
                continue
            found.append((day, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda f: f[1])


def parse_date(text: str) -> dt.date | None:
    dates = find_dates(text)
    return dates[0][0] if dates else None


def _only_date(text: str) -> dt.date | None:
    """A date that is all there is in ``text`` (apart from punctuation)."""
    dates = find_dates(text)
    if len(dates) != 1:
        return None
    day, start, end = dates[0]
    rest = (text[:start] + text[end:]).strip(" \t.,;:()–-")
    return day if not rest else None


def parse_revision(text: str) -> int | None:
    m = re.match(r"^\s*(?:nr\.?\s*|rev\.?\s*|version\s*)?(\d{1,4})(?:[.,]0+)?\s*(?:$|[,;(–-]\s*)", text, re.IGNORECASE)
    if not m:
        return None
    value = int(m.group(1))
    return value if value >= 1 else None


def _clean(text: str) -> str:
    text = " ".join(text.replace("\u00a0", " ").split())
    return text.strip(" \t·•|;,")


def _one_line(text: str) -> str:
    return _clean(text.replace("\n", " "))


def _split_list(text: str) -> list[str]:
    parts = re.split(r"[;\n]|,(?![^(]*\))|\s+och\s+|\s+&\s+", text)
    out: list[str] = []
    for part in parts:
        part = _clean(part)
        if part and part not in out:
            out.append(part)
    return out


_NAME = re.compile(r"^[A-ZÅÄÖÉÜ][\w'’.-]+(?:\s+(?:von\s+|af\s+|de\s+)?[A-ZÅÄÖÉÜ][\w'’.-]+)+$")


def split_people(text: str) -> list[dict[str, str]]:
    """'Anna Ek (MAS), Bo Berg och Cecilia Dahl, utvecklingsledare' → authors with name and title."""
    people: list[dict[str, str]] = []
    for chunk in re.split(r";|\n|\s+och\s+|\s+&\s+", text):
        chunk = _clean(chunk)
        if not chunk:
            continue
        pieces = [_clean(p) for p in re.split(r",(?![^(]*\))", chunk) if _clean(p)]
        if len(pieces) > 1 and all(_NAME.match(re.sub(r"\s*\(.*\)$", "", p)) for p in pieces):
            candidates = [(p, None) for p in pieces]
        else:
            candidates = [(pieces[0], ", ".join(pieces[1:]) or None)] if pieces else []
        for name, title in candidates:
            m = re.match(r"^(.*?)\s*\((.+)\)$", name)
            if m and m.group(1):
                name, title = m.group(1).strip(), title or m.group(2).strip()
            person = {"name": name}
            if title:
                person["title"] = title
            people.append(person)
    return people


def type_from_text(text: str, whole: bool = False) -> str | None:
    """The document type named by a 'Dokumenttyp' value, or by the first word of a title."""
    words = text.casefold().replace("-", " ").split()
    if not words:
        return None
    if words[0] == "regionalt" and len(words) > 1:
        words = words[1:]
    candidates = words if whole else words[:1]
    for word in candidates:
        for swedish, value in TYPE_WORDS:
            if word.startswith(swedish):
                return value
    return None


# --- what was found ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A front-matter value found in the Word document."""

    field: str
    """Front-matter key, e.g. valid_until."""
    value: object
    """The value as it will be written."""
    text: str
    """The text as it stood in the document."""
    where: str
    """sidhuvud, sidfot, tabell, brödtext or dokumentegenskaper."""
    label: str
    """The label it stood under, e.g. 'Giltigt t.o.m.'."""


@dataclass(frozen=True)
class Unused:
    """Something the Word document says that could not be put into a field."""

    label: str
    text: str
    where: str
    reason: str


@dataclass(frozen=True)
class Catalog:
    """What the importer needs to know about the content tree it imports into."""

    documents: Mapping[str, str] = field(default_factory=dict)
    """Existing document id → file path (relative to the content root), valid or not."""
    roles: Mapping[str, str] = field(default_factory=dict)
    """Role id → name."""
    forums: Mapping[str, str] = field(default_factory=dict)
    """Forum id → name."""
    parties: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Party id → its names (name, short name)."""
    titles: Mapping[str, str] = field(default_factory=dict)
    """Front-matter key → the schema's Swedish title, for the report."""

    def next_id(self, taken: Iterable[str] = ()) -> str:
        """The next id in the IMP- series, above every IMP- id in use or ``taken``."""
        numbers = [int(m.group(1)) for i in (*self.documents, *taken) if (m := re.fullmatch(ID_PREFIX + r"(\d+)", i))]
        return f"{ID_PREFIX}{max(numbers, default=0) + 1:03d}"

    def label(self, key: str) -> str:
        title = self.titles.get(key.split(".")[0])
        if "." in key:
            sub = {"owner.role": "roll", "owner.contact": "kontakt", "decision.date": "datum", "decision.reference": "referens"}
            return f"{title or key.split('.')[0]} – {sub.get(key, key)} ({key})"
        return f"{title} ({key})" if title else key


def _match_name(text: str, table: Mapping[str, str | tuple[str, ...]]) -> str | None:
    wanted = normalise(text)
    for key, names in table.items():
        options = (names,) if isinstance(names, str) else names
        if wanted == normalise(key) or any(wanted == normalise(n) for n in options if n):
            return key
    return None


# --- reading the .docx package ------------------------------------------------------------------------

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


@dataclass(frozen=True)
class Package:
    """The parts of a .docx the importer reads itself (pandoc does not read them)."""

    headers: tuple[tuple[str, list[list[str]]], ...]
    """(where, rows) for every header and footer part; a row is a list of cell texts."""
    core: Mapping[str, str]
    """Core properties (title, subject, creator, keywords, category, description)."""
    custom: tuple[tuple[str, str], ...]
    """Custom properties (name, value), where document systems keep their metadata."""
    media: Mapping[str, bytes]
    """word/media/* by path inside word/ (media/image1.png)."""
    unreadable: tuple[str, ...] = ()
    """Swedish notes about parts that were broken and therefore skipped."""


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


def read_package(path: Path) -> Package:
    """Open the .docx as a zip and read headers, footers, properties and images."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        if path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise ImportFailed(
                "filen är inget .docx-dokument utan en äldre Word-fil eller ett lösenordsskyddat dokument; "
                "öppna den i Word, ta bort eventuellt lösenord och spara som Word-dokument (.docx)"
            ) from exc
        raise ImportFailed("filen är ingen Word-fil (.docx) eller är skadad: den går inte att öppna som zip-arkiv") from exc
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise ImportFailed("filen är ett zip-arkiv men inget Word-dokument (word/document.xml saknas)")
        headers: list[tuple[str, list[list[str]]]] = []
        for name in sorted(names):
            m = re.fullmatch(r"word/(header|footer)\d*\.xml", name)
            if not m:
                continue
            try:
                rows = _story_rows(archive.read(name))
            except ET.ParseError as exc:
                raise ImportFailed(f"{name} i Word-filen är skadad: {exc}") from exc
            headers.append((WHERE_HEADER if m.group(1) == "header" else WHERE_FOOTER, rows))
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
    return Package(tuple(headers), core, tuple(custom), media, tuple(unreadable))


# --- finding label/value pairs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    label: str
    field: str
    value: str
    colon: bool
    """Written as 'Label: value' (or in a cell of its own); False for 'Label value'."""


def pairs_in_line(line: str) -> list[Pair]:
    """'Dokument ID: 09-412377   Version: 5' → two pairs; a line not starting with a label → none."""
    m = _LABEL_AT_START.match(line)
    if not m:
        return []
    colon = ":" in m.group("sep") or "：" in m.group("sep")
    starts = [(m.start("label"), m.end("label"), m.group("label"), colon, m.end())]
    for inner in _LABEL_INSIDE.finditer(line, m.end()):
        starts.append((inner.start("label"), inner.end("label"), inner.group("label"), True, inner.end()))
    pairs = []
    for n, (_, _, label, has_colon, value_start) in enumerate(starts):
        value_end = starts[n + 1][0] if n + 1 < len(starts) else len(line)
        key = label_field(label)
        if key is None:
            continue
        pairs.append(Pair(_clean(label), key, line[value_start:value_end].strip(" \t·•|;,"), has_colon))
    return pairs


def pairs_in_row(cells: Sequence[str]) -> list[tuple[list[int], Pair]]:
    """Pairs in one table row or tab-separated line, with the cells each consumed."""
    out: list[tuple[list[int], Pair]] = []
    used: set[int] = set()
    for i, cell in enumerate(cells):
        if i in used:
            continue
        text = cell.strip()
        if not text:
            continue
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        key = label_field(text)
        if key is not None:
            if i + 1 < len(cells) and cells[i + 1].strip() and label_field(cells[i + 1]) is None:
                out.append(([i, i + 1], Pair(_clean(text.rstrip(":：")), key, cells[i + 1].strip(), True)))
                used.add(i + 1)
            continue
        first = label_field(lines[0]) if len(lines) > 1 else None
        if first is not None:
            out.append(([i], Pair(_clean(lines[0].rstrip(":：")), first, "\n".join(lines[1:]), True)))
            continue
        found = [p for line in lines for p in pairs_in_line(line)]
        if found:
            out.extend(([i], p) for p in found)
    return out


def pairs_in_rows(rows: Sequence[Sequence[str]]) -> list[tuple[int, list[int], Pair]]:
    """Pairs in a table: label/value cells, and a row of labels above a row of values."""
    out: list[tuple[int, list[int], Pair]] = []
    skip: set[int] = set()
    for r, cells in enumerate(rows):
        if r in skip:
            continue
        filled = [c for c in cells if c.strip()]
        if (
            len(filled) >= 2
            and all(label_field(c) for c in filled)
            and r + 1 < len(rows)
            and len(rows[r + 1]) == len(cells)
            and not any(label_field(c) for c in rows[r + 1] if c.strip())
        ):
            for i, (label, value) in enumerate(zip(cells, rows[r + 1], strict=True)):
                key = label_field(label) if label.strip() else None
                if key and value.strip():
                    out.append((r, [i], Pair(_clean(label.rstrip(":：")), key, value.strip(), True)))
            skip.add(r + 1)
            out.append((r + 1, [], Pair("", "", "", True)))  # marks the value row as consumed
            continue
        if (
            len(filled) == 1
            and len(cells) == 1
            and label_field(cells[0])
            and r + 1 < len(rows)
            and len(rows[r + 1]) == 1
            and rows[r + 1][0].strip()
            and not label_field(rows[r + 1][0])
            and not pairs_in_line(rows[r + 1][0])
        ):  # a label on a line of its own, its value on the next
            out.append((r, [0], Pair(_clean(cells[0].rstrip(":：")), label_field(cells[0]) or "", rows[r + 1][0].strip(), True)))
            skip.add(r + 1)
            out.append((r + 1, [], Pair("", "", "", True)))
            continue
        found = pairs_in_row(cells)
        if r == 0 and found and _column_header(rows, [i for used, _ in found for i in used[:1]]):
            continue  # 'Dokumentnamn | Plats' above rows of data is a header, not a value
        out.extend((r, cells_used, pair) for cells_used, pair in found)
    return out


def _column_header(rows: Sequence[Sequence[str]], columns: list[int]) -> bool:
    """True when the first row heads columns of data: two or more rows below and no labels in them."""
    below = rows[1:]
    if len(below) < 2:
        return False
    return all(not label_field(row[c]) for row in below for c in columns if c < len(row) and row[c].strip())


# --- interpreting a pair ------------------------------------------------------------------------------------


def interpret(pair: Pair, where: str, catalog: Catalog, *, strict_values: bool = False) -> tuple[list[Found], list[Unused]]:
    """What a label/value pair means for the front matter.

    ``strict_values`` (pairs written without a colon) accepts only values with the field's own
    shape; with a colon the pair is consumed even when its value cannot be used, and that value
    is reported instead.
    """
    key, text, label = pair.field, pair.value, pair.label
    found: list[Found] = []
    unused: list[Unused] = []

    def use(field_: str, value: object, shown: str | None = None) -> None:
        found.append(Found(field_, value, shown if shown is not None else _one_line(text), where, label))

    def cannot(reason: str) -> None:
        if _one_line(text):
            unused.append(Unused(label, _one_line(text), where, reason))

    if key == "id":
        token = _one_line(text)
        if DOC_ID.match(token):
            use("id", token)
        elif strict_values:
            return [], []
        else:
            cannot("passar inte som dokument-id (bara bokstäver, siffror, punkt, bindestreck och understreck)")
    elif key == "title":
        title = _one_line(text)
        if title:
            use("title", title)
    elif key in ("valid_from", "valid_until"):
        day = _only_date(text) if strict_values else parse_date(text)
        if day:
            use(key, day.isoformat())
        elif strict_values:
            return [], []
        else:
            cannot("inget datum som går att läsa")
    elif key == "validity":
        dates = find_dates(text)
        if len(dates) == 2:
            use("valid_from", dates[0][0].isoformat())
            use("valid_until", dates[1][0].isoformat())
        elif strict_values:
            return [], []
        else:
            cannot("giltighetstiden ska vara två datum, från och till")
    elif key == "revision":
        revision = parse_revision(text)
        if revision:
            use("revision", revision)
        elif strict_values:
            return [], []
        else:
            cannot("revisionsnumret ska vara ett heltal, till exempel 3")
    elif key == "decision":
        dates = find_dates(text)
        if not dates:
            if strict_values:
                return [], []
            cannot("inget beslutsdatum som går att läsa")
            return found, unused
        day, start, end = dates[0]
        before, after = text[:start].strip(" ,;:–-"), text[end:].strip(" ,;:–-.")
        decision: dict[str, str] = {"date": day.isoformat()}
        body_named = re.match(r"^(av|i|på)\s+", after, re.IGNORECASE)
        if not before and after and not body_named:
            decision["reference"] = _one_line(after)  # '2025-12-10, Protokoll 2025-12-10 § 4'
        elif before or after:
            decision["reference"] = _one_line(f"{label} {text}")
        use("decision", decision)
        for candidate in (before, after):
            forum_text = re.sub(r"^(av|i|på)\s+", "", _one_line(candidate), flags=re.IGNORECASE).rstrip(".")
            forum = _match_name(forum_text, catalog.forums) if forum_text else None
            if forum:
                use("approved_by", forum, forum_text)
                break
    elif key == "approved_by":
        dates = find_dates(text)
        name = text
        if dates:
            day, start, end = dates[0]
            name = (text[:start] + text[end:]).strip(" ,;:–-")
            decision = {"date": day.isoformat()}
            if name:
                decision["reference"] = _one_line(f"{label} {text}")
            use("decision", decision, _one_line(text))
        elif strict_values:
            return [], []
        name = re.sub(r"^(av|i)\s+", "", _one_line(name), flags=re.IGNORECASE)
        forum = _match_name(name, catalog.forums) if name else None
        if forum:
            use("approved_by", forum, name)
        elif name:
            unused.append(Unused(label, name, where, "inget forum i roles/forums/ heter så; skriv forumets id i approved_by"))
    elif key == "authors":
        people = split_people(text)
        if people:
            use("authors", people)
    elif key == "owner":
        owner: dict[str, str] = {}
        email = EMAIL.search(text)
        rest = _one_line(EMAIL.sub("", text)).strip(" ,;()–-")
        if email:
            owner["contact"] = email.group(0)
        role = _match_name(rest, catalog.roles) if rest else None
        if role:
            owner["role"] = role
        elif rest:
            unused.append(Unused(label, rest, where, "ingen roll i roles/ heter så; skriv rollens id i owner.role"))
        if owner:
            use("owner", owner)
    elif key == "case_number":
        if _one_line(text):
            use("case_number", _one_line(text))
    elif key == "type":
        value = type_from_text(text, whole=True)
        if value:
            use("type", value)
        else:
            cannot("ingen av typerna rutin, överenskommelse, riktlinje, uppdragsbeskrivning eller styrdokument")
    elif key == "applies_to":
        if normalise(text) == normalise("Alla parter i länet") and catalog.parties:
            use("applies_to", list(catalog.parties))
            return found, unused
        ids: list[str] = []
        unknown: list[str] = []
        for part in (_clean(p) for p in re.split(r"[;\n]|,(?![^(]*\))", text)):
            if not part:
                continue
            party = _match_name(part, catalog.parties)
            pieces = [party] if party else [_match_name(p, catalog.parties) for p in _split_list(part)]
            if pieces and all(pieces):
                ids.extend(p for p in pieces if p and p not in ids)
            else:
                unknown.append(part)
        if ids and not unknown:
            use("applies_to", ids)
        else:
            cannot("alla parter finns inte i roles/parties/" + (f" (okända: {', '.join(unknown)})" if unknown else ""))
    elif key in ("keywords", "audience"):
        items = _split_list(text)
        if items:
            use(key, items)
    elif key == "status":
        cannot("en importerad fil får alltid status: draft tills den har granskats")
    return found, unused


# --- the AST walk -------------------------------------------------------------------------------------------


def _flatten(blocks: list[dict]) -> list[dict]:
    """Top-level blocks with Divs unwrapped (pandoc wraps styled paragraphs in Divs with +styles)."""
    out: list[dict] = []
    for block in blocks:
        if block.get("t") == "Div":
            out.extend(_flatten(block["c"][1]))
        else:
            out.append(block)
    return out


def _style(block: dict) -> str:
    if block.get("t") == "Div":
        for key, value in block["c"][0][2]:
            if key == "custom-style":
                return value
    return ""


def _lines(inlines: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = [[]]
    for node in inlines:
        if node.get("t") in ("LineBreak", "SoftBreak"):
            lines.append([])
        else:
            lines[-1].append(node)
    return lines


def _join_lines(lines: list[list[dict]]) -> list[dict]:
    out: list[dict] = []
    for n, line in enumerate(lines):
        if n:
            out.append({"t": "LineBreak"})
        out.extend(line)
    return out


def _text(node: object) -> str:
    return " ".join(pandoc.stringify(node).split())


_DOTTED_ENTRY = re.compile(r"^.{1,160}?(?:\.{3,}|…{2,}|_{3,})\s*\d{1,3}$")
_PAGE_NUMBER_ENTRY = re.compile(r"^.{1,160}?\s\d{1,3}$")


def _toc_style(block: dict) -> bool:
    style = _style(block).casefold().replace(" ", "")
    return bool(re.fullmatch(r"(toc|innehåll|innehållsförteckning|contents)\d*", style))


def _is_toc_entry(block: dict, after_heading: bool = False) -> bool:
    """A line of a table of contents: a TOC style, links to Word's _Toc bookmarks, or dotted leaders.

    Right after an 'Innehåll' heading a title followed by a page number is enough.
    """
    if _toc_style(block):
        return True
    inner = _flatten([block])
    if len(inner) != 1 or inner[0].get("t") not in ("Para", "Plain"):
        return False
    inlines = inner[0]["c"]
    links = [n for n in inlines if n.get("t") == "Link"]
    if links and all(n["c"][2][0].startswith("#_Toc") for n in links):
        return True
    text = _text(inlines)
    return bool(_DOTTED_ENTRY.match(text) or (after_heading and _PAGE_NUMBER_ENTRY.match(text)))


def _is_toc_heading(block: dict) -> bool:
    if _style(block).casefold().replace(" ", "") in ("tocheading", "innehållsförteckningsrubrik"):
        return True
    inner = _flatten([block])
    if len(inner) != 1 or inner[0].get("t") not in ("Para", "Plain", "Header"):
        return False
    content = inner[0]["c"][2] if inner[0]["t"] == "Header" else inner[0]["c"]
    return _text(content).casefold().rstrip(":") in TOC_HEADINGS


def remove_toc(blocks: list[dict]) -> tuple[list[dict], int]:
    """Drop a table of contents: its heading ('Innehåll') and the entries with page numbers.

    A heading 'Innehåll' is only removed together with entries, or when it is a plain
    paragraph before the first heading (Word's TOC field left empty); a real section called
    'Innehåll' stays.
    """
    out: list[dict] = []
    removed = 0
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if _is_toc_heading(block):
            j = i + 1
            while j < len(blocks) and _is_toc_entry(blocks[j], after_heading=True):
                j += 1
            styled = bool(_style(block))
            lone_paragraph = _flatten([block])[0].get("t") != "Header" and not any(b.get("t") == "Header" for b in out)
            if j > i + 1 or styled or lone_paragraph:
                removed += j - i
                i = j
                continue
        elif _is_toc_entry(block):
            j = i
            while j < len(blocks) and _is_toc_entry(blocks[j]):
                j += 1
            if j - i >= 2 or any(_toc_style(b) for b in blocks[i:j]):
                removed += j - i
                i = j
                continue
        out.append(block)
        i += 1
    return out, removed


@dataclass
class _Extraction:
    found: list[Found] = field(default_factory=list)
    unused: list[Unused] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, result: tuple[list[Found], list[Unused]]) -> bool:
        found, unused = result
        self.found.extend(found)
        self.unused.extend(unused)
        return bool(found or unused)


def _changelog_columns(cells: Sequence[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        name = " ".join(cell.casefold().rstrip(":").split())
        for key, words in CHANGELOG_COLUMNS.items():
            if key not in columns and name in words:
                columns[key] = i
    return columns if len(columns) == 3 else None


def changelog_from_table(rows: Sequence[Sequence[str]]) -> list[dict] | None:
    """A revision history table (Revision | Datum | Ändring) as changelog entries, or None."""
    if not rows:
        return None
    columns = _changelog_columns(rows[0])
    if columns is None:
        return None
    entries = []
    for cells in rows[1:]:
        if len(cells) <= max(columns.values()):
            continue
        revision = parse_revision(cells[columns["revision"]])
        day = parse_date(cells[columns["date"]])
        summary = _one_line(cells[columns["summary"]])
        if revision and day and summary:
            entries.append({"revision": revision, "date": day.isoformat(), "summary": summary})
    return sorted(entries, key=lambda e: e["revision"]) or None


def _table_texts(table: dict) -> tuple[list[tuple[str, int]], list[list[str]]]:
    rows = pandoc.table_rows(table)
    return [(part, index) for part, index, _ in rows], [[pandoc.cell_text(c) for c in cells] for _, _, cells in rows]


def _is_metadata_heading(block: dict) -> bool:
    return block.get("t") == "Header" and _text(block["c"][2]).casefold().rstrip(":") in METADATA_HEADINGS


def extract_from_body(blocks: list[dict], catalog: Catalog) -> tuple[list[dict], _Extraction]:
    """Find metadata in tables and label lines; return the blocks without what was consumed.

    Before the first heading, in a section such as 'Dokumentinformation' and in a run of
    label lines, every label counts. Elsewhere only a value with a shape of its own (a date,
    a revision number, an id) is taken, so that a section's own 'Målgrupp: …' stays text.
    """
    result = _Extraction()
    out: list[dict] = []
    seen_heading = False
    in_metadata_section = False
    run_lines = _label_runs(blocks)
    skip: set[int] = set()
    for index, block in enumerate(blocks):
        kind = block.get("t")
        if index in skip:
            continue
        if kind == "Header":
            seen_heading = True
            in_metadata_section = _is_metadata_heading(block)
            out.append(block)
            continue
        zone = not seen_heading or in_metadata_section
        if kind == "Table":
            keys, texts = _table_texts(block)
            history = changelog_from_table(texts)
            if history:
                result.found.append(Found("changelog", history, f"{len(history)} rader", WHERE_TABLE, "Revisionshistorik"))
                continue
            pairs = pairs_in_rows(texts)
            readings = [(row, pair, interpret(pair, WHERE_TABLE, catalog) if pair.field else ([], [])) for row, _, pair in pairs]
            fields = {f.field for _, _, (found, _) in readings for f in found}
            if fields and (fields & STRONG or len(fields) >= 2 or zone):
                doomed: set[tuple[str, int]] = set()
                for row, pair, reading in readings:
                    if not pair.field or result.add(reading):
                        doomed.add(keys[row])
                pandoc.remove_table_rows(block, doomed)
                rest = [t for k, t in zip(keys, texts, strict=True) if k not in doomed]
                if not any(c.strip() for cells in rest for c in cells):
                    continue
            out.append(block)
            continue
        if kind in ("Para", "Plain") and zone and _label_alone(block, blocks[index + 1] if index + 1 < len(blocks) else None):
            nxt = blocks[index + 1]
            text = _text(block["c"])
            pair = Pair(_clean(text.rstrip(":：")), label_field(text) or "", _text(nxt["c"]), True)
            if result.add(interpret(pair, WHERE_BODY, catalog)):
                skip.add(index + 1)
                continue
        if kind in ("Para", "Plain"):
            lines = _lines(block["c"])
            keep: list[list[dict]] = []
            for n, line in enumerate(lines):
                text = " ".join(pandoc.stringify(line).split())
                pairs = pairs_in_line(text)
                in_block = zone or run_lines.get((index, n), False)
                first = pairs[0] if pairs else None
                consumed = False
                if in_block:
                    eligible = first is not None and (first.colon or first.field in PREFIX_FORM)
                else:
                    eligible = first is not None and first.colon and first.field in STRONG
                if eligible:
                    readings = [interpret(p, WHERE_BODY, catalog, strict_values=not p.colon) for p in pairs]
                    if in_block or any(found for found, _ in readings):
                        for reading in readings:
                            consumed = result.add(reading) or consumed
                if not consumed:
                    keep.append(line)
            if not keep:
                continue
            if len(keep) != len(lines):
                block = {"t": kind, "c": _join_lines(keep)}
        out.append(block)
    return _drop_emptied_sections(out, blocks), result


def _label_alone(block: dict, nxt: dict | None) -> bool:
    """'Dokumentägare' as a paragraph of its own with its value in the next, short paragraph."""
    if nxt is None or nxt.get("t") not in ("Para", "Plain") or not label_field(_text(block["c"])):
        return False
    value = _text(nxt["c"])
    return 0 < len(value) <= 200 and not label_field(value) and not pairs_in_line(value)


def _label_runs(blocks: list[dict]) -> dict[tuple[int, int], bool]:
    """(block, line) of label lines that stand among other label lines (a metadata block)."""
    flags: list[tuple[tuple[int, int], bool]] = []
    for index, block in enumerate(blocks):
        if block.get("t") not in ("Para", "Plain"):
            flags.append(((index, -1), False))
            continue
        for n, line in enumerate(_lines(block["c"])):
            text = " ".join(pandoc.stringify(line).split())
            flags.append(((index, n), bool(text) and bool(pairs_in_line(text))))
    runs: dict[tuple[int, int], bool] = {}
    for k, (key, is_label) in enumerate(flags):
        neighbours = [flags[j][1] for j in (k - 1, k + 1) if 0 <= j < len(flags)]
        runs[key] = is_label and any(neighbours)
    return runs


def _drop_emptied_sections(blocks: list[dict], original: list[dict]) -> list[dict]:
    """Remove a 'Dokumentinformation' or 'Revisionshistorik' heading whose section is now empty."""
    out: list[dict] = []
    for i, block in enumerate(blocks):
        if _is_metadata_heading(block):
            level = block["c"][0]
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            emptied = nxt is None or (nxt.get("t") == "Header" and nxt["c"][0] <= level)
            was_empty = _section_empty(original, block)
            if emptied and not was_empty:
                continue
        out.append(block)
    return out


def _section_empty(blocks: list[dict], heading: dict) -> bool:
    for i, block in enumerate(blocks):
        if block is heading:
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            return nxt is None or (nxt.get("t") == "Header" and nxt["c"][0] <= heading["c"][0])
    return False


# --- tidying the text ---------------------------------------------------------------------------------------


def _walk_blocks(blocks: list[dict], fn) -> list[dict]:  # type: ignore[no-untyped-def]
    """Apply ``fn`` to every block list, depth first; ``fn`` returns the new list."""
    for block in blocks:
        kind, content = block.get("t"), block.get("c")
        if kind in ("BlockQuote",):
            block["c"] = _walk_blocks(content, fn)
        elif kind == "BulletList":
            block["c"] = [_walk_blocks(item, fn) for item in content]
        elif kind == "OrderedList":
            content[1] = [_walk_blocks(item, fn) for item in content[1]]
        elif kind == "Div":
            content[1] = _walk_blocks(content[1], fn)
        elif kind == "DefinitionList":
            block["c"] = [[term, [_walk_blocks(d, fn) for d in defs]] for term, defs in content]
        elif kind == "Table":
            for _, _, cells in pandoc.table_rows(block):
                for cell in cells:
                    cell[4] = _walk_blocks(cell[4], fn)
        elif kind == "Figure":
            content[2] = _walk_blocks(content[2], fn)
    return fn(blocks)


def _list_level(item: list[dict]) -> int:
    for block in item:
        m = re.search(r"(\d+)$", _style(block))
        if m and re.match(r"(?i)list", _style(block)):
            return int(m.group(1))
    return 1


def merge_lists(blocks: list[dict]) -> list[dict]:
    """Join adjacent lists of one kind and nest items styled 'List Bullet 2' under the item before."""
    out: list[dict] = []
    for block in blocks:
        prev = out[-1] if out else None
        if prev is not None and block.get("t") == prev.get("t") == "BulletList" or (
            prev is not None
            and block.get("t") == prev.get("t") == "OrderedList"
            and block["c"][0][1:] == prev["c"][0][1:]
        ):
            items = prev["c"] if prev["t"] == "BulletList" else prev["c"][1]
            new_items = block["c"] if block["t"] == "BulletList" else block["c"][1]
            for item in new_items:
                if _list_level(item) > 1 and items:
                    parent = items[-1]
                    nested = parent[-1] if parent and parent[-1].get("t") == block["t"] else None
                    if nested is None:
                        nested = copy.deepcopy(block)
                        if nested["t"] == "BulletList":
                            nested["c"] = []
                        else:
                            nested["c"][1] = []
                        parent.append(nested)
                    (nested["c"] if nested["t"] == "BulletList" else nested["c"][1]).append(item)
                else:
                    items.append(item)
            continue
        out.append(block)
    return out


def _unwrap_inlines(inlines: list[dict]) -> list[dict]:
    out: list[dict] = []
    for node in inlines:
        kind = node.get("t")
        if kind in ("Span", "Underline", "SmallCaps"):
            out.extend(_unwrap_inlines(node["c"][1] if kind == "Span" else node["c"]))
            continue
        if kind == "Link" and (node["c"][2][0].startswith("#_") or node["c"][2][0] == "#"):
            out.extend(_unwrap_inlines(node["c"][1]))
            continue
        if kind in ("Emph", "Strong", "Strikeout", "Superscript", "Subscript"):
            node = {"t": kind, "c": _unwrap_inlines(node["c"])}
            if not node["c"]:
                continue
        elif kind in ("Link", "Image"):
            node = {"t": kind, "c": [pandoc.NO_ATTR, _unwrap_inlines(node["c"][1]), node["c"][2]]}
        elif kind == "Quoted":
            node = {"t": kind, "c": [node["c"][0], _unwrap_inlines(node["c"][1])]}
        elif kind == "Note":
            node = {"t": kind, "c": _tidy_blocks(node["c"])}
        out.append(node)
    return out


def _tidy_blocks(blocks: list[dict]) -> list[dict]:
    def fix(items: list[dict]) -> list[dict]:
        out: list[dict] = []
        for block in items:
            kind = block.get("t")
            if kind == "Div":
                out.extend(fix(block["c"][1]))
                continue
            if kind == "Figure":
                caption = _text(block["c"][1][1])
                body = fix(block["c"][2])
                out.extend(body)
                images = [n for b in body if b.get("t") in ("Para", "Plain") for n in b["c"] if n.get("t") == "Image"]
                if caption and not any(_text(i["c"][1]) == caption for i in images):
                    out.append(pandoc.para([{"t": "Emph", "c": pandoc.inlines(caption)}]))
                continue
            if kind in ("Para", "Plain"):
                block = {"t": kind, "c": _unwrap_inlines(block["c"])}
                if not _text(block["c"]) and not any(n.get("t") in ("Image", "Note") for n in block["c"]):
                    continue
            elif kind == "Header":
                block = {"t": "Header", "c": [block["c"][0], ["", [], []], _unwrap_inlines(block["c"][2])]}
                if not _text(block["c"][2]):
                    continue
            elif kind == "Table":
                block["c"][0] = ["", [], []]
                for _, _, cells in pandoc.table_rows(block):
                    for cell in cells:
                        cell[4] = fix(cell[4])
                out.append(block)
                continue
            elif kind in ("BulletList", "OrderedList", "BlockQuote", "DefinitionList"):
                block = copy.copy(block)
                if kind == "BulletList":
                    block["c"] = _tighten([fix(merge_lists(item)) for item in block["c"]])
                elif kind == "OrderedList":
                    block["c"] = [block["c"][0], _tighten([fix(merge_lists(item)) for item in block["c"][1]])]
                elif kind == "BlockQuote":
                    block["c"] = fix(block["c"])
                else:
                    block["c"] = [[_unwrap_inlines(t), [fix(d) for d in defs]] for t, defs in block["c"]]
            out.append(block)
        return out

    return fix(merge_lists(blocks))


def _tighten(items: list[list[dict]]) -> list[list[dict]]:
    """Word makes every list item a paragraph; one paragraph per item is a tight list in Markdown."""
    simple = all(
        item and item[0].get("t") in ("Para", "Plain") and all(b.get("t") in ("BulletList", "OrderedList") for b in item[1:])
        for item in items
    )
    if simple:
        for item in items:
            item[0] = {"t": "Plain", "c": item[0]["c"]}
    return items


_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+\S")


def promote_numbered_paragraphs(blocks: list[dict]) -> tuple[list[dict], int]:
    """'3.8 Instruktör …' written as a plain paragraph among numbered headings becomes a heading."""
    depth_level: dict[int, int] = {}
    for block in blocks:
        if block.get("t") == "Header":
            m = _NUMBERED.match(_text(block["c"][2]))
            if m:
                depth_level.setdefault(m.group(1).count(".") + 1, block["c"][0])
    promoted = 0
    out = []
    for block in blocks:
        if block.get("t") in ("Para", "Plain"):
            text = _text(block["c"])
            m = _NUMBERED.match(text)
            depth = m.group(1).count(".") + 1 if m else 0
            if (
                m
                and depth >= 2
                and text[m.end() - 1].isupper()
                and depth in depth_level
                and len(text) <= 120
                and not text.endswith((".", ":", ";", ","))
                and all(n.get("t") in ("Str", "Space", "Emph", "Strong") for n in block["c"])
            ):
                out.append({"t": "Header", "c": [depth_level[depth], ["", [], []], block["c"]]})
                promoted += 1
                continue
        out.append(block)
    return out, promoted


def demote_headings(blocks: list[dict]) -> list[dict]:
    """Shift headings so that the body starts at level 2 (the site shows the title as level 1)."""
    levels = [b["c"][0] for b in blocks if b.get("t") == "Header"]
    if not levels:
        return blocks
    shift = 2 - min(levels)
    for block in blocks:
        if block.get("t") == "Header":
            block["c"][0] = max(2, min(6, block["c"][0] + shift))
    return blocks


def _rewrite_images(blocks: list[dict], media: Mapping[str, bytes]) -> tuple[dict[str, bytes], list[str]]:
    """Point images at the document's own folder; images browsers cannot show are left out."""
    kept: dict[str, bytes] = {}
    dropped: list[str] = []

    def visit(node: object) -> object:
        if isinstance(node, list):
            return [visit(n) for n in node]
        if not isinstance(node, dict):
            return node
        if node.get("t") == "Image":
            target = node["c"][2][0]
            name = posixpath.normpath(target.replace("\\", "/")).lstrip("./")
            data = media.get(name) or media.get("media/" + PurePosixPath(name).name)
            base = PurePosixPath(name).name
            if data is None or PurePosixPath(base).suffix.lower() not in WEB_IMAGES:
                dropped.append(base)
                alt = _text(node["c"][1])
                return {"t": "Emph", "c": pandoc.inlines(f"(Bild som inte kunde föras över: {alt or base})")}
            kept[base] = data
            return {"t": "Image", "c": [pandoc.NO_ATTR, node["c"][1], [MEDIA_PLACEHOLDER + base, node["c"][2][1]]]}
        if "c" in node:
            return {**node, "c": visit(node["c"])}
        return node

    blocks[:] = visit(blocks)  # type: ignore[assignment]
    return kept, dropped


_DECISION_HINT = re.compile(r"\bbeslut\w*\b", re.IGNORECASE)


def _decision_hints(blocks: list[dict]) -> list[str]:
    hints: list[str] = []

    def visit(items: list[dict]) -> list[dict]:
        for block in items:
            if block.get("t") in ("Para", "Plain"):
                text = _text(block["c"])
                if len(text) <= 160 and _DECISION_HINT.search(text) and find_dates(text) and len(hints) < 3:
                    hints.append(text)
        return items

    _walk_blocks(blocks, visit)
    return hints


# --- the whole conversion --------------------------------------------------------------------------------------

MARKDOWN = "markdown_strict+pipe_tables+footnotes+raw_html+four_space_rule"
"""Markdown as Python-Markdown (MkDocs) reads it: pipe tables, four-space nesting, footnotes."""


@dataclass
class Converted:
    """What one Word document contained: metadata found, text as Markdown, images."""

    source_name: str
    found: dict[str, Found]
    """The chosen value per field."""
    others: list[Found]
    """Values for the same fields found elsewhere (not used)."""
    unused: list[Unused]
    body: str
    """Markdown; images point at MEDIA_PLACEHOLDER until the target folder is known."""
    images: dict[str, bytes]
    notes: list[str]
    hints: list[str]


def read_docx(path: Path, catalog: Catalog) -> Converted:
    """Read one .docx: metadata from everywhere, the text as clean Markdown."""
    package = read_package(path)
    try:
        ast = pandoc.to_ast(path, "docx+styles")
    except pandoc.PandocFailed as exc:
        raise ImportFailed(f"pandoc kunde inte läsa Word-filen: {exc}") from exc
    extraction = _Extraction()
    notes: list[str] = list(package.unreadable)

    # Page headers and footers, which pandoc does not read.
    for where, rows in package.headers:
        for _, _, pair in pairs_in_rows(rows):
            if pair.field and (pair.colon or pair.field in PREFIX_FORM):
                extraction.add(interpret(pair, where, catalog, strict_values=not pair.colon))

    blocks = ast.get("blocks", [])
    top, toc_removed = remove_toc(blocks)
    if toc_removed:
        notes.append(f"innehållsförteckningen togs bort ({toc_removed} {'rad' if toc_removed == 1 else 'rader'})")
    top = _tidy_blocks(top)
    top, body_extraction = extract_from_body(top, catalog)
    extraction.found.extend(body_extraction.found)
    extraction.unused.extend(body_extraction.unused)

    # Word's own title paragraph (pandoc moves it to the metadata) and other cover paragraphs.
    styled_title = pandoc.meta_text(ast, "title")
    if styled_title:
        extraction.found.append(Found("title", styled_title, styled_title, WHERE_BODY, "rubrik med formatmallen Titel"))
    author = pandoc.meta_text(ast, "author")
    if author:
        people = split_people(author)
        if people:
            extraction.found.append(Found("authors", people, author, WHERE_BODY, "formatmallen Författare"))
    restored = []
    for key in ("subtitle", "date"):
        text = pandoc.meta_text(ast, key)
        if text:
            restored.append(pandoc.para(text))
    abstract = ast.get("meta", {}).get("abstract")
    if abstract and abstract.get("t") == "MetaBlocks":
        restored.extend(abstract["c"])
    top = restored + top

    # Word properties.
    for name, value in package.custom:
        key = label_field(name)
        if key:
            extraction.add(interpret(Pair(name, key, value, True), WHERE_PROPERTIES, catalog))
    if package.core.get("title"):
        extraction.found.append(Found("title", _one_line(package.core["title"]), package.core["title"], WHERE_PROPERTIES, "titel"))
    if package.core.get("keywords"):
        items = _split_list(package.core["keywords"])
        if items:
            extraction.found.append(Found("keywords", items, package.core["keywords"], WHERE_PROPERTIES, "nyckelord"))
    if package.core.get("category"):
        value = type_from_text(package.core["category"], whole=True)
        if value:
            extraction.found.append(Found("type", value, package.core["category"], WHERE_PROPERTIES, "kategori"))
    creator = package.core.get("creator", "")
    if _NAME.match(creator.strip()):
        extraction.found.append(Found("authors", [{"name": creator.strip()}], creator, WHERE_PROPERTIES, "författare"))

    chosen, others = _choose(extraction.found)

    # Without any title: a lone first-level heading that opens the document is its name.
    if "title" not in chosen and top and top[0].get("t") == "Header":
        levels = [b["c"][0] for b in top if b.get("t") == "Header"]
        if levels.count(top[0]["c"][0]) == 1 and top[0]["c"][0] == min(levels) and len(levels) > 1:
            text = _text(top[0]["c"][2])
            chosen["title"] = Found("title", text, text, WHERE_BODY, "första rubriken")
            top = top[1:]
    if "title" in chosen:
        title_key = normalise(str(chosen["title"].value))
        cleaned = []
        for n, block in enumerate(top):
            before_heading = not any(b.get("t") == "Header" for b in top[:n])
            if before_heading and block.get("t") in ("Para", "Plain", "Header") and normalise(_text(block["c"] if block["t"] != "Header" else block["c"][2])) == title_key:
                continue
            cleaned.append(block)
        top = cleaned
        if "type" not in chosen:
            value = type_from_text(str(chosen["title"].value))
            if value:
                t = chosen["title"]
                chosen["type"] = Found("type", value, t.value, t.where, "dokumentnamnets första ord")  # type: ignore[arg-type]
    if "changelog" in chosen and "revision" not in chosen:
        latest = max(e["revision"] for e in chosen["changelog"].value)  # type: ignore[attr-defined]
        chosen["revision"] = Found("revision", latest, str(latest), WHERE_TABLE, "Revisionshistorik (senaste raden)")

    top, promoted = promote_numbered_paragraphs(top)
    if promoted:
        notes.append("1 numrerat stycke blev rubrik" if promoted == 1 else f"{promoted} numrerade stycken blev rubriker")
    top = demote_headings(top)
    images, dropped = _rewrite_images(top, package.media)
    if dropped:
        notes.append("bilder som webbläsare inte kan visa lämnades utanför: " + ", ".join(sorted(set(dropped))))
    hints = _decision_hints(top) if "decision" not in chosen else []

    ast["blocks"] = top
    ast["meta"] = {}
    try:
        markdown = pandoc.from_ast(ast, MARKDOWN, ["--wrap=none"]).decode("utf-8")
    except pandoc.PandocFailed as exc:
        raise ImportFailed(f"pandoc kunde inte skriva texten som Markdown: {exc}") from exc
    return Converted(
        source_name=path.name,
        found=chosen,
        others=others,
        unused=_dedupe(extraction.unused),
        body=tidy_markdown(markdown),
        images=images,
        notes=notes,
        hints=hints,
    )


def _choose(found: list[Found]) -> tuple[dict[str, Found], list[Found]]:
    """One value per field: the best place wins (page header before tables before text)."""
    chosen: dict[str, Found] = {}
    others: list[Found] = []
    for item in sorted(found, key=lambda f: _PRIORITY.get(f.where, 9)):
        current = chosen.get(item.field)
        if current is None:
            chosen[item.field] = item
        elif item.field in ("owner", "decision") and isinstance(current.value, dict) and isinstance(item.value, dict):
            merged = {**item.value, **current.value}  # fill in what the better source left out
            if merged != current.value:
                chosen[item.field] = Found(current.field, merged, current.text, current.where, current.label)
            elif item.value != current.value:
                others.append(item)
        elif item.value != current.value:
            others.append(item)
    return chosen, others


def _dedupe(items: list[Unused]) -> list[Unused]:
    out: list[Unused] = []
    for item in items:
        if not any(o.label == item.label and o.text == item.text for o in out):
            out.append(item)
    return out


_TABLE_ROW = re.compile(r"^\|.*\|$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_RULE_CELL = re.compile(r"^(:?)-+(:?)$")


def _table_row(line: str) -> str:
    """'| a    | b   |' → '| a | b |'; separator cells keep only their alignment colons."""
    cells = [c.strip() for c in _CELL_SPLIT.split(line[1:-1])]
    if all(_RULE_CELL.match(c) for c in cells):
        cells = [f"{m.group(1)}---{m.group(2)}" for m in (_RULE_CELL.match(c) for c in cells) if m]
    return "| " + " | ".join(cells) + " |"


def tidy_markdown(text: str) -> str:
    """Pandoc's output as people write it: '- item', '1. step', unpadded table cells."""
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^(\s*)-   (?=\S)", r"\1- ", line)
        line = re.sub(r"^(\s*)(\d+\.)\s{2,}(?=\S)", r"\1\2 ", line)
        line = re.sub(r"^(\[\^[^\]]+\]:)\s{2,}(?=\S)", r"\1 ", line)
        if _TABLE_ROW.match(line):
            line = _table_row(line)
        lines.append(line.rstrip() if not line.endswith("  ") else line)
    return "\n".join(lines).strip("\n") + "\n"


# --- the document to write -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """How to import: the day, and what the command line fixed."""

    today: dt.date
    area: str | None = None
    """An area from the schema; None puts the document in routines/importerade/."""
    doc_type: str | None = None
    """A document type value (routine, agreement …) overriding what the document says."""


@dataclass
class Planned:
    """A document ready to be written: front matter, body and where it goes."""

    converted: Converted
    data: dict[str, object]
    assigned: list[tuple[str, str, str]]
    """(field, value, why) for values the import set itself."""
    missing: list[str]
    """Required fields (and parts of fields) still missing."""
    optional_missing: list[str]
    folder: str
    slug: str

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def path(self) -> str:
        return f"routines/{self.folder}/{self.slug}.md"

    @property
    def media_folder(self) -> str:
        return f"routines/{self.folder}/{self.slug}"


def folder_for(area: str | None) -> str:
    return slugify(area) if area else DEFAULT_FOLDER


def slug_for(title: str | None, source_name: str) -> str:
    # Imported names are cut below, at 60 characters by their own rule, not at slugify's 80.
    base = slugify(title or Path(source_name).stem, max_length=None) or "dokument"
    if len(base) > 60:
        base = base[:60].rsplit("-", 1)[0]
    return base


def plan(converted: Converted, catalog: Catalog, options: Options, taken_ids: Iterable[str] = ()) -> Planned:
    """Front matter for an imported document: what was found, an id, status draft, nothing invented."""
    found = converted.found
    data: dict[str, object] = {}
    assigned: list[tuple[str, str, str]] = []
    for key, item in found.items():
        data[key] = copy.deepcopy(item.value)
    if "id" not in data:
        data["id"] = catalog.next_id(taken_ids)
        assigned.append(("id", str(data["id"]), "nytt id: Word-dokumentet har inget dokument-id"))
    data["status"] = "draft"
    assigned.append(("status", "draft", "ett importerat dokument är ett utkast tills ägaren har granskat uppgifterna"))
    if options.doc_type:
        if data.get("type") != options.doc_type:
            assigned.append(("type", options.doc_type, "angiven med --type"))
        data["type"] = options.doc_type
    if options.area:
        data["areas"] = [options.area]
        assigned.append(("areas", options.area, "angivet med --area"))
    else:
        data["areas"] = [DEFAULT_AREA]
        assigned.append(
            ("areas", DEFAULT_AREA, f"standardvärde utan --area; välj rätt område och flytta filen från routines/{DEFAULT_FOLDER}/")
        )
    if "changelog" not in data and isinstance(data.get("revision"), int):
        data["changelog"] = [
            {"revision": data["revision"], "date": options.today.isoformat(), "summary": f"Importerad från Word-dokumentet {converted.source_name}."}
        ]
        assigned.append(("changelog", f"revision {data['revision']}, {options.today.isoformat()}", "en rad om importen; tidigare historik finns i Word-dokumentet"))
    missing = [key for key in REQUIRED if key not in data]
    for key, parts in (("owner", ("role", "contact")), ("decision", ("date", "reference"))):
        value = data.get(key)
        if isinstance(value, dict):
            missing.extend(f"{key}.{part}" for part in parts if part not in value)
    optional_missing = [key for key in OPTIONAL_REPORTED if key not in data]
    title = data.get("title")
    return Planned(
        converted=converted,
        data=data,
        assigned=assigned,
        missing=missing,
        optional_missing=optional_missing,
        folder=folder_for(options.area),
        slug=slug_for(title if isinstance(title, str) else None, converted.source_name),
    )


_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#\n]*$")
_NUMBER_LIKE = re.compile(r"^[-+]?(?:\d[\d_]*|\d*\.\d+|\d+\.\d*)(?:[eE][-+]?\d+)?$|^0[xob]", re.IGNORECASE)
_DATE_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def yaml_scalar(value: object) -> str:
    """A YAML scalar that reads back as the same value (dates unquoted, as owners write them)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _DATE_VALUE.match(text):
        return text
    if (
        _PLAIN.match(text)
        and text == text.strip()
        and not _NUMBER_LIKE.match(text)
        and text.casefold() not in ("true", "false", "null", "yes", "no", "on", "off", "~", "y", "n")
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _yaml_lines(key: str, value: object, indent: str = "") -> list[str]:
    if isinstance(value, dict):
        lines = [f"{indent}{key}:"]
        for k, v in value.items():
            lines.extend(_yaml_lines(k, v, indent + "  "))
        return lines
    if isinstance(value, list):
        if not value:
            return [f"{indent}{key}: []"]
        lines = [f"{indent}{key}:"]
        for item in value:
            if isinstance(item, dict):
                first = True
                for k, v in item.items():
                    sub = _yaml_lines(k, v, indent + "    ")
                    sub[0] = (indent + "  - " if first else indent + "    ") + sub[0].lstrip()
                    lines.extend(sub)
                    first = False
            else:
                lines.append(f"{indent}  - {yaml_scalar(item)}")
        return lines
    return [f"{indent}{key}: {yaml_scalar(value)}"]


def front_matter(data: Mapping[str, object], comments: Sequence[str] = ()) -> str:
    """The front matter block, keys in the usual order, with the schema line first."""
    lines = ["---", SCHEMA_COMMENT]
    lines.extend(f"# {c}" if c else "#" for c in comments)
    for key in sorted(data, key=lambda k: FIELD_ORDER.index(k) if k in FIELD_ORDER else len(FIELD_ORDER)):
        lines.extend(_yaml_lines(key, data[key]))
    lines.append("---")
    return "\n".join(lines) + "\n"


def comments_for(planned: Planned, today: dt.date) -> list[str]:
    c = planned.converted
    lines = [f"Importerad {today.isoformat()} från Word-dokumentet {c.source_name} (samverkan import)."]
    if c.unused:
        lines.append("Stod i Word-dokumentet men kunde inte föras över; fyll i fälten och ta sedan bort raderna:")
        lines.extend(f"  {u.label} ({u.where}): {u.text}" for u in c.unused)
    return lines


def body_with_media(body: str, media_prefix: str) -> str:
    return body.replace(MEDIA_PLACEHOLDER, media_prefix)


def render(planned: Planned, today: dt.date, media_prefix: str | None = None) -> str:
    """The document file: front matter, then the body with images in the document's own folder."""
    body = body_with_media(planned.converted.body, media_prefix if media_prefix is not None else planned.slug + "/")
    return front_matter(planned.data, comments_for(planned, today)) + "\n" + body


def updated(existing: Mapping[str, object], planned: Planned, today: dt.date) -> tuple[dict[str, object], list[str]]:
    """Front matter for --update: what the document already says, overlaid with what the Word file says.

    The revision is raised by one with a changelog entry, and the document becomes a draft
    until the new text has been approved.
    """
    data: dict[str, object] = copy.deepcopy(dict(existing))
    changes: list[str] = []
    for key, item in planned.converted.found.items():
        if key in ("id", "revision", "changelog"):
            continue
        if data.get(key) != item.value:
            data[key] = copy.deepcopy(item.value)
            changes.append(key)
    if planned.data.get("type") and "type" not in planned.converted.found:
        data.setdefault("type", planned.data["type"])
    old = existing.get("revision")
    if isinstance(old, int):
        data["revision"] = old + 1
    elif "revision" in planned.converted.found:
        data["revision"] = planned.converted.found["revision"].value
    changelog = list(existing.get("changelog") or []) if isinstance(existing.get("changelog"), list) else []
    if isinstance(data.get("revision"), int):
        changelog.append({"revision": data["revision"], "date": today.isoformat(), "summary": f"Uppdaterad från Word-dokumentet {planned.converted.source_name}."})
        data["changelog"] = changelog
    data["status"] = "draft"
    return data, changes


def read_existing(text: str) -> dict[str, object] | None:
    """The front matter of an existing document as plain data, or None when it cannot be read."""
    from samverkan.core.yamlsource import parse_front_matter

    parsed = parse_front_matter(text, "existing")
    return parsed.data if isinstance(parsed.data, dict) and not parsed.problems else None


def iter_sources(folder: Path) -> Iterator[Path]:
    """Word files in a folder (and its subfolders), in name order; Word's lock files skipped."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in (".docx", ".doc", ".docm") and not path.name.startswith(("~$", ".")):
            yield path
