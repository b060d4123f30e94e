"""samverkan export of a poisoned document: the same HTML policy as the site, in HTML, PDF's HTML and Word."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from conftest import FIXTURES, REPO, TODAY
from html_safety import executable
from samverkan.core.loader import load
from samverkan.core.schemas import SchemaSet
from samverkan.transfer import export

HOSTILE = FIXTURES / "hostile_html"


@pytest.fixture(scope="module")
def exporter():
    corpus = load(HOSTILE, SchemaSet.load(REPO / "schema")).corpus
    with export.Exporter(corpus, TODAY, root=HOSTILE) as made:
        yield made, corpus.documents_by_id["HOST-001"]


def test_the_exported_page_runs_no_script_and_allows_none(exporter):
    made, doc = exporter
    page = made.html(doc)  # also what Chromium prints to PDF
    assert executable(page) == []
    assert f'<meta http-equiv="Content-Security-Policy" content="{export.EXPORT_CSP}">' in page
    assert "script-src" not in export.EXPORT_CSP and "default-src 'none'" in export.EXPORT_CSP
    assert "<title>Rutin &lt;/title&gt;&lt;script&gt;alert(101)" in page
    assert '<a href="https://www.socialstyrelsen.se/">Länk 19</a>' in page and "Länk 12" in page


def test_the_word_copy_links_nowhere_but_to_allowed_schemes(exporter):
    made, doc = exporter
    with zipfile.ZipFile(io.BytesIO(made.docx(doc))) as docx:
        targets = re.findall(r'Target="([^"]*)"[^>]*TargetMode="External"', docx.read("word/_rels/document.xml.rels").decode("utf-8"))
        text = docx.read("word/document.xml").decode("utf-8")
    assert "https://www.socialstyrelsen.se/" in targets
    assert [t for t in targets if re.match(r"\s*(javascript|data|vbscript)", t, re.IGNORECASE)] == []
    assert "Länk 12" in text and "alert(1)" not in text  # the link's words stay, the script does not
