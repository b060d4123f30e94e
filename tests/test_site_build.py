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


def test_document_page_joins_the_changelog_with_the_git_history_of_its_file(tmp_path):
    tree = mini_tree(tmp_path)
    _git(tree, "init", "-q")
    _commit(tree, "Första versionen av rutinen", "2025-12-10T09:00:00+01:00")
    doc = tree / "routines" / "utskrivning" / "rutin.md"
    doc.write_text(doc.read_text(encoding="utf-8") + "\nNytt stycke.\n", encoding="utf-8")
    _commit(tree, "Lägg till ett stycke om kontaktvägar", "2026-02-03T14:00:00+01:00")

    result = build(tree / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "dokument" / "TST-001" / "index.html").read_text(encoding="utf-8")
    assert "Revisionshistorik" in page and "Nya kontaktvägar." in page  # from the changelog
    assert "2026-02-03" in page and "Lägg till ett stycke om kontaktvägar" in page  # from git
    changes = (tmp_path / "site" / "andringar" / "index.html").read_text(encoding="utf-8")
    assert changes.index("Lägg till ett stycke") < changes.index("Första versionen av rutinen")
    feed = (tmp_path / "site" / "andringar" / "feed.xml").read_text(encoding="utf-8")
    assert "<updated>2026-02-03T14:00:00+01:00</updated>" in feed


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
