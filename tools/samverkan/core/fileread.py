"""Reading content files: text, YAML and schema, one file at a time, in parallel when there are many.

What one file yields depends on its bytes, its path and the schemas only, so on a large
tree the work goes to a pool of processes, one per core.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from samverkan.core import drafts
from samverkan.core import model as m
from samverkan.core.personnummer import mask_personal_numbers, personal_number_problems
from samverkan.core.problems import Problem, error
from samverkan.core.schemas import SchemaSet
from samverkan.core.yamlsource import Parsed, parse_front_matter, parse_yaml

LAW_REGISTER = "laws"
PARALLEL_FROM = 300
"""Below this many files to parse, starting worker processes costs more than it saves."""


@dataclass(frozen=True)
class Job:
    """One content file to read."""

    path: Path
    """Where it is on disk."""
    rel: str
    """Path relative to the content root, as problems show it."""
    kind: str
    """document, role, forum, party or laws."""


@dataclass(frozen=True)
class FileResult:
    """What one file holds: its parsed data if usable, and every problem met reading it."""

    rel: str
    """Path relative to the content root."""
    kind: str
    """document, role, forum, party or laws."""
    text: str | None
    """The text as read (newlines made ``\\n``); None when the file could not be read as UTF-8 text."""
    parsed: Parsed | None
    """The YAML data with its lines, None when the file could not be read at all."""
    problems: tuple[Problem, ...]
    """Reading, YAML and schema problems."""
    usable: bool
    """Read and valid against its schema: it may become part of the corpus."""
    declared: tuple[tuple[str, str], ...]
    """(kind, id) pairs an unusable file still declares, so references to it are not reported twice."""
    unfinished: m.UnfinishedDraft | None = None
    """A draft that lacks only fields approval needs (see ``core/drafts.py``): one warning, no errors."""


_ID_LINE = re.compile(r"""^id:[ \t]*["']?([A-Za-z0-9][A-Za-z0-9._-]*)""", re.MULTILINE)


def id_line(text: str) -> str | None:
    """The id on an ``id:`` line of a file whose YAML cannot be read as a whole, if there is one."""
    found = _ID_LINE.search(text)
    return found.group(1) if found else None


def _remembered(kind: str, text: str) -> tuple[tuple[str, str], ...]:
    # Unreadable YAML: the id line usually still reads, and knowing the id keeps every
    # reference to this file from becoming a second, misleading error.
    found = id_line(text) if kind != LAW_REGISTER else None
    return ((kind, found),) if found else ()


def _declared_ids(kind: str, data: object) -> Iterator[tuple[str, str]]:
    """The ids a file that failed validation still declares, as (reference kind, id)."""
    if kind == LAW_REGISTER:
        entries = data.get("laws") if isinstance(data, dict) else None
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, dict) and isinstance(entry.get("sfs"), str):
                yield "law", entry["sfs"]
    elif isinstance(data, dict) and isinstance(data.get("id"), str):
        yield kind, data["id"]


def _text(data: bytes) -> str:
    """Decode as ``Path.read_text`` does: strict UTF-8, universal newlines."""
    text = data.decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def analyse(rel: str, kind: str, data: bytes, schemas: SchemaSet) -> FileResult:
    """Parse and validate one file's bytes."""
    try:
        text = _text(data)
    except UnicodeDecodeError:
        problem = error(rel, 1, "E-FILE", "filen är inte sparad som UTF-8-text", hint="spara om filen med teckenkodning UTF-8")
        # Every byte is a Latin-1 character: enough to find the id, so references to this
        # file are not reported as unknown on top of the one error that matters.
        latin = data.decode("latin-1")
        problems = (problem, *personal_number_problems(latin, rel))
        return FileResult(rel, kind, None, None, problems, False, _remembered(kind, latin))
    numbers = tuple(personal_number_problems(text, rel))
    # Masked before anything is parsed: no page, download or export made from the corpus can
    # publish a personal number, even from a build that ignores check's errors.
    if numbers:  # the same scan finds what to mask: no second pass over a text without any
        text = mask_personal_numbers(text)
    parsed = (parse_front_matter if kind == "document" else parse_yaml)(text, rel)
    declared = _remembered(kind, text) if parsed.data is None else ()
    if parsed.data is None and parsed.problems:
        return FileResult(rel, kind, text, parsed, numbers + parsed.problems, False, declared)
    schema_problems = tuple(schemas.validate(kind, parsed.data, parsed.source, has_float=parsed.has_float))
    if schema_problems and not parsed.problems and kind == "document":
        validator = schemas.validators["document"]
        draft = drafts.unfinished(parsed, validator)
        if draft is not None:
            problems = (*numbers, drafts.incomplete_warning(draft, validator.schema))
            return FileResult(rel, kind, text, parsed, problems, False, (*declared, ("document", draft.id)), draft)
    if schema_problems or parsed.problems:
        declared += tuple(_declared_ids(kind, parsed.data))
        return FileResult(rel, kind, text, parsed, numbers + parsed.problems + schema_problems, False, declared)
    return FileResult(rel, kind, text, parsed, numbers, True, declared)


Packed = tuple[FileResult, int, str | None]
"""A result without its text and body, and the body's length: what crosses between processes.
The text itself only when masking a personal number changed it."""


def _pack(result: FileResult, data: bytes) -> Packed:
    if result.parsed is None or result.text is None:
        return result, 0, None
    changed = result.text if result.text != _text(data) else None
    return replace(result, text=None, parsed=replace(result.parsed, body="")), len(result.parsed.body), changed


def _unpack(packed: Packed, data: bytes) -> FileResult:
    result, body_length, changed = packed
    if result.parsed is None:
        return result  # never decoded: there is no text
    text = changed if changed is not None else _text(data)
    # The body is the end of the text, as parse_front_matter cut it.
    body = text[len(text) - body_length :] if body_length else ""
    return replace(result, text=text, parsed=replace(result.parsed, body=body))


_worker_schemas: SchemaSet | None = None


def _start_worker(directory: Path) -> None:
    global _worker_schemas
    _worker_schemas = SchemaSet.load(directory)


def _analyse_chunk(chunk: list[tuple[str, str, bytes]]) -> list[Packed]:
    assert _worker_schemas is not None
    return [_pack(analyse(rel, kind, data, _worker_schemas), data) for rel, kind, data in chunk]


def _analyse_all(items: list[tuple[str, str, bytes]], schemas: SchemaSet) -> list[Packed]:
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < PARALLEL_FROM or workers < 2:
        return [_pack(analyse(rel, kind, data, schemas), data) for rel, kind, data in items]
    size = -(-len(items) // (workers * 4))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    # fork: the workers start with everything imported; elsewhere the default method works too.
    context = get_context("fork") if "fork" in get_all_start_methods() else None
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(schemas.directory,)) as pool:
        return [result for chunk in pool.map(_analyse_chunk, chunks) for result in chunk]


def read_files(jobs: Sequence[Job], schemas: SchemaSet) -> list[FileResult]:
    """Read every job's file, in the order given; in parallel when there are many."""
    results: list[FileResult | Packed | None] = [None] * len(jobs)
    contents: list[bytes] = [b""] * len(jobs)
    todo: list[int] = []
    for i, job in enumerate(jobs):
        try:
            contents[i] = job.path.read_bytes()
        except OSError as exc:
            problem = error(job.rel, 1, "E-FILE", f"filen går inte att läsa: {exc.strerror}")
            results[i] = FileResult(job.rel, job.kind, None, None, (problem,), False, ())
            continue
        todo.append(i)
    for i, packed in zip(todo, _analyse_all([(jobs[i].rel, jobs[i].kind, contents[i]) for i in todo], schemas)):
        results[i] = _unpack(packed, contents[i])
        contents[i] = b""  # the text holds it now; a large tree need not be in memory twice
    return results  # type: ignore[return-value]
