"""The house layout of a document's front matter, restored after a tool rewrote it (``samverkan format``).

The web editor (Decap CMS) writes the front matter its own way: keys in the form's order,
no schema comment, quotes dropped, long lines folded at 80 characters. A one-field edit would
then touch twenty lines, and a reviewer could not see what changed. ``restore_layout`` takes
the data the tool wrote and puts it back into the file as it was at the base (the target
branch of the pull request): every key whose value is unchanged keeps its original lines byte
for byte, a changed key is rendered by ``FrontMatterEditor``, changelog lines added at either
end are spliced in, and the Markdown body is taken as the tool wrote it. A document that is new
since the base gets the layout ``samverkan new`` writes: the schema comment first, keys in the
schema's order. Role, forum and party files, which are all YAML, get the same treatment
(``restore_yaml_layout``), each kind with its own schema comment and order of keys.

Pure: text in, text out; the dates in the data are never read from the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from samverkan.authoring.frontmatter_edit import FrontMatterEditor, FrontMatterError, render
from samverkan.authoring.operations import FIELD_ORDER, SCHEMA_COMMENT
from samverkan.core.yamlsource import END_FENCE, FENCE, parse_front_matter

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_SEXAGESIMAL = re.compile(r"^[0-9]+(:[0-9]+)+(\s.*)?$")
"""``2017:612``: a number in base 60 to YAML 1.1 readers, so our files quote it."""
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*):")


@dataclass(frozen=True)
class Layout:
    """How a new file of one kind is laid out."""

    comment: str
    """The schema comment on the first line, so that editors show the schema's help texts."""
    order: tuple[str, ...]
    """The order of the keys: the order of ``properties`` in the kind's schema."""


DOCUMENT = Layout(SCHEMA_COMMENT, FIELD_ORDER)


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def split_file(text: str) -> tuple[list[str], list[str]]:
    """(front matter lines with the opening ``---``, the rest from the closing ``---``)."""
    lines = _lines(text)
    if not lines or not FENCE.match(lines[0].rstrip("\r\n")):
        raise FrontMatterError("filen börjar inte med uppgiftsdelen mellan två rader ---")
    for i in range(1, len(lines)):
        if END_FENCE.match(lines[i].rstrip("\r\n")):
            return lines[:i], lines[i:]
    raise FrontMatterError("uppgiftsdelen överst avslutas aldrig med en rad ---")


def _house_values(value: object) -> object:
    """Dates as dates (written unquoted) and SFS numbers quoted, as in the example content."""
    if isinstance(value, str):
        if _DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value
        if _SEXAGESIMAL.match(value):
            return DoubleQuotedScalarString(value)
        return value
    if isinstance(value, Mapping):
        return {k: _house_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_house_values(v) for v in value]
    return value


def _ordered(data: Mapping[str, object], order: tuple[str, ...]) -> dict[str, object]:
    rank = {key: i for i, key in enumerate(order)}
    return {key: data[key] for key in sorted(data, key=lambda k: rank.get(k, len(rank)))}


def canonical(data: Mapping[str, object], rest: list[str], layout: Layout = DOCUMENT) -> str:
    """A new document's front matter as ``samverkan new`` writes it, followed by ``rest``."""
    return f"---\n{layout.comment}\n{render(_house_values(_ordered(data, layout.order)))}" + "".join(rest)  # type: ignore[arg-type]


def _without(text: str, keys: set[str]) -> str:
    """``text`` with the lines of the top-level ``keys`` cut out of its front matter."""
    head, rest = split_file(text)
    kept: list[str] = [head[0]]
    dropping = False
    for line in head[1:]:
        match = _TOP_KEY.match(line)
        if match:
            dropping = match.group(1) in keys
        if not dropping:
            kept.append(line)
    return "".join(kept + rest)


def _appended(old: list, new: list) -> tuple[list, bool] | None:
    """The items added to ``old`` at one end to make ``new``: (items, at_start), else None."""
    if len(new) <= len(old):
        return None
    extra = len(new) - len(old)
    if new[:len(old)] == old:
        return new[len(old):], False
    if new[extra:] == old:
        return new[:extra], True
    return None


def restore_layout(text: str, base: str | None, path: str = "dokumentet", layout: Layout = DOCUMENT) -> str:
    """``text`` with the front matter laid out as in ``base`` (or canonically when there is no base).

    Raises ``FrontMatterError`` (Swedish) when ``text`` is not a readable document; a base that
    cannot be read is treated as no base.
    """
    parsed = parse_front_matter(text.replace("\r\n", "\n"), path)
    if parsed.problems or not isinstance(parsed.data, dict):
        reason = parsed.problems[0].message if parsed.problems else "uppgiftsdelen saknas"
        raise FrontMatterError(f"{path}: {reason}")
    data: dict = parsed.data
    _, rest = split_file(text)
    if base is not None:
        old = parse_front_matter(base.replace("\r\n", "\n"), path)
        if old.problems or not isinstance(old.data, dict):
            base = None
    if base is None:
        return canonical(data, rest, layout)
    removed = set(old.data) - set(data)  # type: ignore[arg-type]
    editor = FrontMatterEditor(_without(base, removed) if removed else base, path)
    before = editor.data
    for key, value in data.items():
        if key in before and before[key] == value:
            continue
        added = _appended(before[key], value) if key in before and isinstance(before[key], list) and isinstance(value, list) else None
        if added is not None and all(isinstance(item, dict) for item in added[0]):
            items, at_start = added
            for item in reversed(items) if at_start else items:
                editor.add_item(key, _house_values(item), at_start)  # type: ignore[arg-type]
        else:
            after = layout.order[: layout.order.index(key)] if key in layout.order else tuple(before)
            editor.set(key, _house_values(value), after=after)
    head, _ = split_file(editor.text())
    return "".join(head + rest)


def _framed(text: str) -> str:
    return "---\n" + text + ("" if text.endswith("\n") else "\n") + "---\n"


def restore_yaml_layout(text: str, base: str | None, path: str, layout: Layout) -> str:
    """``restore_layout`` for a file that is all YAML: a role, a forum or a party."""
    fixed = restore_layout(_framed(text), None if base is None else _framed(base), path, layout)
    return fixed.removeprefix("---\n").removesuffix("---\n")
