"""The published site in a real browser.

The site is built once per session (``mkdocs build --strict`` with the build date pinned),
served by a plain static server on 127.0.0.1 and opened in Debian's Chromium through
Playwright. Every request of every page is recorded; a browser test fails when any
request goes to another host than 127.0.0.1/localhost (such requests are also aborted, so
nothing leaves the machine even when the test fails).

``SAMVERKAN_TEST_SITE=<dir>`` serves an already built site instead (for debugging).

Chromium missing: the tests are skipped with the reason, except under ``CI=true``, where
they fail – a CI run must never pass without having opened the site.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import yaml
from conftest import TODAY
from samverkan.external.browser import CHROMIUM_ARGS, find_chromium

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "tests" / "output"
"""Screenshots land here (gitignored)."""
TODAY_ISO = TODAY.isoformat()
"""The pinned build date (as tests/conftest.py's TODAY); the example content's expired and
expiring documents are written against it."""

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})
"""Not network requests: inline data, objects made by the page itself, blank pages."""

RESULTS_DONE = "#sv-results[data-state=done]"
"""The search page's result list once the results for ?q= are shown (see sok.js)."""


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def browser_unavailable() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (run `make install` or `.venv/bin/pip install -e '.[test]'`)"
    if find_chromium() is None:
        where = f"$CHROMIUM={os.environ['CHROMIUM']}" if os.environ.get("CHROMIUM") else "/usr/bin/chromium"
        return f"Chromium not found at {where} (install it with `sudo apt-get install chromium`, or run `make test` as root)"
    return None


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.hostname in LOCAL_HOSTS


class NetworkLog:
    """Every request of every page of the session, in order."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []  # (page URL, request URL)
        self.checked = 0

    def record(self, page_url: str, url: str) -> None:
        self.requests.append((page_url, url))

    def acknowledge(self) -> None:
        """Mark every request so far as checked (for a test that makes foreign requests on purpose)."""
        self.checked = len(self.requests)

    def foreign(self, since: int = 0) -> list[tuple[str, str]]:
        return [(page, url) for page, url in self.requests[since:] if not is_local(url)]

    @staticmethod
    def describe(foreign: list[tuple[str, str]]) -> str:
        lines = [f"{len(foreign)} request(s) left localhost:"]
        lines += [f"  {url}  (from {page or 'the browser'})" for page, url in foreign]
        return "\n".join(lines)


NETWORK = NetworkLog()


# --- hooks --------------------------------------------------------------------------------


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("browser") is None:
        return
    reason = browser_unavailable()
    if reason is None:
        return
    if in_ci():
        pytest.fail(f"{reason}. Under CI=true the browser tests must run; they are never skipped.", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """Fail a browser test when any request since the previous check left localhost.

    Requests made while the test's fixtures were set up (a module-wide page, say) count too.
    """
    try:
        result = yield
    finally:
        foreign = NETWORK.foreign(NETWORK.checked)
        NETWORK.acknowledge()
    if foreign and item.get_closest_marker("browser") is not None:
        raise AssertionError(NetworkLog.describe(foreign))
    return result


# --- the content ----------------------------------------------------------------------------


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    _, head, _ = text.split("---\n", 2)
    data = yaml.safe_load(head) or {}
    # Ids, dates and statuses as written (PyYAML would read dates as datetime.date).
    return {key: (str(value) if key in {"id", "valid_from", "valid_until", "status", "title"} else value) for key, value in data.items()}


@pytest.fixture(scope="session")
def documents() -> dict[str, dict]:
    """The front matter of every document in routines/, by id."""
    found = {}
    for path in sorted((REPO / "routines").rglob("*.md")):
        try:
            data = _front_matter(path)
        except (ValueError, yaml.YAMLError):
            continue  # not a document; `samverkan check` reports it
        if "id" in data:
            found[data["id"]] = {**data, "path": path}
    return found


# --- the site -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site_dir(request: pytest.FixtureRequest) -> Path:
    prebuilt = os.environ.get("SAMVERKAN_TEST_SITE")
    if prebuilt:  # debugging aid: test an already built site instead of building one
        site = Path(prebuilt).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"SAMVERKAN_TEST_SITE={prebuilt} is not a built site (no index.html)", pytrace=False)
        return site
    return request.getfixturevalue("example_site")  # built once per session by tests/conftest.py


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        pass


def _serve(directory: Path) -> Iterator[str]:
    """Base URL (no trailing slash) of a static server for ``directory`` on a free port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Base URL (no trailing slash) of a static server for the built site on a free port."""
    yield from _serve(site_dir)


@pytest.fixture(scope="session")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    """The same for the hostile fixture tree's site (tests/conftest.py builds it)."""
    yield from _serve(hostile_site)


# --- the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=find_chromium(), headless=True, args=list(CHROMIUM_ARGS))
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def network() -> NetworkLog:
    return NETWORK


def _guard(route) -> None:
    if is_local(route.request.url):
        route.fallback()
    else:
        route.abort("blockedbyclient")


def open_context(browser, viewport: dict, *, phone: bool = False):
    """A fresh browser context whose requests are all recorded, foreign ones aborted."""
    context = browser.new_context(
        viewport=viewport,
        locale="sv-SE",
        timezone_id="Europe/Stockholm",
        is_mobile=phone,
        has_touch=phone,
        service_workers="block",
    )
    context.set_default_timeout(15_000)
    context.route("**/*", _guard)

    def record(request) -> None:
        try:
            page_url = request.frame.page.url
        except Exception:  # a worker's request has no frame
            page_url = ""
        NETWORK.record(page_url, request.url)

    context.on("request", record)
    return context


@pytest.fixture
def new_page(browser) -> Iterator[Callable[..., object]]:
    """Factory: ``new_page(phone=False)`` → a page in its own context, closed after the test."""
    contexts = []

    def make(phone: bool = False):
        context = open_context(browser, PHONE if phone else DESKTOP, phone=phone)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def module_page(browser, site_url: str):
    """One desktop page for a whole module, opened on the start page (e.g. for many searches)."""
    context = open_context(browser, DESKTOP)
    try:
        page = context.new_page()
        page.goto(site_url + "/", wait_until="load")
        yield page
    finally:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop-sized page (1280×800)."""
    return new_page()


@pytest.fixture(scope="session")
def visit(site_url: str) -> Callable[..., object]:
    """``visit(page, "/dokument/EXL-UTS-001/")``: open a path of the site and check it was served."""

    def go(page, path: str):
        response = page.goto(site_url + path, wait_until="load")
        assert response is not None, f"no response for {path}"
        assert response.ok, f"{path} answered {response.status}: the page is not in the built site"
        return response

    return go


@pytest.fixture(scope="session")
def screenshot() -> Callable[[object, str], Path]:
    """``screenshot(page, "dokument-desktop")`` → tests/output/dokument-desktop.png (whole page)."""
    OUTPUT.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = OUTPUT / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


# --- the search page, driven like a user would ----------------------------------------------------


def result_paths(page) -> list[str]:
    """The result pages shown on the search page, best first, relative to the site root."""
    hrefs = page.eval_on_selector_all(f"{RESULTS_DONE} > li", "items => items.map(li => li.querySelector('a')?.href || '')")
    where = urlsplit(page.url)
    root = f"{where.scheme}://{where.netloc}/"
    return [href.split("#")[0].split("?")[0].removeprefix(root) for href in hrefs if href]


@pytest.fixture(scope="session")
def search(site_url: str) -> Callable[[object, str], list[str]]:
    """``search(page, "processen")`` → result page paths, best first, from ``sok/?q=processen``.

    Paths are relative to the site root, e.g. ``dokument/EXL-UTS-001/``.
    """

    def run(page, query: str) -> list[str]:
        page.goto(f"{site_url}/sok/?q={quote(query)}", wait_until="load")
        page.wait_for_selector(RESULTS_DONE, state="attached")
        return result_paths(page)

    return run
