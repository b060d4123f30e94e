"""Reading content files: text, YAML and schema, one file at a time, in parallel when there are many.

What one file yields depends on its bytes, its path and the schemas only, so on a large
tree the work goes to a pool of processes, one per core.
"""

from __future__ import annotations

import os
import re
from array import array
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from samverkan.core import checkcache, drafts
from samverkan.core.body_checks import body_problems
from samverkan.core.dead_links import may_link_to_a_file
from samverkan.core import model as m
from samverkan.core.os_reasons import os_reason
from samverkan.core.personnummer import CODE as PERSONAL_NUMBER
from samverkan.core.personnummer import mask_personal_numbers, number_starts, personal_number_problems
from samverkan.core.problems import Problem, error
from samverkan.core.schemas import SchemaSet
from samverkan.core.yamlsource import LineTable, Parsed, Source, parse_front_matter, parse_yaml

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
    """The text as read (newlines made ``\\n``); None when the file could not be read as UTF-8 text, or
    when it was not asked for (``read_files(texts=False)``)."""
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


def not_utf8(rel: str, data: bytes, bad: int) -> Problem:
    """E-FILE at the line of the first byte (at offset ``bad``) that is not UTF-8, with its place on the line."""
    before = _text(data[:bad])  # all UTF-8: the decoding stopped just after it
    line_start = before.rfind("\n") + 1
    return error(
        rel,
        before.count("\n") + 1,
        "E-FILE",
        "filen är sparad med en äldre teckenkodning, inte UTF-8, så å, ä och ö blir fel "
        f"(det första tecknet som inte går att läsa är tecken {len(before) - line_start + 1} på raden)",
        hint="öppna filen och spara den igen med teckenkodningen UTF-8 (Spara som, Kodning: UTF-8); övriga fel i filen visas först då",
    )


def analyse(rel: str, kind: str, data: bytes, schemas: SchemaSet) -> FileResult:
    """Parse and validate one file's bytes."""
    try:
        text = _text(data)
    except UnicodeDecodeError as exc:
        problem = not_utf8(rel, data, exc.start)
        # Every byte is a Latin-1 character: enough to find the id, so references to this
        # file are not reported as unknown on top of the one error that matters.
        latin = data.decode("latin-1")
        problems = (problem, *personal_number_problems(latin, rel))
        return FileResult(rel, kind, None, None, problems, False, _remembered(kind, latin))
    starts = number_starts(data)
    # Offsets in the bytes are offsets in the text unless line ends were changed: then a scan of its own.
    numbers = tuple(personal_number_problems(text, rel, starts=None if b"\r" in data else starts)) if starts else ()
    # Masked before anything is parsed: no page, download or export made from the corpus can
    # publish a personal number, even from a build that ignores check's errors.
    if numbers:  # the same scan finds what to mask: no second pass over a text without any
        text = mask_personal_numbers(text)
    parsed = (parse_front_matter if kind == "document" else parse_yaml)(text, rel)
    found = numbers  # the problems of the text as such
    if kind == "document":
        # The text is checked whatever the front matter holds: one wrong field must not hide the rest.
        status = parsed.data.get("status") if isinstance(parsed.data, dict) else None
        found += body_problems(rel, parsed.body, parsed.body_line, status)
    declared = _remembered(kind, text) if parsed.data is None else ()
    if parsed.data is None and parsed.problems:
        return FileResult(rel, kind, text, parsed, found + parsed.problems, False, declared)
    schema_problems = tuple(schemas.validate(kind, parsed.data, parsed.source, has_float=parsed.has_float))
    if schema_problems and not parsed.problems and kind == "document":
        validator = schemas.validators["document"]
        draft = drafts.unfinished(parsed, validator)
        if draft is not None:
            problems = (*found, drafts.incomplete_warning(draft, validator.schema))
            return FileResult(rel, kind, text, parsed, problems, False, (*declared, ("document", draft.id)), draft)
    if schema_problems or parsed.problems:
        declared += tuple(_declared_ids(kind, parsed.data))
        return FileResult(rel, kind, text, parsed, found + parsed.problems + schema_problems, False, declared)
    return FileResult(rel, kind, text, parsed, found, True, declared)


def read_one(job: Job, schemas: SchemaSet, cached: checkcache.Entry | None = None, caching: bool = False) -> tuple[FileResult, checkcache.Entry | None]:
    """Read and analyse one file; with ``caching``, also its cache entry, and ``cached`` is used when it
    is the entry of these very bytes."""
    result, entry, _ = _read_one(job, schemas, cached, caching)
    return result, entry


def _read_one(job: Job, schemas: SchemaSet, cached: checkcache.Entry | None, caching: bool) -> tuple[FileResult, checkcache.Entry | None, bytes | None]:
    """``read_one``, and the bytes read."""
    try:
        data = job.path.read_bytes()
    except OSError as exc:
        problem = error(job.rel, 1, "E-FILE", f"filen går inte att läsa: {os_reason(exc)}")
        return FileResult(job.rel, job.kind, None, None, (problem,), False, ()), None, None
    if not caching:
        return analyse(job.rel, job.kind, data, schemas), None, data
    sha = checkcache.digest(data)
    if cached is not None and cached[0] == sha:
        try:
            verdict = checkcache.decode(cached[1])
        except (ValueError, TypeError, KeyError, IndexError):
            verdict = None  # a damaged entry: the file is read as if it had none
        if verdict is not None:
            # Kept: what the personal number scan, the schema and the draft rules said. Reading
            # the YAML again costs about what reading it from the cache would.
            text = _text(data)
            parsed = (parse_front_matter if job.kind == "document" else parse_yaml)(text, job.rel)
            return FileResult(job.rel, job.kind, text, parsed, *verdict), cached, data
    result = analyse(job.rel, job.kind, data, schemas)
    encoded = checkcache.encode(result.text, result.parsed, result.problems, result.usable, result.declared, result.unfinished)
    return result, (sha, encoded) if encoded is not None else None, data


Packed = tuple
"""What crosses from a worker: a result's fields as a plain tuple (cheaper than the dataclasses),
the parsed file's without its body, which is the end of the text (or, without texts, the body
when the corpus's checks need it), and the file's cache entry."""


def _pack(result: FileResult, entry: checkcache.Entry | None, data: bytes | None, texts: bool = True) -> Packed:
    parsed = result.parsed
    if not texts:
        # Only the problems are wanted, and those found in a text alone are found: a text goes back
        # only when it might link to a file, which the corpus's dead link check must see.
        body = parsed.body if parsed is not None and may_link_to_a_file(parsed.body) else ""
        fields = (result.rel, result.kind, None, result.problems, result.usable, result.declared, result.unfinished, entry)
    else:
        # The text goes as the bytes it was read from when it is just those bytes decoded (no line ends
        # changed, no number masked): bytes are copied as they are, a text is encoded to UTF-8 again.
        same = result.text is not None and b"\r" not in data and not any(p.code == PERSONAL_NUMBER for p in result.problems)  # type: ignore[operator]
        text: str | bytes | None = data if same else result.text
        fields = (result.rel, result.kind, text, result.problems, result.usable, result.declared, result.unfinished, entry)
    if parsed is None:
        return fields, None
    lines = parsed.source.lines
    # The lines of a line table go as one bytes object: a Source and a list of ints cost far more to copy.
    where = (parsed.source.path, array("I", lines.numbers).tobytes()) if isinstance(lines, LineTable) else parsed.source
    return fields, (parsed.data, where, parsed.problems, len(parsed.body) if texts else body, parsed.body_line, parsed.has_float)


def _unpack(packed: Packed) -> tuple[FileResult, checkcache.Entry | None]:
    (rel, kind, text, problems, usable, declared, unfinished, entry), parsed = packed
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    if parsed is not None:
        data, where, parsed_problems, body, body_line, has_float = parsed
        if isinstance(where, tuple):
            numbers = array("I")
            numbers.frombytes(where[1])
            where = Source(where[0], LineTable(data, numbers))
        if isinstance(body, int):  # its length: the end of the text
            body = text[len(text) - body :] if body else ""
        parsed = Parsed(data, where, parsed_problems, body, body_line, has_float)
    return FileResult(rel, kind, text, parsed, problems, usable, declared, unfinished), entry


_worker_schemas: SchemaSet | None = None
"""The schemas in a worker: inherited when it is forked, else loaded when it starts."""


def _start_worker(directory: Path) -> None:
    global _worker_schemas
    _worker_schemas = SchemaSet.load(directory)


Work = tuple[Job, "checkcache.Entry | None"]


def _read_chunk(chunk: list[Work], caching: bool, texts: bool) -> list[Packed]:
    assert _worker_schemas is not None
    return [_pack(*_read_one(job, _worker_schemas, cached, caching), texts) for job, cached in chunk]


def workers() -> int:
    """The cores this process may run on (the machine may have more than it is given)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, 8)


def _read_all(work: list[Work], schemas: SchemaSet, caching: bool, texts: bool) -> Iterator[tuple[FileResult, checkcache.Entry | None]]:
    count = workers()
    if len(work) < PARALLEL_FROM or count < 2:
        for job, cached in work:
            yield read_one(job, schemas, cached, caching)
        return
    # Small chunks, handed out in order: this process turns the first ones into the corpus while
    # the workers read the rest. What comes back is small: the text and plain data, no body twice.
    size = max(16, min(256, len(work) // (count * 8)))
    chunks = [work[i : i + size] for i in range(0, len(work), size)]
    global _worker_schemas
    if "fork" in get_all_start_methods():
        _worker_schemas = schemas  # a forked worker starts with them: nothing to load
        pool = ProcessPoolExecutor(count, mp_context=get_context("fork"))
    else:
        pool = ProcessPoolExecutor(count, initializer=_start_worker, initargs=(schemas.directory,))
    with pool:
        for chunk in pool.map(partial(_read_chunk, caching=caching, texts=texts), chunks):
            for packed in chunk:
                yield _unpack(packed)


def read_files(jobs: Sequence[Job], schemas: SchemaSet, cache: checkcache.CheckCache | None = None, texts: bool = True) -> Iterator[FileResult]:
    """Read every job's file and yield the results in the order given; in parallel when there are many.

    With ``cache``, a file whose bytes are unchanged since the last run is not analysed again,
    and the cache is written after the last result. With ``texts=False`` only the problems are
    wanted: a result read in a worker may come without its text and its body (see ``_pack``).
    """
    work = [(job, cache.get(job.rel, job.kind) if cache else None) for job in jobs]
    for (job, _), (result, entry) in zip(work, _read_all(work, schemas, cache is not None, texts)):
        if cache is not None:
            cache.keep(job.rel, job.kind, entry)
        yield result
    if cache is not None:
        cache.write()
