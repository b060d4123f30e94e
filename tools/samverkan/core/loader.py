"""Load a content tree (``routines/`` and ``roles/``) into a ``Corpus``, with every problem met on the way.

Each file is parsed with line numbers, validated against its JSON Schema, and only then
turned into typed values. A file that fails validation is left out of the corpus, but its
id is remembered so that references to it do not produce a second, misleading error.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from samverkan.core import model as m
from samverkan.core.checks_files import file_problem
from samverkan.core.fileread import LAW_REGISTER, FileResult, Job, analyse, read_files
from samverkan.core.fileread import id_line as id_line  # where the authoring commands have always found it
from samverkan.core.invalid_documents import invalid_document
from samverkan.core.problems import WHOLE_FILE, Problem, error, warning
from samverkan.core.reread import Rereader
from samverkan.core.schemas import SchemaSet
from samverkan.core.yamlsource import Parsed

ATTACHMENT_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".pdf"})
"""Files that may sit beside documents (images extracted on import, appendices)."""
YAML_SUFFIXES = frozenset({".yml", ".yaml"})
THESAURUS = "synonymer"
"""``roles/synonymer.yml`` holds the editors' synonyms for the site search."""
REGISTERS = {LAW_REGISTER: "laws", THESAURUS: "synonyms"}
"""Files in roles/ that hold a list rather than one role."""


@dataclass(frozen=True)
class LoadResult:
    """The corpus and every problem found while reading it."""

    corpus: m.Corpus
    problems: tuple[Problem, ...]
    files_read: int
    document_texts: dict[str, str]
    """Every .md file under routines/ as read, by path, for comparisons with a pull request's base."""
    files_by_kind: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    """How many files of each kind ("document", "role" … as in ``Job.kind``) were read, also those left out for
    their problems: the check's summary counts what it read, like ``invalid_documents`` for documents."""


Read = Callable[[Sequence[Job], SchemaSet], Iterable[FileResult]]
"""Reads content files, yielding results in order: ``read_files`` (with its cache or not), or a reader
that keeps what it read before (``mkdocs serve``)."""


def load(root: Path, schemas: SchemaSet, read: Read = read_files) -> LoadResult:
    """Read every content file under ``root``."""
    reader = _Reader(root, schemas)
    reader.read_routines()
    reader.read_roles()
    reader.read_all(read)
    return reader.result()


def document_from_text(text: str, path: str, schemas: SchemaSet) -> m.Document | None:
    """One document from its file's text (an older version read from git, say); None when today's
    schema does not accept it."""
    reader = _Reader(Path("."), schemas)
    reader.accept(analyse(path, "document", text.encode("utf-8"), schemas), reader.document)
    return reader.items["document"][0] if reader.items["document"] else None


def _entries(directory: Path, parts: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], os.DirEntry]]:
    """Every entry below ``directory`` but those whose name starts with a dot, with its path's parts
    (``sorted`` on them gives ``sorted(rglob("*"))``'s order); like rglob, not into linked folders."""
    try:
        with os.scandir(directory) as found:
            entries = [entry for entry in found if not entry.name.startswith(".")]
    except PermissionError:
        return  # as rglob: a folder that cannot be listed is passed over
    for entry in entries:
        path = (*parts, entry.name)
        yield path, entry
        if entry.is_dir() and not entry.is_symlink():
            yield from _entries(Path(entry.path), path)


_date = dt.date.fromisoformat
_DOC_TYPES = {t.value: t for t in m.DocType}
_STATUSES = {s.value: s for s in m.Status}
"""The enums by value: a dictionary is looked up many times faster than an enum is called."""


def _imported(data: dict | None) -> m.Imported | None:
    return m.Imported(data["source"], data["sha256"], _date(data["date"]), data.get("tool")) if data else None


def _tuple(data: dict, key: str) -> tuple:
    return tuple(data.get(key) or ())


class _Reader:
    def __init__(self, root: Path, schemas: SchemaSet) -> None:
        self.root = root
        self.schemas = schemas
        self.problems: list[Problem] = []
        self.items: dict[str, list] = {kind: [] for kind in ("document", "role", "forum", "party", "laws", "synonyms")}
        self.unusable: set[tuple[str, str]] = set()
        self.unfinished: list[m.UnfinishedDraft] = []
        self.invalid: list[m.InvalidDocument] = []
        self.files_read = 0
        self.files_by_kind: Counter[str] = Counter()
        self.document_texts: dict[str, str] = {}
        self.keep: Callable[[FileResult, Callable[[], object]], object] | None = None
        """Set by ``read_all``: what keeps the items converted from files read before."""
        self.review_default = int(schemas.default("document", "review_interval_months"))  # type: ignore[call-overload]
        self.refused: set[str] = set()
        self.content: set[str] = set()
        self.law_refs: dict[str, m.LawRef] = {}
        """Each law reference as written, parsed once: thousands of documents cite the same few laws."""
        self.found: list[Problem | Job] = []
        """Files to read and files refused by name, in the order met."""

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def files(self, directory: Path) -> Iterator[Path]:
        if not directory.is_dir():
            return
        problem = file_problem(self.root, directory)
        if problem:  # routines/ or roles/ itself leads out: one error, not one per file out there
            self.refuse(problem)
            return
        for parts, entry in sorted(_entries(directory)):
            # rglob's paths, in its order, without a system call per file: a file that is not a
            # link, in a folder that is not one, lies inside a folder file_problem has let in.
            link = entry.is_symlink()
            if link or entry.is_file(follow_symlinks=False):
                path = Path(entry.path)
                problem = file_problem(self.root, path, inside_known=not link)
                if problem:
                    self.refuse(problem)
                elif not link or path.is_file():
                    self.content.add(self.rel(path))
                    yield path

    def refuse(self, problem: Problem) -> None:
        self.problems.append(problem)
        self.refused.add(problem.path)

    def read_routines(self) -> None:
        for path in self.files(self.root / "routines"):
            if path.suffix.lower() in ATTACHMENT_SUFFIXES:
                continue
            rel = self.rel(path)
            if path.suffix != ".md":
                self.found.append(
                    error(
                        rel,
                        WHOLE_FILE,
                        "E-FILE",
                        "filen är inget dokument: i routines/ hör bara dokument (.md) och deras bilder och bilagor hemma",
                        hint="gör om filen till ett dokument med samverkan import, eller flytta den",
                    )
                )
                continue
            self.found.append(Job(path, rel, "document"))

    def read_roles(self) -> None:
        base = self.root / "roles"
        for path in self.files(base):
            rel = self.rel(path)
            parts = path.relative_to(base).parts
            kind = None
            if path.suffix in YAML_SUFFIXES:
                if len(parts) == 1:
                    kind = REGISTERS.get(path.stem, "role")
                elif len(parts) == 2 and parts[0] in ("forums", "parties"):
                    kind = "forum" if parts[0] == "forums" else "party"
            if kind is None:
                self.found.append(
                    error(
                        rel,
                        WHOLE_FILE,
                        "E-FILE",
                        "okänd fil i roles/: här hör bara roller (roles/<id>.yml), forum (roles/forums/<id>.yml), "
                        "parter (roles/parties/<id>.yml), lagregistret (roles/laws.yml) och synonymerna för sökningen (roles/synonymer.yml) hemma",
                    )
                )
                continue
            self.found.append(Job(path, rel, kind))

    def read_all(self, read: Read = read_files) -> None:
        # A reader that keeps what files yielded keeps what they convert to too (a file's item depends on
        # its data and the schemas only, as the file's result does).
        self.keep = read.converted if isinstance(read, Rereader) else None
        jobs = [item for item in self.found if isinstance(item, Job)]
        # Each result is taken as it comes, while the rest are still being read.
        results = iter(read(jobs, self.schemas))
        convert = {"document": self.document, "laws": self.laws, "synonyms": self.synonyms, "role": self.role, "forum": self.forum, "party": self.party}
        for item in self.found:
            if isinstance(item, Problem):
                self.problems.append(item)
            else:
                self.accept(next(results), convert[item.kind])
        if next(results, None) is not None:  # lets the reader finish: it writes the cache
            raise RuntimeError("more results than files")

    def accept(self, read: FileResult, convert) -> None:  # type: ignore[no-untyped-def]
        self.files_read += 1
        self.files_by_kind[read.kind] += 1
        if read.kind == "document" and read.text is not None:
            self.document_texts[read.rel] = read.text
        self.problems.extend(read.problems)
        self.unusable.update(read.declared)
        if read.unfinished is not None:
            self.unfinished.append(read.unfinished)
        elif read.kind == "document" and not (read.usable and read.parsed is not None):
            self.invalid.append(invalid_document(read.rel, read.parsed, read.problems))
        if not read.usable or read.parsed is None:
            return
        parsed = read.parsed
        item = self.keep(read, lambda: convert(parsed.data, parsed)) if self.keep else convert(parsed.data, parsed)
        if read.kind in ("role", "forum", "party"):
            self.check_file_name(item)
        self.items[read.kind].extend(item if read.kind in REGISTERS.values() else [item])

    def check_file_name(self, item: m.Role | m.Forum | m.Party) -> None:
        stem = Path(item.source.path).stem
        if stem != item.id:
            self.problems.append(
                warning(
                    item.source.path,
                    item.source.line("id"),
                    "W-FILENAME",
                    f"filen heter '{stem}' men id är '{item.id}'",
                    "$.id",
                    f"byt namn på filen till {item.id}.yml så att den är lätt att hitta",
                )
            )

    def result(self) -> LoadResult:
        corpus = m.Corpus(
            documents=tuple(self.items["document"]),
            roles=tuple(self.items["role"]),
            forums=tuple(self.items["forum"]),
            parties=tuple(self.items["party"]),
            laws=tuple(self.items["laws"]),
            synonyms=tuple(self.items["synonyms"]),
            unusable_ids=frozenset(self.unusable),
            unfinished=tuple(self.unfinished),
            refused_files=frozenset(self.refused),
            invalid_documents=tuple(self.invalid),
            content_files=frozenset(self.content),
        )
        return LoadResult(corpus, tuple(self.problems), self.files_read, self.document_texts, MappingProxyType(dict(self.files_by_kind)))

    # Conversion of schema-valid data into typed values.

    def document(self, d: dict, parsed: Parsed) -> m.Document:
        decision = d.get("decision")
        references: list[m.Reference] = []
        for ref in d.get("references") or ():
            if "law" in ref:
                law = self.law_refs.get(ref["law"])
                references.append(law or self.law_refs.setdefault(ref["law"], m.LawRef.parse(ref["law"])))
            elif "document" in ref:
                references.append(m.DocumentRef(ref["document"]))
            else:
                references.append(m.UrlRef(ref["url"], ref["title"]))
        return m.Document(
            id=d["id"],
            title=d["title"],
            type=_DOC_TYPES[d["type"]],
            revision=d["revision"],
            status=_STATUSES[d["status"]],
            valid_from=_date(d["valid_from"]),
            valid_until=_date(d["valid_until"]),
            owner=m.Owner(**d["owner"]),
            applies_to=_tuple(d, "applies_to"),
            areas=_tuple(d, "areas"),
            changelog=tuple(
                m.ChangelogEntry(e["revision"], _date(e["date"]), e["summary"], e.get("editorial", False))
                for e in d["changelog"]
            ),
            body=parsed.body,
            body_line=parsed.body_line,
            source=parsed.source,
            approved_by=d.get("approved_by"),
            decision=m.Decision(_date(decision["date"]), decision["reference"]) if decision else None,
            authors=tuple(m.Author(**a) for a in d.get("authors") or ()),
            roles=_tuple(d, "roles"),
            references=tuple(references),
            keywords=_tuple(d, "keywords"),
            audience=_tuple(d, "audience"),
            case_number=d.get("case_number"),
            review_interval_months=d.get("review_interval_months", self.review_default),
            imported=_imported(d.get("imported")),
        )

    def role(self, d: dict, parsed: Parsed) -> m.Role:
        reports = d.get("reports_to")
        return m.Role(
            id=d["id"],
            name=d["name"],
            description=d["description"],
            responsibilities=_tuple(d, "responsibilities"),
            source=parsed.source,
            reports_to=m.ReportsTo(
                reports.get("role"),
                reports.get("forum"),
                m.Frequency(reports["frequency"]) if "frequency" in reports else None,
            )
            if reports
            else None,
            appointed_by=d.get("appointed_by"),
            reviewers=_tuple(d, "reviewers"),
            assignments=tuple(
                m.Assignment(a["party"], _date(a["confirmed"]), a.get("unit"), a.get("name"), a.get("contact"))
                for a in d.get("assignments") or ()
            ),
        )

    def forum(self, d: dict, parsed: Parsed) -> m.Forum:
        return m.Forum(
            id=d["id"],
            name=d["name"],
            members=tuple(m.Member(x.get("role"), x.get("party"), x.get("count", 1)) for x in d["members"]),
            cadence=m.Frequency(d["cadence"]),
            decides=_tuple(d, "decides"),
            source=parsed.source,
            description=d.get("description"),
            chair=d.get("chair"),
            reports_to=d.get("reports_to"),
        )

    def party(self, d: dict, parsed: Parsed) -> m.Party:
        return m.Party(
            id=d["id"],
            name=d["name"],
            kind=m.PartyKind(d["kind"]),
            source=parsed.source,
            short_name=d.get("short_name"),
            website=d.get("website"),
            contact=d.get("contact"),
        )

    def laws(self, d: dict, parsed: Parsed) -> list[m.Law]:
        laws = []
        for index, law in enumerate(d["laws"]):
            repealed = law.get("repealed")
            laws.append(
                m.Law(
                    sfs=law["sfs"],
                    title=law["title"],
                    url=law["url"],
                    source=parsed.source,
                    line=parsed.source.line("laws", index),
                    short=law.get("short"),
                    repealed=m.Repeal(_date(repealed["date"]), repealed.get("replaced_by"), repealed.get("note"))
                    if repealed
                    else None,
                )
            )
        return laws

    def synonyms(self, d: dict, parsed: Parsed) -> list[m.SynonymGroup]:
        return [
            m.SynonymGroup(terms=tuple(group), source=parsed.source, line=parsed.source.line("synonyms", index))
            for index, group in enumerate(d["synonyms"])
        ]
