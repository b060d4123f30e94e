"""How Swedish regional documents write their metadata: labels, dates, revisions, names.

Pure: plain strings in, plain values out. Shared by every reader through the interpreter.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

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
PRIORITY = {WHERE_HEADER: 0, WHERE_FOOTER: 1, WHERE_TABLE: 2, WHERE_BODY: 3, WHERE_PROPERTIES: 4}
"""Which source wins when two disagree: the page header is what the document system prints."""

FIELD_ORDER = (
    "id", "title", "type", "revision", "status", "valid_from", "valid_until", "owner", "approved_by",
    "decision", "case_number", "authors", "applies_to", "areas", "roles", "references", "keywords",
    "audience", "review_interval_months", "changelog", "imported",
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
LABEL_AT_START = re.compile(
    r"^[\s\u00a0]*(?P<label>" + "|".join(_alias_pattern(a) for a, _ in _ALIASES) + r")(?P<sep>[\s\u00a0]*[:：][\s\u00a0]*|[\s\u00a0]+|$)",
    re.IGNORECASE,
)
LABEL_INSIDE = re.compile(
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


def only_date(text: str) -> dt.date | None:
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


def clean(text: str) -> str:
    text = " ".join(text.replace("\u00a0", " ").split())
    return text.strip(" \t·•|;,")


def one_line(text: str) -> str:
    return clean(text.replace("\n", " "))


def split_list(text: str) -> list[str]:
    parts = re.split(r"[;\n]|,(?![^(]*\))|\s+och\s+|\s+&\s+", text)
    out: list[str] = []
    for part in parts:
        part = clean(part)
        if part and part not in out:
            out.append(part)
    return out


PERSON_NAME = re.compile(r"^[A-ZÅÄÖÉÜ][\w'’.-]+(?:\s+(?:von\s+|af\s+|de\s+)?[A-ZÅÄÖÉÜ][\w'’.-]+)+$")


def split_people(text: str) -> list[dict[str, str]]:
    """'Anna Ek (MAS), Bo Berg och Cecilia Dahl, utvecklingsledare' → authors with name and title."""
    people: list[dict[str, str]] = []
    for chunk in re.split(r";|\n|\s+och\s+|\s+&\s+", text):
        chunk = clean(chunk)
        if not chunk:
            continue
        pieces = [clean(p) for p in re.split(r",(?![^(]*\))", chunk) if clean(p)]
        if len(pieces) > 1 and all(PERSON_NAME.match(re.sub(r"\s*\(.*\)$", "", p)) for p in pieces):
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
    laws: Mapping[str, str] = field(default_factory=dict)
    """SFS number → title, from the law register."""

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


def match_name(text: str, table: Mapping[str, str | tuple[str, ...]]) -> str | None:
    wanted = normalise(text)
    for key, names in table.items():
        options = (names,) if isinstance(names, str) else names
        if wanted == normalise(key) or any(wanted == normalise(n) for n in options if n):
            return key
    return None


