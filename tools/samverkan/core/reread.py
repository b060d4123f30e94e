"""Reading a content tree again after an edit: only the files that changed on disk.

``mkdocs serve`` reloads the content after every save. What one file yields depends on its
bytes, its path and the schemas only (``fileread.analyse``), so a file whose size, change
time and inode are as before is taken from the previous read, as git's index does, and so is what
it was converted to (which depends on the same and nothing else).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from samverkan.core.fileread import FileResult, Job, read_files
from samverkan.core.schemas import SchemaSet

T = TypeVar("T")
Stamp = tuple[int, int, int]
"""(modification time in ns, size, inode): what tells a saved file from the one read before."""


@dataclass
class Rereader:
    """A ``loader.Read`` that keeps what it read, for one content tree and one set of schemas."""

    read: int = 0
    """Files actually read by the last call (the others came from before)."""
    _known: dict[tuple[str, str], tuple[Stamp, FileResult]] = field(default_factory=dict)
    _converted: dict[tuple[str, str], tuple[FileResult, object]] = field(default_factory=dict)

    def converted(self, result: FileResult, make: Callable[[], T]) -> T:
        """What ``result`` converts to (``make``), the same object as last time for a file read before: a
        document unchanged on disk is then the very same ``Document``, which the site's caches recognise at once."""
        key = (result.rel, result.kind)
        held = self._converted.get(key)
        if held is None or held[0] is not result:
            held = self._converted[key] = (result, make())
        return held[1]  # type: ignore[return-value]

    def __call__(self, jobs: Sequence[Job], schemas: SchemaSet) -> list[FileResult]:
        stamps: list[Stamp | None] = []
        for job in jobs:
            try:
                st = job.path.stat()
                stamps.append((st.st_mtime_ns, st.st_size, st.st_ino))
            except OSError:
                stamps.append(None)  # read_files reports it
        todo = [i for i, (job, stamp) in enumerate(zip(jobs, stamps)) if stamp is None or self._stamp(job) != stamp]
        fresh = dict(zip(todo, read_files([jobs[i] for i in todo], schemas)))
        self.read = len(todo)
        results, known = [], {}
        for i, (job, stamp) in enumerate(zip(jobs, stamps)):
            result = fresh[i] if i in fresh else self._known[(job.rel, job.kind)][1]
            if stamp is not None:
                known[(job.rel, job.kind)] = (stamp, result)
            results.append(result)
        self._known = known  # deleted files are forgotten
        self._converted = {key: held for key, held in self._converted.items() if key in known}
        return results

    def _stamp(self, job: Job) -> Stamp | None:
        found = self._known.get((job.rel, job.kind))
        return found[0] if found else None
