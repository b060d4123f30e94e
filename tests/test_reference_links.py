"""A reference link (``[text][ref]`` with ``[ref]: target`` on its own line) to a file the site never
publishes: check reports it once, at the definition where its target is written, naming the lines
that use it; the page shows the text of every use without the link. Autolinks are web addresses
and are left alone.

The tree is tests/fixtures/valid with tests/fixtures/reference-links laid over it; the refused
attachment, a symbolic link out of the content folder, is made here in tmp_path.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, TODAY
from outside_links import attachments_linking_outside
from samverkan.core.dead_links import without_dead_links
from samverkan.core.loader import load
from samverkan.core.schemas import SchemaSet
from samverkan.site.context import SiteContext
from samverkan.site.document import document_page

LINKS = FIXTURES / "reference-links"
EXPECTED = LINKS / "expected.txt"
DOCUMENT = "routines/utskrivning/lankar.md"


@pytest.fixture
def tree(tmp_path) -> Path:
    tree = tmp_path / "innehall"
    shutil.copytree(FIXTURES / "valid", tree)
    shutil.copytree(LINKS / "routines", tree / "routines", dirs_exist_ok=True)
    folder = tree / "routines" / "utskrivning" / "lankar"
    attachments_linking_outside(folder, tmp_path / "utanfor", file="blankett.pdf", target="blankett.pdf", real=("checklista.pdf", b"%PDF-1.4\n"))
    return tree


def test_check_reports_each_dead_reference_once_at_its_definition(run_check, tree):
    status, out, _ = run_check("--no-base", root=tree)
    assert status == 1
    if os.environ.get("UPDATE_GOLDEN"):
        EXPECTED.write_text(out, encoding="utf-8")
    assert out == EXPECTED.read_text(encoding="utf-8")


def test_the_definition_line_names_the_lines_that_use_it(check_json, tree):
    _, report = check_json("--no-base", root=tree)
    lines = (tree / DOCUMENT).read_text(encoding="utf-8").split("\n")
    line_of = {text: n for n, line in enumerate(lines, 1) for text in ("[blankett]:", "[schema]:", "[Kontakter]:", "Fyll i", "Flödet", "Se också") if line.startswith(text)}
    found = {p["line"]: p["message"] for p in report["problems"] if p["code"] == "E-LINK"}
    assert sorted(found) == sorted(line_of[d] for d in ("[blankett]:", "[schema]:", "[Kontakter]:"))
    assert f"(på rad {line_of['Fyll i']})" in found[line_of["[blankett]:"]]  # both uses on one line, named once
    assert f"(på rad {line_of['Flödet']}, {line_of['Se också']})" in found[line_of["[Kontakter]:"]]
    assert "leder till en plats utanför arkivet" in found[line_of["[Kontakter]:"]]


def test_the_page_shows_the_text_of_each_dead_reference_and_keeps_every_other_link(tree):
    corpus = load(tree, SchemaSet.load(REPO / "schema")).corpus
    page = document_page(corpus.documents_by_id["TST-010"], corpus, SiteContext(today=TODAY))
    assert "Fyll i blanketten innan mötet och spara blanketten i journalen." in page
    assert "Flödet syns i flödesschemat, och kontaktlistan finns i kontakter." in page
    assert "Se också Kontakter och den riktiga [checklistan][lista]." in page
    assert "<https://www.1177.se/>" in page and "[Socialstyrelsen][sos]" in page and "[^1]" in page
    assert "\n[i kod][blankett]\n" in page  # code is shown as written


def test_a_reference_is_matched_by_its_label_whatever_the_case_and_spacing():
    body = "Se [bilagan][Min  Bilaga] och [min bilaga].\n\n[MIN BILAGA]: a/b.pdf\n"
    assert without_dead_links("routines/a.md", body, frozenset({"routines/a/b.pdf"})).startswith("Se bilagan och min bilaga.\n")
    assert without_dead_links("routines/a.md", body, frozenset()) == body
