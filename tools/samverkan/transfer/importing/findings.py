"""Metadata that stands in running text rather than under a label: decisions, laws, e-mail
addresses, authors in a list, a letter's subject line and letterhead.

Pure: plain strings in, plain values out. What is certain by its shape (an SFS number found
in the law register) is found; the rest is suggested in the report and never written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from samverkan.transfer.importing.values import EMAIL, MONTHS, PERSON_NAME, clean, find_dates, match_name, normalise, one_line

SFS = re.compile(r"(?<![\d:/-])((?:18|19|20)\d{2}):(\d{1,4})(?![\d:/])")
"""An SFS number, 2017:612, as laws are cited in Swedish text and reference tables."""

_DATE_TEXT = r"(?:(?:19|20)\d{2}-\d{1,2}-\d{1,2}|(?:19|20)?\d{6}|\d{1,2}\s+(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(?:19|20)\d{2})"
_DECISION_PATTERNS = (
    # 'beslut i Länsledning 230908', 'beslutat av presidiekonferensen 180216', 'fastställd av LGL 2024-04-19'
    re.compile(
        r"\b(?i:beslut|beslutad|beslutat|beslutades|fastställd|fastställt|fastställdes|antagen|antaget|antogs)"
        r"\s+(?:i\s+|av\s+|på\s+|vid\s+)?(?P<body>\w[\w–\- ]{1,60}?)[\s,]+(?:den\s+)?(?:datum\s+)?(?P<date>" + _DATE_TEXT + r")",
    ),
    # 'Chefsgruppen beslutar 240419', 'Länsledningen beslutade 2023-09-08'
    re.compile(r"(?P<body>\b[A-ZÅÄÖ][\w–\-]+(?:\s+[\wåäö–\-]+){0,5}?)\s+(?i:beslutar|beslutade|fastställer|fastställde)\s+(?:den\s+)?(?P<date>" + _DATE_TEXT + r")"),
)
_UPDATED = re.compile(r"^\s*(?:senast\s+)?(?:uppdaterad|uppdaterat|reviderad|reviderat)\s*:?\s*(?P<date>" + _DATE_TEXT + r")\s*\.?\s*$", re.IGNORECASE)
_AUTHORS_INTRO = re.compile(r"\b(?:framtagen|framtaget|framtagna|upprättad|upprättat|utarbetad|utarbetat|skriven|skrivet)\b.*\bav\b", re.IGNORECASE)


@dataclass(frozen=True)
class Suggestion:
    """A value the text suggests for a field; reported for the owner to confirm, never written."""

    field: str
    """Front-matter key, e.g. decision or owner.contact."""
    value: object
    """The value the owner may copy."""
    text: str
    """The text it was read from."""


def decisions(text: str, forums: Mapping[str, str]) -> list[Suggestion]:
    """'beslut i Länsledning 230908' → decision (date, reference) and, if the forum is known, approved_by."""
    out: list[Suggestion] = []
    for pattern in _DECISION_PATTERNS:
        for m in pattern.finditer(text):
            dates = find_dates(m.group("date"))
            if not dates:
                continue
            phrase = one_line(m.group(0))
            out.append(Suggestion("decision", {"date": dates[0][0].isoformat(), "reference": phrase}, phrase))
            forum = match_name(clean(m.group("body")), forums)
            if forum:
                out.append(Suggestion("approved_by", forum, phrase))
    return out


def updated(text: str) -> str | None:
    """The date of 'Uppdaterad 2024-04-19' (a line of its own), as ISO text."""
    m = _UPDATED.match(text)
    dates = find_dates(m.group("date")) if m else []
    return dates[0][0].isoformat() if dates else None


def emails(texts: Iterable[str]) -> list[str]:
    """Every e-mail address, once, in order of appearance."""
    found: list[str] = []
    for text in texts:
        for m in EMAIL.finditer(text):
            address = m.group(0).rstrip(".")
            if address.casefold() not in (f.casefold() for f in found):
                found.append(address)
    return found


def laws(texts: Iterable[str]) -> list[str]:
    """Every SFS number cited, once, in order of appearance."""
    found: list[str] = []
    for text in texts:
        for m in SFS.finditer(text):
            sfs = f"{m.group(1)}:{m.group(2)}"
            if sfs not in found:
                found.append(sfs)
    return found


def introduces_authors(text: str) -> bool:
    """'Dokumentet är framtaget av …;' introducing a list of people below it."""
    return bool(_AUTHORS_INTRO.search(text)) and len(text) <= 200


def person(text: str) -> dict[str, str] | None:
    """'Britt-Marie Blom Lindström, MAS, Bollnäs kommun' → name and title; None when it is no person."""
    parts = [clean(p) for p in text.split(",") if clean(p)]
    if not parts or not PERSON_NAME.match(parts[0]) or len(parts[0].split()) > 4:
        return None
    out = {"name": parts[0]}
    if len(parts) > 1:
        out["title"] = ", ".join(parts[1:])
    return out


# --- letters ---------------------------------------------------------------------------------------------

LABEL_TITLES = frozenset(
    normalise(word)
    for word in (
        "Kontaktperson", "Handläggare", "Tjänsteskrivelse", "Missiv", "Yttrande", "Promemoria", "PM", "Brev",
        "Meddelande", "Datum", "Diarienummer", "Dnr", "Vår referens", "Er referens", "Mottagare", "Till", "Från",
        "Kallelse", "Protokollsutdrag", "Beslut", "Svar", "Skrivelse",
    )
)
"""Words a letterhead prints in Word's Title style; none of them names the letter."""
SUBJECT_START = re.compile(
    r"^(?:svar på|svar till|angående|ang\.|ärende:?|yttrande över|yttrande om|remissvar|begäran om|beslut om|förslag till|förslag om|information om|inbjudan till)\s",
    re.IGNORECASE,
)
_LETTERHEAD_LINE = re.compile(
    r"^(?:"
    r"(?:org(?:anisations)?\.?\s*-?nr|organisationsnummer|bankgiro|plusgiro|bg|pg|tfn|tel|telefon|e-post|epost|mail|fax|besöksadress|postadress|webb|www)\b.*"
    r"|\d{3}\s?\d{2}\s+\S.*"  # postal code and town
    r"|[\d\s+()-]{5,}"  # a telephone or reference number alone
    r"|\S+@\S+"  # an e-mail address alone
    r"|.*\b(?:vägen|gatan|väg|gata|box)\s+\d+.*"  # a street address
    r")$",
    re.IGNORECASE,
)


def is_label_title(title: str) -> bool:
    """True when a title is a letterhead label ('Kontaktperson') rather than the document's name."""
    return normalise(title) in LABEL_TITLES


def is_subject(text: str) -> bool:
    """A letter's subject line: 'Svar på revisorernas granskning …', short, not a sentence of the text."""
    return bool(SUBJECT_START.match(text)) and 10 <= len(text) <= 200


def is_letterhead_line(text: str) -> bool:
    """A line of a letterhead: a name, a unit, a date, a number, an address, an e-mail, org.nr or bankgiro."""
    text = text.strip()
    if not text or len(text) > 80 or text.endswith((".", ":", "?", "!")) and not EMAIL.search(text):
        return False
    if _LETTERHEAD_LINE.match(text) or (find_dates(text) and len(text) <= 30) or is_label_title(text.rstrip(":")):
        return True
    words = text.split()
    return len(words) <= 4 and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def letterhead_prefix(lines: Sequence[str]) -> int:
    """How many of the opening lines form a letterhead (0 when they are the text)."""
    count = 0
    for line in lines:
        if not is_letterhead_line(line):
            break
        count += 1
    return count
