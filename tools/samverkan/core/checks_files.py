"""Which files under the content folder may be read and published at all.

Content comes from many owners: a symbolic link can make ``routines/…/bilaga.pdf`` point
at ``/etc/passwd``, a file name with a line break breaks every ``path:line`` message
and edit link, and a file named after a patient's personal number would publish it. Such files are reported here with a located error and are then never read
or copied: the loader and the site's attachment list both ask ``file_problem`` first.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from samverkan.core.personnummer import CODE as PERSONAL_NUMBER
from samverkan.core.personnummer import find_personal_numbers, mask_personal_numbers
from samverkan.core.problems import WHOLE_FILE, Problem, error

OUTSIDE = "E-OUTSIDE"
FILE_NAME = "E-FILENAME"

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")
"""Line breaks, tabs and other control characters, which no file name needs."""


def inside(root: Path, path: Path) -> bool:
    """True when ``path``, with every symbolic link followed, lies within ``root``."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):  # outside, unreadable, or a link loop
        return False
    return True


def printable(rel: str) -> str:
    """``rel`` with control characters shown as ``\\n``-style escapes, so one message stays one line."""
    return _CONTROL.sub(lambda found: repr(found.group(0))[1:-1], rel)


def file_problem(root: Path, path: Path, inside_known: bool = False) -> Problem | None:
    """Why ``path`` (a file or link below ``root``) must be neither read nor published, if it must not.

    ``inside_known``: the caller knows no link leads out on the way (it spares resolving every path).
    """
    rel = path.relative_to(root).as_posix()
    if _CONTROL.search(rel):
        return error(
            printable(rel),
            WHOLE_FILE,
            FILE_NAME,
            "filnamnet innehåller ett osynligt tecken, till exempel en radbrytning eller en tabb (visas som \\n eller \\t); filen läses inte",
            hint="byt namn på filen (eller mappen) till ett namn med bara bokstäver, siffror, bindestreck och punkt",
        )
    if next(find_personal_numbers(rel), None):
        return error(
            mask_personal_numbers(rel),
            WHOLE_FILE,
            PERSONAL_NUMBER,
            "filnamnet innehåller ett personnummer eller samordningsnummer; filen läses inte och publiceras inte",
            hint="byt namn på filen (eller mappen) så att numret försvinner",
        )
    if not inside_known and not inside(root, path):
        return error(
            rel,
            WHOLE_FILE,
            OUTSIDE,
            "filen är en länk till något utanför arkivet; den läses inte och publiceras inte",
            hint="ta bort länken och lägg själva filen här i stället",
        )
    return None


def outside_pages(repository: Path, folder: Path, sources: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Hand-written site files in ``folder`` (``docs/``) that a link leads out of ``repository``,
    with the located line to log; files elsewhere (the theme's own) are not ours to judge."""
    folder_text = os.path.abspath(folder) + os.sep
    for source in sources:
        if os.path.abspath(source).startswith(folder_text) and not inside(repository, source):
            rel = os.path.relpath(source, repository)
            yield source, f"{rel}: {OUTSIDE} filen är en länk till något utanför arkivet; den publiceras inte"
