"""The PDF and Word copies show a link to a file the site never publishes as its text, as the page does."""

from __future__ import annotations

import dataclasses
import io
import zipfile

from conftest import TODAY
from samverkan.site.downloads import DownloadCache
from samverkan.transfer.export import Exporter
from test_dead_links import _loaded, tree  # noqa: F401 - the tree with refused attachments is shared


def test_the_copies_keep_the_text_of_a_dead_link_and_every_other_link(tree):  # noqa: F811
    corpus = _loaded(tree).corpus
    doc = corpus.documents_by_id["TST-001"]
    with Exporter(corpus, TODAY, root=tree) as exporter:
        page = exporter.html(doc)  # the page Chromium prints as the PDF
        word = exporter.docx(doc)
    assert "Se bilagan och schemat." in page
    assert "Se också blanketten och <a href=\"rutin/flodesschema.png\">den riktiga bilden</a>." in page
    assert "passwd" not in page and "utkast/schema.png" not in page
    assert "<code>[i kod](rutin/bilaga.pdf)</code>" in page and "bilaga.pdf" not in page.replace("<code>[i kod](rutin/bilaga.pdf)", "")
    with zipfile.ZipFile(io.BytesIO(word)) as archive:
        links = archive.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "rutin/flodesschema.png" in links and "https://www.1177.se/" in links
    assert "bilaga.pdf" not in links and "passwd" not in links


def test_a_file_refused_after_its_copy_was_made_makes_the_copy_stale(tree, tmp_path):  # noqa: F811
    corpus = _loaded(tree).corpus
    doc = corpus.documents_by_id["TST-001"]
    text = (tree / doc.source.path).read_text(encoding="utf-8")
    published = dataclasses.replace(corpus, refused_files=frozenset())

    def cache_file(c):
        (job,) = DownloadCache(c, TODAY, 90, {}, tree, tmp_path).missing(("docx",), [(doc, text, doc.id)])
        return job[3]

    assert cache_file(corpus) != cache_file(published)
    assert cache_file(corpus) == cache_file(dataclasses.replace(corpus))


def test_a_reference_link_to_a_refused_file_keeps_its_text_in_the_copies_too(tree):  # noqa: F811
    document = tree / "routines" / "utskrivning" / "rutin.md"
    document.write_text(document.read_text(encoding="utf-8") + "\nLäs [den gamla bilagan][gammal].\n\n[gammal]: rutin/bilaga.pdf\n", encoding="utf-8")
    corpus = _loaded(tree).corpus
    with Exporter(corpus, TODAY, root=tree) as exporter:
        page = exporter.html(corpus.documents_by_id["TST-001"])
    assert "Läs den gamla bilagan." in page and 'href="rutin/bilaga.pdf"' not in page
