"""The one value every checker yields: a problem with a compiler-style location."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace


WHOLE_FILE = 0
"""The line of a problem with a file as such (a link out, a bad name, the wrong kind of file), not with a line in it."""


class Severity(enum.Enum):
    """How serious a problem is; errors fail `samverkan check`, warnings do not."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """The Swedish word shown to document owners."""
        return {"error": "fel", "warning": "varning"}[self.value]


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong (or about to go wrong) in the content, located like a compiler message."""

    path: str
    """File path relative to the content root, with forward slashes."""
    line: int
    """1-based line of the offending key; ``WHOLE_FILE`` (0) for a file that is refused as a whole."""
    code: str
    """Stable machine-readable code such as ``E-REF`` or ``W-EXPIRED``."""
    message: str
    """Plain Swedish sentence for a document owner."""
    severity: Severity = Severity.ERROR
    """Error or warning."""
    json_path: str = "$"
    """Where in the YAML data the problem sits, e.g. ``$.references[2].law``."""
    hint: str | None = None
    """Optional Swedish advice on how to fix it."""

    @property
    def location(self) -> str:
        """``path:line``, or the path alone when the whole file is meant: a link or a bad name has no line."""
        return f"{self.path}:{self.line}" if self.line != WHOLE_FILE else self.path

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_error(self) -> Problem:
        return replace(self, severity=Severity.ERROR)


def error(path: str, line: int, code: str, message: str, json_path: str = "$", hint: str | None = None) -> Problem:
    return Problem(path, line, code, message, Severity.ERROR, json_path, hint)


def warning(path: str, line: int, code: str, message: str, json_path: str = "$", hint: str | None = None) -> Problem:
    return Problem(path, line, code, message, Severity.WARNING, json_path, hint)


def json_path(keys: tuple[str | int, ...]) -> str:
    """Render a key path as ``$.a.b[2].c``."""
    out = "$"
    for key in keys:
        out += f"[{key}]" if isinstance(key, int) else f".{key}"
    return out
