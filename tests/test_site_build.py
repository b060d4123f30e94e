"""End to end: `mkdocs build --strict` of the example content, a fixture site in a real git repository, and broken references failing the build."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import REPO
from sitebuild import build, mini_tree
from test_git_history import _commit, _git


def test_example_content_builds_strict_and_every_document_gets_a_page(example_site):
    documents = list(REPO.glob("routines/**/*.md"))
    pages = [p for p in (example_site / "dokument").glob("*/index.html") if not re.search(r"-r\d+$", p.parent.name)]  # not old revisions
    assert len(pages) == len(documents) >= 15
    assert '<html lang="sv"' in (example_site / "index.html").read_text(encoding="utf-8")


def test_public_history_and_latest_changes_come_from_the_changelog_whatever_the_commits_say(tmp_path):
    tree = mini_tree(tmp_path)
    _git(tree, "init", "-q")
    _commit(tree, "Add samverkan expiring report and fix CI", "2026-06-10T09:00:00+01:00")
    doc = tree / "routines" / "utskrivning" / "rutin.md"
    doc.write_text(doc.read_text(encoding="utf-8") + "\nNytt stycke.\n", encoding="utf-8")
    _commit(tree, "Revision 3: Rutinen är upphävd.", "2026-11-20T14:00:00+01:00")  # misleading on purpose

    result = build(tree / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    page = (site / "dokument" / "TST-001" / "index.html").read_text(encoding="utf-8")
    changes = (site / "andringar" / "index.html").read_text(encoding="utf-8")
    start = (site / "index.html").read_text(encoding="utf-8")
    feed = (site / "andringar" / "feed.xml").read_text(encoding="utf-8")
    for html in (page, changes, start, feed):
        assert "Add samverkan" not in html and "Rutinen är upphävd" not in html
    assert "Revision 2: Nya kontaktvägar. Fastställd 10 december 2025." in changes
    assert changes.index("Nya kontaktvägar") < changes.index("Första versionen")
    assert "<updated>2025-12-10T12:00:00+00:00</updated>" in feed  # the changelog's date, not the commit's
    # "Senast ändrade": the changelog's revision and date, not the commit of 2026-11-20; drafts marked.
    assert "Rutin för utskrivning</a> – revision 2, 10 december 2025" in start
    assert re.search(r"revision 1, [^<]+<span class=\"sv-status sv-status--draft\"", start)
    assert "20 november 2026" not in start
    # The commits stay as technical detail on the document page: dates and versions, no messages.
    assert "Sparade versioner av filen" in page and "2026-11-20" in page


def test_site_builds_outside_a_git_repository_from_the_changelog(tmp_path):
    tree = mini_tree(tmp_path)
    result = build(tree / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    changes = (tmp_path / "site" / "andringar" / "index.html").read_text(encoding="utf-8")
    assert "Revision 2: Nya kontaktvägar." in changes


def _break(tree: Path, old: str, new: str) -> None:
    doc = tree / "routines" / "utskrivning" / "rutin.md"
    text = doc.read_text(encoding="utf-8")
    assert old in text
    doc.write_text(text.replace(old, new), encoding="utf-8")


def test_broken_role_reference_fails_the_build_with_file_and_line(tmp_path):
    tree = mini_tree(tmp_path)
    _break(tree, "roles: [processledare]", "roles: [metodhandldare]")
    result = build(tree / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "routines/utskrivning/rutin.md:18: E-REF okänd roll 'metodhandldare'" in result.stderr


def test_broken_document_reference_fails_the_build_with_file_and_line(tmp_path):
    tree = mini_tree(tmp_path)
    _break(tree, "  - document: TST-002", "  - document: TST-999")
    result = build(tree / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "routines/utskrivning/rutin.md:22: E-REF okänt dokument 'TST-999'" in result.stderr
    assert "Traceback" not in result.stderr


def test_images_beside_a_document_are_published_where_its_links_lead(tmp_path):
    tree = mini_tree(tmp_path)
    folder = tree / "routines" / "utskrivning" / "rutin"
    folder.mkdir()
    (folder / "flode.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    _break(tree, "Rutinen beskriver hur utskrivningen planeras.", "![Flödesschema](rutin/flode.png)")
    result = build(tree / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "dokument" / "TST-001" / "index.html").read_text(encoding="utf-8")
    assert 'src="../rutin/flode.png"' in page
    assert (tmp_path / "site" / "dokument" / "rutin" / "flode.png").is_file()


def test_every_document_can_be_downloaded_as_pdf_and_word(example_site):
    from samverkan.site.downloads import available_formats

    formats, reason = available_formats()
    if "pdf" not in formats and os.environ.get("CI") != "true":
        pytest.skip(reason)
    for doc in REPO.glob("routines/**/*.md"):
        doc_id = next(line[4:] for line in doc.read_text(encoding="utf-8").splitlines() if line.startswith("id: "))
        page = (example_site / "dokument" / doc_id / "index.html").read_text(encoding="utf-8")
        assert f'href="../{doc_id}.pdf">PDF</a>' in page and f'href="../{doc_id}.docx">Word</a>' in page
        assert (example_site / "dokument" / f"{doc_id}.pdf").read_bytes().startswith(b"%PDF")
        assert (example_site / "dokument" / f"{doc_id}.docx").read_bytes().startswith(b"PK")


def test_two_documents_cannot_publish_attachments_at_the_same_path(tmp_path):
    from samverkan.site.pages import attachments

    for area in ("sip", "aldre"):
        (tmp_path / "routines" / area / "rutin").mkdir(parents=True)
        (tmp_path / "routines" / area / "rutin" / "bild.png").write_bytes(b"png")

    class Doc:  # only the source path matters here
        def __init__(self, path: str) -> None:
            self.source = type("S", (), {"path": path})()

    found = list(attachments(tmp_path, [Doc("routines/sip/rutin.md"), Doc("routines/aldre/rutin.md")]))
    assert found[0] == (tmp_path / "routines" / "sip" / "rutin" / "bild.png", "dokument/rutin/bild.png")
    assert found[1] == "routines/aldre/rutin.md:1: bilagan dokument/rutin/bild.png finns redan från routines/sip/rutin.md; byt namn på dokumentet eller mappen"
