"""`make serve` renders again only the pages a save changed (`mkdocs serve --dirty`), and yet every
page that shows the edited document is right: its own page, the lists, the role page and the
documents that link to it. A deleted document leaves the site; an error box reaches every page.

A real `mkdocs serve --dirty` on a small fixture tree (see tests/serving.py).
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import pytest
from samverkan.site.problem_banner import BANNER_CLASS
from serving import page, serving, wait_for
from sitebuild import mini_tree


@pytest.mark.slow
def test_an_edit_reaches_every_page_that_shows_the_document_and_a_deletion_leaves_the_lists(tmp_path):
    tree = mini_tree(tmp_path)
    config = tree / "mkdocs.yml"
    # Without section index pages the menu shows the lists' own titles, read from their Markdown.
    config.write_text(config.read_text(encoding="utf-8").replace("    - navigation.indexes\n", ""), encoding="utf-8")
    draft = tree / "routines" / "utskrivning" / "utkast.md"
    routine = tree / "routines" / "utskrivning" / "rutin.md"
    with serving(config, "--dirty", "--no-strict") as (server, url):
        wait_for(server, url + "dokument/", lambda text: "Utkast till riktlinje" in text)
        untouched = _served(page(url + "tillganglighet/"))
        menu = _menu(page(url + "dokument/TST-002/"))
        assert "Alla dokument A–Ö" in menu

        draft.write_text(draft.read_text(encoding="utf-8").replace("title: Utkast till riktlinje", "title: Omarbetad riktlinje"), encoding="utf-8")
        wait_for(server, url + "dokument/TST-002/", lambda text: "Omarbetad riktlinje" in text)
        # Rendered in the same rebuild as the page itself: served together, never stale.
        for shows_it in ("dokument/", "roller/processledare/", "typer/riktlinjer/", "dokument/TST-001/"):
            text = page(url + shows_it)
            assert text is not None and "Omarbetad riktlinje" in text and "Utkast till riktlinje" not in text, shows_it
        assert _served(page(url + "tillganglighet/")) == untouched  # not rendered again

        # A new text changes no list: the menu of the page still names the lists, which were not read again.
        draft.write_text(draft.read_text(encoding="utf-8").replace("\nText.", "\nNy text i utkastet."), encoding="utf-8")
        changed = wait_for(server, url + "dokument/TST-002/", lambda text: "Ny text i utkastet." in text)
        assert _menu(changed) == menu

        # A content error puts the box on every page, the untouched ones too, until it is fixed.
        good = routine.read_text(encoding="utf-8")
        routine.write_text(good.replace("roles: [processledare]", "roles: [metodhandldare]"), encoding="utf-8")
        boxed = wait_for(server, url + "tillganglighet/", lambda text: BANNER_CLASS in text)
        assert "E-REF okänd roll &#x27;metodhandldare&#x27;" in boxed
        routine.write_text(good, encoding="utf-8")
        wait_for(server, url + "tillganglighet/", lambda text: BANNER_CLASS not in text)
        assert BANNER_CLASS not in (page(url + "dokument/TST-002/") or BANNER_CLASS)

        routine.unlink()
        gone = wait_for(server, url + "dokument/", lambda text: "Rutin för utskrivning" not in text)
        assert "Omarbetad riktlinje" in gone
        assert page(url + "dokument/TST-001/") is None  # its page is gone too, not left stale
        assert "Rutin för utskrivning" not in (page(url + "roller/processledare/") or "Rutin för utskrivning")


def _menu(html: str | None) -> str:
    assert html is not None
    return html[html.index('md-nav--primary'):html.index('md-content')]


def _served(html: str | None) -> str:
    """The page as written, without the reload script the server adds to each answer."""
    assert html is not None
    return html.split("livereload(")[0]


@pytest.mark.slow
def test_while_serving_the_copies_come_later_and_their_links_are_no_broken_links(tmp_path):
    tree = mini_tree(tmp_path)
    config = tree / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      downloads: false\n", ""), encoding="utf-8")
    with serving(config, "--dirty", "--no-strict") as (server, url):
        wait_for(server, url + "dokument/TST-001/", lambda text: "TST-001.docx" in text)
        deadline = time.monotonic() + 180
        while _bytes(url + "dokument/TST-001.docx") is None:
            assert time.monotonic() < deadline and server.poll() is None, "the Word copy never joined the served site"
            time.sleep(0.5)
        assert _bytes(url + "dokument/TST-001.docx").startswith(b"PK")
    assert "is not found among documentation files" not in server.stderr_text  # type: ignore[attr-defined]


def _bytes(address: str) -> bytes | None:
    try:
        with urllib.request.urlopen(address, timeout=10) as response:
            return response.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None
