"""Headless Chromium, driven by Playwright, for printing HTML to PDF.

We use Debian's Chromium (``/usr/bin/chromium``) and never a browser that Playwright would
download: the machines reach package registries only, and the browser tests use the same
binary. One :class:`Browser` serves any number of documents; start it once, print many.
Every request a page makes is aborted unless it is inline data, so printing never touches
the network.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
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
        import playwright.async_api  # noqa: F401
    except ImportError:
        return f"{MISSING_MESSAGE} (Python-paketet playwright saknas också: kör make install)"
    if find_chromium() is None:
        return MISSING_MESSAGE
    return None


async def _only_inline(route) -> None:  # type: ignore[no-untyped-def]
    if route.request.url.startswith(("data:", "about:", "blob:")):
        await route.fallback()
    else:
        await route.abort("blockedbyclient")


@dataclass(frozen=True)
class PrintJob:
    """One page to print: a complete, self-contained HTML page and the header and footer on every sheet."""

    html: str
    header: str = ""
    footer: str = ""
    options: Mapping[str, object] = field(default_factory=dict)
    """Playwright's ``page.pdf`` settings that differ from ours."""


class Browser:
    """One headless Chromium for many pages: ``with Browser() as b: b.pdf(html, …)`` or ``b.pdf_many(jobs)``.

    Playwright's synchronous API refuses to start in a thread that already runs an event loop
    (another Playwright session, an async host), and prints one page at a time. The browser
    is therefore driven with the asynchronous API from an event loop in a thread of its own,
    whatever thread the caller is in; ``pdf_many`` keeps ``pages`` tabs printing at once, so
    that Chromium's renderers use every core. ``submit`` hands pages over without waiting for
    them, so that the caller prepares the next ones meanwhile; it waits only while ``backlog``
    pages are already waiting for a tab, which keeps the memory small on a site of thousands.
    """

    def __init__(self, executable: str | None = None, pages: int | None = None, backlog: int | None = None) -> None:
        self.executable = executable
        self.pages = pages or 2 * (os.cpu_count() or 1)
        self.backlog = backlog or 4 * self.pages
        self._queued = threading.BoundedSemaphore(self.backlog)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._playwright = None
        self._browser = None
        self._context = None
        self._idle: list = []
        self._slots: asyncio.Semaphore | None = None

    def _call(self, coroutine):  # type: ignore[no-untyped-def]
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            self._thread = threading.Thread(target=self._loop.run_forever, name="samverkan-chromium", daemon=True)
            self._thread.start()
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def start(self) -> Browser:
        if self._context is None:
            self._call(self._start())
        return self

    async def _start(self) -> None:
        executable = self.executable or find_chromium()
        if executable is None:
            raise ChromiumMissing(MISSING_MESSAGE)
        try:
            from playwright.async_api import Error as PlaywrightError
            from playwright.async_api import async_playwright
        except ImportError as exc:
            raise ChromiumMissing(f"{MISSING_MESSAGE} (Python-paketet playwright saknas: kör make install)") from exc
        self._playwright = await async_playwright().start()
        try:
            self._browser = await self._playwright.chromium.launch(executable_path=executable, headless=True, args=list(CHROMIUM_ARGS))
            self._context = await self._browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm", service_workers="block")
            self._context.set_default_timeout(TIMEOUT_MS)
            await self._context.route("**/*", _only_inline)
        except PlaywrightError as exc:
            await self._close()
            raise ChromiumMissing(f"{MISSING_MESSAGE} (Chromium i {executable} gick inte att starta: {exc.message.splitlines()[0]})") from exc
        self._slots = asyncio.Semaphore(self.pages)

    def pdf(self, html: str, *, header: str = "", footer: str = "", options: Mapping[str, object] | None = None) -> bytes:
        """Print ``html`` (a complete, self-contained page) to A4 PDF; header and footer repeat on every page."""
        (made,) = self.pdf_many([PrintJob(html, header, footer, options or {})])
        if isinstance(made, PrintFailed):
            raise made
        return made

    def pdf_many(self, jobs: Sequence[PrintJob]) -> list[bytes | PrintFailed]:
        """Every job printed, several at once; the PDF of each, or why it failed, in the same order."""
        return [printing.result() for printing in [self.submit(job) for job in jobs]]

    def submit(self, job: PrintJob) -> Future[bytes | PrintFailed]:
        """The job handed to the next free tab; its PDF, or why it failed, when it is printed.

        Waits while ``backlog`` jobs are already waiting for a tab.
        """
        self.start()
        self._queued.acquire()
        printing = asyncio.run_coroutine_threadsafe(self._pdf(job), self._loop)  # type: ignore[arg-type]
        printing.add_done_callback(lambda _: self._queued.release())
        return printing

    async def _pdf(self, job: PrintJob) -> bytes | PrintFailed:
        from playwright.async_api import Error as PlaywrightError

        async with self._slots:  # type: ignore[union-attr]
            try:
                # A tab is reused for the next page: opening one costs more than printing a short document.
                page = self._idle.pop() if self._idle else await self._new_page()
            except PlaywrightError as exc:
                return PrintFailed(f"Chromium kunde inte öppna en flik: {exc.message.splitlines()[0]}")
            try:
                await page.set_content(job.html, wait_until="load")
                settings: dict[str, object] = {
                    "format": "A4",
                    "print_background": True,
                    "prefer_css_page_size": True,
                    "display_header_footer": bool(job.header or job.footer),
                    "header_template": job.header or "<span></span>",
                    "footer_template": job.footer or "<span></span>",
                    "margin": {"top": "24mm", "bottom": "20mm", "left": "18mm", "right": "18mm"},
                    # A tagged PDF with bookmarks from the headings: screen readers and navigation.
                    "tagged": True,
                    "outline": True,
                }
                settings.update(job.options)
                made = await page.pdf(**settings)
            except PlaywrightError as exc:
                with contextlib.suppress(PlaywrightError):  # gone with the browser process: nothing left to close
                    await page.close()  # a tab that failed is not trusted with the next document
                return PrintFailed(f"Chromium kunde inte skriva ut sidan: {exc.message.splitlines()[0]}")
            self._idle.append(page)
            return made

    async def _new_page(self):  # type: ignore[no-untyped-def]
        page = await self._context.new_page()  # type: ignore[union-attr]
        # Once per tab: the media type outlives set_content, so each page need not ask again.
        await page.emulate_media(media="print")
        return page

    def close(self) -> None:
        if self._loop is None:
            return
        try:
            self._call(self._close())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()  # type: ignore[union-attr]
            self._loop.close()
            self._loop = self._thread = None

    async def _close(self) -> None:
        from playwright.async_api import Error as PlaywrightError

        for closer in (self._context, self._browser):
            if closer is not None:
                try:
                    await closer.close()
                except PlaywrightError:  # noqa: PERF203 - gone with the browser process: nothing left to close
                    continue
        if self._playwright is not None:
            await self._playwright.stop()
        self._playwright = self._browser = self._context = None
        self._idle = []

    def __enter__(self) -> Browser:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
