"""Write what was imported: the front matter (nothing invented) and the Markdown body."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from samverkan.core.slugs import slugify
from samverkan.external import pandoc
from samverkan.transfer.importing.interpret import Converted
from samverkan.transfer.importing.values import (
    DEFAULT_AREA,
    DEFAULT_FOLDER,
    FIELD_ORDER,
    ImportFailed,
    MEDIA_PLACEHOLDER,
    OPTIONAL_REPORTED,
    REQUIRED,
    SCHEMA_COMMENT,
    Catalog,
)

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
    tool: str = "samverkan"
    """Name and version of the importing tool, recorded as provenance."""


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
        assigned.append(("id", str(data["id"]), f"nytt id: {converted.source.format.swedish} har inget dokument-id"))
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
    # The import itself is provenance, not a revision: the changelog holds only what the source says.
    data["imported"] = provenance(converted, options)
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


def provenance(converted: Converted, options: Options) -> dict[str, str]:
    """Where an imported document came from: file name, its SHA-256, the day and the tool."""
    return {
        "source": converted.source.name,
        "sha256": converted.source.sha256,
        "date": options.today.isoformat(),
        "tool": options.tool,
    }


def comments_for(planned: Planned, today: dt.date) -> list[str]:
    c = planned.converted
    lines = [f"Importerad {today.isoformat()} från {c.source.format.swedish} {c.source_name} (samverkan import)."]
    if c.unused:
        lines.append(f"Stod i {c.source.format.swedish} men kunde inte föras över; fyll i fälten och ta sedan bort raderna:")
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
        changelog.append({"revision": data["revision"], "date": today.isoformat(), "summary": f"Uppdaterad från {planned.converted.source.format.swedish} {planned.converted.source_name}."})
        data["changelog"] = changelog
    data["status"] = "draft"
    if "imported" in planned.data:
        data["imported"] = copy.deepcopy(planned.data["imported"])
    return data, changes


def read_existing(text: str) -> dict[str, object] | None:
    """The front matter of an existing document as plain data, or None when it cannot be read."""
    from samverkan.core.yamlsource import parse_front_matter

    parsed = parse_front_matter(text, "existing")
    return parsed.data if isinstance(parsed.data, dict) and not parsed.problems else None


SOURCE_SUFFIXES = (".docx", ".doc", ".docm", ".pdf")


def iter_sources(folder: Path) -> Iterator[Path]:
    """Word and PDF files in a folder (and its subfolders), in name order; Word's lock files skipped."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in SOURCE_SUFFIXES and not path.name.startswith(("~$", ".")):
            yield path


MARKDOWN = "markdown_strict+pipe_tables+footnotes+raw_html+four_space_rule"
"""Markdown as Python-Markdown (MkDocs) reads it: pipe tables, four-space nesting, footnotes."""


def markdown(converted: Converted) -> str:
    """The body as Markdown, written by pandoc from the interpreted blocks."""
    ast = pandoc.document(converted.blocks, list(converted.source.api_version) or pandoc.api_version())
    try:
        text = pandoc.from_ast(ast, MARKDOWN, ["--wrap=none"]).decode("utf-8")
    except pandoc.PandocFailed as exc:
        raise ImportFailed(f"pandoc kunde inte skriva texten som Markdown: {exc}") from exc
    return tidy_markdown(text)
