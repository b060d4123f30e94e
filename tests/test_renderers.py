"""The same content on every renderer: MkDocs + Material through the plugin, Zensical from the
folder that `samverkan pages` writes, and the unchanged plugin on ProperDocs.

Each output must show a document's panel and its expiry banner, and every internal link
must lead to a file of the built site.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, TODAY
from samverkan.cli import main
from sitebuild import ENV, mini_tree
from sitelinks import broken_links, document_page

BIN = Path(sys.executable).parent
EXPIRED = "EXL-ALD-001"
"""An approved example document whose validity ended before the pinned date."""


def _shows_panel_banner_and_links(site: Path, not_yet: tuple[str, ...] = ()) -> None:
    """``not_yet``: the search page's files that `samverkan search-index` writes after the build."""
    page = document_page(site, EXPIRED)
    assert 'class="sv-panel"' in page and "Dokument-id" in page
    assert "Giltighetstiden har gått ut" in page
    assert "Tidigare versioner" in page
    assert "Tillgänglighetsredogörelse" in page  # the theme override's footer
    checked, broken = broken_links(site)
    broken = [b for b in broken if not (b.startswith("sok/index.html -> ") and b.rsplit("/", 1)[-1] in not_yet)]
    assert checked > 500 and broken == []


def test_mkdocs_with_the_plugin(example_site):
    _shows_panel_banner_and_links(example_site)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pages")
    assert main(["pages", "--config", str(REPO / "mkdocs.yml"), "--out", str(out), "--today", TODAY.isoformat(), "--no-downloads"]) == 0
    return out


def test_the_folder_holds_plain_markdown_and_a_config_without_the_plugin(folder):
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    assert "samverkan:" not in config and "custom_dir: overrides" in config
    assert "!!python/name:pymdownx.superfences.fence_code_format" in config  # tags survive the rewrite
    page = (folder / "docs" / "dokument" / f"{EXPIRED}.md").read_text(encoding="utf-8")
    # One banner; the status chips in the marker and the panel use the same words.
    assert page.count('<p class="admonition-title">Giltighetstiden har gått ut</p>') == 1
    assert "<!-- samverkan:start -->" not in (folder / "docs" / "index.md").read_text(encoding="utf-8")


def test_the_folder_loads_mermaid_only_where_a_page_draws_a_chart(folder):
    config = yaml.load((folder / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["extra"]["samverkan_mermaid"] == "assets/vendor/mermaid.min.js"
    assert "assets/vendor/mermaid.min.js" not in config.get("extra_javascript", [])  # not on every page
    assert (folder / "docs" / "forum" / "index.md").read_text(encoding="utf-8").startswith("---\nmermaid: true\n---\n")


@pytest.fixture(scope="module")
def zensical_site(folder) -> Path:
    result = subprocess.run([str(BIN / "zensical"), "build", "-f", str(folder / "mkdocs.yml")], capture_output=True, text=True, env=ENV, cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "site"


def test_the_folder_writer_refuses_to_overwrite_the_project(capsys):
    assert main(["pages", "--config", str(REPO / "mkdocs.yml"), "--out", str(REPO), "--no-downloads"]) == 2
    assert "projektets egen mapp" in capsys.readouterr().err
    assert (REPO / "docs" / "index.md").is_file()


def test_zensical_builds_the_folder(zensical_site):
    _shows_panel_banner_and_links(zensical_site, not_yet=("sok.js", "sok.css"))


def test_properdocs_runs_the_plugin_unchanged(tmp_path):
    tree = mini_tree(tmp_path)
    result = subprocess.run(
        [str(BIN / "properdocs"), "build", "--strict", "-f", str(tree / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        env=ENV,
    )
    assert result.returncode == 0, result.stderr
    draft = document_page(tmp_path / "site", "TST-002")
    assert 'class="sv-panel"' in draft and "Utkast – ännu inte fastställt" in draft
    checked, broken = broken_links(tmp_path / "site")
    assert checked > 50 and broken == []


def _search_pages(entries: list[dict]) -> set[str]:
    return {e["location"].split("#")[0] for e in entries}


def _pagefind_pages(site: Path) -> set[str]:
    """The pages in Pagefind's index: its stored fragments are gzip, a signature, then JSON."""
    import gzip

    signature = b"pagefind_dcd"
    urls = set()
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        urls.add(json.loads(data[len(signature) :])["url"].strip("/") + "/")
    return urls


def test_the_search_indexes_current_documents_on_both_renderers(example_site, zensical_site, tmp_path):
    """The plugin runs the Pagefind indexing after its build; a Zensical site gets the same
    index from `samverkan search-index`. Old revisions stay out of both."""
    indexed = _pagefind_pages(example_site)
    assert "dokument/EXL-STR-006/" in indexed
    assert not [p for p in indexed if "-r" in p.split("/")[1]]

    site = tmp_path / "zensical-site"
    import shutil

    shutil.copytree(zensical_site, site)
    assert main(["search-index", str(site), "--root", str(REPO), "--today", TODAY.isoformat()]) == 0
    assert _pagefind_pages(site) == indexed
    assert (site / "sok" / "sok.js").is_file()
    # The theme knows the search page by its front matter: Zensical's pages have no file.src_uri.
    assert re.search(r'<script src="[./]*sok\.js"', (site / "sok" / "index.html").read_text(encoding="utf-8"))

    items = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))["items"]
    assert not [p for p in _search_pages(items) if re.search(r"-r\d+/", p)]  # Zensical's own search honours `search: exclude`


def test_the_folder_writer_publishes_what_the_plugin_publishes_and_nothing_more(tmp_path, capsys):
    """Hand-written pages are masked like the plugin masks them; a file linking out is refused."""
    tree = mini_tree(tmp_path)
    secret = tmp_path / "utanfor.txt"
    secret.write_text("hemligt\n", encoding="utf-8")
    (tree / "docs" / "assets" / "hemlig.txt").symlink_to(secret)
    guide = tree / "docs" / "for-dokumentagare.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nExempel: 19811218-9801.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["pages", "--config", str(tree / "mkdocs.yml"), "--out", str(out), "--today", TODAY.isoformat(), "--no-downloads"]) == 1
    assert "docs/assets/hemlig.txt: E-OUTSIDE" in capsys.readouterr().err
    assert not (out / "docs" / "assets" / "hemlig.txt").exists()
    written = (out / "docs" / "for-dokumentagare.md").read_text(encoding="utf-8")
    assert "19811218-9801" not in written and "xxxx-xxxx" in written
