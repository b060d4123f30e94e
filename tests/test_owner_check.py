"""An owner runs one command, `make check` (`samverkan check`), and learns everything CI will say.

Real git repositories in tmp_path: on main, a plain `check` compares with HEAD; on a branch,
with where the branch left main. Template text left in a published document is an error
with its own code, and every code the package can emit is explained on the owners' page.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, TODAY
from samverkan.cli import build_parser, main
from samverkan.core.codes import CODES, CODES_BY_NAME
from samverkan.core.template_text import TEMPLATE_SENTENCES
from samverkan.site.codes import CODES_MARKER, fill_codes
from test_git_history import _commit, _git

DOC = "routines/utskrivning/rutin.md"


@pytest.fixture
def cli(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    def run(*argv: str, root: Path) -> tuple[int, str]:
        try:
            status = main([*argv, "--root", str(root), "--today", TODAY.isoformat()])
        except SystemExit as exc:
            status = int(exc.code or 0)
        return status, capsys.readouterr().out

    return run


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    tree = tmp_path / "repo"
    shutil.copytree(FIXTURES / "valid", tree)
    _git(tree, "init", "-q", "-b", "main")
    _commit(tree, "Startläge", "2026-01-05T10:00:00+01:00")
    return tree


def _revise_text(repo: Path) -> None:
    doc = repo / DOC
    doc.write_text(doc.read_text(encoding="utf-8") + "\nEtt nytt stycke i sak.\n", encoding="utf-8")


def test_on_main_a_revised_but_undecided_document_fails_a_plain_check(repo, cli):
    _revise_text(repo)
    assert cli("revise", "TST-001", "-m", "Nytt stycke om uppföljning.", root=repo)[0] == 0
    status, out = cli("check", root=repo)
    assert status == 1, out
    assert re.search(rf"^{DOC}:\d+: E-DECISION-STALE ", out, re.M), out
    status, out = cli("check", "--no-base", root=repo)
    assert status == 0 and "E-DECISION-STALE" not in out, out


def test_on_a_branch_a_plain_check_compares_with_where_it_left_main(repo, cli):
    _git(repo, "checkout", "-q", "-b", "andring")
    _revise_text(repo)
    _commit(repo, "Ändring utan revision", "2026-11-26T10:00:00+01:00")
    status, out = cli("check", root=repo)
    assert status == 1 and "E-REVISION-NOT-RAISED" in out, out


def test_without_git_a_plain_check_checks_the_content_only(tmp_path, cli):
    tree = tmp_path / "utan-git"
    shutil.copytree(FIXTURES / "valid", tree)
    status, out = cli("check", root=tree)
    assert status == 0, out


def test_template_text_left_in_an_approved_document_is_an_error_on_its_line(repo, cli):
    status, out = cli("new", "routine", "Rutin för hemgång", "--area", "utskrivning", "--owner", "processledare",
                      "--contact", "hemgang@region-test.example", root=repo)
    assert status == 0, out
    path = next((repo / "routines" / "utskrivning").glob("rutin-for-hemgang.md"))
    doc_id = re.search(r"med id (\S+)\.", out).group(1)
    assert cli("check", "--no-base", root=repo)[0] == 0  # a draft may hold the template
    assert cli("approve", doc_id, "--by", "chefsgrupp", "--date", "2026-11-30", "--ref", "Protokoll § 1", root=repo)[0] == 0
    status, out = cli("check", "--no-base", root=repo)
    lines = path.read_text(encoding="utf-8").splitlines()
    flagged = [int(n) for n in re.findall(r"rutin-for-hemgang\.md:(\d+): E-TEMPLATE-TEXT ", out)]
    assert status == 1
    assert flagged == [n for n, line in enumerate(lines, 1) if line in TEMPLATE_SENTENCES] and len(flagged) == 4


def test_help_marks_the_options_new_and_approve_cannot_do_without():
    commands = build_parser()._subparsers._group_actions[0].choices
    new_help, approve_help = commands["new"].format_help(), commands["approve"].format_help()
    assert "[--owner" not in new_help and "--owner ROLL --contact E-POST" in new_help
    assert "obligatoriska val" in new_help and "obligatoriska val" in approve_help
    assert "[--by" not in approve_help


def _codes_in_package() -> set[str]:
    found = set()
    for source in (REPO / "tools" / "samverkan").rglob("*.py"):
        found |= set(re.findall(r"[\"']([EW]-[A-Z]+(?:-[A-Z]+)*)[\"']", source.read_text(encoding="utf-8")))
    return found - {"E-POST"}  # the metavar of --contact, not a code


def test_every_code_the_package_emits_is_explained():
    emitted = _codes_in_package()
    assert {"E-REF", "E-DECISION-STALE", "E-TEMPLATE-TEXT", "W-EXPIRED"} <= emitted
    assert emitted - set(CODES_BY_NAME) == set()
    assert set(CODES_BY_NAME) - emitted == set(), "a listed code the check never reports"
    assert all(c.meaning and c.todo for c in CODES)


def test_the_owners_page_gets_the_table_from_the_registry_and_readme_lists_every_code():
    page = (REPO / "docs" / "for-dokumentagare.md").read_text(encoding="utf-8")
    assert CODES_MARKER in page and "README" not in page
    filled = fill_codes(page)
    for code in CODES:
        assert re.search(rf"^\| `{code.code}` \| .+ \| .+ \|$", filled, re.M), code.code
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert [c.code for c in CODES if f"`{c.code}`" not in readme] == []
