"""A real `mkdocs serve` in tests: on 127.0.0.1 and a free port, polled until a page shows what is expected
(generous limits, no timing assertions)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sitebuild import ENV


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page(url: str, timeout: float = 10) -> str | None:
    """The page's text, or None while the server does not answer it."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(server: subprocess.Popen, url: str, condition, limit: float = 180) -> str:  # type: ignore[no-untyped-def]
    """The page at ``url`` once ``condition`` holds for it; fails at once if the server has stopped."""
    deadline = time.monotonic() + limit
    text = None
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped instead of serving the site"
        text = page(url)
        if text is not None and condition(text):
            return text
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed what was expected (last answer: {text!r:.300})")


@contextmanager
def serving(config: Path, *options: str) -> Iterator[tuple[subprocess.Popen, str]]:
    """`mkdocs serve` with ``options``; yields the server and its address. Its stderr is checked for tracebacks."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *options, "--config-file", str(config), "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        yield server, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    stderr = server.stderr.read() if server.stderr else ""
    server.stderr_text = stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr, stderr
