"""The site's copies made in batches: the same files as one at a time, and a broken document costs only its own.

A batch reads every text in one pandoc process, writes every HTML body and Word file in
another, and prints the PDFs several at once in one Chromium. While the site is served,
the copies are made in the background and no page waits for them.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest
from conftest import TODAY
from samverkan.external import browser, pandoc
from samverkan.site.build import SiteFile, site_files
from samverkan.site.context import SiteContext
from samverkan.site.downloads import BackgroundCopies, DownloadCache
from samverkan.transfer import export
from test_export import chromium, corpus, pdf_pages, tree  # noqa: F401 - fixtures shared with the export tests


def zip_entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.browser
def test_a_batch_gives_every_document_the_same_copies_as_one_at_a_time(corpus, tree, chromium):  # noqa: F811
    docs = sorted(corpus.documents, key=lambda d: d.id)  # expired, draft, in force, with an image
    with export.Exporter(corpus, TODAY, root=tree) as exporter:
        batch = exporter.render_many([(doc, fmt) for doc in docs for fmt in ("pdf", "docx", "html")])
    alone = []
    for doc in docs:
        with export.Exporter(corpus, TODAY, root=tree) as exporter:  # a fresh exporter: nothing carried over
            alone += [exporter.render(doc, fmt) for fmt in ("pdf", "docx", "html")]
    assert not [made for made in batch if isinstance(made, Exception)]
    for n, doc in enumerate(docs):
        pdf, word, page = batch[3 * n : 3 * n + 3]
        # Chromium stamps each PDF with the moment it was printed: the pages' text is what must agree.
        assert pdf_pages(pdf) == pdf_pages(alone[3 * n]), doc.id
        assert zip_entries(word) == zip_entries(alone[3 * n + 1]), doc.id
        assert page == alone[3 * n + 2], doc.id
        assert doc.title in page.decode("utf-8") and doc.id in pdf_pages(pdf)[0]
    assert len(pdf_pages(batch[0])) > 1  # the expired document runs over several pages


def test_pandoc_converts_a_batch_in_order_and_a_bad_request_fails_alone():
    made = pandoc.convert_many(
        [
            pandoc.Conversion("Första *texten*", "markdown", "html5"),
            pandoc.Conversion("Andra texten", "ingetformat", "html5"),
            pandoc.Conversion("Tredje texten", "markdown", "html5"),
        ]
    )
    assert made[0] == "<p>Första <em>texten</em></p>".encode()
    assert isinstance(made[1], pandoc.PandocFailed) and "ingetformat" in str(made[1])
    assert made[2] == b"<p>Tredje texten</p>"


def test_a_document_too_large_for_pandoc_costs_its_own_copy_and_one_swedish_problem(corpus, tree, tmp_path, monkeypatch):  # noqa: F811
    # Pandoc's memory cap stops the whole process: the batch is then run one document at a time.
    monkeypatch.setattr(pandoc, "MEMORY_LIMIT", "40m")
    docs = sorted(corpus.documents, key=lambda d: d.id)
    huge = dataclasses.replace(docs[1], body="ord " * 500_000)
    copies = [(doc, doc.body, doc.id) for doc in docs]
    copies.insert(2, (huge, huge.body, "EXL-EXP-STOR"))
    cache = DownloadCache(corpus, TODAY, 90, {}, tree, tmp_path / "cache")
    made = list(cache.files(("docx",), copies))
    problems = [item for item in made if isinstance(item, str)]
    assert problems == [
        f"{huge.source.path}:{huge.body_line}: DOCX-kopian kunde inte göras: "
        "filen kräver mer än 40 MB minne för att läsas och kan vara skadad"
    ]
    published = dict(item for item in made if not isinstance(item, str))
    assert sorted(published) == [f"dokument/{doc.id}.docx" for doc in docs]
    assert all(copy.read_bytes().startswith(b"PK") for copy in published.values())


def test_while_serving_the_pages_do_not_wait_for_the_copies_which_join_the_site_when_made(corpus, tree, tmp_path):  # noqa: F811
    site, reported = tmp_path / "site", []
    site.mkdir()
    later = BackgroundCopies(site, reported.append)
    ctx = SiteContext(today=TODAY, downloads=("docx",))

    def build() -> list[str]:
        made = list(site_files(tree, corpus, ctx, {}, tmp_path / "cache", None, later))
        return [item.path for item in made if isinstance(item, SiteFile) and item.path.endswith(".docx")]

    assert build() == []  # the pages are made; the copies are still on their way
    later.wait()
    expected = sorted(f"dokument/{doc.id}.docx" for doc in corpus.documents)
    assert sorted(str(p.relative_to(site)) for p in site.glob("dokument/*.docx")) == expected
    assert all(p.read_bytes().startswith(b"PK") for p in site.glob("dokument/*.docx"))
    assert sorted(build()) == expected  # the next rebuild takes them from the cache
    assert reported == []


def test_without_chromium_every_pdf_says_why_and_the_word_copies_are_made(corpus, tree, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setattr(browser, "find_chromium", lambda: None)
    made = list(DownloadCache(corpus, TODAY, 90, {}, tree, tmp_path / "cache").files(("pdf", "docx")))
    docs = sorted(corpus.documents, key=lambda d: d.id)
    assert sorted(item for item in made if isinstance(item, str)) == sorted(
        f"{doc.source.path}:{doc.body_line}: PDF-kopian kunde inte göras: {browser.MISSING_MESSAGE}" for doc in docs
    )
    assert sorted(item[0] for item in made if not isinstance(item, str)) == [f"dokument/{doc.id}.docx" for doc in docs]


@pytest.mark.browser
def test_a_page_chromium_cannot_print_fails_alone_and_the_tabs_go_on_printing(chromium):  # noqa: F811
    with browser.Browser(pages=2) as chrome:
        made = chrome.pdf_many(
            [
                browser.PrintJob("<p>Första sidan</p>"),
                browser.PrintJob("<p>Andra sidan</p>", options={"page_ranges": "5-9"}),  # a one-page document
                browser.PrintJob("<p>Tredje sidan</p>"),
            ]
        )
        after = chrome.pdf("<p>Fjärde sidan</p>")
    assert isinstance(made[1], browser.PrintFailed) and str(made[1]).startswith("Chromium kunde inte skriva ut sidan")
    assert [pdf_pages(made[0]), pdf_pages(made[2]), pdf_pages(after)] == [["Första sidan"], ["Tredje sidan"], ["Fjärde sidan"]]
