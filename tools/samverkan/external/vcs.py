"""Everything the project asks of git, through GitPython: file history and the base of a pull request.

One ``git log --raw -M`` over the content folders gives every commit that touched
every file, renames included, so the history of a moved document follows it (the
``git log --follow`` semantics) without one git process per file. The same pass names the
blob of every version, so the revision archive reads old texts without another log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
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
    commit: str = ""
    """The short id of the commit ``ref`` named when it was read."""


def base_snapshot(root: Path, ref: str, folder: str = "routines", suffixes: tuple[str, ...] = (".md",)) -> BaseSnapshot:
    """Read every document (every file in ``folder`` ending in one of ``suffixes``) at ``ref``,
    and the renames between ``ref`` and the working tree."""
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
            if blob.type == "blob" and blob.path.endswith(suffixes):
                texts[blob.path.removeprefix(prefix)] = blob.data_stream.read().decode("utf-8", errors="replace")
    renames = {}
    for line in repo.git.diff(commit.hexsha, "--name-status", "-M", "--", prefix + folder).splitlines():
        status, *paths = line.split("\t")
        if status.startswith("R") and len(paths) == 2:
            renames[paths[0].removeprefix(prefix)] = paths[1].removeprefix(prefix)
    return BaseSnapshot(ref, texts, renames, commit.hexsha[:7])


@dataclass(frozen=True)
class FileVersion:
    """A file as one commit left it."""

    change: Change
    """The commit."""
    path: str
    """Where the file was at that commit, relative to the content root."""
    blob: str
    """Git object id of the file's content after the commit."""


@dataclass(frozen=True)
class FileHistory:
    """Every commit that touched each content file, from one ``git log``."""

    changes: dict[str, tuple[Change, ...]]
    """Current path -> its changes, newest first."""
    versions: dict[str, tuple[FileVersion, ...]]
    """Current path -> the file's content after each change, newest first (deletions left out)."""


MAIN_BRANCHES = ("main", "master", "origin/main", "origin/master")
"""Where an owner's change will land, in the order they are looked for."""


def default_base(root: Path) -> str | None:
    """What a plain ``check`` compares with: ``HEAD`` on the main branch, else the merge-base with it.

    None when there is nothing to compare with (no repository, no commits, no main branch).
    """
    try:
        git, repo, _ = _open(root)
    except GitUnavailable:
        return None
    try:
        head = repo.head.commit
    except ValueError:  # no commits yet
        return None
    for name in MAIN_BRANCHES:
        try:
            main = repo.commit(name)
        except (git.BadName, ValueError):
            continue
        if main == head:
            return "HEAD"
        bases = repo.merge_base(head, main)
        return bases[0].hexsha if bases else None
    return None


def read_history(root: Path, folders: Sequence[str] = ("routines", "roles")) -> dict[str, tuple[Change, ...]]:
    """Map each current path (relative to ``root``) to its changes, newest first."""
    return read_file_history(root, folders).changes


def refs_state(root: Path) -> str:
    """HEAD and every branch and tag with their commits, in one call: it changes whenever the history does."""
    git, repo, _ = _open(root)
    try:
        return repo.git.show_ref("--head")
    except git.GitCommandError:
        return ""  # a repository without commits has no refs


def read_file_history(root: Path, folders: Sequence[str] = ("routines", "roles")) -> FileHistory:
    """Each current path's changes and versions, newest first, in one pass over the history."""
    git, repo, prefix = _open(root)
    try:
        output = repo.git.log(
            f"--format={_RECORD}%H{_FIELD}%aI{_FIELD}%s",
            "--raw",
            "--no-abbrev",
            "-M",
            "--",
            *[prefix + folder for folder in folders],
        )
    except git.GitCommandError as exc:
        if "does not have any commits" in str(exc.stderr):
            return FileHistory({}, {})
        raise GitUnavailable(f"git log misslyckades: {exc.stderr.strip()}") from exc
    return _parse(output, prefix)


_NO_BLOB = "0" * 40


def _parse(output: str, prefix: str) -> FileHistory:
    history: dict[str, list[Change]] = {}
    versions: dict[str, list[FileVersion]] = {}
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
            if not line.startswith(":"):
                continue
            meta, *paths = line.split("\t")
            *_, blob, status = meta.split(" ")
            path = paths[-1].removeprefix(prefix)
            now = current_name.get(path, path)
            history.setdefault(now, []).append(change)
            if blob != _NO_BLOB:
                versions.setdefault(now, []).append(FileVersion(change, path, blob))
            if status.startswith("R") and len(paths) == 2:
                current_name[paths[0].removeprefix(prefix)] = now
    return FileHistory(
        {path: tuple(changes) for path, changes in history.items()},
        {path: tuple(found) for path, found in versions.items()},
    )


@dataclass(frozen=True)
class Tag:
    """A git tag and the commit it marks."""

    name: str
    """e.g. ``EXL-UTS-001/r3``."""
    commit: str
    """Full id of the tagged commit."""


def read_tags(root: Path) -> tuple[Tag, ...]:
    """Every tag of the repository, with the commit it points to (annotated tags peeled), in one call."""
    git, repo, _ = _open(root)
    try:
        output = repo.git.for_each_ref("refs/tags", format=f"%(refname:strip=2){_FIELD}%(objectname){_FIELD}%(*objectname)")
    except git.GitCommandError as exc:
        raise GitUnavailable(f"git for-each-ref misslyckades: {exc.stderr.strip()}") from exc
    tags = []
    for line in output.splitlines():
        name, target, peeled = line.split(_FIELD)
        tags.append(Tag(name, peeled or target))
    return tuple(tags)


def read_blobs(root: Path, blobs: Iterable[str]) -> dict[str, str]:
    """The text of each blob id, through one long-running ``git cat-file`` process."""
    _, repo, _ = _open(root)
    return {blob: repo.odb.stream(bytes.fromhex(blob)).read().decode("utf-8", errors="replace") for blob in dict.fromkeys(blobs)}


def read_at(root: Path, commit: str, paths: Sequence[str]) -> str | None:
    """The text of the first of ``paths`` (relative to ``root``) that exists at ``commit``."""
    git, repo, prefix = _open(root)
    try:
        tree = repo.commit(commit).tree
    except (git.BadName, ValueError) as exc:
        raise GitUnavailable(f"hittar inte versionen '{commit}' i git") from exc
    for path in paths:
        try:
            return tree[prefix + path].data_stream.read().decode("utf-8", errors="replace")
        except KeyError:
            continue
    return None


def commit_date(root: Path, commit: str) -> dt.datetime:
    """The author date of a commit."""
    _, repo, _ = _open(root)
    return repo.commit(commit).authored_datetime


def create_tag(root: Path, name: str, commit: str, message: str) -> None:
    """An annotated tag (who and when it was set is recorded) on ``commit``."""
    git, repo, _ = _open(root)
    try:
        repo.git.tag("-a", name, commit, "-m", message)
    except git.GitCommandError as exc:
        raise GitUnavailable(f"git tag {name} misslyckades: {exc.stderr.strip()}") from exc
