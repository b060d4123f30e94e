"""Find Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer).

A governing document never needs a patient's identity, so any such number in content is an
error. A match needs all of:

- 10 digits (``YYMMDD-NNNC``, ``YYMMDD+NNNC``, ``YYMMDDNNNC``) or 12 digits
  (``YYYYMMDD-NNNC``, ``YYYYMMDDNNNC``), not part of a longer run of digits;
- a plausible birth date: a real calendar day, or the day plus 60 for a coordination number;
- a valid Luhn check digit over the ten digits ``YYMMDDNNN`` + ``C``.

Together these keep false positives low: dates, SFS numbers (``2017:612``), case numbers
(``RS 2024/0715``), phone numbers written in groups (``010-123 45 67``), postal codes and
organisation numbers (whose month is 20 or more) never match; a ten-digit phone number
without spaces matches only when its digits happen to pass all three tests.

Skatteverket publishes test numbers that are safe to use in examples. They are listed in
``testpersonnummer.txt`` beside this module (one number a line, 12 digits); a number on that
list is never reported. The list cannot be derived offline, so it is kept by hand.
"""

from __future__ import annotations

import calendar
import enum
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from samverkan.core.problems import Problem, error

ALLOW_LIST = Path(__file__).with_name("testpersonnummer.txt")
"""Skatteverket's published test numbers that content may contain (see README)."""

CODE = "E-PERSONNUMMER"

_NUMBER = re.compile(
    r"(?<![0-9])"
    r"(?:(?P<century>1[89]|20)(?P<y12>[0-9]{2})(?P<md12>[0-9]{4})(?P<sep12>[-+]?)(?P<tail12>[0-9]{4})"
    r"|(?P<y10>[0-9]{2})(?P<md10>[0-9]{4})(?P<sep10>[-+]?)(?P<tail10>[0-9]{4}))"
    r"(?![0-9])"
)
_SIX_DIGITS = re.compile(r"[0-9][0-9][0-9][0-9][0-9][0-9]+")
"""Every number above starts a run of at least six digits. This pattern is fast to search
(one starting with a look-behind is tried at every position of the text), and most texts
have no such run at all: dates, SFS, case and phone numbers are written in shorter groups.
Spelled out rather than ``[0-9]{6,}``: the same runs, and Python's ``re`` scans for this about
twice as fast (every page of the site is scanned)."""


_DIGITS_AS_ZERO = bytes(0x30 if 0x30 <= byte <= 0x39 else 0x20 for byte in range(256))


def number_starts(data: bytes) -> list[int]:
    """Where each run of six or more ASCII digits starts in the text UTF-8 ``data`` decodes to
    (character offsets): every number above starts one, and most files have none.

    In UTF-8 an ASCII digit is one byte that no other character's bytes contain, so the runs are
    found in the bytes: turning every digit into ``0`` and looking for ``000000`` is many times
    faster than the regular expression over the decoded text.
    """
    zeros = data.translate(_DIGITS_AS_ZERO)
    starts: list[int] = []
    char = byte = 0
    at = zeros.find(b"000000")
    while at >= 0:
        char += len(data[byte:at].decode("utf-8"))
        byte = at
        starts.append(char)
        end = zeros.find(b" ", at)
        at = zeros.find(b"000000", end) if end >= 0 else -1
    return starts


def _numbers(text: str, starts: Iterable[int] | None = None) -> Iterator[re.Match[str]]:
    """``_NUMBER.finditer(text)``, tried only where a run of six digits starts (at ``starts`` when known)."""
    end = 0
    for start in (run.start() for run in _SIX_DIGITS.finditer(text)) if starts is None else starts:
        if start >= end and (found := _NUMBER.match(text, start)):
            end = found.end()
            yield found


class NumberKind(enum.Enum):
    """Which of the two kinds of identity number was found."""

    PERSONNUMMER = "personnummer"
    SAMORDNINGSNUMMER = "samordningsnummer"

    @property
    def is_coordination(self) -> bool:
        return self is NumberKind.SAMORDNINGSNUMMER


@dataclass(frozen=True)
class PersonalNumberMatch:
    """One identity number in a text, located but never kept in full."""

    line: int
    """1-based line in the text."""
    column: int
    """1-based column where the number starts."""
    masked: str
    """The number as written, with every digit after the year replaced by ``x``."""
    kind: NumberKind
    """Personnummer or samordningsnummer."""


def luhn_valid(digits: str) -> bool:
    """The Luhn check over ten digits, as the Swedish Tax Agency computes it."""
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _kind(years: Iterable[int], month: int, day: int) -> NumberKind | None:
    """The kind of number whose date part is ``month``/``day`` in any of ``years``, or None."""
    if not 1 <= month <= 12:
        return None
    kind = NumberKind.PERSONNUMMER
    if day > 60:
        day -= 60
        kind = NumberKind.SAMORDNINGSNUMMER
    if day >= 1 and any(day <= calendar.monthrange(year, month)[1] for year in years):
        return kind
    return None


def _mask(written: str, keep: int) -> str:
    return written[:keep] + re.sub(r"[0-9]", "x", written[keep:])


@cache
def default_allowed() -> frozenset[str]:
    """The numbers in ``testpersonnummer.txt``, as 12 digits."""
    return read_allow_list(ALLOW_LIST.read_text(encoding="utf-8"))


def read_allow_list(text: str) -> frozenset[str]:
    """12-digit numbers, one a line; ``#`` starts a comment, separators are ignored."""
    numbers = set()
    for line in text.splitlines():
        digits = re.sub(r"[^0-9]", "", line.partition("#")[0])
        if digits:
            numbers.add(digits)
    return frozenset(numbers)


def find_personal_numbers(
    text: str, allowed: frozenset[str] | None = None, starts: Iterable[int] | None = None
) -> Iterator[PersonalNumberMatch]:
    """Every personal identity or coordination number in ``text``, except those in ``allowed``.

    ``allowed`` holds 12-digit numbers; by default Skatteverket's test numbers in
    ``testpersonnummer.txt``. A 10-digit number is allowed when it is the tail of an allowed one.
    """
    allowed = default_allowed() if allowed is None else allowed
    line, line_start = 1, 0
    scanned = 0
    for found in _numbers(text, starts):
        newlines = text.count("\n", scanned, found.start())
        if newlines:
            line += newlines
            line_start = text.rfind("\n", 0, found.start()) + 1
        scanned = found.start()
        if found.group("century"):
            century, yy, md, tail = found.group("century", "y12", "md12", "tail12")
            years: tuple[int, ...] = (int(century + yy),)
            keep = 4
        else:
            yy, md, tail = found.group("y10", "md10", "tail10")
            years = (1900 + int(yy), 2000 + int(yy))
            century, keep = None, 2
        kind = _kind(years, int(md[:2]), int(md[2:]))
        ten = yy + md + tail
        if kind is None or not luhn_valid(ten):
            continue
        if (century and century + ten in allowed) or (century is None and any(a[2:] == ten for a in allowed)):
            continue
        yield PersonalNumberMatch(line, found.start() - line_start + 1, _mask(found.group(0), keep), kind)


def mask_personal_numbers(text: str, allowed: frozenset[str] | None = None) -> str:
    """``text`` with every number ``find_personal_numbers`` reports masked, for what the site publishes."""
    if not _SIX_DIGITS.search(text):
        return text
    matches = list(find_personal_numbers(text, allowed))
    if not matches:  # a run of digits that is no personal number: no need to map the lines
        return text
    spans = []
    offsets = _line_offsets(text)
    for match in matches:
        start = offsets[match.line - 1] + match.column - 1
        spans.append((start, start + len(match.masked), match.masked))
    for start, end, masked in reversed(spans):
        text = text[:start] + masked + text[end:]
    return text


def _line_offsets(text: str) -> list[int]:
    offsets = [0]
    for found in re.finditer("\n", text):
        offsets.append(found.end())
    return offsets


def personal_number_problems(text: str, path: str, first_line: int = 1, starts: Iterable[int] | None = None) -> Iterator[Problem]:
    """One located error per number in a content file; the message shows only the number, masked.

    No words around it: check output goes to CI logs and pull requests, and the words beside a
    patient's number are often the patient's name.
    """
    for match in find_personal_numbers(text, starts=starts):
        yield error(
            path,
            match.line + first_line - 1,
            CODE,
            f"texten på den här raden innehåller ett {match.kind.value} ({match.masked}); "
            "uppgifter som pekar ut en person, till exempel en patient, får inte stå i dokumenten",
            hint="ta bort numret; behöver ett exempel visa hur ett personnummer skrivs, skriv ÅÅÅÅMMDD-XXXX",
        )
