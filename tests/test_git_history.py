"""File history comes from one pass over a real git repository, and follows renames."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from samverkan.external.vcs import GitUnavailable, read_history


def _git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _commit(repo: Path, message: str, date: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message, date=date)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "routines" / "sip").mkdir(parents=True)
    (tmp_path / "roles").mkdir()
    (tmp_path / "routines" / "sip" / "gammal.md").write_text("---\nid: A\n---\nText\n" + "rad\n" * 20, encoding="utf-8")
    (tmp_path / "roles" / "r.yml").write_text("id: r\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("inte innehåll\n", encoding="utf-8")
    _commit(tmp_path, "Lägg till SIP-rutinen", "2025-03-01T10:00:00+01:00")
    _git(tmp_path, "mv", "routines/sip/gammal.md", "routines/sip/ny.md")
    _commit(tmp_path, "Byt filnamn", "2025-06-02T09:00:00+02:00")
    path = tmp_path / "routines" / "sip" / "ny.md"
    path.write_text(path.read_text(encoding="utf-8") + "ny rad\n", encoding="utf-8")
    _commit(tmp_path, "Förtydliga ansvaret", "2026-01-15T08:30:00+01:00")
    return tmp_path


def test_history_is_newest_first_and_follows_a_rename(repo):
    history = read_history(repo)
    assert [(c.date, c.summary) for c in history["routines/sip/ny.md"]] == [
        (dt.date(2026, 1, 15), "Förtydliga ansvaret"),
        (dt.date(2025, 6, 2), "Byt filnamn"),
        (dt.date(2025, 3, 1), "Lägg till SIP-rutinen"),
    ]
    assert "routines/sip/gammal.md" not in history
    assert [c.summary for c in history["roles/r.yml"]] == ["Lägg till SIP-rutinen"]
    assert "README.md" not in history


def test_paths_are_relative_to_a_content_folder_inside_the_repository(tmp_path):
    _git(tmp_path, "init", "-q")
    content = tmp_path / "webb" / "routines"
    content.mkdir(parents=True)
    (content / "a.md").write_text("a\n", encoding="utf-8")
    _commit(tmp_path, "Första", "2026-02-01T12:00:00+01:00")
    assert [c.summary for c in read_history(tmp_path / "webb")["routines/a.md"]] == ["Första"]


def test_outside_a_repository_is_one_clear_error(tmp_path):
    with pytest.raises(GitUnavailable, match="git-arkiv"):
        read_history(tmp_path)


def test_repository_without_commits_has_no_history(tmp_path):
    _git(tmp_path, "init", "-q")
    assert read_history(tmp_path) == {}
