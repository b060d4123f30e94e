"""Writing commands meet the file system and each other: a Swedish line with the path, exit 1, and
nothing touched; never a traceback, a half-written file or two documents with one id.

Write protection is set with chmod; the commands honour the mode bits themselves, so these tests
mean the same whether they run as an ordinary user or as root (who could write anyway).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TODAY
from samverkan.core.yamlsource import parse_front_matter
from test_authoring import cli, tree  # noqa: F401  (fixtures)

SAMVERKAN = str(Path(sys.executable).with_name("samverkan"))
NEW = ("new", "rutin", "Rutin för trygg hemgång", "--area", "SIP", "--owner", "processledare", "--contact", "sip@region-test.example")


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file and folder below ``root`` with its content: what 'nothing touched' compares."""
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None) for p in root.rglob("*")}


@pytest.fixture
def write_protect():
    """chmod a-w on files or folders; undone afterwards so tmp_path can be removed."""
    changed: list[tuple[Path, int]] = []

    def protect(path: Path) -> None:
        mode = stat.S_IMODE(path.stat().st_mode)
        changed.append((path, mode))
        path.chmod(mode & ~0o222)

    yield protect
    for path, mode in reversed(changed):
        path.chmod(mode)


@pytest.mark.parametrize(
    "argv, protected",
    [
        (NEW, "routines/sip"),
        (NEW, "routines"),
        (("revise", "TST-010", "-m", "Nytt avsnitt."), "routines/sip/kommentarer.md"),
        (("revise", "TST-010", "-m", "Nytt avsnitt."), "routines/sip"),
        (("approve", "TST-011", "--by", "chefsgrupp", "--date", "2026-11-28", "--ref", "P § 9"), "routines/sip/citattecken.md"),
        (("approve", "TST-011", "--by", "chefsgrupp", "--date", "2026-11-28", "--ref", "P § 9"), "routines"),
    ],
)
def test_write_protected_files_and_folders_are_refused_in_swedish(tree, cli, write_protect, argv, protected):
    write_protect(tree / protected)
    before = snapshot(tree)
    status, out, err = cli(*argv, root=tree)
    assert status == 1, err
    assert err.startswith("samverkan: kan inte läsa eller skriva ")
    assert "åtkomst nekad: filen eller mappen är skrivskyddad" in err and "Traceback" not in err
    assert err.count("\n") == 1 and str(tree) in err
    assert snapshot(tree) == before


def test_other_writing_commands_say_the_same(tree, cli, write_protect, tmp_path):
    out_dir = tmp_path / "utdata"
    out_dir.mkdir()
    write_protect(out_dir)
    status, _, err = cli("codeowners", "--output", str(out_dir / "CODEOWNERS"), root=tree)
    assert status == 1 and f"kan inte läsa eller skriva {out_dir}: åtkomst nekad" in err
    status, _, err = cli("export", "TST-001", "--to", "html", "--output", str(out_dir), root=tree)
    assert status == 1 and f"kan inte läsa eller skriva {out_dir}: åtkomst nekad" in err
    assert list(out_dir.iterdir()) == []


def test_a_codeowners_file_that_is_not_utf8_is_replaced_not_a_traceback(tree, cli):
    (tree / "CODEOWNERS").write_bytes(b"caf\xe9\n")
    status, out, err = cli("codeowners", "--check", root=tree)
    assert (status, "Traceback" in err) == (1, False) and "är inte aktuell" in err
    status, out, err = cli("codeowners", root=tree)
    assert status == 0 and "Skrev" in out
    assert b"\xe9" not in (tree / "CODEOWNERS").read_bytes()


def test_approve_refuses_a_document_with_a_schema_error(tree, cli):
    path = tree / "routines/sip/citattecken.md"
    broken = path.read_text(encoding="utf-8").replace("revision: 2\n", 'revision: "2"\n', 1)
    assert broken != path.read_text(encoding="utf-8")
    path.write_text(broken, encoding="utf-8")
    status, _, err = cli("approve", "TST-011", "--by", "chefsgrupp", "--date", "2026-11-28", "--ref", "P § 9", root=tree)
    assert status == 2 and "routines/sip/citattecken.md har fel" in err and "E-SCHEMA" in err and "rätta det först" in err
    assert path.read_text(encoding="utf-8") == broken


def test_approve_on_broken_yaml_says_the_file_is_broken_not_missing(tree, cli):
    broken = tree / "routines" / "sip" / "trasig.md"
    broken.write_text("---\nid: TST-020\ntitle: [Trasig\n---\n", encoding="utf-8")
    status, _, err = cli("approve", "TST-020", "--by", "chefsgrupp", "--date", "2026-11-28", "--ref", "P", root=tree)
    assert status == 2 and "routines/sip/trasig.md kan inte ändras säkert" in err and "hittar inget" not in err


def test_a_document_not_saved_as_utf8_is_named_as_such(tree, cli):
    (tree / "routines" / "sip" / "latin1.md").write_bytes(b"---\nid: TST-020\ntitle: V\xe5rdplan\n---\n")
    status, _, err = cli("revise", "TST-020", "-m", "x", root=tree)
    assert status == 2 and "routines/sip/latin1.md kan inte ändras säkert" in err and "UTF-8" in err


def test_leftovers_of_a_killed_command_are_removed_by_the_next_one(tree, cli):
    folder = tree / "routines" / "sip"
    stale = folder / ".kommentarer.md.k3j9x0qa.tmp"
    stale.write_text("---\nid: TST-010\n", encoding="utf-8")  # half a document
    os.utime(stale, (1_700_000_000, 1_700_000_000))
    fresh = folder / ".citattecken.md.a8b7c6d5.tmp"  # could belong to a writer running right now
    fresh.write_text("---\n", encoding="utf-8")
    status, out, _ = cli("revise", "TST-010", "-m", "Nytt avsnitt.", root=tree)
    assert status == 0
    assert "Tog bort routines/sip/.kommentarer.md.k3j9x0qa.tmp, en halvskriven fil från ett avbrutet kommando." in out
    assert not stale.exists() and fresh.exists()


def test_two_new_at_the_same_time_never_get_the_same_id(tree):
    runs = [
        subprocess.Popen(
            [SAMVERKAN, *NEW, "--root", str(tree), "--today", TODAY.isoformat()],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    results = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    assert [status for status, _, _ in results] == [0] * 8, results
    created = sorted((tree / "routines" / "sip").glob("rutin-for-trygg-hemgang*.md"))
    ids = sorted(parse_front_matter(p.read_text(encoding="utf-8"), "x").data["id"] for p in created)
    assert ids == [f"TST-{n:03d}" for n in range(13, 21)]
