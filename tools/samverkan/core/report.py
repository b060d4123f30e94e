"""The outcome of a check run and its three renderings: text for people, JSON for tools, GitHub annotations."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field

from samverkan.core.model import Corpus
from samverkan.core.problems import WHOLE_FILE, Problem, Severity


@dataclass(frozen=True)
class CheckReport:
    """All problems of one run, sorted by file and line, with what was read."""

    problems: tuple[Problem, ...]
    today: dt.date
    files_read: int
    counts: dict[str, int]
    """How many files of documents, roles, forums and parties were read (also those refused), how many laws
    the law register holds, and whether the register (``law_files``) and the synonyms (``synonym_files``) were read."""
    corpus: Corpus = Corpus()
    """What was loaded, for front ends that go on to render it."""
    document_texts: dict[str, str] = field(default_factory=dict)
    """Each document file's text as read, by path."""
    compared: str = ""
    """What the change was compared with, in words for the summary ("jämfört med huvudgrenen (1a2b3c4)")."""

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.is_error)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def exit_status(self) -> int:
        return 1 if self.errors else 0


_COUNT_WORDS = {
    "documents": ("dokument", "dokument"),
    "roles": ("roll", "roller"),
    "forums": ("forum", "forum"),
    "parties": ("part", "parter"),
}
"""Files of each kind, each one item; the two registers in roles/ are named on their own."""


def _n(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _what_was_read(counts: dict[str, int]) -> str:
    """'24 dokument, 14 roller, 6 forum, 11 parter, lagregistret med 13 lagar och synonymlistan': the files read, in words."""
    parts = [_n(counts.get(key, 0), *words) for key, words in _COUNT_WORDS.items()]
    if counts.get("law_files"):
        parts.append(f"lagregistret med {_n(counts.get('laws', 0), 'lag', 'lagar')}")
    if counts.get("synonym_files"):
        parts.append("synonymlistan")
    return ", ".join(parts[:-1]) + " och " + parts[-1]


def summary_line(report: CheckReport) -> str:
    compared = f" {report.compared[0].upper()}{report.compared[1:]}." if report.compared else ""
    head = f"Kontrollerade {_n(report.files_read, 'fil', 'filer')} den {report.today}: {_what_was_read(report.counts)}.{compared}"
    if not report.problems:
        return head + " Inga problem hittades."
    result = f" {_n(report.errors, 'fel', 'fel')} och {_n(report.warnings, 'varning', 'varningar')}."
    if report.errors:
        result += " Rätta felen innan ändringen publiceras."
    return head + result


def format_text(report: CheckReport) -> str:
    lines = []
    for p in report.problems:
        lines.append(f"{p.location}: {p.code} {p.message}")
        if p.hint:
            lines.append(f"    tips: {p.hint}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def format_json(report: CheckReport) -> str:
    payload = {
        "today": report.today.isoformat(),
        "summary": {
            "errors": report.errors,
            "warnings": report.warnings,
            "files": report.files_read,
            **report.counts,
        },
        "problems": [{**asdict(p), "severity": p.severity.value} for p in report.problems],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: CheckReport) -> str:
    """GitHub Actions workflow commands, so problems show up on the lines of a pull request."""
    lines = []
    for p in report.problems:
        level = "error" if p.severity is Severity.ERROR else "warning"
        message = p.message + (f" (tips: {p.hint})" if p.hint else "")
        line = f",line={p.line}" if p.line != WHOLE_FILE else ""
        lines.append(f"::{level} file={_escape_property(p.path)}{line},title={_escape_property(p.code)}::{_escape_data(message)}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


FORMATS = {"text": format_text, "json": format_json, "github": format_github}
