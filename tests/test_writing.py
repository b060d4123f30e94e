"""Files are written whole or not at all, keep their permissions, `exclusive` never replaces one
and `expect` never overwrites a change someone else made."""

import errno
import os
import stat
from pathlib import Path

import pytest
from samverkan.core.writing import FileChangedError, write_atomically


def test_replacing_keeps_content_whole_and_the_mode(tmp_path):
    target = tmp_path / "rutin.md"
    target.write_text("gammal\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomically(target, "ny\r\ntext\n")
    assert target.read_bytes() == b"ny\r\ntext\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["rutin.md"]  # no temporary file left behind


def test_a_new_file_gets_the_ordinary_mode_not_a_private_one(tmp_path):
    target = tmp_path / "ny" / "CODEOWNERS"
    old = os.umask(0o022)
    try:
        write_atomically(target, "x\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_exclusive_never_replaces(tmp_path):
    target = tmp_path / "rutin.md"
    target.write_text("finns redan\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_atomically(target, "ny\n", exclusive=True)
    assert target.read_text(encoding="utf-8") == "finns redan\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rutin.md"]


def test_exclusive_creates_a_new_file_whole(tmp_path):
    target = tmp_path / "ny" / "rutin.md"
    write_atomically(target, "ny\n", exclusive=True)
    assert target.read_text(encoding="utf-8") == "ny\n"
    assert [p.name for p in target.parent.iterdir()] == ["rutin.md"]


def _without_hard_links(monkeypatch, taken_meanwhile=None):
    """os.link as on a file system without hard links; optionally someone takes the name first."""

    def link(src, dst):
        if taken_meanwhile is not None:
            Path(dst).write_text(taken_meanwhile, encoding="utf-8")
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", link)


def test_exclusive_without_hard_links_still_creates(tmp_path, monkeypatch):
    _without_hard_links(monkeypatch)
    target = tmp_path / "rutin.md"
    write_atomically(target, "ny\n", exclusive=True)
    assert target.read_text(encoding="utf-8") == "ny\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rutin.md"]


def test_exclusive_without_hard_links_never_replaces(tmp_path, monkeypatch):
    _without_hard_links(monkeypatch, taken_meanwhile="någon annans\n")
    target = tmp_path / "rutin.md"
    with pytest.raises(FileExistsError):
        write_atomically(target, "ny\n", exclusive=True)
    assert target.read_text(encoding="utf-8") == "någon annans\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rutin.md"]


def test_exclusive_never_replaces_a_file_created_meanwhile(tmp_path, monkeypatch):
    real_link = os.link

    def link(src, dst):
        Path(dst).write_text("någon annans\n", encoding="utf-8")
        real_link(src, dst)

    monkeypatch.setattr(os, "link", link)
    target = tmp_path / "rutin.md"
    with pytest.raises(FileExistsError):
        write_atomically(target, "ny\n", exclusive=True)
    assert target.read_text(encoding="utf-8") == "någon annans\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rutin.md"]


@pytest.mark.parametrize("expect", ["gammal\n", b"gammal\n"])
def test_expect_replaces_an_unchanged_file(tmp_path, expect):
    target = tmp_path / "rutin.md"
    target.write_text("gammal\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomically(target, "ny\n", expect=expect)
    assert target.read_text(encoding="utf-8") == "ny\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["rutin.md"]


def test_expect_leaves_a_changed_file_alone(tmp_path):
    target = tmp_path / "rutin.md"
    target.write_text("ändrad av någon annan\n", encoding="utf-8")
    with pytest.raises(FileChangedError) as caught:
        write_atomically(target, "ny\n", expect="gammal\n")
    assert caught.value.path == target
    assert target.read_text(encoding="utf-8") == "ändrad av någon annan\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rutin.md"]


def test_expect_notices_a_change_made_while_writing(tmp_path, monkeypatch):
    target = tmp_path / "rutin.md"
    target.write_text("gammal\n", encoding="utf-8")
    real_fsync = os.fsync

    def fsync(fd):
        real_fsync(fd)
        target.write_text("ändrad under tiden\n", encoding="utf-8")

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(FileChangedError):
        write_atomically(target, "ny\n", expect="gammal\n")
    assert target.read_text(encoding="utf-8") == "ändrad under tiden\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rutin.md"]


def test_expect_does_not_recreate_a_removed_file(tmp_path):
    target = tmp_path / "rutin.md"
    with pytest.raises(FileNotFoundError):
        write_atomically(target, "ny\n", expect="gammal\n")
    assert list(tmp_path.iterdir()) == []


def test_exclusive_and_expect_exclude_each_other(tmp_path):
    with pytest.raises(ValueError):
        write_atomically(tmp_path / "rutin.md", "ny\n", exclusive=True, expect="gammal\n")
    assert list(tmp_path.iterdir()) == []
