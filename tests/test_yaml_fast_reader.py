"""The fast reader of plain front matter gives exactly what libyaml gives, or declines.

Whatever it reads must be the same data, the same types, the same line for every key and
list item; everything else (broken files included) goes to libyaml, whose messages owners see.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO
from hypothesis import given, settings
from hypothesis import strategies as st
from samverkan.core import yamlfast
from samverkan.core.yamlsource import LineTable, _closing_fence, compose_yaml, parse_front_matter, parse_yaml

PATH = "routines/sip/dokument.md"


def assert_same_as_libyaml(text: str, offset: int = 1) -> bool:
    """True when the fast reader read ``text``; then everything equals libyaml's reading."""
    fast = yamlfast.read(text, offset)
    if fast is None:
        return False
    expected = compose_yaml(text, PATH, offset)
    assert expected.problems == (), text
    parsed = parse_yaml(text, PATH, offset)
    assert parsed.data == expected.data and repr(parsed.data) == repr(expected.data), text  # True is not 1
    assert list(parsed.data) == list(expected.data) if isinstance(expected.data, dict) else True, text
    assert dict(parsed.source.lines) == dict(expected.source.lines), text
    assert parsed.has_float == expected.has_float, text
    return True


def front_matters() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "routines").rglob("*.md"))]
    texts += [p.read_bytes().decode("utf-8", "replace") for p in sorted(FIXTURES.rglob("*.md"))]
    return [t.split("\n---\n", 1)[0].removeprefix("---\n") for t in texts if t.startswith("---\n") and "\n---\n" in t]


def test_every_example_and_fixture_reads_the_same_and_most_take_the_fast_way():
    yaml_files = [p.read_bytes().decode("utf-8", "replace") for p in sorted([*(REPO / "roles").rglob("*.yml"), *FIXTURES.rglob("*.yml")])]
    read = [assert_same_as_libyaml(text) for text in front_matters() + yaml_files]
    assert sum(read) > 0.7 * len(read) > 20


@pytest.mark.parametrize(
    ("text", "fast"),
    [
        ("id: A\nrevision: 2\nratio: 1.5\nflag: true\nnone: ~\nempty:\nsfs: 2017:612\nday: 2026-02-30\n", True),
        ("list:\n- a\n- b: 1\n  c: 'it''s'\nnext: \"x\"  # comment\n", True),
        ("owner:\n    role: x\n  contact: y\n", False),  # an indent that fits no key: libyaml's error
        ("title: a: b\n", False),
        ("id: A\nid: B\n", False),  # duplicate: libyaml's message
        ("text: >-\n  folded\n  lines\n\n  paragraph\nnext: |\n  kept\n    deeper\n\n  # not a comment\nend: x\n", True),
        ("- |-\n  item text\n- >\n  last\n  item", True),
        ("text: >\n  folded\n    deeper\n", False),  # folding around a deeper line: left to libyaml
        ("text: |+\n  kept\n\n", False),
        ("text: |2\n   indicated\n", False),
        ("text: |\n\n  after a blank\n", False),
        ("text: |\nnext: x\n", False),
        ("text: first\n  second line\n", False),
        ("tags: [a, b]\n", False),
        ("a: &x 1\nb: *x\n", False),
        ("a:\tb\n", False),
        ("true: 1\n", False),
        ("quote: \"a\\nb\"\n", False),
        ("big: " + "9" * 5000 + "\n", False),
    ],
)
def test_what_the_fast_reader_takes_and_what_it_leaves_to_libyaml(text, fast):
    assert assert_same_as_libyaml(text) is fast
    assert parse_yaml(text, PATH, 1).problems == compose_yaml(text, PATH, 1).problems


KEYS = ("id", "title", "a", "b", "roles", "true", "x.y", "k-1", "_k")
VALUES = (
    "", " ", "text", "två ord", "1", "-1", "+2", "01", "1.5", ".5", "1e3", "1.0", "0x1F", "true", "false", "no", "null",
    "~", "NULL", "2017:612", "a: b", "a:", "a #c", "a#c", "#c", "'q'", "'it''s'", "'open", '"d"', '"d" #c', '"a\\"b"',
    "-", "- x", "-x", "[a]", "{a: b}", "&a x", "*a", "!t x", "|", ">", "@x", "`x", "%x", "?x", "? x", ":x", ",x", "§ 5",
    "https://x.se/a?b=c", "\u2028", "\x85", "\t", "a\tb", ">-", "|-", "|+", "|2", "> #c", "|x",
)
line = st.builds(
    lambda indent, dash, key, colon, value, trail: " " * indent + dash + (key + colon if key else "") + value + trail,
    st.integers(0, 6),
    st.sampled_from(("", "", "- ", "-  ", "-", "- - ")),
    st.sampled_from((*KEYS, "")),
    st.sampled_from((": ", ":", " :", ":  ")),
    st.sampled_from(VALUES),
    st.sampled_from(("", "", " ", "  # note")),
)
yaml_texts = st.lists(line | st.sampled_from(("", "# comment", "  # comment", "---", "...")), max_size=14).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(yaml_texts)
def test_any_text_reads_as_libyaml_reads_it_or_goes_to_libyaml(text):
    assert_same_as_libyaml(text)
    assert_same_as_libyaml(text + "\n", offset=0)


def split_by_lines(text: str) -> tuple[str, str, int] | None:
    """Head, body and the body's first line, found as the reader always did: line by line."""
    lines = text.splitlines(keepends=True)
    ends = [i for i in range(1, len(lines)) if re.match(r"^(?:---|\.\.\.)[ \t]*$", lines[i].rstrip("\r\n"))]
    return ("".join(lines[1 : ends[0]]), "".join(lines[ends[0] + 1 :]), ends[0] + 2) if ends else None


@settings(max_examples=100, deadline=None)
@given(yaml_texts, st.sampled_from(("", "\n", "\nText.\n", "\n\r\nText\x0c.\n", "\x0c\n")))
def test_front_matter_splits_as_line_by_line(head, body):
    text = "---\n" + head + "\n---" + body
    parsed = parse_front_matter(text, PATH)
    split = split_by_lines(text)
    if split is None:
        assert [p.message for p in parsed.problems] == ["uppgiftsdelen överst avslutas aldrig med en rad ---"]
        return
    head, body, body_line = split
    expected = compose_yaml(head, PATH, 1)
    assert (parsed.body, parsed.body_line) == (body, body_line)
    assert parsed.problems == expected.problems and parsed.data == expected.data


def test_the_lines_travel_as_a_short_list_and_are_the_same_after():
    text = "id: A\nlist:\n  - a\n  - b: 1\n    c:\n      - d\nlast: x\n"
    parsed = parse_yaml(text, PATH)
    assert isinstance(parsed.source.lines, LineTable)
    copy = pickle.loads(pickle.dumps(parsed))
    assert dict(copy.source.lines) == dict(compose_yaml(text, PATH).source.lines)
    assert copy.source.line("list", 1, "c", 0) == 6 and copy.source.line("nothing") == 1


def test_data_changed_after_reading_is_a_loud_error_not_wrong_lines():
    parsed = parse_yaml("a: 1\nb: 2\n", PATH)
    parsed.data["c"] = 3  # type: ignore[index]
    with pytest.raises(RuntimeError):
        parsed.source.line("a")


def test_a_file_with_tabs_or_windows_line_ends_is_read_by_libyaml(tmp_path: Path):
    assert yamlfast.read("a: 1\r\nb: 2\r\n") is None
    assert yamlfast.read("a:\n\t- b\n") is None


# Whole front matters, made the way owners write them (nested keys, lists of keys, block
# text, comments), sometimes with one line spoiled: most take the fast way, so each case
# compares the two readers on something both read.
WORDS = (*VALUES, *8 * ("text", "two words", "Protokoll 2024-12-11 § 5", "2026-01-01", "'quoted'", '"dq"', "12", "1.5"))
BLOCK_LINES = ("line", "  deeper", "", "# hash", "- dash", "key: v", "trail  ")


def _node(r, depth: int):  # type: ignore[no-untyped-def]
    k = r.random()
    if depth > 3 or k < 0.5:
        return ("scalar", r.choice(WORDS))
    if k < 0.55:
        return ("block", r.choice(("|", "|-", ">", ">-")), [r.choice(BLOCK_LINES) for _ in range(r.randint(1, 4))])
    if k < 0.8:
        return ("map", [(key, _node(r, depth + 1)) for key in r.sample(KEYS, r.randint(1, 4))])
    return ("list", [_node(r, depth + 1) for _ in range(r.randint(1, 4))])


def _emit(node, indent: int, r, out: list[str], prefix: str) -> None:  # type: ignore[no-untyped-def]
    """Write ``node``; ``prefix`` is what already stands on its first line (``key:`` or a dash)."""
    if node[0] in ("scalar", "block"):
        out.append(prefix + (" " if prefix.endswith(":") else "") + node[1])
        if node[0] == "block":
            column = indent + r.choice((1, 2, 2, 4))
            out += [" " * column + line if line else r.choice(("", " " * column)) for line in node[2]]
    elif node[0] == "map":
        for i, (key, value) in enumerate(node[1]):
            if i == 0 and prefix.endswith("- "):
                head = prefix + key + ":"
            else:
                if i == 0 and prefix:
                    out.append(prefix)
                head = " " * indent + key + ":"
            if value[0] == "map":
                out.append(head)
                _emit(value, indent + r.choice((1, 2, 2, 4)), r, out, "")
            elif value[0] == "list":
                out.append(head)
                _emit(value, indent + r.choice((0, 2, 2)), r, out, "")
            else:
                _emit(value, indent, r, out, head)
            if r.random() < 0.05:
                out.append(r.choice(("", "# c", " " * indent + "# c")))
    else:
        if prefix:
            out.append(prefix)
        for item in node[1]:
            dash = " " * indent + r.choice(("- ", "- ", "-  "))
            if item[0] == "list":
                out.append(dash.rstrip())
                _emit(item, indent + 2, r, out, "")
            else:
                _emit(item, len(dash), r, out, dash)


def _spoil(lines: list[str], r) -> None:  # type: ignore[no-untyped-def]
    i = r.randrange(len(lines))
    how = r.random()
    if how < 0.3:
        lines[i] = " " + lines[i]
    elif how < 0.5:
        lines[i] = lines[i][1:]
    elif how < 0.7:
        lines.insert(i, r.choice(VALUES))
    elif how < 0.85:
        lines[i] += r.choice((" #x", ":", " x", "  "))
    else:
        del lines[i]


@settings(max_examples=300, deadline=None)
@given(st.randoms(use_true_random=False))
def test_front_matter_as_owners_write_it_reads_as_libyaml_reads_it(r):
    root = ("map", [(key, _node(r, 1)) for key in r.sample(KEYS, r.randint(1, 6))]) if r.random() < 0.8 else ("list", [_node(r, 1) for _ in range(3)])
    out: list[str] = []
    _emit(root, 0, r, out, "")
    if r.random() < 0.3:
        _spoil(out, r)
    assert_same_as_libyaml("\n".join(out) + r.choice(("", "\n")))


@pytest.mark.parametrize(
    ("text", "fence"),
    [
        ("---\nid: A\n---\nBody\n", (10, 13)),
        ("---\nid: A\n----\n--- x\n... \nBody", (21, 25)),
        ("---\nid: A\n---", (10, 13)),
        ("---\nid: A\n", None),
    ],
)
def test_the_closing_fence_is_found_without_splitting_the_text_into_lines(text, fence):
    assert _closing_fence(text, text.index("\n")) == fence
