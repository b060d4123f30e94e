"""What `make serve` keeps between rebuilds: files read again only when saved, pages made again only when an
edit can change them, and rewritten only when they did."""

from __future__ import annotations

import dataclasses
import os
import shutil

import pytest

from conftest import FIXTURES, REPO, TODAY
from samverkan.core import model as m
from samverkan.core.fileread import read_files
from samverkan.core.loader import load
from samverkan.core.reread import Rereader
from samverkan.core.schemas import SchemaSet
from samverkan.renderers.mkdocs_serve import own_folder
from samverkan.site.context import SiteContext
from samverkan.site.pages import site_pages
from samverkan.site.preview import GeneratedPages, PageFolder
from samverkan.site.rowmemo import RowMemo
from samverkan.site.text import area_path, role_path, type_path


def test_a_second_load_reads_only_the_saved_file_and_gives_what_a_fresh_load_gives(tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(FIXTURES / "valid", tree)
    schemas = SchemaSet.load(REPO / "schema")
    reader = Rereader()
    first = load(tree, schemas, reader)
    assert reader.read == first.files_read > 2

    doc = tree / "routines" / "utskrivning" / "utkast.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("Utkast till riktlinje", "Ny riktlinje"), encoding="utf-8")
    again = load(tree, schemas, reader)
    assert reader.read == 1
    assert again == load(tree, schemas, read_files)
    assert "Ny riktlinje" in {d.title for d in again.corpus.documents}

    doc.unlink()
    assert load(tree, schemas, reader).corpus.documents == load(tree, schemas).corpus.documents
    assert reader.read == 0


def test_a_file_unchanged_on_disk_gives_the_very_same_document_and_an_edited_one_a_new_one(tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(FIXTURES / "valid", tree)
    schemas, reader = SchemaSet.load(REPO / "schema"), Rereader()
    before = load(tree, schemas, reader).corpus.documents_by_id
    draft = tree / "routines" / "utskrivning" / "utkast.md"
    draft.write_text(draft.read_text(encoding="utf-8").replace("title: Utkast till riktlinje", "title: Ny riktlinje"), encoding="utf-8")
    after = load(tree, schemas, reader).corpus.documents_by_id
    assert after["TST-001"] is before["TST-001"]
    assert after["TST-002"] is not before["TST-002"] and after["TST-002"].title == "Ny riktlinje"


def test_a_page_file_is_rewritten_only_when_its_text_changes_and_removed_when_no_longer_made(tmp_path):
    pages = PageFolder(tmp_path / "cache")
    kept, written = pages.put("dokument/A.md", "# A\n")
    gone, _ = pages.put("dokument/B.md", "# B\n")
    assert written
    assert pages.end_round() == []
    os.utime(kept, ns=(1, 1))

    assert pages.put("dokument/A.md", "# A\n") == (kept, False) and kept.stat().st_mtime_ns == 1  # same text: untouched
    pages.put("dokument/C.md", b"bytes")
    assert pages.written == 1
    assert pages.end_round() == ["dokument/B.md"] and not gone.exists()

    pages.put("dokument/A.md", "# A, edited\n")
    assert kept.stat().st_mtime_ns > 1 and kept.read_text(encoding="utf-8") == "# A, edited\n"


def test_after_an_edit_the_pages_are_a_fresh_builds_and_only_those_showing_the_edit_are_made_again(tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(FIXTURES / "valid", tree)
    folder = tree / "routines" / "utskrivning"
    draft = folder / "utkast.md"  # TST-002, a guideline in SIP; rutin.md (TST-001) refers to it
    other = draft.read_text(encoding="utf-8").replace("TST-002", "TST-003").replace("type: guideline", "type: agreement")
    (folder / "annan.md").write_text(other.replace("areas: [SIP]", "areas: [äldre]"), encoding="utf-8")
    schemas = SchemaSet.load(REPO / "schema")
    reader, memo, ctx = Rereader(), GeneratedPages(), SiteContext(today=TODAY, rows=RowMemo())

    def made() -> set[str]:
        corpus = load(tree, schemas, reader).corpus
        assert list(memo.pages(corpus, ctx)) == list(site_pages(corpus, dataclasses.replace(ctx, rows=None)))
        return set(memo.made)

    assert {"dokument/TST-003.md", type_path(m.DocType.AGREEMENT), area_path("äldre")} <= made()
    assert made() == set()

    draft.write_text(draft.read_text(encoding="utf-8").replace("title: Utkast till riktlinje", "title: Ny riktlinje"), encoding="utf-8")
    again = made()
    # TST-002 and TST-001, which shows its title, and the lists of either; not TST-003 or its own lists.
    assert {"dokument/TST-002.md", "dokument/TST-001.md", type_path(m.DocType.GUIDELINE), area_path("SIP"), role_path("processledare")} <= again
    assert not again & {"dokument/TST-003.md", type_path(m.DocType.AGREEMENT), area_path("äldre")}

    role = tree / "roles" / "processledare.yml"
    role.write_text(role.read_text(encoding="utf-8").replace("name: ", "name: Ny ", 1), encoding="utf-8")
    assert {"dokument/TST-003.md", area_path("äldre")} <= made()  # a role's name can be on any page

    draft.unlink()
    gone = made()
    assert "dokument/TST-001.md" in gone and "dokument/TST-003.md" not in gone  # its reference is now unknown


@pytest.mark.skipif(os.name == "nt", reason="no flock: one folder per process id")
def test_two_servers_in_one_folder_keep_their_pages_apart_and_a_stopped_servers_folder_is_taken_again(tmp_path):
    first, held = own_folder(tmp_path / "serve")
    second, _ = own_folder(tmp_path / "serve")
    assert first != second
    (first / "dokument").mkdir(parents=True)
    (first / "dokument" / "A.md").write_text("# A\n", encoding="utf-8")
    held.close()  # the first server stops
    third, _ = own_folder(tmp_path / "serve")
    assert third == first and not (first / "dokument" / "A.md").exists()


def test_a_copied_file_is_news_when_it_comes_from_another_file_and_leaves_when_no_longer_copied(tmp_path):
    pages = PageFolder(tmp_path / "cache")
    first, other = tmp_path / "a.docx", tmp_path / "b.docx"
    assert not pages.copied("dokument/X.docx", first)  # a file new to the site is copied anyway
    assert pages.end_round() == []
    assert not pages.copied("dokument/X.docx", first)
    pages.end_round()
    assert pages.copied("dokument/X.docx", other)  # say, the copy made before an edit that was undone
    assert pages.end_round() == []
    assert pages.end_round() == ["dokument/X.docx"]


def test_a_page_file_removed_while_serving_is_written_again(tmp_path):
    pages = PageFolder(tmp_path / "cache")
    page, _ = pages.put("dokument/A.md", "# A\n")
    pages.end_round()
    page.unlink()  # say, someone cleaned .cache/
    assert pages.put("dokument/A.md", "# A\n") == (page, True) and page.is_file()


def test_a_path_that_was_a_page_and_becomes_a_copy_leaves_no_page_behind(tmp_path):
    pages = PageFolder(tmp_path / "cache")
    page, _ = pages.put("bilagor/x.pdf", b"page")
    pages.end_round()
    pages.copied("bilagor/x.pdf", tmp_path / "x.pdf")
    assert not page.exists()
    pages.end_round()
    assert pages.end_round() == ["bilagor/x.pdf"]
    assert pages.put("bilagor/x.pdf", b"page") == (page, True)
