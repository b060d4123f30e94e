"""A reader for the plain YAML that front matter nearly always is, many times faster than libyaml's.

Front matter is keys, lists and one-line values, indented with spaces. Going through libyaml,
every scalar costs a call back into Python and a node object, and that made reading the YAML
most of the time `check` took on a large tree. This reader takes that common shape line by
line and gives exactly what ``yamlsource`` builds from libyaml's nodes: the same data, the
same line for every key and list item, the same types. Anything outside that shape (flow
lists, multi-line plain or quoted scalars, escapes, anchors, tags, tabs, a duplicate key, any
error) is declined with None, and the caller reads the text with libyaml as before, so every
message about a broken file still comes from there.
"""

from __future__ import annotations

import re
from sys import intern

from samverkan.core.yamlscalars import FLOAT, NUMBER_START, WORDS, plain_tag, value_of

_OUTSIDE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
"""Characters left to libyaml: tabs, other line breaks (\\r, \\x85, \\u2028 …), control characters, the byte
order mark."""

_LINE = re.compile(
    r"^( *)(?:(- +)(?=[^ \n]))?(?:(#.*)|([A-Za-z_][A-Za-z0-9_.-]{0,127}):(?: +(.*[^ \n]))?|(.*[^ \n]))? *$", re.MULTILINE
)
"""Any one line: indent, a list dash, then a comment, ``key:`` with an optional value, or a value alone."""
_NOT_PLAIN_START = frozenset("[]{},#&*!|>'\"%@`?:")
"""A plain (unquoted) value cannot start with these; quoted values are read on their own."""
_DOUBLE = re.compile(r'"([^"\\]*)"(?: +#.*)?')
_SINGLE = re.compile(r"'((?:[^']|'')*)'(?: +#.*)?")


_PLAIN_CARE = _NOT_PLAIN_START | NUMBER_START | {"-"}
"""First characters of a value that need more than a glance: quotes, indicators, numbers."""


class _Declined(Exception):
    """The text is outside the shape read here: libyaml reads it."""


def read(text: str, line_offset: int = 0) -> tuple[object, list[int], bool] | None:
    """(data, lines, has_float) for ``text``, or None when libyaml must read it.

    ``lines`` holds the line of the root, then of every key and list item in the order a walk
    through the data meets them (see ``yamlsource.LineTable``).
    """
    if _OUTSIDE.search(text):
        return None
    rows = _LINE.findall(text)
    if len(rows) != text.count("\n") + 1:
        return None  # not one row a line: never expected, but then the line numbers would be wrong
    try:
        return _read(text, rows, line_offset)
    except _Declined:
        return None


def _read(text: str, rows: list[tuple[str, ...]], line_offset: int) -> tuple[object, list[int], bool] | None:
    # One pass, keeping the open collections on a stack: (column, container, is a list).
    stack: list[tuple[int, dict | list, bool]] = []
    lines: list[int] = []
    has_float = False
    pending: tuple[dict, str, int] | None = None
    """A key without a value on its line: what follows decides between a nested block and nothing."""
    raw: list[str] = []
    after_block = 0
    for index, (indent, dash, comment, key, value, item) in enumerate(rows):
        if (not key and not item and not dash) or index < after_block:
            continue  # blank, a comment, or a line of a block scalar's text
        number = index + 1 + line_offset
        column = len(indent)
        if dash and (comment or not (key or item)):
            raise _Declined  # a comment after a dash: an empty list item
        if item and not dash:
            raise _Declined  # a value on a line of its own (multi-line text, or a list item without its dash)
        if pending is not None:
            if column > pending[2] or (column == pending[2] and dash):
                opened: dict | list = [] if dash else {}
                pending[0][pending[1]] = opened
                stack.append((column, opened, bool(dash)))
            pending = None
        elif not stack:
            if lines:
                raise _Declined  # something after the root, less indented than it
            stack.append((column, [] if dash else {}, bool(dash)))
            lines.append(number)
        while stack[-1][0] > column:
            stack.pop()
            if not stack:
                raise _Declined
        at, container, is_list = stack[-1]
        if not dash and is_list and at == column:
            stack.pop()  # a key after a list written at the key's own level: the list has ended
            if not stack:
                raise _Declined
            at, container, is_list = stack[-1]
        if at != column or is_list != bool(dash):
            raise _Declined  # an indent that fits no open collection, a dash among keys, a key among dashes
        if dash:
            lines.append(number)
            column += len(dash)
            if key:
                mapping: dict = {}
                container.append(mapping)  # type: ignore[union-attr]
                stack.append((column, mapping, False))
                container = mapping
            else:
                value = item
        if key:
            if key in container or key in WORDS:
                raise _Declined  # a duplicate key, or a key libyaml reads as true, false or empty
            key = intern(key)  # one string for every "id:" of a tree: less to copy between processes
            lines.append(number)
        if value and (value[0] == "|" or value[0] == ">"):
            raw = raw or text.split("\n")
            block = _block_scalar(value, raw, index + 1, column if key else column - len(dash))
            if block is None:
                raise _Declined
            value, after_block = block
        elif not value or value[0] == "#":
            container[key] = None  # type: ignore[index]
            pending = (container, key, column)  # type: ignore[assignment]
            continue
        elif value[0] in _PLAIN_CARE or " #" in value or ": " in value or value[-1] == ":" or value in WORDS:
            value, is_float = _scalar(value)
            has_float |= is_float
        if key:
            container[key] = value  # type: ignore[index]
        else:
            container.append(value)  # type: ignore[union-attr]
    if not lines:
        return None
    return stack[0][1] if stack else None, lines, has_float


_BLOCK_HEADER = re.compile(r"([|>])(-?)(?: +#.*)?")


def _block_scalar(header: str, lines: list[str], start: int, parent: int) -> tuple[str, int] | None:
    """The text of a ``|`` or ``>`` block whose lines start at ``lines[start]``, and the index of the
    line after it; None for what libyaml must read (indentation indicators, keep chomping ``+``,
    blank lines first or with more spaces than the text, ``>`` with deeper lines, no text at all)."""
    found = _BLOCK_HEADER.fullmatch(header)
    if found is None:
        return None
    folded, strip = found.group(1) == ">", found.group(2) == "-"
    content: list[str] = []
    indent = 0
    end = start
    last = start  # the index of the last line with text
    while end < len(lines):
        line = lines[end]
        text = line.lstrip(" ")
        if not text:
            if not indent or len(line) > indent:
                return None
            content.append("")
        else:
            at = len(line) - len(text)
            if at <= parent:
                break
            if not indent:
                indent = at
            elif at < indent or (at > indent and folded):
                return None
            content.append(line[indent:])
            last = end
        end += 1
    if not indent:
        return None
    del content[last - start + 1 :]
    if folded:
        parts = [content[0]]
        for previous, line in zip(content, content[1:]):
            if line:
                parts.append(" " if previous else "")
                parts.append(line)
            else:
                parts.append("\n")
        result = "".join(parts)
    else:
        result = "\n".join(content)
    if not strip and last + 1 < len(lines):
        result += "\n"  # clip: the line break after the text, when there is one
    return result, end


def _scalar(value: str) -> tuple[object, bool]:
    """A value that is not plain text at a glance: quoted, a number, true, a comment after it."""
    first = value[0]
    if first == '"' or first == "'":
        quoted = (_DOUBLE if first == '"' else _SINGLE).fullmatch(value)
        if quoted is None:
            raise _Declined  # escapes, text after the closing quote, or a quote that ends on another line
        return (quoted.group(1) if first == '"' else quoted.group(1).replace("''", "'")), False
    if first in _NOT_PLAIN_START or (first == "-" and (len(value) == 1 or value[1] == " ")):
        raise _Declined
    cut = value.find(" #")
    if cut >= 0:
        value = value[:cut].rstrip(" ")
    if ": " in value or value[-1] == ":":
        raise _Declined  # libyaml: "mapping values are not allowed here"
    tag = plain_tag(value)
    try:
        return value_of(tag, value), tag == FLOAT
    except ValueError:
        raise _Declined from None  # too many digits: libyaml's reader words the problem
