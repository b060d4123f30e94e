"""What `check` found in each file, kept in ``.cache/check/`` so that the next run checks only what changed.

An entry holds a file's verdict: its problems, whether it is usable, the ids it declares and
the unfinished draft it is. Its text is still read (the fast reader reads front matter about as
fast as JSON would), but the personal number scan, the schemas and the draft rules are not run
again. An entry is keyed on the file's path, kind and the SHA-256 of its bytes, and the whole
cache on a fingerprint of this package's version, its core code and the schemas: any change
there and every file is checked again. The cache file is JSON (never pickle: a cache is input
too), one line a file, written to a temporary file and renamed into place, so two runs at once
each see a whole cache, the one or the other. A line that does not read is a file to check again.

Not cached (rare, and read again every time): files that are not UTF-8 text, and files in which
a personal number was masked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path

import samverkan
from samverkan.core import model as m
from samverkan.core.personnummer import CODE as PERSONAL_NUMBER
from samverkan.core.problems import Problem, Severity
from samverkan.core.yamlsource import Parsed

FORMAT = 1
"""The layout of an entry; part of the fingerprint."""
FILE_NAME = "results.jsonl"

Entry = tuple[str, str]
"""(SHA-256 of the bytes, the verdict as JSON) for one file."""


RENDERING_LIBRARIES = ("markdown", "pymdown-extensions", "nh3", "jsonschema", "PyYAML")
"""Libraries whose version changes a verdict: the markup check renders and cleans each body, and
the schema check and the YAML reader come from these."""


def _versions() -> str:
    found = []
    for name in RENDERING_LIBRARIES:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return ",".join(found)


def fingerprint(schema_dir: Path) -> str:
    """This package's version, its core code, the schemas and the versions of the libraries a verdict
    depends on: what a file's result depends on besides the file."""
    digest = hashlib.sha256(f"{FORMAT}:{samverkan.__version__}:{_versions()}".encode())
    core = Path(__file__).parent
    for path in sorted([*core.glob("*.py"), *core.glob("*.txt"), *schema_dir.glob("*.schema.json")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class CheckCache:
    """The entries of one content tree's cache: read at the start of a run, written at its end."""

    def __init__(self, directory: Path, schema_dir: Path) -> None:
        self.path = directory / FILE_NAME
        self.fingerprint = fingerprint(schema_dir)
        self.old: dict[tuple[str, str], Entry] = {}
        self.new: dict[tuple[str, str], Entry] = {}
        self._read()

    def _read(self) -> None:
        try:
            with self.path.open(encoding="utf-8") as file:
                if file.readline().rstrip("\n") != self.fingerprint:
                    return  # another version of the code or the schemas: nothing here can be trusted
                for line in file:
                    key, sep, result = line.rstrip("\n").partition("\t")
                    try:
                        rel, kind, sha = json.loads(key)
                    except ValueError:
                        continue  # a damaged line: that file is read again
                    if sep and isinstance(rel, str) and isinstance(kind, str) and isinstance(sha, str):
                        self.old[(rel, kind)] = (sha, result)
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError):
            return  # unreadable: the run reads every file and writes a new cache

    def get(self, rel: str, kind: str) -> Entry | None:
        return self.old.get((rel, kind))

    def keep(self, rel: str, kind: str, entry: Entry | None) -> None:
        if entry is not None:
            self.new[(rel, kind)] = entry

    def write(self) -> None:
        """Replace the cache with this run's entries (those of files that no longer exist are dropped)."""
        if self.new == self.old:
            return
        lines = [self.fingerprint]
        lines += [json.dumps([rel, kind, sha], ensure_ascii=False) + "\t" + result for (rel, kind), (sha, result) in self.new.items()]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".results-", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as file:
                    file.write("\n".join(lines) + "\n")
                os.replace(temporary, self.path)  # atomic: a run reading at the same time sees the old cache or this one
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            return  # a read-only tree or a full disk: the cache only saves time, the check is already done


# --- one file's result as JSON ------------------------------------------------------------------------------


def encode(text: str | None, parsed: Parsed | None, problems: tuple[Problem, ...], usable: bool,
           declared: tuple[tuple[str, str], ...], unfinished: m.UnfinishedDraft | None) -> str | None:
    """What was found in one file, as a line of JSON; None when it is not kept (see the module's docstring)."""
    if text is None or parsed is None or any(p.code == PERSONAL_NUMBER for p in problems):
        return None
    draft = _draft(unfinished) if unfinished else None
    return json.dumps([usable, [_problem(p) for p in problems], [list(pair) for pair in declared], draft], ensure_ascii=False)


Verdict = tuple[tuple[Problem, ...], bool, tuple[tuple[str, str], ...], "m.UnfinishedDraft | None"]
"""What ``encode`` kept: the problems, whether the file is usable, the ids it declares, the draft it
is when it is an unfinished one."""


def decode(entry: str) -> Verdict:
    """What ``encode`` kept. ValueError, TypeError, KeyError or IndexError when the entry is damaged."""
    usable, problems, declared, draft = json.loads(entry)
    declares = tuple((str(k), str(v)) for k, v in declared)
    return tuple(map(_problem_from, problems)), bool(usable), declares, _draft_from(draft) if draft else None


def _problem(p: Problem) -> list:
    return [p.path, p.line, p.code, p.message, p.severity.value, p.json_path, p.hint]


def _problem_from(fields: list) -> Problem:
    path, line, code, message, severity, json_path, hint = fields
    return Problem(str(path), int(line), str(code), str(message), Severity(severity), str(json_path), hint if hint is None else str(hint))


def _draft(d: m.UnfinishedDraft) -> list:
    until = d.valid_until.isoformat() if d.valid_until else None
    references = [[r.kind, r.id, list(r.keys), r.line] for r in d.references]
    return [d.id, d.path, d.line, d.title, list(d.missing), until, d.valid_until_line, d.imported, [list(law) for law in d.laws], references]


def _draft_from(fields: list) -> m.UnfinishedDraft:
    id, path, line, title, missing, until, until_line, imported, laws, references = fields
    return m.UnfinishedDraft(
        id=str(id),
        path=str(path),
        line=int(line),
        title=title if title is None else str(title),
        missing=tuple(map(str, missing)),
        valid_until=dt.date.fromisoformat(until) if until else None,
        valid_until_line=int(until_line),
        imported=bool(imported),
        laws=tuple((str(sfs), int(line)) for sfs, line in laws),
        references=tuple(
            m.ReadableReference(str(kind), str(ref), tuple(k if isinstance(k, int) else str(k) for k in keys), int(at))
            for kind, ref, keys, at in references
        ),
    )
