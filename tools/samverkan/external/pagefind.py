"""Pagefind, the search index of the published site: the only module that runs it.

Pagefind comes from PyPI (``pagefind[bin]``, in pyproject.toml), which ships the binary
inside the wheel; ``$PAGEFIND`` points at another binary. It reads a folder of HTML files
and writes the search bundle (the index in chunks, ``pagefind.js`` and its WebAssembly) to
another folder. Nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

LANGUAGE = "sv"
"""Every page is Swedish: Pagefind then stems with its Swedish stemmer."""


class PagefindUnavailable(Exception):
    """No Pagefind binary here; the message says how to get one, in Swedish."""


class PagefindFailed(Exception):
    """Pagefind ran and failed; the message carries its output."""


def find_pagefind() -> Path:
    override = os.environ.get("PAGEFIND")
    if override:
        if Path(override).is_file():
            return Path(override)
        raise PagefindUnavailable(f"$PAGEFIND={override} finns inte")
    try:
        from pagefind_bin import get_executable
    except ImportError:
        get_executable = None
    if get_executable is not None:
        try:
            return Path(get_executable())
        except FileNotFoundError:
            pass
    found = shutil.which("pagefind")
    if found:
        return Path(found)
    raise PagefindUnavailable(
        "Pagefind saknas, så webbplatsen får ingen sökning; installera det med `pip install 'pagefind[bin]'` "
        "(ingår i `make install`) eller ange programmet med $PAGEFIND"
    )


def version() -> str:
    result = subprocess.run([str(find_pagefind()), "--version"], capture_output=True, text=True, check=False)
    return result.stdout.strip()


def build_index(source: Path, output: Path, exclude_selectors: str) -> None:
    """Index every HTML file below ``source`` into the bundle folder ``output`` (replaced)."""
    binary = find_pagefind()
    if output.exists():
        shutil.rmtree(output)
    command = [
        str(binary),
        "--site", str(source),
        "--output-path", str(output),
        "--force-language", LANGUAGE,
        "--exclude-selectors", exclude_selectors,
        "--quiet",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PagefindFailed(f"Pagefind misslyckades ({result.returncode}): {(result.stderr or result.stdout).strip()}")
