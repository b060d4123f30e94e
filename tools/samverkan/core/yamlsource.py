"""Read YAML (whole files or Markdown front matter) keeping the line of every key.

PyYAML's default loader follows YAML 1.1 and guesses types: ``no`` becomes False,
``2017:612`` becomes the sexagesimal integer 121632 and ``2026-02-30`` raises deep
inside the constructor. We compose the node graph ourselves with a resolver that only
knows YAML 1.2's core scalars, so dates and SFS numbers stay strings until the JSON
Schema has checked them, and every value keeps the line it came from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import yaml

from samverkan.core.problems import Problem, error, json_path

try:  # the C composer is several times faster on large trees
    _BaseLoader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class _CoreSchemaLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Loader whose implicit types are YAML 1.2 core only: null, true/false, decimal numbers."""

    yaml_implicit_resolvers: dict = {}


_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"

_CoreSchemaLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|false)$"), list("tf"))
_CoreSchemaLoader.add_implicit_resolver(_INT, re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_CoreSchemaLoader.add_implicit_resolver(
    _FLOAT, re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"), list("-+0123456789.")
)
_CoreSchemaLoader.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])

_STR = "tag:yaml.org,2002:str"
_NUMBER_START = frozenset("-+0123456789.")
_INT_SHAPE = re.compile(r"^[-+]?[0-9]+$")
_FLOAT_SHAPE = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_WORDS = {"true": _BOOL, "false": _BOOL, "~": _NULL, "null": _NULL, "Null": _NULL, "NULL": _NULL, "": _NULL}


def _resolve(self, kind, value, implicit):  # type: ignore[no-untyped-def]
    """The same answers as the implicit resolvers above, in one step.

    libyaml calls back into Python for every scalar; PyYAML's generic resolver loops over
    lists per call and took half of the composing time on a large tree.
    """
    if kind is yaml.ScalarNode:
        if implicit[0]:
            tag = _WORDS.get(value)
            if tag is not None:
                return tag
            if value[0] in _NUMBER_START:
                if _INT_SHAPE.match(value):
                    return _INT
                if _FLOAT_SHAPE.match(value):
                    return _FLOAT
        return _STR
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
        return (_source, (self.path, dict(self.lines)))


def _source(path: str, lines: dict[Key, int]) -> Source:
    return Source(path, MappingProxyType(lines))


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
        if node.__class__ is yaml.ScalarNode and node.tag == _STR and id(node) not in self.seen:
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
                    "hänvisningar med & och * används inte i uppgifterna",
                    json_path(keys),
                    "skriv ut värdet i stället för att hänvisa till det",
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
        value = node.value
        try:
            if node.tag == _INT:
                return int(value)
            if node.tag == _FLOAT:
                self.has_float = True
                return float(value)
        except ValueError:
            self.problems.append(
                error(self.path, self.line_of(node), "E-YAML", f"'{value}' är inget tal", json_path(keys))
            )
            return value
        if node.tag == _BOOL:
            return value == "true"
        if node.tag == _NULL:
            return None
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
    ("expected a single document", "filen innehåller mer än ett YAML-dokument"),
)


def _explain(reason: str) -> str:
    """Swedish words for the libyaml messages owners meet, with the original as locator."""
    for needle, swedish in _YAML_REASONS:
        if needle in reason:
            return f"{swedish} ({reason})"
    return reason


def parse_yaml(text: str, path: str, line_offset: int = 0) -> Parsed:
    """Compose ``text`` as one YAML document; ``line_offset`` is added to every line."""
    loader = _CoreSchemaLoader(text)
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, ValueError) as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + 1 if mark else 1) + line_offset
        reason = _explain(getattr(exc, "problem", None) or str(exc))
        return Parsed(
            None,
            Source(path),
            (
                error(
                    path,
                    line,
                    "E-YAML",
                    f"uppgifterna går inte att läsa: {reason}",
                    hint="kontrollera indrag, kolon och citattecken på raden och raden ovanför",
                ),
            ),
        )
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


def parse_front_matter(text: str, path: str) -> Parsed:
    """Split a Markdown document into front matter (parsed) and body."""
    text = text.removeprefix("\ufeff")
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
