"""A link in a document to a file the site never publishes: one Swedish error from check at its
line, and on the page the link's text without the link, so no reader meets a dead link."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, TODAY
from outside_links import attachments_linking_outside
from samverkan.core.checks import CheckOptions, check_corpus
from samverkan.core.dead_links import without_dead_links
from samverkan.core.loader import load
from samverkan.core.schemas import SchemaSet
from samverkan.site.context import SiteContext
from samverkan.site.document import document_page

LINKS = """
Se [bilagan](rutin/bilaga.pdf "Bilaga") och ![schemat](rutin/utkast/schema.png).
Se också [blanketten](../../../utanfor/passwd) och [den riktiga bilden](rutin/flodesschema.png).
Webbadresser som [1177](https://www.1177.se/) och [rubriker](#syfte) lämnas i fred.

```
[i kod](rutin/bilaga.pdf)
```
"""


@pytest.fixture
def tree(tmp_path) -> Path:
    tree = tmp_path / "innehall"
    shutil.copytree(FIXTURES / "valid", tree)
    folder = tree / "routines" / "utskrivning" / "rutin"
    attachments_linking_outside(folder, tmp_path / "utanfor", file="bilaga.pdf", target="passwd", real=("flodesschema.png", b"\x89PNG\r\n"))
    document = tree / "routines" / "utskrivning" / "rutin.md"
    document.write_text(document.read_text(encoding="utf-8") + LINKS, encoding="utf-8")
    return tree


def _loaded(tree: Path):
    return load(tree, SchemaSet.load(REPO / "schema"))


def test_check_reports_each_link_to_an_unpublished_file_at_its_line(tree):
    corpus = _loaded(tree).corpus
    found = [(p.path, p.line, p.message) for p in check_corpus(corpus, CheckOptions(today=TODAY)) if p.code == "E-LINK"]
    lines = (tree / "routines/utskrivning/rutin.md").read_text(encoding="utf-8").split("\n")
    first = next(n for n, line in enumerate(lines, 1) if "[bilagan]" in line)
    assert found == [
        ("routines/utskrivning/rutin.md", first, "länken 'rutin/bilaga.pdf' leder till en fil som inte får publiceras (se felet för filen); på webbplatsen blir länken vanlig text"),
        ("routines/utskrivning/rutin.md", first, "länken 'rutin/utkast/schema.png' leder till en fil som inte får publiceras (se felet för filen); på webbplatsen blir länken vanlig text"),
        ("routines/utskrivning/rutin.md", first + 1, "länken '../../../utanfor/passwd' leder till en plats utanför arkivet; på webbplatsen blir länken vanlig text"),
    ]


def test_the_page_shows_the_text_of_a_dead_link_and_keeps_every_other_link(tree):
    corpus = _loaded(tree).corpus
    doc = corpus.documents_by_id["TST-001"]
    page = document_page(doc, corpus, SiteContext(today=TODAY))
    assert "Se bilagan och schemat." in page
    assert "Se också blanketten och [den riktiga bilden](rutin/flodesschema.png)." in page
    assert "[1177](https://www.1177.se/)" in page and "[rubriker](#syfte)" in page
    assert "\n[i kod](rutin/bilaga.pdf)\n" in page  # code is shown as written


def test_without_dead_links_changes_nothing_when_nothing_is_refused():
    assert without_dead_links("routines/a/b.md", "[x](b/c.pdf) och [y](b/d.pdf)", frozenset()) == "[x](b/c.pdf) och [y](b/d.pdf)"
    assert without_dead_links("routines/a/b.md", "[x](b/c.pdf) och [y](b/d.pdf)", frozenset({"routines/a/b/d.pdf"})) == "[x](b/c.pdf) och y"
