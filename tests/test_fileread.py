"""Reading a large tree goes to a pool of processes; what it finds is exactly what one process finds."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES, REPO, TODAY
from samverkan.core import fileread
from samverkan.core.checks import CheckOptions
from samverkan.core.dead_links import may_link_to_a_file
from samverkan.core.loader import load
from samverkan.core.runner import run_check
from samverkan.core.schemas import SchemaSet
from samverkan.core.yamlsource import parse_front_matter


@pytest.fixture(scope="module")
def schemas() -> SchemaSet:
    return SchemaSet.load(REPO / "schema")


def test_the_pool_reads_the_invalid_fixtures_exactly_as_one_process_does(schemas, monkeypatch):
    alone = load(FIXTURES / "invalid", schemas)
    monkeypatch.setattr(fileread, "PARALLEL_FROM", 1)
    pooled = load(FIXTURES / "invalid", schemas)
    assert pooled.problems == alone.problems and len(alone.problems) > 10
    assert pooled.document_texts == alone.document_texts
    assert pooled.corpus == alone.corpus
    assert [d.body for d in pooled.corpus.documents] == [d.body for d in alone.corpus.documents]
    assert [d.source.lines for d in pooled.corpus.documents] == [d.source.lines for d in alone.corpus.documents]


def test_the_pool_keeps_bodies_and_line_numbers_of_the_examples(schemas, monkeypatch):
    alone = load(REPO, schemas)
    monkeypatch.setattr(fileread, "PARALLEL_FROM", 1)
    pooled = load(REPO, schemas)
    assert len(pooled.corpus.documents) >= 20
    for a, b in zip(alone.corpus.documents, pooled.corpus.documents, strict=True):
        assert (b.body, b.body_line, dict(b.source.lines)) == (a.body, a.body_line, dict(a.source.lines))


def test_a_byte_order_mark_and_windows_line_ends_read_as_before(schemas, tmp_path):
    example = next((REPO / "routines").rglob("*.md")).read_text(encoding="utf-8")
    (tmp_path / "doc.md").write_bytes(("\ufeff" + example).replace("\n", "\r\n").encode("utf-8"))
    [result] = fileread.read_files([fileread.Job(tmp_path / "doc.md", "routines/doc.md", "document")], schemas)
    expected = parse_front_matter(example, "routines/doc.md")
    assert result.usable and result.parsed.body == expected.body and result.parsed.data == expected.data


def test_a_revision_written_1_0_is_still_refused_although_the_fast_validator_counts_it_an_integer(schemas):
    text = next((REPO / "routines").rglob("*.md")).read_text(encoding="utf-8")
    text, count = re.subn(r"^revision: ([0-9]+)$", r"revision: \1.0", text, count=1, flags=re.MULTILINE)
    assert count == 1
    result = fileread.analyse("routines/doc.md", "document", text.encode(), schemas)
    assert not result.usable
    assert [(p.code, p.json_path) for p in result.problems] == [("E-SCHEMA", "$.revision")]


def test_a_personal_number_is_reported_and_masked_the_same_through_the_pool(schemas, tmp_path, monkeypatch):
    example = next((REPO / "routines").rglob("*.md")).read_text(encoding="utf-8")
    (tmp_path / "routines").mkdir()
    (tmp_path / "routines" / "doc.md").write_text(example + "\nPatienten 811218-9801 skrivs ut.\n", encoding="utf-8")
    (tmp_path / "routines" / "latin.md").write_bytes((example + "\nÅ 811218-9801\n").encode("latin-1", errors="replace"))
    alone = load(tmp_path, schemas)
    monkeypatch.setattr(fileread, "PARALLEL_FROM", 1)
    pooled = load(tmp_path, schemas)
    assert pooled.problems == alone.problems
    assert sorted(p.path for p in pooled.problems if p.code == "E-PERSONNUMMER") == ["routines/doc.md", "routines/latin.md"]
    assert pooled.document_texts == alone.document_texts
    assert "811218-9801" not in pooled.document_texts["routines/doc.md"]
    assert "811218-9801" not in pooled.corpus.documents[0].body


def test_an_unfinished_draft_is_kept_aside_with_one_warning_also_through_the_pool(schemas, tmp_path, monkeypatch):
    (tmp_path / "routines").mkdir()
    draft = "---\nid: IMP-001\nstatus: draft\nareas:\n  - utskrivning\n---\n\n## Bakgrund\n\nText.\n"
    (tmp_path / "routines" / "utkast.md").write_text(draft, encoding="utf-8")
    alone = load(tmp_path, schemas)
    monkeypatch.setattr(fileread, "PARALLEL_FROM", 1)
    pooled = load(tmp_path, schemas)
    assert [p.code for p in pooled.problems] == ["W-DRAFT-INCOMPLETE"]
    assert pooled.problems == alone.problems
    assert [u.id for u in pooled.corpus.unfinished] == ["IMP-001"] and pooled.corpus.unfinished == alone.corpus.unfinished
    assert ("document", "IMP-001") in pooled.corpus.unusable_ids


def test_a_check_that_wants_only_problems_finds_the_same_without_the_texts(schemas, monkeypatch):
    # The fixtures hold links out of the content folder, refused files and files that do not read.
    options = CheckOptions(TODAY)
    for tree in (FIXTURES / "invalid", FIXTURES / "hostile_files", FIXTURES / "schema-and-more", REPO):
        whole = run_check(tree, options, schemas)
        monkeypatch.setattr(fileread, "PARALLEL_FROM", 1)
        lean = run_check(tree, options, schemas, problems_only=True)
        monkeypatch.setattr(fileread, "PARALLEL_FROM", 300)
        assert lean.problems == whole.problems and lean.counts == whole.counts and whole.problems
        assert not lean.document_texts and whole.document_texts
        # A text comes back only when it might link to a file, for the dead link check.
        assert {d.body for d in lean.corpus.documents if not may_link_to_a_file(d.body)} <= {""}
