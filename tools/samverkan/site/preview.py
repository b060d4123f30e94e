"""What `mkdocs serve` keeps between rebuilds, so that a saved file costs only what it changed.

MkDocs run with ``--dirty`` renders again only the pages whose source file is newer than the
page it wrote. The generated pages have no source file of their own, so under serve each is
written to a folder of its own (``PageFolder``), and only when its text changed: the edited
document, the lists and the role, forum and party pages that show it, and the documents that
link to it are then rendered again, and nothing else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from samverkan.core import model as m
from samverkan.core.schemas import SchemaSet


def _digest(content: str | bytes) -> bytes:
    return hashlib.blake2b(content.encode("utf-8") if isinstance(content, str) else content, digest_size=16).digest()


@dataclass
class PageFolder:
    """Generated files on disk, rewritten only when their content changes (their time then tells MkDocs)."""

    folder: Path
    written: int = 0
    """Files written by the last round (the changed ones)."""
    _digests: dict[str, bytes] = field(default_factory=dict)
    _round: set[str] = field(default_factory=set)

    def put(self, path: str, content: str | bytes) -> tuple[Path, bool]:
        """The file holding ``content`` for the site path ``path``, and whether it was written now."""
        target = self.folder / path
        digest = _digest(content)
        self._round.add(path)
        if self._digests.get(path) == digest and target.is_file():
            return target, False
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
        self._digests[path] = digest
        self.written += 1
        return target, True

    def end_round(self) -> list[str]:
        """Close a rebuild: forget and delete what it no longer made; returns those site paths."""
        gone = sorted(set(self._digests) - self._round)
        for path in gone:
            del self._digests[path]
            (self.folder / path).unlink(missing_ok=True)
        self._round = set()
        self.written = 0
        return gone


def stamp(files: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """What tells a set of files apart from the same files edited: names, sizes and change times."""
    out = []
    for path in sorted(files):
        st = path.stat()
        out.append((path.name, st.st_size, st.st_mtime_ns))
    return tuple(out)


@dataclass
class SchemaCache:
    """The schemas, loaded again only when a file in their folder changes."""

    directory: Path
    _stamp: tuple = ()
    _schemas: SchemaSet | None = None

    def get(self) -> SchemaSet:
        now = stamp(self.directory.glob("*.json"))
        if self._schemas is None or now != self._stamp:
            self._schemas, self._stamp = SchemaSet.load(self.directory), now
        return self._schemas


@dataclass
class Memo:
    """One value made again only when its key changes (git history: the refs and the documents' files)."""

    _key: object = None
    _value: object = None
    _set: bool = False

    def get(self, key: object, make: Callable[[], object]) -> object:
        if not self._set or key != self._key:
            self._value, self._key, self._set = make(), key, True
        return self._value


def document_paths(corpus: m.Corpus) -> tuple[tuple[str, str], ...]:
    """Each document's id and file: what the revision archive is read for."""
    return tuple((d.id, d.source.path) for d in corpus.documents)
