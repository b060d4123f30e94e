"""One writing command at a time per content folder, and cleaning up after killed ones.

Two ``samverkan new`` started together would both read the highest id in use and both take
the next one. Writing commands therefore hold an exclusive lock on the content folder from
reading the documents until their file is written. The lock is on the folder itself
(core/locks.py): no lock file is left behind, and the system releases it when a process dies.
Where locks do not exist (Windows) commands run unlocked.

A writer killed between writing its temporary file and renaming it leaves
``.<name>.<random>.tmp`` behind (see ``writing.write_atomically``); the next writing command
removes such files, under the lock and only when they are older than a cut-off, so the
temporary file of a writer that does not take the lock (an import, say) is not pulled away.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from samverkan.core import locks

LEFTOVER = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")
"""The names ``write_atomically`` gives its temporary files (``tempfile.mkstemp``'s 8 random characters)."""
CONTENT_FOLDERS = ("routines", "roles")


@contextlib.contextmanager
def content_lock(root: Path) -> Iterator[None]:
    """Hold the exclusive writing lock on ``root`` (blocks until the other writer is done)."""
    if not locks.LOCKING:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(root, os.O_RDONLY)
    try:
        locks.wait_exclusive(fd)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def remove_leftovers(root: Path, older_than: float) -> list[Path]:
    """Delete temporary files of killed writers last modified before ``older_than`` (a timestamp)."""
    removed = []
    for folder in CONTENT_FOLDERS:
        if not (root / folder).is_dir():
            continue
        for path in sorted((root / folder).rglob(".*.tmp")):
            if LEFTOVER.match(path.name) and path.is_file() and not path.is_symlink() and path.stat().st_mtime < older_than:
                path.unlink()
                removed.append(path)
    return removed
