"""Every approved revision stays retrievable: tags, "Tidigare versioner", old texts and word-level diffs.

The fixture is a real git repository with fixed dates in which TST-001 is approved three
times (with an editorial fix and a draft in between).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from conftest import TODAY
from pypdf import PdfReader
from samverkan.cli import main
from samverkan.core import model as m
from samverkan.core.archive import approval, parse_tag, tag_name
from samverkan.core.loader import load
from samverkan.core.runner import default_schema_dir
from samverkan.core.schemas import SchemaSet
from samverkan.external import vcs
from samverkan.site.context import SiteContext
from samverkan.site.revisions import read_archive, revision_pages
from samverkan.site.worddiff import word_diff
from sitebuild import build, mini_tree
from test_git_history import _commit, _git

RUTIN = Path("routines/utskrivning/rutin.md")


def _revise(tree: Path, revision: int, status: str, old: str, new: str, *, extra: str = "") -> None:
    doc = tree / RUTIN
    text = doc.read_text(encoding="utf-8")
    text = re.sub(r"^revision: \d+$", f"revision: {revision}", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^status: \w+$", f"status: {status}", text, count=1, flags=re.MULTILINE)
    assert old in text
    text = text.replace(old, new)
    if extra and extra not in text:
        text = text.replace("changelog:\n", "changelog:\n" + extra, 1)
    doc.write_text(text, encoding="utf-8")


def make_history(tmp_path: Path) -> Path:
    """r1 approved, an editorial fix, r2 approved, r3 as a draft, then r3 approved."""
    tree = mini_tree(tmp_path)
    _git(tree, "init", "-q", "-b", "main")
    _revise(tree, 1, "approved", "Rutinen beskriver hur utskrivningen planeras.", "Rutinen beskriver hur utskrivning planeras.")
    _commit(tree, "Fastställ rutinen", "2024-12-01T10:00:00+01:00")
    _revise(tree, 1, "approved", "hur utskrivning planeras", "hur utskrivningen planeras")
    _commit(tree, "Rätta ett stavfel", "2025-01-15T10:00:00+01:00")
    _revise(tree, 2, "approved", "utskrivningen planeras.", "utskrivningen planeras och följs upp & utvärderas.")
    _commit(tree, "Revision 2 fastställd", "2025-12-10T10:00:00+01:00")
    extra = "  - revision: 3\n    date: 2026-06-20\n    summary: Ansvaret förtydligat.\n"
    _revise(tree, 3, "draft", "och följs upp & utvärderas.", "och följs upp & utvärderas av processledaren.", extra=extra)
    _commit(tree, "Utkast till revision 3", "2026-06-01T10:00:00+02:00")
    _revise(tree, 3, "approved", "valid_from: 2026-01-01", "valid_from: 2026-07-01")
    _commit(tree, "Revision 3 fastställd", "2026-06-20T10:00:00+02:00")
    return tree


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return make_history(tmp_path_factory.mktemp("archive"))


def test_a_revision_tag_names_the_document_and_revision():
    assert tag_name("EXL-UTS-001", 3) == "EXL-UTS-001/r3"
    assert parse_tag("EXL-UTS-001/r3") == ("EXL-UTS-001", 3)
    assert parse_tag("v1.0") is None and parse_tag("EXL-UTS-001/r0") is None


def test_only_an_approved_version_is_an_approval():
    assert approval("---\nid: A\nrevision: 2\nstatus: approved\n---\nText\n") == ("A", 2)
    assert approval("---\nid: A\nrevision: 2\nstatus: draft\n---\nText\n") is None
    assert approval("ingen uppgiftsdel\n") is None


def test_without_tags_each_revision_is_the_commit_that_approved_it(repo):
    documents = _documents(repo)
    found = read_archive(repo, documents, vcs.read_file_history(repo))["TST-001"]
    assert [(r.revision, r.saved, r.tagged) for r in found] == [
        (1, dt.date(2024, 12, 1), False),  # the approval, not the later editorial fix
        (2, dt.date(2025, 12, 10), False),
        (3, dt.date(2026, 6, 20), False),  # not the draft
    ]
    assert "hur utskrivning planeras." in found[0].body
    assert found[2].valid_from == dt.date(2026, 7, 1)
    assert found[1].decision_reference == "Protokoll 2025-12-10 § 4"


def test_samverkan_tag_sets_the_missing_tags_once(repo, capsys):
    assert main(["tag", "--root", str(repo), "--dry-run"]) == 0
    assert "Skulle sätta taggen TST-001/r2" in capsys.readouterr().out
    assert vcs.read_tags(repo) == ()

    assert main(["tag", "--root", str(repo)]) == 0
    out = capsys.readouterr().out
    assert "Satte taggen TST-001/r1" in out and "(2024-12-01)" in out
    tags = {t.name: t.commit for t in vcs.read_tags(repo)}
    assert set(tags) == {"TST-001/r1", "TST-001/r2", "TST-001/r3"}
    assert _subject(repo, tags["TST-001/r2"]) == "Revision 2 fastställd"

    assert main(["tag", "--root", str(repo)]) == 0
    assert "Alla fastställda revisioner har redan en tagg." in capsys.readouterr().out


def test_a_tag_on_a_later_commit_reads_the_text_there(tmp_path):
    tree = make_history(tmp_path)
    (tree / "docs" / "extra.md").write_text("# Extra\n", encoding="utf-8")
    _commit(tree, "Annat än dokumentet", "2026-07-01T10:00:00+02:00")
    _git(tree, "tag", "TST-001/r3")  # set by hand on a commit that did not touch the file
    found = read_archive(tree, _documents(tree), vcs.read_file_history(tree))["TST-001"]
    assert (found[2].revision, found[2].tagged, found[2].saved) == (3, True, dt.date(2026, 7, 1))
    assert "av processledaren" in found[2].body


def test_word_diff_marks_words_and_escapes_the_text():
    out = word_diff("Ring <b>MAS</b> före kl. 12.", "Ring <b>SSK</b> före kl. 14.\nNy rad.")
    assert "<del>MAS</del><ins>SSK</ins>" in out
    assert "&lt;b&gt;" in out and "<b>" not in out
    assert "&#10;" in out and "\n" not in out


def test_a_rewrite_too_large_to_compare_word_by_word_shows_as_removed_and_added():
    old, new = " ".join(["ord"] * 2000), " ".join(["ny"] * 2000)
    assert word_diff(old, new) == f"<del>{old}</del><ins>{new}</ins>"
    assert word_diff("A\nB\nC\n", "A\nB2\nC\n") == "A&#10;<del>B</del><ins>B2</ins>&#10;C&#10;"


def test_the_site_lists_earlier_versions_and_shows_each_with_its_diff(repo, tmp_path):
    if not vcs.read_tags(repo):
        main(["tag", "--root", str(repo)])
    result = build(repo / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site" / "dokument"

    page = (site / "TST-001" / "index.html").read_text(encoding="utf-8")
    section = page[page.index('id="tidigare-versioner"') :]
    assert "Gällande (den här sidan)" in section
    assert 'href="../TST-001-r2/"' in section and 'href="../TST-001-r1/"' in section
    assert "Protokoll 2025-12-10 § 4" in section

    old = (site / "TST-001-r2" / "index.html").read_text(encoding="utf-8")
    assert "Detta är inte den gällande versionen" in old
    assert 'href="../TST-001/"' in old  # to the revision in force
    assert "TST-001/r2" in old  # the tag that holds it
    # Word by word, escaped: the editorial fix of r1 and the new words of r2.
    assert "hur <del>utskrivning</del><ins>utskrivningen</ins> planeras<ins> och följs upp &amp; utvärderas</ins>." in old
    assert "understruken text har lagts till" in old

    first = (site / "TST-001-r1" / "index.html").read_text(encoding="utf-8")
    assert "den första fastställda revisionen" in first and "hur utskrivning planeras." in first
    current = (site / "TST-001-r3" / "index.html").read_text(encoding="utf-8")  # what changed in the revision in force
    assert "Detta är inte den gällande versionen" not in current and "<ins> av processledaren</ins>" in current


def _corpus(tree: Path) -> m.Corpus:
    return load(tree, SchemaSet.load(default_schema_dir(tree))).corpus


def _documents(tree: Path) -> tuple[m.Document, ...]:
    return _corpus(tree).documents


def _subject(tree: Path, commit: str) -> str:
    return subprocess.run(["git", "log", "-1", "--format=%s", commit], cwd=tree, capture_output=True, text=True, check=True).stdout.strip()


def test_while_a_new_revision_is_a_draft_the_last_approved_one_says_it_applies(repo):
    corpus = _corpus(repo)
    archived = read_archive(repo, corpus.documents, vcs.read_file_history(repo))
    doc = corpus.documents_by_id["TST-001"]
    drafted = dataclasses.replace(corpus, documents=(dataclasses.replace(doc, status=m.Status.DRAFT, revision=4),))
    pages = dict(revision_pages(drafted, SiteContext(today=TODAY, archive=archived)))
    assert sorted(pages) == ["dokument/TST-001-r1.md", "dokument/TST-001-r2.md", "dokument/TST-001-r3.md"]
    assert "Senast fastställda versionen" in pages["dokument/TST-001-r3.md"]
    assert "Detta är inte den gällande versionen" in pages["dokument/TST-001-r2.md"]


def test_the_example_shows_an_earlier_revision_and_what_changed(example_site):
    site = example_site / "dokument"
    page = (site / "EXL-STR-006" / "index.html").read_text(encoding="utf-8")
    assert "Tidigare versioner" in page
    assert 'href="../EXL-STR-006-r1/"' in page and 'href="../EXL-STR-006-r2/"' in page
    old = (site / "EXL-STR-006-r1" / "index.html").read_text(encoding="utf-8")
    assert "Detta är inte den gällande versionen" in old and "normalt inom fem arbetsdagar" in old
    changed = (site / "EXL-STR-006-r2" / "index.html").read_text(encoding="utf-8")
    assert "Den gällande revisionen, som den fastställdes" in changed
    assert "<del>fem</del><ins>tre</ins>" in changed


def test_an_old_revision_has_copies_marked_as_not_in_force(example_site):
    site = example_site / "dokument"
    formats = [fmt for fmt in ("pdf", "docx") if (site / f"EXL-STR-006.{fmt}").is_file()]
    assert "docx" in formats  # pandoc ships in its wheel; PDF also needs Chromium
    old = (site / "EXL-STR-006-r1" / "index.html").read_text(encoding="utf-8")
    for fmt in formats:
        assert f'href="../EXL-STR-006-r1.{fmt}"' in old and (site / f"EXL-STR-006-r1.{fmt}").is_file()
    assert "EXL-STR-006-r2." not in (site / "EXL-STR-006-r2" / "index.html").read_text(encoding="utf-8")  # in force: the document's copies
    if "pdf" in formats:
        text = PdfReader(site / "EXL-STR-006-r1.pdf").pages[0].extract_text()
        assert "Äldre revision – inte den gällande versionen" in text and "ersatt av revision 2" in text
