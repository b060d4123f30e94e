"""The git history of content files, read in one pass through GitPython.

One ``git log --name-status -M`` over the content folders gives every commit that touched
every file, renames included, so the history of a moved document follows it (the
``git log --follow`` semantics) without one git process per file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_RECORD = "\x1e"
_FIELD = "\x1f"


class GitUnavailable(Exception):
    """git is not installed, or the folder is not in a git repository."""


@dataclass(frozen=True)
class Change:
    """One commit that touched a file."""

    sha: str
    """Full commit id."""
    date: dt.date
    """Author date (the day the change was made)."""
    summary: str
    """First line of the commit message."""
    timestamp: dt.datetime
    """Author date and time, with its UTC offset."""


def read_history(root: Path, folders: Sequence[str] = ("routines", "roles")) -> dict[str, tuple[Change, ...]]:
    """Map each current path (relative to ``root``) to its changes, newest first."""
    try:
        import git
    except ImportError as exc:  # GitPython itself needs the git binary at import time
        raise GitUnavailable(f"git kan inte användas: {exc}") from exc
    try:
        repo = git.Repo(root, search_parent_directories=True)
        top = Path(repo.working_tree_dir or root).resolve()
        prefix = root.resolve().relative_to(top).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        output = repo.git.log(
            f"--format={_RECORD}%H{_FIELD}%aI{_FIELD}%s",
            "--name-status",
            "-M",
            "--",
            *[prefix + folder for folder in folders],
        )
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
        raise GitUnavailable(f"{root} ligger inte i ett git-arkiv") from exc
    except git.GitCommandError as exc:
        if "does not have any commits" in str(exc.stderr):
            return {}
        raise GitUnavailable(f"git log misslyckades: {exc.stderr.strip()}") from exc
    return _parse(output, prefix)


def _parse(output: str, prefix: str) -> dict[str, tuple[Change, ...]]:
    history: dict[str, list[Change]] = {}
    current_name: dict[str, str] = {}
    """Older path -> the path that file has today, learnt from renames seen (newest first)."""
    for record in output.split(_RECORD):
        if not record.strip():
            continue
        header, *lines = record.strip("\n").split("\n")
        sha, stamp, summary = header.split(_FIELD, 2)
        when = dt.datetime.fromisoformat(stamp)
        change = Change(sha, when.date(), summary, when)
        for line in lines:
            if not line.strip():
                continue
            status, *paths = line.split("\t")
            path = paths[-1].removeprefix(prefix)
            now = current_name.get(path, path)
            history.setdefault(now, []).append(change)
            if status.startswith("R") and len(paths) == 2:
                current_name[paths[0].removeprefix(prefix)] = now
    return {path: tuple(changes) for path, changes in history.items()}
