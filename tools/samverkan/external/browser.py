"""Headless Chromium, driven by Playwright, for printing HTML to PDF.

We use Debian's Chromium (``/usr/bin/chromium``) and never a browser that Playwright would
download: the machines reach package registries only, and the browser tests use the same
binary. One :class:`Browser` serves any number of documents; start it once, print many.
Every request a page makes is aborted unless it is inline data, so printing never touches
the network.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium phones home (component updates, sync) and stalls on a closed network.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
MISSING_MESSAGE = (
    "Chromium saknas: installera paketet chromium (make test gör det), till exempel med "
    "`sudo apt-get install chromium`, eller ange sökvägen i miljövariabeln CHROMIUM. "
    "PDF skrivs ut med Debians Chromium; ingen webbläsare laddas ner."
)
TIMEOUT_MS = 60_000


class ChromiumMissing(Exception):
    """Chromium (or Playwright, which drives it) is not installed."""


class PrintFailed(Exception):
    """Chromium started but could not print the page."""


def find_chromium() -> str | None:
    """Debian's Chromium, or the one $CHROMIUM names; never a browser downloaded by Playwright."""
    for candidate in (os.environ.get("CHROMIUM"), *CHROMIUM_CANDIDATES):
        if not candidate:
            continue
        path = candidate if os.path.isabs(candidate) else shutil.which(candidate)
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def unavailable() -> str | None:
    """Why PDFs cannot be printed here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return f"{MISSING_MESSAGE} (Python-paketet playwright saknas också: kör make install)"
    if find_chromium() is None:
        return MISSING_MESSAGE
    return None


def _only_inline(route) -> None:  # type: ignore[no-untyped-def]
    if route.request.url.startswith(("data:", "about:", "blob:")):
        route.fallback()
    else:
        route.abort("blockedbyclient")


class Browser:
    """One headless Chromium for many pages: ``with Browser() as b: b.pdf(html, …)``.

    Playwright's synchronous API refuses to start in a thread that already runs an event loop
    (another Playwright session, an async host). All browser calls therefore run in one
    worker thread of their own, whatever thread the caller is in.
    """

    def __init__(self, executable: str | None = None) -> None:
        self.executable = executable
        self._worker: ThreadPoolExecutor | None = None
        self._playwright = None
        self._browser = None
        self._context = None

    def _call(self, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="samverkan-chromium")
        return self._worker.submit(fn, *args, **kwargs).result()

    def start(self) -> Browser:
        if self._context is None:
            self._call(self._start)
        return self

    def _start(self) -> None:
        executable = self.executable or find_chromium()
        if executable is None:
            raise ChromiumMissing(MISSING_MESSAGE)
        try:
            from playwright.sync_api import Error as PlaywrightError
            from playwright.sync_api import sync_playwright
        except ImportError as exc:
            raise ChromiumMissing(f"{MISSING_MESSAGE} (Python-paketet playwright saknas: kör make install)") from exc
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=executable, headless=True, args=list(CHROMIUM_ARGS))
            self._context = self._browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm", service_workers="block")
            self._context.set_default_timeout(TIMEOUT_MS)
            self._context.route("**/*", _only_inline)
        except PlaywrightError as exc:
            self._close()
            raise ChromiumMissing(f"{MISSING_MESSAGE} (Chromium i {executable} gick inte att starta: {exc.message.splitlines()[0]})") from exc

    def pdf(self, html: str, *, header: str = "", footer: str = "", options: Mapping[str, object] | None = None) -> bytes:
        """Print ``html`` (a complete, self-contained page) to A4 PDF; header and footer repeat on every page."""
        self.start()
        return self._call(self._pdf, html, header, footer, options)

    def _pdf(self, html: str, header: str, footer: str, options: Mapping[str, object] | None) -> bytes:
        from playwright.sync_api import Error as PlaywrightError

        page = self._context.new_page()  # type: ignore[union-attr]
        try:
            page.set_content(html, wait_until="load")
            page.emulate_media(media="print")
            settings: dict[str, object] = {
                "format": "A4",
                "print_background": True,
                "prefer_css_page_size": True,
                "display_header_footer": bool(header or footer),
                "header_template": header or "<span></span>",
                "footer_template": footer or "<span></span>",
                "margin": {"top": "24mm", "bottom": "20mm", "left": "18mm", "right": "18mm"},
                # A tagged PDF with bookmarks from the headings: screen readers and navigation.
                "tagged": True,
                "outline": True,
            }
            settings.update(options or {})
            return page.pdf(**settings)
        except PlaywrightError as exc:
            raise PrintFailed(f"Chromium kunde inte skriva ut sidan: {exc.message.splitlines()[0]}") from exc
        finally:
            page.close()

    def close(self) -> None:
        if self._worker is None:
            return
        try:
            self._call(self._close)
        finally:
            self._worker.shutdown(wait=True)
            self._worker = None

    def _close(self) -> None:
        from playwright.sync_api import Error as PlaywrightError

        for closer in (self._context, self._browser):
            if closer is not None:
                try:
                    closer.close()
                except PlaywrightError:  # noqa: PERF203 - gone with the browser process: nothing left to close
                    continue
        if self._playwright is not None:
            self._playwright.stop()
        self._playwright = self._browser = self._context = None

    def __enter__(self) -> Browser:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
