"""`samverkan expiring` on the example content, today pinned: each owner gets one list, in four formats."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import GOLDEN, REPO, TODAY
from samverkan.cli import main
from test_check_command import _golden


@pytest.fixture
def expiring(capsys):
    def run(*args: str) -> tuple[int, str]:
        status = main(["expiring", "--root", str(REPO), "--today", TODAY.isoformat(), *args])
        return status, capsys.readouterr().out

    return run


@pytest.mark.parametrize("fmt", ["table", "markdown", "json", "csv"])
def test_each_format_matches_its_golden_file(expiring, fmt):
    status, out = expiring("--format", fmt)
    assert status == 0
    _golden(f"expiring.{fmt}", out)
    assert (GOLDEN / f"expiring.{fmt}").exists()


def test_json_groups_documents_by_owner_and_lists_assignments_to_confirm(expiring):
    _, out = expiring("--format", "json")
    report = json.loads(out)
    assert report["summary"] == {"expired": 1, "expiring": 2, "assignments_to_confirm": 6}
    owners = {o["role"]: [d["id"] for d in o["documents"]] for o in report["owners"]}
    assert owners == {"processledare": ["EXL-ALD-001"], "processagare": ["EXL-HSV-001"], "systemforvaltare": ["EXL-IT-001"]}
    assert report["owners"][0]["documents"][0]["days_left"] == -62
    assert {(a["role"], a["party"]) for a in report["assignments_to_confirm"]} >= {("nyckelperson", "kommun-sjoviken")}


def test_markdown_mentions_the_owning_roles_handles(expiring):
    _, out = expiring("--format", "markdown")
    assert "### Processledare (@exempellan/processledare)" in out


def test_the_window_and_the_date_move_the_lists(expiring):
    _, out = expiring("--format", "json", "--within", "30", "--confirm-months", "36")
    report = json.loads(out)
    assert report["summary"] == {"expired": 1, "expiring": 0, "assignments_to_confirm": 0}


def test_csv_is_one_row_per_item(expiring):
    _, out = expiring("--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["typ"] for r in rows].count("dokument") == 3
    assert [r["typ"] for r in rows].count("roll") == 6


def test_committed_codeowners_is_up_to_date(capsys):
    status = main(["codeowners", "--root", str(REPO), "--check"])
    assert status == 0, capsys.readouterr().err


def test_codeowners_check_fails_when_out_of_date(tmp_path, capsys):
    stale = tmp_path / "CODEOWNERS"
    stale.write_text("/routines/ @someone\n", encoding="utf-8")
    assert main(["codeowners", "--root", str(REPO), "--check", "--output", str(stale)]) == 1
    assert "inte aktuell" in capsys.readouterr().err
    assert main(["codeowners", "--root", str(REPO), "--output", str(stale)]) == 0
    text = stale.read_text(encoding="utf-8")
    assert "/routines/aldre/rutin-teamsamverkan-skora-aldre.md @exempellan/processledare" in text
    assert main(["codeowners", "--root", str(REPO), "--check", "--output", str(stale)]) == 0
