"""A document of more than a megabyte of text gets a warning: split it, or attach the long parts."""

from __future__ import annotations

import datetime as dt
import shutil

from conftest import REPO
from samverkan.core.body_checks import LARGE_DOCUMENT_BYTES
from samverkan.core.checks import CheckOptions
from samverkan.core.runner import run_check
from samverkan.core.schemas import SchemaSet


def _tree_with_body(tmp_path, body_bytes: int):
    shutil.copytree(REPO / "roles", tmp_path / "roles")
    example = sorted((REPO / "routines").rglob("*.md"))
    for src in example:
        target = tmp_path / src.relative_to(REPO)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, target)
    doc = tmp_path / example[0].relative_to(REPO)
    paragraph = "Vårdcentralen kallar till samordnad individuell plan inom tre dagar. "
    doc.write_text(doc.read_text(encoding="utf-8") + paragraph * (body_bytes // len(paragraph.encode())), encoding="utf-8")
    report = run_check(tmp_path, CheckOptions(dt.date(2026, 12, 1)), SchemaSet.load(REPO / "schema"))
    return doc.relative_to(tmp_path).as_posix(), [p for p in report.problems if p.code == "W-LARGE"]


def test_a_document_over_the_limit_is_warned_about_at_its_first_line_of_text(tmp_path):
    path, found = _tree_with_body(tmp_path, LARGE_DOCUMENT_BYTES + 50_000)
    [problem] = found
    assert problem.path == path and not problem.is_error
    text = (tmp_path / path).read_text(encoding="utf-8").splitlines()
    assert text[problem.line - 2] == "---"  # the line after the front matter's closing fence
    assert "1.1 MB" in problem.message and "dela upp" in problem.hint


def test_a_long_document_under_the_limit_passes(tmp_path):
    _, found = _tree_with_body(tmp_path, LARGE_DOCUMENT_BYTES - 100_000)
    assert found == []
