"""`samverkan check`: every kind of problem, where it is reported, in each output format, with exit statuses.

The fixture tree tests/fixtures/invalid/ holds one small broken file per kind of problem;
tests/golden/ holds the exact output a document owner sees for it. Regenerate the golden
files after a deliberate wording change with ``UPDATE_GOLDEN=1 make test`` and review the diff.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import FIXTURES, GOLDEN, TODAY

INVALID = FIXTURES / "invalid"
VALID = FIXTURES / "valid"


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


def test_valid_tree_is_clean(run_check):
    status, out, err = run_check(root=VALID)
    assert status == 0
    assert out.strip().endswith("Inga problem hittades.")
    assert "Kontrollerade 7 filer den 2026-12-01: 2 dokument, 1 roll, 1 forum, 2 parter och lagregistret med 3 lagar." in out
    assert err == ""


# (path, line, code): each kind of problem the issue names, where a document owner should look.
EXPECTED = [
    ("routines/schema/okant-falt.md", 5, "E-SCHEMA"),  # unknown field (typo for revision)
    ("routines/schema/okant-falt.md", 2, "E-SCHEMA"),  # ... and so revision is missing
    ("routines/schema/fel-varden.md", 4, "E-SCHEMA"),  # type: rutin is not an allowed value
    ("routines/schema/fel-varden.md", 5, "E-SCHEMA"),  # revision: tre is not an integer
    ("routines/datum/omojligt-datum.md", 8, "E-DATE"),  # 2027-02-30
    ("routines/datum/omojligt-datum.md", 16, "E-DATE"),  # "1 mars 2026"
    ("routines/datum/fel-ordning.md", 8, "E-VALIDITY-ORDER"),
    ("routines/id/dubblett-b.md", 2, "E-DUPLICATE-ID"),
    ("routines/ref/okanda-referenser.md", 12, "E-REF"),  # forum
    ("routines/ref/okanda-referenser.md", 16, "E-REF"),  # party
    ("routines/ref/okanda-referenser.md", 19, "E-REF"),  # role
    ("routines/ref/okanda-referenser.md", 21, "E-REF"),  # law
    ("routines/ref/okanda-referenser.md", 22, "E-REF"),  # document
    ("roles/metodhandledare.yml", 7, "E-REF"),  # reports to an unknown role
    ("roles/metodhandledare.yml", 10, "E-REF"),  # assignment at an unknown party
    ("roles/forums/arbetsgrupp.yml", 5, "E-REF"),  # unknown chair
    ("routines/revision/revision-utan-historik.md", 5, "E-REVISION"),
    ("routines/beslut/fastalld-utan-beslut.md", 6, "E-DECISION"),
    ("routines/anteckningar.txt", 0, "E-FILE"),
    ("routines/ingen-uppgiftsdel.md", 1, "E-FILE"),
    ("routines/yaml/trasig.md", 7, "E-YAML"),
    ("routines/yaml/dubbelt-falt.md", 14, "E-YAML"),
    ("routines/giltighet/utgangen.md", 8, "W-EXPIRED"),
    ("routines/giltighet/utgar-snart.md", 8, "W-EXPIRING"),
    ("routines/giltighet/for-lang-giltighet.md", 8, "W-REVIEW-INTERVAL"),  # four years, reviewed every two
    ("routines/lag/gammal-socialtjanstlag.md", 15, "W-REPEALED-LAW"),
    ("routines/lag/gammal-socialtjanstlag.md", 16, "W-WITHDRAWN-REF"),
    ("roles/nyckel.yml", 1, "W-FILENAME"),
]


def test_every_problem_is_reported_at_its_file_line_and_code(check_json):
    status, report = check_json(root=INVALID)
    found = [(p["path"], p["line"], p["code"]) for p in report["problems"]]
    assert status == 1
    assert sorted(found) == sorted(EXPECTED), "one problem per entry, nothing more, nothing less"


def test_text_output_is_what_a_document_owner_reads(run_check):
    # --no-base: the fixture's own problems, whatever this repository's branches hold.
    status, out, _ = run_check("--no-base", root=INVALID)
    assert status == 1
    _golden("check-invalid.txt", out)


def test_github_annotations(run_check):
    status, out, _ = run_check("--format", "github", "--no-base", root=INVALID)
    assert status == 1
    _golden("check-invalid.github.txt", out)
    first = out.splitlines()[0]
    assert first.startswith("::error file=roles/forums/arbetsgrupp.yml,line=5,title=E-REF::")


def test_json_output_carries_every_field_of_a_problem(check_json):
    _, report = check_json(root=INVALID)
    assert report["today"] == TODAY.isoformat()
    assert report["summary"]["errors"] == sum(1 for p in report["problems"] if p["severity"] == "error")
    assert report["summary"]["documents"] == 17  # every .md file, also the six left out for their problems
    ref = next(p for p in report["problems"] if p["code"] == "E-REF" and "metodhandldare" in p["message"])
    assert ref == {
        "path": "routines/ref/okanda-referenser.md",
        "line": 19,
        "code": "E-REF",
        "message": "okänd roll 'metodhandldare'",
        "severity": "error",
        "json_path": "$.roles[0]",
        "hint": "menade du 'metodhandledare'?",
    }


def test_warnings_alone_exit_zero_and_strict_turns_expiry_into_errors(tmp_path, run_check, check_json):
    tree = tmp_path / "tree"
    subprocess.run(["cp", "-r", str(VALID), str(tree)], check=True)
    for name in ("utgangen.md", "utgar-snart.md"):
        text = (INVALID / "routines" / "giltighet" / name).read_text(encoding="utf-8")
        fixed = text.replace("role: metodhandledare", "role: processledare").replace("arbetsgrupp", "chefsgrupp")
        (tree / "routines" / "utskrivning" / name).write_text(fixed, encoding="utf-8")

    status, report = check_json(root=tree)
    assert status == 0
    assert sorted(p["code"] for p in report["problems"]) == ["W-EXPIRED", "W-EXPIRING"]

    status, report = check_json("--strict", root=tree)
    assert status == 1
    assert {p["severity"] for p in report["problems"]} == {"error"}

    status, report = check_json("--within", "30", root=tree)
    assert [p["code"] for p in report["problems"]] == ["W-EXPIRED"]


def test_the_date_moves_with_today(run_check):
    status, out, _ = run_check(root=VALID, today=TODAY.replace(year=2028))
    assert status == 0
    assert "W-EXPIRED giltighetstiden har gått ut: dokumentet gällde t.o.m. 2027-12-31" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--today", "2026-13-01"], "'2026-13-01' är inget datum"),
        (["--today", "1/12/2026"], "'1/12/2026' är inget datum"),
        (["--format", "xml"], "fel i kommandot"),
        (["--within", "-5"], "fel i kommandot"),
    ],
)
def test_usage_errors_exit_2(run_check, args, message):
    status, out, err = run_check(*args, root=VALID, today=None)
    assert status == 2
    assert message in err
    assert out == ""


def test_missing_content_is_a_usage_error(run_check, tmp_path):
    status, _, err = run_check(root=tmp_path)
    assert status == 2
    assert "hittar varken routines/ eller roles/" in err


def test_installed_console_script_never_shows_a_traceback_on_broken_content(tmp_path):
    tree = tmp_path / "tree"
    (tree / "routines").mkdir(parents=True)
    (tree / "routines" / "binar.md").write_bytes(b"---\nid: \xff\xfe\n---\n")
    (tree / "routines" / "konstig.md").write_text("---\n- bara\n- en lista\n---\n", encoding="utf-8")
    (tree / "routines" / "tom.md").write_text("---\n---\n", encoding="utf-8")
    (tree / "routines" / "tabbar.md").write_text("---\nid:\tA\n\ttitle: x\n---\n", encoding="utf-8")
    script = os.path.join(os.path.dirname(sys.executable), "samverkan")
    result = subprocess.run(
        [script, "check", "--root", str(tree), "--today", TODAY.isoformat()], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "routines/binar.md:2: E-FILE filen är sparad med en äldre teckenkodning, inte UTF-8, så å, ä och ö blir fel (det första tecknet som inte går att läsa är tecken 5 på raden)" in result.stdout
    assert "routines/konstig.md:2: E-SCHEMA" in result.stdout
    assert "routines/tom.md:2: E-SCHEMA uppgifterna ska vara rader med fält och värden" in result.stdout
    assert "routines/tabbar.md:3: E-YAML" in result.stdout


def test_a_broken_or_missing_law_register_is_one_problem_not_one_per_citation(tmp_path, check_json):
    tree = tmp_path / "tree"
    subprocess.run(["cp", "-r", str(VALID), str(tree)], check=True)
    register = tree / "roles" / "laws.yml"
    register.write_text(register.read_text(encoding="utf-8").replace("    url: https://rkrattsbaser.gov.se/sfst?bet=2017:612\n", "", 1), encoding="utf-8")
    _, report = check_json(root=tree)
    assert [(p["path"], p["code"]) for p in report["problems"]] == [("roles/laws.yml", "E-SCHEMA")]

    register.unlink()
    _, report = check_json(root=tree)
    assert [(p["path"], p["line"], p["code"]) for p in report["problems"]] == [("roles/laws.yml", 0, "E-FILE")]


def test_an_unreadable_document_does_not_make_references_to_it_errors_too(tmp_path, check_json):
    tree = tmp_path / "tree"
    subprocess.run(["cp", "-r", str(VALID), str(tree)], check=True)
    draft = tree / "routines" / "utskrivning" / "utkast.md"
    draft.write_text(draft.read_text(encoding="utf-8").replace("title: Utkast till riktlinje", "title: Utkast: riktlinje"), encoding="utf-8")
    _, report = check_json(root=tree)
    assert [(p["path"], p["code"]) for p in report["problems"]] == [("routines/utskrivning/utkast.md", "E-YAML")]
