"""A poisoned tree, built without check: the published HTML holds no script, and metadata shows as typed."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import REPO
from html_safety import executable

pytestmark = pytest.mark.slow

POISONED = {
    "dokument/HOST-001/index.html": ("Rutin </title><script>alert(101)</script> {: onclick=\"alert(102)\"}", "alert(103)", "alert(104)", "alert(105)"),
    "dokument/HOST-002/index.html": ('Riktlinje {: onclick="alert(106)"}', "Länk <img src=x onerror=alert(107)>"),
    "roller/giftroll/index.html": ('Roll {: onclick="alert(201)"}', "alert(204)", "Enhet <svg onload=alert(205)>"),
    "forum/giftforum/index.html": ('Forum {: onclick="alert(301)"}',),
    "parter/giftpart/index.html": ('Part <svg onload=alert(401)> {: onclick="alert(402)"}',),
}
"""Pages that show the hostile fields, and the text each must show literally."""


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_page_of_a_poisoned_tree_can_run_script(hostile_site):
    pages = _pages(hostile_site)
    assert len(pages) > 20
    found = {str(p.relative_to(hostile_site)): executable(p.read_text(encoding="utf-8")) for p in pages}
    assert {page: bad for page, bad in found.items() if bad} == {}


def test_the_poisoned_pages_exist_and_show_the_fields_as_typed(hostile_site):
    for page, texts in POISONED.items():
        source = (hostile_site / page).read_text(encoding="utf-8")
        shown = html.unescape(re.sub(r"<[^>]+>", "", source))  # what a reader sees, roughly
        for text in texts:
            assert text in shown, f"{page}: {text!r} is not shown as text"


def test_a_title_never_leaves_the_title_element(hostile_site):
    source = (hostile_site / "dokument/HOST-001/index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", source, re.S)
    assert title and "&lt;/title&gt;&lt;script&gt;alert(101)" in title.group(1)
    assert source.count("<title>") == 1


def test_the_body_keeps_its_text_and_safe_links(hostile_site):
    source = (hostile_site / "dokument/HOST-001/index.html").read_text(encoding="utf-8")
    assert '<a href="https://www.socialstyrelsen.se/">Länk 19</a>' in source
    assert "<code>&lt;script&gt;alert(20)&lt;/script&gt;</code>" in source  # code shows, never runs
    assert "Länk 12" in source and "Klicka här" in source


def test_every_page_carries_the_content_security_policy_of_the_readme(hostile_site, example_site):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    header = re.search(r'Content-Security-Policy "([^"]+)"', readme)
    assert header, "README shows the header for the web server"
    for site in (hostile_site, example_site):
        # The web editor has a policy of its own (tests/test_cms_config.py): it talks to the platform's API.
        for page in (p for p in _pages(site) if p.relative_to(site).parts[0] != "redigera"):
            meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page.read_text(encoding="utf-8"))
            assert meta, f"{page} has no CSP"
            # Scripts from the site only; WebAssembly (the search) may compile, nothing may eval.
            assert "script-src 'self' 'wasm-unsafe-eval';" in meta.group(1) and "unsafe-inline" not in meta.group(1).split("style-src")[0]
            # The header is the meta policy plus what only a header can say.
            assert header.group(1) == meta.group(1) + "; frame-ancestors 'self'"


def _fragments(site: Path) -> list[dict]:
    """Pagefind's stored pages: gzip, a signature, then JSON."""
    import gzip
    import json

    signature = b"pagefind_dcd"
    out = []
    for path in sorted((site / "pagefind" / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(signature), path
        out.append(json.loads(data[len(signature) :]))
    return out


def test_the_search_shows_hostile_fields_as_text_only(hostile_site):
    fragments = _fragments(hostile_site)
    host = [f for f in fragments if "/dokument/HOST-001/" in f["url"]]
    assert host and "<script>alert(101)</script>" in host[0]["content"]  # indexed as the reader sees it: text
    # The search page builds every card from the stored text with escapeHtml, never from
    # Pagefind's HTML excerpt, so what the fragments hold can only ever show as text.
    script = (REPO / "tools" / "samverkan" / "site" / "search" / "assets" / "sok.js").read_text(encoding="utf-8")
    assert ".excerpt" not in script
    assert re.findall(r"escapeHtml\((?:meta|data)\.", script), "cards escape the stored fields"
    assert not re.search(r"\+ (?:meta|data)\.\w+", script), "a stored field is put in HTML without escapeHtml"


def test_a_build_that_is_not_strict_ends_by_counting_the_documents_it_published_with_errors(hostile_site, check_json):
    _, report = check_json("--no-base", root=hostile_site.parent / "tree")
    documents = {p["path"] for p in report["problems"] if p["severity"] == "error" and p["path"].startswith("routines/")}
    assert documents  # the poisoned tree has errors in its documents
    log = (hostile_site.parent / "build.log").read_text(encoding="utf-8").splitlines()
    last = [line for line in log if "samverkan: OBS!" in line]
    assert len(last) == 1 and last[0].startswith("WARNING")
    assert f"Webbplatsen byggdes trots fel i innehållet: {len(documents)} dokument" in last[0]
