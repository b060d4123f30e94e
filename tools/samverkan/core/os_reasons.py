"""Swedish words for the operating system's reasons a file could not be read or written.

Python gives them in English ("Permission denied"); an owner reads them in check's output and
in any command's error, so both ask this table.
"""

from __future__ import annotations

import errno

_OS_REASONS = {
    errno.EACCES: "åtkomst nekad: filen eller mappen är skrivskyddad eller tillhör någon annan",
    errno.EPERM: "åtkomst nekad: filen eller mappen är skrivskyddad eller tillhör någon annan",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "diskkvoten är slut",
    errno.ENOENT: "filen eller mappen finns inte",
    errno.ENOTDIR: "en del av sökvägen är ingen mapp",
    errno.EISDIR: "det är en mapp, inte en fil",
    errno.ENAMETOOLONG: "namnet är för långt",
    errno.ELOOP: "för många länkar i rad (en länk som pekar på sig själv?)",
    errno.EIO: "disken svarade med ett läsfel",
}


def os_reason(exc: OSError) -> str:
    """Why ``exc`` happened, in Swedish; the system's own words (in quotes) for a reason not listed."""
    reason = _OS_REASONS.get(exc.errno or 0)
    return reason or f"systemet svarade '{exc.strerror or exc}'"
