"""Writing files so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


class FileChangedError(Exception):
    """The file no longer has the content it was read with; nothing was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} changed since it was read")
        self.path = path


def write_atomically(
    path: Path,
    content: str | bytes,
    *,
    exclusive: bool = False,
    expect: str | bytes | None = None,
) -> None:
    """Write to a temporary file in the same folder, then rename over the target.

    With ``exclusive`` an existing file is never replaced (FileExistsError instead), also on
    file systems without hard links. With ``expect`` the file must still hold exactly that
    content, so an edit someone saved meanwhile is not lost (FileChangedError instead;
    FileNotFoundError if the file is gone). Strings are written as UTF-8.
    """
    if exclusive and expect is not None:
        raise ValueError("exclusive creates a new file, expect replaces an existing one; give only one")
    data = _encode(content)
    if exclusive and path.exists():
        raise _exists(path)  # the usual case needs no temporary file; _link catches the race
    refuse_read_only(path, next((parent for parent in path.parents if parent.exists()), path.parent))
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp makes the file private (0600); a content file keeps the mode it had, or
    # gets the ordinary one a new file would get under the user's umask. With ``expect``
    # the file must exist: stat() raises FileNotFoundError before anything is written.
    if expect is not None or path.exists():
        mode = path.stat().st_mode & 0o7777
    else:
        mode = 0o666 & ~_umask()
    # A dot name: the loader skips it if a crash ever leaves one behind.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if exclusive:
            _link(tmp, path)
        else:
            # Compared only now, after the slow write and fsync, to keep the window in which
            # a change could slip through as short as possible.
            if expect is not None and path.read_bytes() != _encode(expect):
                raise FileChangedError(path)
            os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def refuse_read_only(*paths: Path) -> None:
    """PermissionError for the first of ``paths`` that exists and is write-protected (no write bit).

    A rename replaces a file whatever its own mode, and root may write anywhere; the mode is
    what the owner set to say "do not change this", so it is honoured before anything is written.
    """
    for target in paths:
        if target.exists() and not target.stat().st_mode & 0o222:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(target))


def _link(tmp: str, path: Path) -> None:
    """Give the finished temporary file the name ``path``, only if nothing has that name."""
    try:
        os.link(tmp, path)  # atomic, and fails if the name was taken meanwhile, unlike a rename
    except FileExistsError:
        raise
    except OSError:  # file systems without hard links
        if path.exists():
            raise _exists(path) from None
        os.replace(tmp, path)


def _exists(path: Path) -> FileExistsError:
    return FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))


def _encode(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
