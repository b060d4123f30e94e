"""Files are written whole or not at all, keep their permissions, and `exclusive` never replaces one."""

import os
import stat

import pytest

from samverkan.writing import write_atomically


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
