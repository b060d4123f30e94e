"""Advisory locks between processes (``flock``), in one place because Windows has none.

The system lets go of a lock when its process ends, however it ends, so a killed command never
leaves one behind. Where ``flock`` does not exist (Windows) ``LOCKING`` is false, waiting for a
lock returns at once and trying for one fails: a caller skips what is only safe under a lock
(pruning a shared cache) and does without it otherwise.

Taking the exclusive lock while holding the shared one is not atomic: the shared lock is let go
of first, and another process may take the lock in between (flock(2)). Whoever converts must hold
a second lock that keeps the others from acting in that moment (see ``DownloadCache.prune``).
"""

from __future__ import annotations

from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCKING = fcntl is not None
"""Whether this system has locks; without them every lock below is a no-op or refused."""

Lockable = int | IO[str] | IO[bytes]
"""An open descriptor or file: of a folder (``os.open(folder, os.O_RDONLY)``) or a lock file."""


def wait_shared(handle: Lockable) -> None:
    """Take a shared lock, waiting while another process holds an exclusive one."""
    if fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_SH)


def wait_exclusive(handle: Lockable) -> None:
    """Take the exclusive lock, waiting until no other process holds any."""
    if fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_EX)


def try_exclusive(handle: Lockable) -> bool:
    """Take the exclusive lock if no other process holds any, without waiting; whether it was taken."""
    if fcntl is None:  # pragma: no cover - Windows
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
