"""Search benchmark (run with `make bench`): the search on a site of about 2,000 documents.

Reports, for Pagefind (the site's search) and beside it Material's lunr search that it
replaced:
- the bytes downloaded from opening a document page to seeing the first result, measured
  in Chromium with an empty cache: the header search box, the search page, Pagefind's
  script and WebAssembly, the index chunks and the result fragments (target: search bytes
  ≤ 300 KB). For lunr, the files its search worker loads before it can answer:
  search_index.json, the worker and the Swedish language files. Measured again with the
  query misspelled, when the search page also loads the word list to correct it;
- the indexing time: Pagefind with compound splitting and synonyms, timed in-process on
  the built site; lunr, as the extra build time of Material's search plugin (lunr then
  builds its index again in every reader's browser);
- the number of results for a query set on the large site: slips, compounds and an
  abbreviation that must find the routine, and random letters and stop words that must
  find nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate  # noqa: E402

TODAY = dt.date(2026, 12, 1)
TARGET_SEARCH_BYTES = 300_000
DOCUMENTS = 2000
WORDS = 600
"""Words per document: about the length of the example documents."""
QUERY = "vårdplanering"
MISSPELLED = "vårdplannering"
FOUND = ("vårdplanering", "vårdplannering", "vaardplanering", "utskrivnig", "utskrivningsklar", "lkemedel", "sipmöte", "sip", "samordnad individuell plan", "hemsjukvårdsansvar")
"""Queries that must have results: as typed, misspelled, without å/ä/ö, compounds, an abbreviation."""
NOTHING = ("xqzvbn", "asdfgh", "abcdef", "aaaa", "qwerty", "och att det", "vem är det")
"""Queries that must have none: random letters, stop words alone."""


def configure(root: Path, *, material_search: bool, pagefind: bool) -> Path:
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^      search_index: \w+\n", "", text, flags=re.MULTILINE)  # the corpus turns it off
    text = text.replace("  - samverkan:\n", f"  - samverkan:\n      search_index: {str(pagefind).lower()}\n", 1)
    if material_search:
        text = text.replace("plugins:\n", "plugins:\n  - search:\n      lang: sv\n", 1)
    config = root / f"mkdocs-{'lunr' if material_search else 'pagefind' if pagefind else 'none'}.yml"
    config.write_text(text, encoding="utf-8")
    return config


def build(config: Path, site: Path) -> float:
    import subprocess

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SAMVERKAN_TODAY": TODAY.isoformat()}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


# The moment the first result card is on the search page, on the page's own clock.
FIRST_RESULT_WATCH = """
new MutationObserver((_, watch) => {
  if (document.querySelector("#sv-results > li")) { window.svFirstResult = performance.now(); watch.disconnect(); }
}).observe(document, { childList: true, subtree: true });
"""
# The search page and what it fetched before its first card was shown (Resource Timing).
SEARCH_BYTES_BEFORE_FIRST = """() => {
  const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
  return entries
    .filter((e) => e.responseEnd <= window.svFirstResult && /\\/(pagefind|sok)\\//.test(new URL(e.name).pathname))
    .reduce((sum, e) => sum + e.encodedBodySize, 0);
}"""


@contextmanager
def _browsing(site: Path) -> Iterator[tuple[object, str]]:
    """(a fresh Chromium page with an empty cache, the address of ``site`` served on a free port)."""
    from playwright.sync_api import sync_playwright
    from samverkan.external.browser import CHROMIUM_ARGS, find_chromium

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=find_chromium(), headless=True, args=list(CHROMIUM_ARGS))
            yield browser.new_context(service_workers="block").new_page(), f"http://127.0.0.1:{server.server_address[1]}"
            browser.close()
    finally:
        server.shutdown()


def bytes_to_first_result(site: Path, document: str, query: str = QUERY) -> tuple[int, int]:
    """(all bytes, search bytes) from opening ``document`` to the first result for ``query``, empty cache.

    All bytes are every response until the search is done; search bytes are what the search
    page and Pagefind had downloaded when the first result card appeared.
    """
    sizes: list[tuple[str, int]] = []
    with _browsing(site) as (page, base):
        page.add_init_script(FIRST_RESULT_WATCH)
        page.on("response", lambda r: sizes.append((r.url, len(r.body()) if r.ok else 0)))
        page.goto(f"{base}/{document}", wait_until="load")
        page.locator("header input[name=q]").fill(query)
        page.locator("header input[name=q]").press("Enter")
        page.wait_for_selector("#sv-results[data-state=done] > li", state="attached", timeout=60_000)
        page.wait_for_timeout(200)
        search = page.evaluate(SEARCH_BYTES_BEFORE_FIRST)
    return sum(n for _, n in sizes), search


_COUNT = """() => {
  const status = document.getElementById("sv-search-status").textContent;
  return status.startsWith("Inga träffar") ? 0 : parseInt(status, 10);
}"""


def result_counts(site: Path, queries: tuple[str, ...]) -> list[tuple[str, int]]:
    """(query, number of results the search page reports) for each query opened as sok/?q=…"""
    out = []
    with _browsing(site) as (page, base):
        for query in queries:
            page.goto(f"{base}/sok/?q={quote(query)}", wait_until="load")
            page.wait_for_selector("#sv-results[data-state=done]", state="attached", timeout=60_000)
            out.append((query, page.evaluate(_COUNT)))
    return out


def lunr_bytes(site: Path) -> int:
    files = [site / "search" / "search_index.json"]
    files += list((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    lunr = site / "assets" / "javascripts" / "lunr" / "min"
    files += [lunr / "lunr.stemmer.support.min.js", lunr / "lunr.sv.min.js"]
    return sum(f.stat().st_size for f in files if f.is_file())


def main() -> int:
    from samverkan.core.loader import load
    from samverkan.core.runner import default_schema_dir
    from samverkan.core.schemas import SchemaSet
    from samverkan.site.search.indexing import index_site

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        docs = len(generate(root, DOCUMENTS, words=WORDS))
        plain = build(configure(root, material_search=False, pagefind=False), root / "site-none")
        with_lunr = build(configure(root, material_search=True, pagefind=False), root / "site-lunr")
        site = root / "site-pagefind"
        with_pagefind = build(configure(root, material_search=False, pagefind=True), site)

        corpus = load(root, SchemaSet.load(default_schema_dir(root))).corpus
        start = time.perf_counter()
        report = index_site(site, corpus, TODAY, 90)
        indexing = time.perf_counter() - start

        document = "dokument/EXL-UTS-001-K0/"  # the first copy of the discharge agreement
        total, search = bytes_to_first_result(site, document)
        _, misspelled = bytes_to_first_result(site, document, MISSPELLED)
        found = result_counts(site, FOUND)
        nothing = result_counts(site, NOTHING)
        bundle = sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file())
        old = lunr_bytes(root / "site-lunr")

    print(f"Search on {docs} documents ({report.pages} pages indexed, query {QUERY!r}):")
    print(f"{'':<34}{'Pagefind':>12}{'lunr (old)':>12}")
    print(f"{'KB downloaded for the search':<34}{search / 1000:>12.0f}{old / 1000:>12.0f}")
    print(f"{'KB incl. the document page':<34}{total / 1000:>12.0f}{'':>12}")
    print(f"{'KB for ' + repr(MISSPELLED):<34}{misspelled / 1000:>12.0f}{'':>12}")
    print(f"{'index on disk, KB':<34}{bundle / 1000:>12.0f}{old / 1000:>12.0f}")
    # lunr's own index is built in the reader's browser from search_index.json; on the
    # server side it costs only the extra build time, which on a busy machine is noise.
    print(f"{'indexing time, s':<34}{indexing:>12.1f}{max(0.0, with_lunr - plain):>12.1f}")
    print(f"{'whole build, s':<34}{with_pagefind:>12.1f}{with_lunr:>12.1f}")
    hits = [q for q, n in found if n]
    misses = [q for q, n in nothing if not n]
    print(f"queries with results {len(hits)}/{len(found)}:", ", ".join(f"{q!r} {n}" for q, n in found))
    print(f"nonsense without results {len(misses)}/{len(nothing)}:", ", ".join(f"{q!r} {n}" for q, n in nothing))
    if max(search, misspelled) > TARGET_SEARCH_BYTES:
        print(f"FAIL: the search downloads {max(search, misspelled) / 1000:.0f} KB before the first result (target {TARGET_SEARCH_BYTES / 1000:.0f} KB)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
