"""`samverkan check --base REF`: the rules for a pull request, on real git repositories with branches."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, TODAY
from test_git_history import _commit, _git

DOC = "routines/utskrivning/rutin.md"
BASE_RULES = {"E-DELETED", "E-ID-CHANGED", "E-REVISION-NOT-RAISED", "E-REVISION-STEP", "E-CHANGELOG-MISSING",
              "E-DECISION-STALE", "E-VALIDITY-PAST"}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The valid fixture committed on main, with a branch 'andring' checked out for the change."""
    tree = tmp_path / "repo"
    shutil.copytree(FIXTURES / "valid", tree)
    _git(tree, "init", "-q", "-b", "main")
    _commit(tree, "Startläge", "2026-01-05T10:00:00+01:00")
    _git(tree, "checkout", "-q", "-b", "andring")
    return tree


def edit(repo: Path, *replacements: tuple[str, str], path: str = DOC) -> None:
    file = repo / path
    text = file.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    file.write_text(text, encoding="utf-8")


NEW_TEXT = ("Rutinen beskriver hur utskrivningen planeras.", "Rutinen beskriver hur utskrivningen planeras och följs upp.")
REVISION_3 = (
    "changelog:\n",
    "changelog:\n  - revision: 3\n    date: 2026-11-20\n    summary: Uppföljning tillagd.\n",
)
RAISE = ("revision: 2", "revision: 3")
NEW_DECISION = ("  date: 2025-12-10\n  reference: Protokoll 2025-12-10 § 4", "  date: 2026-11-25\n  reference: Protokoll 2026-11-25 § 2")


@pytest.fixture
def base_problems(check_json):
    def run(repo: Path, *, commit: bool = True) -> list[tuple[str, int, str]]:
        if commit:
            _commit(repo, "Ändring", "2026-11-26T10:00:00+01:00")
        status, report = check_json("--base", "main", root=repo)
        return sorted((p["path"], p["line"], p["code"]) for p in report["problems"] if p["code"] in BASE_RULES)

    return run


def test_a_proper_revision_passes(repo, base_problems):
    edit(repo, NEW_TEXT, RAISE, REVISION_3, NEW_DECISION)
    assert base_problems(repo) == []


def test_changed_text_without_raising_the_revision(repo, base_problems):
    edit(repo, NEW_TEXT)
    assert base_problems(repo) == [(DOC, 5, "E-REVISION-NOT-RAISED"), (DOC, 13, "E-DECISION-STALE")]


def test_a_revision_not_raised_is_told_the_command_that_raises_it(repo, check_json):
    edit(repo, NEW_TEXT)
    _commit(repo, "Ändring", "2026-11-26T10:00:00+01:00")
    _, report = check_json("--base", "main", root=repo)
    hint = next(p["hint"] for p in report["problems"] if p["code"] == "E-REVISION-NOT-RAISED")
    doc_id = re.search(r"^id: (\S+)", (repo / DOC).read_text(encoding="utf-8"), re.MULTILINE).group(1)
    assert f'samverkan revise {doc_id} -m "vad som ändrats"' in hint and "revision till 3" in hint and "--editorial" in hint


def test_uncommitted_changes_in_the_working_tree_count_too(repo, base_problems):
    edit(repo, NEW_TEXT)
    assert (DOC, 5, "E-REVISION-NOT-RAISED") in base_problems(repo, commit=False)


def test_revision_must_go_up_by_exactly_one(repo, base_problems):
    edit(repo, NEW_TEXT, ("revision: 2", "revision: 4"), ("changelog:\n", "changelog:\n  - revision: 4\n    date: 2026-11-20\n    summary: X.\n"), NEW_DECISION)
    assert base_problems(repo) == [(DOC, 5, "E-REVISION-STEP")]


def test_a_raised_revision_needs_a_new_changelog_entry(repo, base_problems):
    edit(repo, NEW_TEXT, RAISE, NEW_DECISION)
    assert base_problems(repo) == [(DOC, 25, "E-CHANGELOG-MISSING")]


def test_an_approved_document_changed_in_substance_needs_a_new_decision(repo, base_problems):
    edit(repo, NEW_TEXT, RAISE, REVISION_3)
    assert base_problems(repo) == [(DOC, 13, "E-DECISION-STALE")]


def test_an_editorial_change_needs_no_new_decision(repo, base_problems):
    editorial = (REVISION_3[0], REVISION_3[1].replace("    summary: Uppföljning tillagd.\n", "    summary: Stavfel rättat.\n    editorial: true\n"))
    edit(repo, NEW_TEXT, RAISE, editorial)
    assert base_problems(repo) == []


def test_the_id_never_changes(repo, base_problems):
    edit(repo, ("id: TST-001", "id: TST-100"), NEW_TEXT, RAISE, REVISION_3, NEW_DECISION)
    edit(repo, ("  - document: TST-002", "  - document: TST-002"))
    assert base_problems(repo) == [(DOC, 2, "E-ID-CHANGED")]


def test_a_document_that_cannot_be_read_is_not_called_deleted(repo, base_problems, check_json):
    path = repo / "routines" / "utskrivning" / "utkast.md"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    assert base_problems(repo) == []
    _, report = check_json("--base", "main", root=repo)
    assert [p["code"] for p in report["problems"] if p["path"] == "routines/utskrivning/utkast.md"] == ["E-FILE"]


def test_a_deleted_document_should_have_been_withdrawn(repo, base_problems):
    (repo / "routines" / "utskrivning" / "utkast.md").unlink()
    assert base_problems(repo) == [("routines/utskrivning/utkast.md", 1, "E-DELETED")]


def test_withdrawing_instead_of_deleting_passes(repo, base_problems):
    edit(
        repo,
        ("status: draft", "status: withdrawn"),
        ("revision: 1", "revision: 2"),
        ("changelog:\n", "changelog:\n  - revision: 2\n    date: 2026-11-20\n    summary: Utkastet lades ner.\n"),
        path="routines/utskrivning/utkast.md",
    )
    assert base_problems(repo) == []


def test_moving_valid_until_into_the_past(repo, base_problems):
    edit(repo, ("valid_until: 2027-12-31", "valid_until: 2026-06-30"), RAISE, REVISION_3, NEW_DECISION)
    assert base_problems(repo) == [(DOC, 8, "E-VALIDITY-PAST")]


def test_the_tips_for_a_past_validity_and_a_stale_decision_show_a_correct_value_in_plain_words(repo, check_json):
    edit(repo, ("valid_until: 2027-12-31", "valid_until: 2026-06-30"), NEW_TEXT, RAISE, REVISION_3)
    _commit(repo, "Ändring", "2026-11-26T10:00:00+01:00")
    _, report = check_json("--base", "main", root=repo)
    hints = {p["code"]: p["hint"] for p in report["problems"] if p["code"] in BASE_RULES}
    assert "valid_until: 2027-12-31" in hints["E-VALIDITY-PAST"]
    assert "forumet besluta om dokumentet igen" in hints["E-DECISION-STALE"]
    assert "i sak" not in hints["E-DECISION-STALE"] and "…" not in hints["E-DECISION-STALE"]


def test_moving_valid_until_earlier_but_still_ahead_is_allowed(repo, base_problems):
    edit(repo, ("valid_until: 2027-12-31", "valid_until: 2027-06-30"), RAISE, REVISION_3, NEW_DECISION)
    assert base_problems(repo) == []


def test_a_renamed_document_keeps_its_history(repo, base_problems):
    _git(repo, "mv", DOC, "routines/utskrivning/rutin-for-utskrivning.md")
    assert base_problems(repo) == []
    edit(repo, NEW_TEXT, path="routines/utskrivning/rutin-for-utskrivning.md")
    assert ("routines/utskrivning/rutin-for-utskrivning.md", 5, "E-REVISION-NOT-RAISED") in base_problems(repo)


def test_a_document_moved_without_git_noticing_is_found_by_its_id(repo, base_problems):
    moved = repo / "routines" / "sip" / "rutin.md"
    moved.parent.mkdir()
    (repo / DOC).rename(moved)
    assert base_problems(repo, commit=False) == []


def test_unknown_base_is_a_usage_error(repo, run_check):
    status, _, err = run_check("--base", "finns-inte", root=repo)
    assert status == 2
    assert "hittar inte jämförelsepunkten 'finns-inte'" in err


def test_github_format_carries_the_base_problems(repo, run_check):
    edit(repo, NEW_TEXT)
    _commit(repo, "Ändring", "2026-11-26T10:00:00+01:00")
    status, out, _ = run_check("--base", "main", "--format", "github", root=repo)
    assert status == 1
    assert f"::error file={DOC},line=5,title=E-REVISION-NOT-RAISED::" in out


def test_recording_the_decision_alone_needs_no_new_revision(repo, base_problems):
    """The usual path: a draft is merged, the forum decides, then `samverkan approve` records it."""
    edit(
        repo,
        ("status: draft", "status: approved\napproved_by: chefsgrupp\ndecision:\n  date: 2026-11-20\n  reference: Protokoll 2026-11-20 § 3"),
        path="routines/utskrivning/utkast.md",
    )
    assert base_problems(repo) == []


def test_a_decision_older_than_the_text_it_approves(repo, base_problems):
    edit(
        repo,
        ("status: draft", "status: approved\napproved_by: chefsgrupp\ndecision:\n  date: 2026-09-01\n  reference: Protokoll 2026-09-01 § 3"),
        path="routines/utskrivning/utkast.md",
    )
    assert base_problems(repo) == [("routines/utskrivning/utkast.md", 8, "E-DECISION-STALE")]


def test_extending_validity_needs_a_decision_even_when_called_editorial(repo, base_problems):
    editorial = (REVISION_3[0], REVISION_3[1].replace("    summary: Uppföljning tillagd.\n", "    summary: Stavfel rättat.\n    editorial: true\n"))
    edit(repo, RAISE, editorial, ("valid_until: 2027-12-31", "valid_until: 2029-12-31"))
    assert base_problems(repo) == [(DOC, 13, "E-DECISION-STALE")]


def test_a_personal_number_already_on_main_is_reported_once_not_as_a_change(tmp_path, check_json):
    tree = tmp_path / "repo"
    shutil.copytree(FIXTURES / "valid", tree)
    edit(tree, ("Rutinen beskriver hur utskrivningen planeras.", "Rutinen beskriver patient 811218-9801."))
    _git(tree, "init", "-q", "-b", "main")
    _commit(tree, "Startläge", "2026-01-05T10:00:00+01:00")
    _git(tree, "checkout", "-q", "-b", "andring")
    status, report = check_json("--base", "main", root=tree)
    assert [(p["path"], p["code"]) for p in report["problems"] if p["severity"] == "error"] == [(DOC, "E-PERSONNUMMER")]


def _short(repo: Path, ref: str) -> str:
    return subprocess.run(["git", "rev-parse", "--short=7", ref], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()


def test_the_summary_names_the_base_it_compared_with(repo, run_check):
    edit(repo, NEW_TEXT)
    _commit(repo, "Ändring", "2026-11-26T10:00:00+01:00")
    _, out, _ = run_check(root=repo)
    assert f"lagar. Jämfört med huvudgrenen ({_short(repo, 'main')})." in out.splitlines()[-1]
    _, out, _ = run_check("--base", "andring", root=repo)
    assert f"lagar. Jämfört med andring ({_short(repo, 'andring')})." in out.splitlines()[-1]


def test_the_summary_says_when_no_base_was_used(repo, run_check, tmp_path):
    _, out, _ = run_check("--no-base", root=repo)
    assert out.splitlines()[-1].startswith("Kontrollerade 7 filer") and "Utan jämförelse med huvudgrenen (--no-base)." in out
    plain = tmp_path / "utan-git"
    shutil.copytree(FIXTURES / "valid", plain)
    _, out, _ = run_check(root=plain)
    assert "Utan jämförelse med huvudgrenen (ingen hittades i git)." in out.splitlines()[-1]
