"""A link in a document's text to something the site has nothing for: a file that does not exist,
a folder, or a file of the content that is not published where the link leads. Check reports each
as E-LINK in the same plain words as a link out of the folder; MkDocs would only warn in English.
Reference definitions count where Python-Markdown finds them, also in blockquotes and list items."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, TODAY
from samverkan.core.checks import CheckOptions, check_corpus
from samverkan.core.loader import load
from samverkan.core.schemas import SchemaSet

LINKS = """
Fungerar: [bilagan](rutin/bilaga.pdf), [bilden](rutin/bilder/schema.png), [en sida](TST-001.md),
[webben](https://www.1177.se/) och [listan över roller](../roller/index.md).
Saknas: [blanketten](rutin/blanket.pdf). Mapp: [alla bilagor](rutin/).
Med mellanslag: [mallen](rutin/SIP mall.docx "Mall") och [bilagan](rutin/bilaga.pdf).
Publiceras inte: [processledaren](../../roles/processledare.yml) och [utkastet](utkast.md).

> Citat som hänvisar till [avtalet][avtal].
>
> [avtal]: rutin/avtal.pdf

- Punkt med [mallen][mall].
- [mall]: mallar/mall.pdf
- Punkt med en indragen adress till [protokollet][protokoll]

    [protokoll]: rutin/protokoll.pdf

Kod, ingen länk: [kod][kod].

    [kod]: rutin/finns-inte.pdf
"""


@pytest.fixture
def problems(tmp_path) -> list[tuple[int, str, str]]:
    tree = tmp_path / "innehall"
    shutil.copytree(FIXTURES / "valid", tree)
    folder = tree / "routines" / "utskrivning" / "rutin"
    (folder / "bilder").mkdir(parents=True)
    (folder / "bilaga.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "bilder" / "schema.png").write_bytes(b"\x89PNG\r\n")
    document = tree / "routines" / "utskrivning" / "rutin.md"
    text = document.read_text(encoding="utf-8") + LINKS
    document.write_text(text, encoding="utf-8")
    corpus = load(tree, SchemaSet.load(REPO / "schema")).corpus
    lines = text.split("\n")

    def line(start: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if line.startswith(start))

    found = [(p.line, p.message, p.hint) for p in check_corpus(corpus, CheckOptions(today=TODAY)) if p.code == "E-LINK"]
    return found, line


def test_a_missing_file_a_folder_and_an_unpublished_file_are_dead_links(problems):
    found, line = problems
    inline = [(n, message) for n, message, _ in found if message.startswith("länken")]
    assert inline == [
        (line("Saknas:"), "länken 'rutin/blanket.pdf' leder till en fil som inte finns; på webbplatsen leder länken ingenstans"),
        (line("Saknas:"), "länken 'rutin/' leder till en mapp, inte till en fil; på webbplatsen leder länken ingenstans"),
        (line("Med mellanslag:"), "länken 'rutin/SIP mall.docx' leder till en fil som inte finns; på webbplatsen leder länken ingenstans"),
        (line("Publiceras inte:"), "länken '../../roles/processledare.yml' leder till en fil som inte publiceras på webbplatsen; på webbplatsen leder länken ingenstans"),
        (line("Publiceras inte:"), "länken 'utkast.md' leder till en fil som inte publiceras på webbplatsen; på webbplatsen leder länken ingenstans"),
    ]
    missing_hint = next(hint for _, message, hint in found if "blanket.pdf" in message)
    assert "mappen routines/utskrivning/rutin/" in missing_hint and "rutin/filnamn" in missing_hint


def test_definitions_in_a_blockquote_or_a_list_item_are_found_and_an_indented_code_block_is_not(problems):
    found, line = problems
    definitions = {n: message for n, message, _ in found if message.startswith("länkadressen")}
    assert sorted(definitions) == [line("> [avtal]:"), line("- [mall]:"), line("    [protokoll]:")]
    assert definitions[line("> [avtal]:")] == (
        f"länkadressen 'rutin/avtal.pdf' leder till en fil som inte finns; länkarna som hänvisar hit "
        f"(på rad {line('> Citat')}) leder ingenstans på webbplatsen"
    )
    assert "'mallar/mall.pdf'" in definitions[line("- [mall]:")]
    assert "'rutin/protokoll.pdf'" in definitions[line("    [protokoll]:")]


def test_a_document_the_schema_refuses_may_still_link_to_the_files_beside_it(tmp_path):
    tree = tmp_path / "innehall"
    shutil.copytree(FIXTURES / "valid", tree)
    (tree / "routines" / "utskrivning" / "rutin").mkdir()
    (tree / "routines" / "utskrivning" / "rutin" / "bilaga.pdf").write_bytes(b"%PDF-1.4\n")
    document = tree / "routines" / "utskrivning" / "rutin.md"
    text = document.read_text(encoding="utf-8").replace("revision: ", "revision: x", 1)
    document.write_text(text + "\n[bilagan](rutin/bilaga.pdf) och [saknas](rutin/saknas.pdf)\n", encoding="utf-8")
    corpus = load(tree, SchemaSet.load(REPO / "schema")).corpus
    assert not corpus.documents_by_id.get("TST-001") and corpus.invalid_documents
    found = [p.message for p in check_corpus(corpus, CheckOptions(today=TODAY)) if p.code == "E-LINK"]
    assert found == ["länken 'rutin/saknas.pdf' leder till en fil som inte finns; på webbplatsen leder länken ingenstans"]


def test_a_line_of_many_list_markers_and_an_indented_code_block_are_read_without_backtracking():
    from samverkan.core.dead_links import dead_links

    # Before the markers were atomic groups, 16 of these took minutes; the code block is skipped, not read as links.
    body = "-    " * 400 + "x ]: y\n\nEn vanlig rad.\n\n" + "".join(f"    [a{i}]: rutin/saknas{i}.pdf\n" for i in range(2000)) + "\nSe [bilagan][a1].\n"
    assert list(dead_links("routines/a/rutin.md", body, frozenset({"routines/a/rutin/saknas1.pdf"}))) == []
