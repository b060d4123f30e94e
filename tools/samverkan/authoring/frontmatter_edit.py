"""Change a few fields of a document's front matter and keep every other byte of the file.

ruamel.yaml's round-trip mode keeps comments, key order and quoting, but it re-emits the
whole document in one indentation style and normalises flow sequences (``[ a,b ]`` becomes
``[a, b]``). A hand-written document that mixes ``- item`` under the key with ``  - item``
indented by two would therefore change in places nobody edited. So ruamel only parses and
renders here, and the text is assembled per top-level key:

- keys the edit does not touch keep their original lines, verbatim (line endings included);
- a changed key takes ruamel's rendering of that key, comments and quoting included;
- a new key, and a new item of a block sequence (a changelog entry), is spliced in as text,
  rendered in the file's own indentation, so the existing items stay as they were.

The front matter goes back between the original ``---`` lines and the Markdown body is never
touched. Before the text is handed back it is read again with the reader ``samverkan check``
uses, and it must give exactly the intended data; otherwise ``FrontMatterError`` is raised and
nothing should be written. Nothing here reads files or the clock.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from samverkan.core.yamlsource import END_FENCE, FENCE, parse_front_matter, parse_yaml

_WIDE = 4096
"""Line width for rendering: large, so that ruamel never folds a long title or summary."""

_LINES = re.compile(r"[^\n]*\n|[^\n]+")
"""Split on LF only: CRLF stays inside the line, and Unicode line separators in a value do not split it."""


class FrontMatterError(Exception):
    """The front matter cannot be edited safely; the message says why, in Swedish."""


def _lines(text: str) -> list[str]:
    return _LINES.findall(text)


def _universal(text: str) -> str:
    """The text as the loader sees it (``Path.read_text`` uses universal newlines)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _blank_or_comment(line: str, max_indent: int) -> bool:
    """True for blank lines and for comment lines indented no deeper than ``max_indent``."""
    stripped = line.strip()
    if not stripped:
        return True
    return stripped.startswith("#") and len(line) - len(line.lstrip(" ")) <= max_indent


def _plain(value: object) -> object:
    """What ``yamlsource`` reads back for ``value`` once written: dates are text there."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def _ruamel(value: object) -> object:
    """Plain Python values as ruamel nodes (block style), keeping dates as dates so they stay unquoted."""
    if isinstance(value, Mapping) and not isinstance(value, CommentedMap):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _ruamel(item)
        return out
    if isinstance(value, list | tuple) and not isinstance(value, CommentedSeq):
        return CommentedSeq(_ruamel(item) for item in value)
    return value


def _styled(old: object, new: object) -> object:
    """Give ``new`` the quoting of the value it replaces, so 'single' stays 'single'."""
    for quoted in (SingleQuotedScalarString, DoubleQuotedScalarString):
        if isinstance(old, quoted) and isinstance(new, str | dt.date):
            return quoted(new.isoformat() if isinstance(new, dt.date) else new)
    return _ruamel(new)


def _is_block_seq(value: object) -> bool:
    return isinstance(value, CommentedSeq) and len(value) > 0 and value.fa.flow_style() is False


def _make_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = _WIDE
    representer = yaml.representer
    plain_ignore = representer.ignore_aliases
    # The same date written twice (valid_from and a changelog date) would otherwise become
    # an anchor and an alias (&id001 / *id001), which no owner should have to read.
    representer.ignore_aliases = lambda data: isinstance(data, dt.date) or plain_ignore(data)
    return yaml


class FrontMatterEditor:
    """Collects edits of one document's front matter; ``text()`` returns the whole new file."""

    def __init__(self, text: str, path: str = "dokumentet") -> None:
        self._path = path
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        all_lines = _lines(text[len(bom) :])
        if not all_lines or not FENCE.match(all_lines[0].rstrip("\r\n")):
            raise FrontMatterError(f"{path} börjar inte med uppgiftsdelen mellan två rader ---")
        close = next((i for i in range(1, len(all_lines)) if END_FENCE.match(all_lines[i].rstrip("\r\n"))), None)
        if close is None:
            raise FrontMatterError(f"{path}: uppgiftsdelen överst avslutas aldrig med en rad ---")
        self._head = bom + all_lines[0]
        self._tail = "".join(all_lines[close:])
        self._lines = all_lines[1:close]
        self._newline = "\r\n" if all_lines[0].endswith("\r\n") else "\n"
        normalized = "".join(line.replace("\r\n", "\n") for line in self._lines)

        # The check's own reader decides what "readable" means; ruamel would accept more.
        parsed = parse_yaml(_universal(normalized), path, line_offset=1)
        if parsed.problems:
            first = parsed.problems[0]
            raise FrontMatterError(f"{path}:{first.line}: {first.message}")
        if not isinstance(parsed.data, dict) or not parsed.data:
            raise FrontMatterError(f"{path}: uppgiftsdelen är inte en lista med fält som id: och title:")
        self._expected: dict = copy.deepcopy(parsed.data)
        self._body = parse_front_matter(_universal(text), path).body

        self._yaml = _make_yaml()
        try:
            doc = self._yaml.load(normalized)
        except (YAMLError, ValueError) as exc:
            raise FrontMatterError(f"{path}: uppgiftsdelen går inte att läsa: {exc}") from exc
        if not isinstance(doc, CommentedMap) or doc.fa.flow_style():
            raise FrontMatterError(f"{path}: uppgiftsdelen måste skrivas som en fältlista, en rad per fält")
        self._doc: CommentedMap = doc
        self._starts = {key: doc.lc.key(key)[0] for key in doc}
        self._column = doc.lc.key(next(iter(doc)))[1]
        self._mapping_indent, self._seq_offset, self._seq_indent = self._detect_indentation()
        self._yaml.indent(mapping=self._mapping_indent, sequence=self._seq_indent, offset=self._seq_offset)
        # Changed keys (rendered by ruamel), new keys with the key they follow (None: first),
        # and items to splice into block sequences: (at_start, value, ``_item_geometry``).
        self._touched: set[str] = set()
        self._new: dict[str, str | None] = {}
        self._items: dict[str, list[tuple[bool, Mapping[str, object], tuple[int, int, int]]]] = {}

    # Reading

    @property
    def data(self) -> dict:
        """The front matter as ``samverkan check`` reads it (dates as text), with the edits so far."""
        return copy.deepcopy(self._expected)

    # Editing

    def set(self, key: str, value: object, after: Sequence[str] = ()) -> None:
        """Set a top-level field. A new field goes after the last of ``after`` that the file has."""
        if key in self._doc:
            self._doc[key] = _styled(self._doc[key], value)
            self._touched.add(key)
            self._expected[key] = _plain(value)
            return
        anchor = next((k for k in reversed(after) if k in self._doc), None)
        position = list(self._doc).index(anchor) + 1 if anchor is not None else 0
        self._doc.insert(position, key, _ruamel(value))
        self._new[key] = anchor
        items = list(self._expected.items())
        items.insert(list(self._expected).index(anchor) + 1 if anchor is not None else 0, (key, _plain(value)))
        self._expected = dict(items)

    def set_in(self, key: str, sub: str, value: object) -> None:
        """Set a field inside the mapping ``key`` (for example ``decision.date``), keeping its other lines."""
        mapping = self._doc.get(key)
        if not isinstance(mapping, CommentedMap) or not isinstance(self._expected.get(key), dict):
            raise FrontMatterError(f"{self._path}: fältet '{key}' är ingen lista med fält")
        if sub in mapping:
            mapping[sub] = _styled(mapping[sub], value)
        else:
            mapping[sub] = _ruamel(value)
        if key not in self._new:
            self._touched.add(key)
        self._expected[key][sub] = _plain(value)

    def add_item(self, key: str, item: Mapping[str, object], at_start: bool) -> None:
        """Add ``item`` first or last in the sequence ``key``."""
        seq = self._doc.get(key)
        if not isinstance(seq, CommentedSeq) or not isinstance(self._expected.get(key), list):
            raise FrontMatterError(f"{self._path}: fältet '{key}' är ingen lista")
        # Geometry is read before the sequence changes: ruamel keeps positions per index.
        geometry = self._item_geometry(key) if key not in self._new and key not in self._touched else None
        if geometry is None:
            self._touched.add(key)
        else:
            self._items.setdefault(key, []).append((at_start, item, geometry))
        if at_start:
            seq.insert(0, _ruamel(item))
            self._expected[key].insert(0, _plain(item))
        else:
            seq.append(_ruamel(item))
            self._expected[key].append(_plain(item))

    # Output

    def text(self) -> str:
        """The whole file with the edits, verified by reading it back."""
        try:
            return self._assemble()
        except FrontMatterError:
            if not self._items:
                raise
        # Splicing text into a list can misjudge where its last item ends (a block scalar
        # that keeps trailing blank lines, say); ruamel's rendering of the list is the fallback.
        self._touched.update(self._items)
        self._items.clear()
        return self._assemble()

    def _assemble(self) -> str:
        keys = [k for k in self._starts]
        bounds = {k: (self._starts[k], self._starts[keys[i + 1]] if i + 1 < len(keys) else len(self._lines)) for i, k in enumerate(keys)}
        rendered = self._render_touched() if self._touched else {}
        out: list[str] = list(self._lines[: self._starts[keys[0]]])
        for key in keys:
            start, end = bounds[key]
            if key in self._touched:
                segment = rendered[key]
            else:
                segment = self._splice_items(key, self._lines[start:end])
            content, trailing = self._split_trailing(segment)
            out += content
            out += self._new_after(key)
            out += trailing
        first_new = self._new_after(None)
        if first_new:
            head_end = self._starts[keys[0]]
            out = out[:head_end] + first_new + out[head_end:]
        result = self._head + "".join(out) + self._tail
        self._verify(result, "".join(out))
        return result

    # Internals

    def _detect_indentation(self) -> tuple[int, int, int]:
        """Mapping indent, dash offset and item indent as the file writes them (defaults 2, 2, 4)."""
        mapping = offset = indent = None
        for key, value in self._doc.items():
            if mapping is None and isinstance(value, CommentedMap) and value and not value.fa.flow_style():
                mapping = value.lc.key(next(iter(value)))[1] - self._column
            if offset is None and _is_block_seq(value):
                dash = self._dash_column(key)
                if dash is not None:
                    offset = dash - self._column
                    indent = value.lc.item(0)[1] - self._column
        mapping = mapping if mapping and mapping > 0 else 2
        if offset is None or indent is None or indent < offset + 2:
            offset, indent = 2, 4
        return mapping, offset, indent

    def _dash_column(self, key: str) -> int | None:
        """Column of the first item's ``-`` when it shares the line with the item, else None."""
        line_no, col = self._doc[key].lc.item(0)
        before = self._lines[line_no][:col]
        if before.strip() != "-":
            return None
        return before.index("-")

    def _item_geometry(self, key: str) -> tuple[int, int, int] | None:
        """(first item line within the key's lines, dash column, item column) of a block sequence."""
        seq = self._doc[key]
        if key not in self._starts or not _is_block_seq(seq):
            return None
        dash = self._dash_column(key)
        if dash is None:
            return None
        line_no, column = seq.lc.item(0)
        return line_no - self._starts[key], dash, column

    def _convert(self, text: str, column: int) -> list[str]:
        """Rendered lines, indented to ``column`` and with the file's line endings."""
        pad = " " * column
        return [(pad + line if line.strip() else line).replace("\n", self._newline) for line in _lines(text)]

    def _dump(self, value: object) -> str:
        stream = io.StringIO()
        self._yaml.dump(value, stream)
        return stream.getvalue()

    def _render_touched(self) -> dict[str, list[str]]:
        """ruamel's rendering of each changed key, taken from a dump of the whole front matter."""
        dumped = self._dump(self._doc)
        lines = _lines(dumped)
        try:
            again = self._yaml.load(dumped)
            starts = [again.lc.key(k)[0] for k in again]
        except (YAMLError, ValueError, AttributeError) as exc:
            raise FrontMatterError(f"{self._path}: ändringen kan inte göras säkert ({exc}). Filen har inte ändrats.") from exc
        by_key = {}
        for i, key in enumerate(again):
            end = starts[i + 1] if i + 1 < len(starts) else len(lines)
            by_key[key] = self._convert("".join(lines[starts[i] : end]), self._column)
        missing = self._touched - set(by_key)
        if missing:
            raise FrontMatterError(f"{self._path}: ändringen kan inte göras säkert. Filen har inte ändrats.")  # pragma: no cover
        return {key: by_key[key] for key in self._touched}

    def _render_key(self, key: str) -> list[str]:
        single = CommentedMap()
        single[key] = self._doc[key]
        return self._convert(self._dump(single), self._column)

    def _new_after(self, anchor: str | None) -> list[str]:
        out: list[str] = []
        for key, after in self._new.items():
            if after == anchor:
                out += self._render_key(key)
                out += self._new_after(key)
        return out

    def _split_trailing(self, segment: list[str]) -> tuple[list[str], list[str]]:
        """Separate the blank and comment lines that stand between this key and the next one."""
        end = len(segment)
        while end > 1 and _blank_or_comment(segment[end - 1], self._column):
            end -= 1
        return segment[:end], segment[end:]

    def _splice_items(self, key: str, segment: list[str]) -> list[str]:
        out = list(segment)
        for at_start, item, (first_item, dash, column) in self._items.get(key, ()):
            rendered = self._render_item(item, dash, column)
            if at_start:
                out[first_item:first_item] = rendered
            else:
                # After the last item's own lines; comments at the dash's level or less belong
                # to what follows, not to the last item.
                end = len(out)
                while end > 1 and _blank_or_comment(out[end - 1], dash):
                    end -= 1
                out[end:end] = rendered
        return out

    def _render_item(self, item: Mapping[str, object], dash: int, content_column: int) -> list[str]:
        lines = self._convert(self._dump(_ruamel(item)), 0)
        first = " " * dash + "-" + " " * (content_column - dash - 1) + lines[0]
        rest = [" " * content_column + line if line.strip() else line for line in lines[1:]]
        return [first, *rest]

    def _verify(self, result: str, front_matter: str) -> None:
        """Read the result the way ``samverkan check`` does; it must give exactly the intended data."""
        parsed = parse_front_matter(_universal(result), self._path)
        reasons = []
        if parsed.problems:
            reasons.append(parsed.problems[0].message)
        elif parsed.data != self._expected or list(parsed.data) != list(self._expected):  # type: ignore[arg-type]
            reasons.append("uppgifterna blev inte de avsedda")
        if parsed.body != self._body or not result.endswith(self._tail):
            reasons.append("texten under uppgiftsdelen ändrades")
        if _comment_lines(front_matter) != _comment_lines("".join(self._lines)):
            reasons.append("en kommentar flyttades eller försvann")
        if reasons:
            raise FrontMatterError(
                f"{self._path}: ändringen kan inte göras säkert ({'; '.join(reasons)}). Filen har inte ändrats; gör ändringen för hand."
            )


def render(data: Mapping[str, object]) -> str:
    """YAML for a new front matter in the house style of the example content: mappings indented
    by two, list items as ``  - item`` under their key, dates unquoted, nothing folded."""
    yaml = _make_yaml()
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump(_ruamel(data), stream)
    return stream.getvalue()


def _comment_lines(text: str) -> list[str]:
    return sorted(line.strip() for line in _lines(text) if line.lstrip().startswith("#"))

