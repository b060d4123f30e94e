"""Everything the project asks of git, through GitPython: file history and the base of a pull request.

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


def _open(root: Path):  # type: ignore[no-untyped-def]
    """The repository around ``root`` and the path prefix of ``root`` inside it."""
    try:
        import git
    except ImportError as exc:  # GitPython itself needs the git binary at import time
        raise GitUnavailable(f"git kan inte användas: {exc}") from exc
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
        raise GitUnavailable(f"{root} ligger inte i ett git-arkiv") from exc
    top = Path(repo.working_tree_dir or root).resolve()
    prefix = root.resolve().relative_to(top).as_posix()
    return git, repo, "" if prefix == "." else prefix + "/"


@dataclass(frozen=True)
class BaseSnapshot:
    """The documents as they were at the base of a pull request."""

    ref: str
    """The base as given, e.g. origin/main."""
    texts: dict[str, str]
    """Path (relative to the content root) -> file text at the base, for routines/**/*.md."""
    renames: dict[str, str]
    """Old path -> new path, for documents git sees as moved since the base."""


def base_snapshot(root: Path, ref: str, folder: str = "routines") -> BaseSnapshot:
    """Read every document at ``ref`` and the renames between ``ref`` and the working tree."""
    git, repo, prefix = _open(root)
    try:
        commit = repo.commit(ref)
    except (git.BadName, ValueError) as exc:
        raise GitUnavailable(f"hittar inte jämförelsepunkten '{ref}' i git (hämta den först, till exempel med git fetch)") from exc
    texts: dict[str, str] = {}
    try:
        tree = commit.tree / (prefix + folder)
    except KeyError:
        tree = None
    if tree is not None:
        for blob in tree.traverse():
            if blob.type == "blob" and blob.path.endswith(".md"):
                texts[blob.path.removeprefix(prefix)] = blob.data_stream.read().decode("utf-8", errors="replace")
    renames = {}
    for line in repo.git.diff(commit.hexsha, "--name-status", "-M", "--", prefix + folder).splitlines():
        status, *paths = line.split("\t")
        if status.startswith("R") and len(paths) == 2:
            renames[paths[0].removeprefix(prefix)] = paths[1].removeprefix(prefix)
    return BaseSnapshot(ref, texts, renames)


def read_history(root: Path, folders: Sequence[str] = ("routines", "roles")) -> dict[str, tuple[Change, ...]]:
    """Map each current path (relative to ``root``) to its changes, newest first."""
    git, repo, prefix = _open(root)
    try:
        output = repo.git.log(
            f"--format={_RECORD}%H{_FIELD}%aI{_FIELD}%s",
            "--name-status",
            "-M",
            "--",
            *[prefix + folder for folder in folders],
        )
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
