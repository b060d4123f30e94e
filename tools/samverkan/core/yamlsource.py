"""Read YAML (whole files or Markdown front matter) keeping the line of every key.

PyYAML's default loader follows YAML 1.1 and guesses types: ``no`` becomes False,
``2017:612`` becomes the sexagesimal integer 121632 and ``2026-02-30`` raises deep
inside the constructor. We compose the node graph ourselves with a resolver that only
knows YAML 1.2's core scalars, so dates and SFS numbers stay strings until the JSON
Schema has checked them, and every value keeps the line it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import yaml

from samverkan.core import yamlfast
from samverkan.core.problems import Problem, error, json_path
from samverkan.core.yamlscalars import BOOL, FLOAT, FLOAT_SHAPE, INT, INT_SHAPE, NULL, STR, plain_tag, value_of

try:  # the C composer is several times faster on large trees
    _BaseLoader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class _CoreSchemaLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Loader whose implicit types are YAML 1.2 core only: null, true/false, decimal numbers."""

    yaml_implicit_resolvers: dict = {}


_CoreSchemaLoader.add_implicit_resolver(BOOL, re.compile(r"^(?:true|false)$"), list("tf"))
_CoreSchemaLoader.add_implicit_resolver(INT, INT_SHAPE, list("-+0123456789"))
_CoreSchemaLoader.add_implicit_resolver(FLOAT, FLOAT_SHAPE, list("-+0123456789."))
_CoreSchemaLoader.add_implicit_resolver(NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


def _resolve(self, kind, value, implicit):  # type: ignore[no-untyped-def]
    """The same answers as the implicit resolvers above, in one step.

    libyaml calls back into Python for every scalar; PyYAML's generic resolver loops over
    lists per call and took half of the composing time on a large tree.
    """
    if kind is yaml.ScalarNode:
        return plain_tag(value) if implicit[0] else STR
    return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


_CoreSchemaLoader.resolve = _resolve

Key = tuple[str | int, ...]


@dataclass(frozen=True)
class Source:
    """Where a piece of content came from: its file and the line of each key."""

    path: str
    """Path relative to the content root, with forward slashes."""
    lines: Mapping[Key, int] = field(default_factory=lambda: MappingProxyType({}), compare=False, repr=False)
    """Line of every key path in the data; the root is ``()``."""

    def line(self, *keys: str | int) -> int:
        """Line of ``keys``, or of the nearest enclosing key that has one."""
        path = tuple(keys)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (_source, (self.path, self.lines if isinstance(self.lines, LineTable) else dict(self.lines)))


def _source(path: str, lines: dict[Key, int] | LineTable) -> Source:
    return Source(path, lines if isinstance(lines, LineTable) else MappingProxyType(lines))


def _walk(value: object, keys: Key, numbers: Iterator[int], table: dict[Key, int]) -> None:
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        path = (*keys, key)
        table[path] = next(numbers)
        _walk(child, path, numbers, table)


class LineTable(Mapping[Key, int]):
    """The line of every key path, kept as the data and the lines in the order a walk through it
    meets them (the root first, then each key before its value, each list item in turn).

    Nearly every line is never asked for: problems are rare. So the table of key paths is made
    on first use, and the lines cross between processes and into the cache as a short list.
    """

    __slots__ = ("_data", "_numbers", "_table")

    def __init__(self, data: object, numbers: Sequence[int]) -> None:
        self._data = data
        self._numbers = numbers
        self._table: dict[Key, int] | None = None

    def _lines(self) -> dict[Key, int]:
        if self._table is None:
            table: dict[Key, int] = {(): self._numbers[0]}
            numbers = iter(self._numbers[1:])
            try:
                _walk(self._data, (), numbers, table)
                fits = next(numbers, None) is None
            except StopIteration:
                fits = False
            if not fits:
                raise RuntimeError("the data changed after it was read: its lines no longer fit it")
            self._table = table
        return self._table

    @property
    def numbers(self) -> Sequence[int]:
        """The lines in the order of the walk."""
        return self._numbers

    def __getitem__(self, keys: Key) -> int:
        return self._lines()[keys]

    def __contains__(self, keys: object) -> bool:
        return keys in self._lines()

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._lines())

    def __len__(self) -> int:
        return len(self._lines())

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (LineTable, (self._data, self._numbers))


@dataclass(frozen=True)
class Parsed:
    """Plain data read from YAML, with its source locations, or the problems that prevented it."""

    data: object
    source: Source
    problems: tuple[Problem, ...] = ()
    body: str = ""
    """Markdown after the front matter (documents only)."""
    body_line: int = 1
    """Line on which the body starts."""
    has_float: bool = False
    """Whether any value was read as a decimal number (see ``SchemaSet.validate``)."""

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Results cross process boundaries when a large tree is read in parallel, and are cached.
        return (Parsed, (self.data, self.source, self.problems, self.body, self.body_line, self.has_float))


class _Builder:
    def __init__(self, path: str, line_offset: int) -> None:
        self.path = path
        self.offset = line_offset
        self.lines: dict[Key, int] = {}
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.has_float = False

    def plain(self, node: yaml.Node) -> bool:
        """A string scalar met for the first time: most nodes, taken without a call to ``build``."""
        if node.__class__ is yaml.ScalarNode and node.tag == STR and id(node) not in self.seen:
            self.seen.add(id(node))
            return True
        return False

    def line_of(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def build(self, node: yaml.Node, keys: Key) -> object:
        # An alias (*name) makes the composer hand back the same node again. Owners have no
        # use for them, and a self-referencing or nested alias would recurse or blow up.
        if id(node) in self.seen:
            self.problems.append(
                error(
                    self.path,
                    self.line_of(node),
                    "E-YAML",
                    "ett värde hänvisar till ett annat med & och * (till exempel *namn), och det går inte i uppgifterna",
                    json_path(keys),
                    "skriv ut värdet i stället; står & eller * först i en text, sätt citattecken runt texten",
                )
            )
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            result: dict[str, object] = {}
            for key_node, value_node in node.value:
                key = key_node.value if self.plain(key_node) else self.build(key_node, keys)
                if not isinstance(key, str):
                    key = str(key)
                line = key_node.start_mark.line + 1 + self.offset
                if key in result:
                    self.problems.append(
                        error(
                            self.path,
                            line,
                            "E-YAML",
                            f"fältet '{key}' står två gånger",
                            json_path(keys + (key,)),
                            f"ta bort den ena raden; den första står på rad {self.lines[keys + (key,)]}",
                        )
                    )
                    continue
                self.lines[keys + (key,)] = line
                result[key] = value_node.value if self.plain(value_node) else self.build(value_node, keys + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.lines[keys + (index,)] = item.start_mark.line + 1 + self.offset
                items.append(item.value if self.plain(item) else self.build(item, keys + (index,)))
            return items
        return self.scalar(node, keys)

    def scalar(self, node: yaml.ScalarNode, keys: Key) -> object:
        try:
            value = value_of(node.tag, node.value)
        except ValueError:
            self.problems.append(
                error(self.path, self.line_of(node), "E-YAML", f"'{node.value}' är inget tal", json_path(keys))
            )
            return node.value
        self.has_float |= node.tag == FLOAT
        return value


_YAML_REASONS = (
    ("found a tab character", "raden har ett tabbtecken där det ska vara mellanslag; använd mellanslag för indrag"),
    ("mapping values are not allowed", "ett kolon står där det inte får stå; sätt citattecken runt texten"),
    ("could not find expected ':'", "ett kolon saknas efter fältnamnet"),
    ("cannot start any token", "raden har ett tecken som inte får inleda ett värde (ofta tabb, @ eller `); använd mellanslag eller citattecken"),
    ("found unexpected end of stream", "ett citattecken eller en hakparentes avslutas aldrig"),
    ("did not find expected key", "indraget stämmer inte med raderna ovanför"),
    ("did not find expected node content", "ett värde saknas eller en lista avslutas aldrig"),
    ("found undefined alias", "hänvisning med * till något som inte finns"),
    ("expected a single document", "filen har en rad --- mitt i uppgifterna; en fil har bara en uppsättning uppgifter"),
)


def _explain(reason: str) -> str:
    """Swedish words for the libyaml messages owners meet; libyaml's own English, quoted, only for one not listed."""
    for needle, swedish in _YAML_REASONS:
        if needle in reason:
            return swedish
    return f"något på raden följer inte formen för uppgifter (tekniskt: '{reason}')"


_INDENTED_KEY = re.compile(r"^( +)[^\s:#'\"\[{-][^\s:]*$")
"""The start of a line up to libyaml's complaint that is only spaces and a field name: the field is indented wrongly."""


def _indentation(text: str, index: int, column: int, technical: str) -> tuple[str, str] | None:
    """Words for a field indented more or less than the fields around it, with the line shown;
    None for any other cause. libyaml calls such a line a colon out of place (``owner:`` then
    ``   contact:`` one space too deep reads as the text before it going on), or a key not found."""
    lines = text.split("\n")
    if index >= len(lines):
        return None
    current = lines[index]
    if "did not find expected key" not in technical and not (
        "mapping values are not allowed" in technical and _INDENTED_KEY.match(current[:column])
    ):
        return None
    above = next((line for line in reversed(lines[:index]) if line.strip() and not line.lstrip().startswith("#")), "")
    spaces, spaces_above = len(current) - len(current.lstrip(" ")), len(above) - len(above.lstrip(" "))
    shown = current.strip()
    reason = (
        f"indraget stämmer inte: raden börjar med {_spaces(spaces)}, raden ovanför med {_spaces(spaces_above)}: '{shown}'"
        if spaces != spaces_above
        else f"indraget stämmer inte med raderna ovanför: '{shown}'"
    )
    hint = (
        "fel indrag (mellanslagen i början av raden): en rad i samma grupp eller lista ska börja exakt under raden "
        f"ovanför, en rad som hör till fältet ovanför två mellanslag längre in; rätta raden '{current.rstrip()}'. "
        "Övriga fel i uppgifterna visas först när det här är rättat"
    )
    return reason, hint


def _spaces(n: int) -> str:
    return "1 mellanslag" if n == 1 else f"{n} mellanslag"


def parse_yaml(text: str, path: str, line_offset: int = 0) -> Parsed:
    """Compose ``text`` as one YAML document; ``line_offset`` is added to every line."""
    plain = yamlfast.read(text, line_offset)
    return compose_yaml(text, path, line_offset) if plain is None else _plain(path, plain)


def _plain(path: str, plain: tuple[object, list[int], bool]) -> Parsed:
    data, numbers, has_float = plain
    return Parsed(data, Source(path, LineTable(data, numbers)), has_float=has_float)


def compose_yaml(text: str, path: str, line_offset: int = 0) -> Parsed:
    """``parse_yaml`` through libyaml, for any text: what ``yamlfast`` declines, and the measure it is held to."""
    loader = _CoreSchemaLoader(text)
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, ValueError) as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + 1 if mark else 1) + line_offset
        technical = getattr(exc, "problem", None) or str(exc)
        indent = _indentation(text, mark.line, mark.column, technical) if mark else None
        reason, hint = indent or (
            _explain(technical),
            "kontrollera indrag, kolon och citattecken på raden och raden ovanför; övriga fel i uppgifterna visas först när det här är rättat",
        )
        return Parsed(None, Source(path), (error(path, line, "E-YAML", f"uppgifterna går inte att läsa: {reason}", hint=hint),))
    finally:
        loader.dispose()
    if node is None:
        return Parsed(None, Source(path, MappingProxyType({(): 1 + line_offset})))
    builder = _Builder(path, line_offset)
    builder.lines[()] = builder.line_of(node)
    data = builder.build(node, ())
    return Parsed(data, Source(path, MappingProxyType(builder.lines)), tuple(builder.problems), has_float=builder.has_float)


FENCE = re.compile(r"^---[ \t]*$")
"""The line that opens a document's front matter."""
END_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
"""The line that closes it (YAML's document end ``...`` too)."""
_FENCE_LINE = re.compile(r"(?:---|\.\.\.)[ \t]*")
"""END_FENCE without its anchors, to match a line inside a text (``^`` only matches at the text's start)."""
_OTHER_BREAKS = re.compile("[\r\v\f\x1c-\x1e\x85\u2028\u2029]")
"""Where ``str.splitlines`` ends a line besides \\n."""


def _closing_fence(text: str, first: int) -> tuple[int, int] | None:
    """Where the first line after the one ending at ``first`` that closes front matter starts and
    ends, splitting lines at \\n only."""
    at = first
    while True:
        dashes = text.find("\n---", at)
        dots = text.find("\n...", at, dashes if dashes >= 0 else len(text))
        at = dots if dots >= 0 else dashes
        if at < 0:
            return None
        end = text.find("\n", at + 1)
        end = len(text) if end < 0 else end
        if _FENCE_LINE.fullmatch(text, at + 1, end):
            return at + 1, end
        at += 1


def parse_front_matter(text: str, path: str) -> Parsed:
    """Split a Markdown document into front matter (parsed) and body."""
    text = text.removeprefix("\ufeff")
    first = text.find("\n")
    end = _closing_fence(text, first) if first > 0 and FENCE.match(text, 0, first) else None
    if end is not None:
        # The usual document: found without splitting a long body into lines, as the loop below does.
        # That loop also ends lines at \r, \x0c, \u2028 …; the fast reader reads no head with one.
        head = text[first + 1 : end[0]]
        plain = yamlfast.read(head, 1)
        if plain is not None or not _OTHER_BREAKS.search(head):
            parsed = _plain(path, plain) if plain is not None else compose_yaml(head, path, 1)
            body_line = text.count("\n", 0, end[0]) + 2
            return Parsed(parsed.data, parsed.source, parsed.problems, text[end[1] + 1 :], body_line, parsed.has_float)
    lines = text.splitlines(keepends=True)
    if not lines or not FENCE.match(lines[0].rstrip("\r\n")):
        return Parsed(
            None,
            Source(path),
            (
                error(
                    path,
                    1,
                    "E-FILE",
                    "filen är inget dokument: den börjar inte med uppgiftsdelen mellan två rader ---",
                    hint="ett dokument börjar med en rad ---, sedan uppgifterna (id, title, type …), sedan en rad --- och därefter texten",
                ),
            ),
        )
    for index in range(1, len(lines)):
        if END_FENCE.match(lines[index].rstrip("\r\n")):
            parsed = parse_yaml("".join(lines[1:index]), path, line_offset=1)
            return Parsed(parsed.data, parsed.source, parsed.problems, "".join(lines[index + 1 :]), index + 2, parsed.has_float)
    return Parsed(
        None,
        Source(path),
        (error(path, 1, "E-YAML", "uppgiftsdelen överst avslutas aldrig med en rad ---"),),
    )
