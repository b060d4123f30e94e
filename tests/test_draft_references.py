"""An unfinished draft's references are checked too: a mistyped role, forum, party, document or
law is told while the draft is written, as a warning (W-DRAFT-REF), since an unfinished draft may be
saved and merged (core/drafts.py). The same reference in a finished document is an E-REF error."""

from __future__ import annotations

import shutil

from conftest import FIXTURES

DRAFT = """---
id: TST-050
status: draft
areas: [utskrivning]
approved_by: chefsgruppen
roles:
  - procesledare
authors:
  - name: Anna Andersson
    party: kommun-tset
references:
  - document: TST-999
  - law: "2017:613"
  - law: "2017:612"
---
## Syfte

Utkast.
"""


def test_the_references_of_an_unfinished_draft_are_warnings_with_the_same_words_as_errors(tmp_path, check_json):
    tree = tmp_path / "innehall"
    shutil.copytree(FIXTURES / "valid", tree)
    (tree / "routines" / "utskrivning" / "nytt-utkast.md").write_text(DRAFT, encoding="utf-8")
    status, report = check_json("--no-base", root=tree)
    found = [(p["line"], p["code"], p["severity"], p["message"]) for p in report["problems"] if p["path"].endswith("nytt-utkast.md")]
    assert status == 0  # an unfinished draft stops nobody
    assert found == [
        (2, "W-DRAFT-INCOMPLETE", "warning", found[0][3]),
        (5, "W-DRAFT-REF", "warning", "okänt forum 'chefsgruppen'"),
        (7, "W-DRAFT-REF", "warning", "okänd roll 'procesledare'"),
        (10, "W-DRAFT-REF", "warning", "okänd part 'kommun-tset'"),
        (12, "W-DRAFT-REF", "warning", "okänt dokument 'TST-999'"),
        (13, "W-DRAFT-REF", "warning", "okänd lag '2017:613'"),
    ]
    hints = [p["hint"] for p in report["problems"] if p["code"] == "W-DRAFT-REF"]
    assert "menade du 'processledare'?" in hints[1] and all("när det fastställs blir det ett fel" in h for h in hints)


def test_a_cached_run_reports_the_same_draft_references(tmp_path, check_json):
    tree = tmp_path / "innehall"
    shutil.copytree(FIXTURES / "valid", tree)
    (tree / "routines" / "utskrivning" / "nytt-utkast.md").write_text(DRAFT, encoding="utf-8")
    _, first = check_json("--no-base", root=tree)
    _, again = check_json("--no-base", root=tree)  # the second run reads the draft from the check cache
    assert (tree / ".cache").exists()
    assert [p for p in again["problems"] if p["code"] == "W-DRAFT-REF"] == [p for p in first["problems"] if p["code"] == "W-DRAFT-REF"]
    assert len([p for p in first["problems"] if p["code"] == "W-DRAFT-REF"]) == 5
