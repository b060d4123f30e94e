"""The long lists are written as HTML that Markdown passes through: metadata in them stays
plain text, and their links lead where a Markdown link would, whatever the renderer's URLs."""

from __future__ import annotations

import dataclasses
import html
import re

import markdown
import pytest
from conftest import FIXTURES, TODAY
from html_safety import executable
from samverkan.cli import main
from samverkan.core.checks import CheckOptions
from samverkan.core.html_policy import clean
from samverkan.core.list_cleaning import ListCleaner
from samverkan.core.personnummer import mask_personal_numbers
from samverkan.core.runner import run_check
from samverkan.core.schemas import SchemaSet
from samverkan.site import rawhtml
from samverkan.site.context import HtmlLinks, SiteContext
from samverkan.site.index import SiteIndex
from samverkan.site.lists import document_table, keyword_page, tags_index
from samverkan.site.people import role_page
from sitebuild import build, mini_tree

HOSTILE = 'Rutin <script>alert(1)</script> "citat" & {: onclick="alert(2)"} [x](javascript:alert(3)) | *stjärna*'
EXTENSIONS = ["admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "pymdownx.details", "pymdownx.superfences", "toc"]
"""As mkdocs.yml has them."""


@pytest.fixture(scope="module")
def corpus():
    schemas = SchemaSet.load(FIXTURES.parents[1] / "schema")
    report = run_check(FIXTURES / "valid", CheckOptions(TODAY), schemas)
    first = report.corpus.documents[0]
    hostile = dataclasses.replace(first, title=HOSTILE)
    return dataclasses.replace(report.corpus, documents=(hostile, *report.corpus.documents[1:]))


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def _shown(page: str) -> str:
    """Roughly what a reader sees: the text without tags, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_a_hostile_title_in_a_list_is_shown_as_typed_and_runs_nothing(corpus):
    ctx = SiteContext(today=TODAY)
    page = _html(document_table(list(corpus.documents), ctx, "dokument/index.md"))
    assert executable(page) == []
    assert HOSTILE in _shown(page)
    assert "&lt;script&gt;alert&#40;1&#41;&lt;/script&gt; &quot;citat&quot; &amp; &#123;: onclick=&quot;alert&#40;2&#41;&quot;&#125;" in page
    assert "<table>" in page and page.count("<tr>") == len(corpus.documents) + 1


def test_a_title_with_a_line_break_stays_in_its_cell():
    # A blank line would end the HTML block and leave the rest of the table to Markdown.
    assert rawhtml.text("Rad ett\n\n<b>två</b>") == "Rad ett &lt;b&gt;två&lt;/b&gt;"


@pytest.mark.parametrize(
    ("links", "from_list", "from_role", "to_index"),
    [
        (HtmlLinks.DIRECTORY, "TST-001/", "../../dokument/TST-001/", "../../dokument/"),
        (HtmlLinks.FILE, "TST-001.html", "../dokument/TST-001.html", "../dokument/index.html"),
        (HtmlLinks.SOURCE, "../dokument/TST-001.md", "../dokument/TST-001.md", "../dokument/index.md"),
    ],
)
def test_links_lead_where_the_renderer_puts_the_page(links, from_list, from_role, to_index):
    assert rawhtml.url("dokument/TST-001.md", "dokument/index.md", links) == from_list
    assert rawhtml.url("dokument/TST-001.md", "roller/samordnare.md", links) == from_role
    assert rawhtml.url("dokument/index.md", "roller/samordnare.md", links) == to_index


def test_links_to_the_start_page_and_to_the_page_itself():
    assert rawhtml.url("index.md", "dokument/index.md", HtmlLinks.DIRECTORY) == "../"
    assert rawhtml.url("dokument/index.md", "index.md", HtmlLinks.DIRECTORY) == "dokument/"
    assert rawhtml.url("dokument/index.md", "dokument/index.md", HtmlLinks.DIRECTORY) == "./"
    assert rawhtml.url("index.md", "dokument/index.md", HtmlLinks.FILE) == "../index.html"


@pytest.mark.parametrize("links", list(HtmlLinks))
def test_the_pages_with_lists_link_every_document_for_each_renderer(corpus, links):
    ctx = SiteContext(today=TODAY, html_links=links)
    index = SiteIndex.build(corpus, ctx)
    role = next(r for r in corpus.roles if index.documents_by_role.get(r.id))
    page = _html(role_page(role, corpus, index, ctx))
    expected = {rawhtml.url(f"dokument/{d.id}.md", f"roller/{role.id}.md", links) for d in index.documents_by_role[role.id]}
    assert expected <= set(re.findall(r'href="([^"]+)"', page))
    assert executable(_html(tags_index(corpus, index, ctx))) == []
    assert all(executable(_html(keyword_page(p, corpus, index, ctx))) == [] for p in index.documents_by_keyword)


@pytest.mark.parametrize(("renderer", "link"), [("zensical", '<a href="../dokument/TST-001.md">'), ("mkdocs", '<a href="TST-001/">')])
def test_the_folder_writes_the_list_links_for_the_renderer_that_builds_it(tmp_path, renderer, link):
    tree = mini_tree(tmp_path)
    argv = ["pages", "--config", str(tree / "mkdocs.yml"), "--out", str(tmp_path / "out"), "--today", TODAY.isoformat()]
    assert main([*argv, "--for", renderer]) == 0
    assert link in (tmp_path / "out" / "docs" / "dokument" / "index.md").read_text(encoding="utf-8")
    # The folder says whom it is for, and MkDocs says so when it is not for MkDocs (--strict stops).
    config = (tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.startswith(f"# Skriven av `samverkan pages --for {renderer}`")
    built = build(tmp_path / "out" / "mkdocs.yml", tmp_path / "site")
    warned = "Mappen är skriven för zensical, inte för MkDocs" in built.stderr
    assert (built.returncode, warned) == ((1, True) if renderer == "zensical" else (0, False)), built.stderr[-2000:]
    if renderer == "zensical":
        assert "Skriv mappen för MkDocs med `samverkan pages --for mkdocs --out MAPP`" in built.stderr


@pytest.mark.parametrize("value", ["[klicka](https://evil.example)@x.se", "![](https://evil.example/bild.png)@x.se", "a*b*c_d_e@x.se"])
def test_text_from_metadata_is_also_plain_where_markdown_is_read(value):
    out = markdown.markdown(f"Dokumentägare: {rawhtml.text(value)}", extensions=["attr_list", "def_list", "md_in_html"])
    assert "<a" not in out and "<img" not in out and "<em>" not in out
    assert html.unescape(re.sub("<[^>]+>", "", out)) == f"Dokumentägare: {value}"


PAGE = (
    "# Alla dokument\n\nInledning.\n\n"
    + rawhtml.cards(rawhtml.table(("Dokument", "Id"), [(rawhtml.link("A & B", "dokument/A.md", "dokument/index.md", HtmlLinks.DIRECTORY), "<code>A</code>")]), "documents")
    + "\n## Annat\n\n<div class=\"sv-cards sv-cards--changes\" markdown>\n\n| Datum | Vad |\n| --- | --- |\n| 2026-12-01 | *Ny* |\n</div>\n"
)


def test_a_page_renders_the_same_with_its_lists_lifted_out_and_put_back():
    extensions = ["attr_list", "def_list", "md_in_html", "tables"]
    lifted = rawhtml.lift_lists(PAGE)
    assert len(lifted.blocks) == 1 and "<table>" not in lifted.markdown.split("## Annat")[0]
    assert "| Datum | Vad |" in lifted.markdown  # a card list in Markdown stays for the renderer
    whole = clean(markdown.markdown(PAGE, extensions=extensions))
    assert lifted.restore(clean(markdown.markdown(lifted.markdown, extensions=extensions)), ListCleaner().clean) == whole


def test_a_list_that_is_not_closed_is_left_to_the_renderer():
    page = '<div class="sv-cards sv-cards--documents">\n<table>\n<tr> <td>x</td> </tr>\n</table>\n'
    lifted = rawhtml.lift_lists(page)
    assert (lifted.markdown, lifted.blocks) == (page, ())


def test_a_placeholder_typed_into_a_text_cannot_take_the_place_of_a_list():
    guessed = "sv-list-0-0\n\nBeskrivning <!--sv-list 0--> slut.\n\n"
    lifted = rawhtml.lift_lists(guessed + PAGE)
    out = lifted.restore(clean(markdown.markdown(lifted.markdown, extensions=["md_in_html", "tables"])), ListCleaner().clean)
    assert out.count("<table>") == 2 and out.index("sv-list-0-0") < out.index("<table>")
    assert out.index("<h1") < out.index("<table>")  # the list stays below the heading, where it was written


HOSTILE_ROWS = [
    '<tr> <td><a href="javascript:alert(1)" onclick="x()">A</a></td> </tr>',
    "<tr> <td>x</td> </tr></tbody></table><script>alert(1)</script><table><tbody><tr> <td>y</td> </tr>",
    "<tr> <td><img src=x onerror=alert(1)></td> </tr><tr> <td>två rader</td> </tr>",
    "<tr> <td>öppen <b>tagg</td> </tr>",
    "<tr> <td>Anna 19121212-1212</td> <td><a href=\"mailto:a@b.se\">191212121212</a></td> </tr>",
]


@pytest.mark.parametrize("row", HOSTILE_ROWS)
def test_a_list_cleaned_row_by_row_is_the_list_cleaned_whole(row):
    """A body can hold something shaped like a list (it is lifted like one): cleaned by rows or whole, the same."""
    block = rawhtml.cards(rawhtml.table(("Dokument",), [("<code>A</code>",)]), "documents")
    block = block.replace("</tbody>", row + "\n</tbody>")
    cleaner = ListCleaner()
    whole = clean(mask_personal_numbers(block))
    assert cleaner.clean(block) == whole
    assert cleaner.clean(block) == whole  # the second time from what it remembers
    assert executable(whole) == [] and "1212-1212" not in whole and "121212121212" not in whole


def test_the_example_lists_cleaned_row_by_row_are_the_lists_cleaned_whole(corpus):
    ctx = SiteContext(today=TODAY, html_links=HtmlLinks.DIRECTORY)
    index = SiteIndex.build(corpus, ctx)
    cleaner = ListCleaner()
    blocks = [b for r in corpus.roles for b in rawhtml.lift_lists(role_page(r, corpus, index, ctx)).blocks]
    blocks.append(document_table(list(corpus.documents), ctx, "dokument/index.md"))
    assert len(blocks) >= 3 and all(cleaner.clean(b) == clean(b) for b in blocks)
