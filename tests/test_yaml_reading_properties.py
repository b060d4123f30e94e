"""Property: whatever text an owner saves, the front-matter reader (and the loader around it)
answers with data or with problems located in that file, and never raises."""

from __future__ import annotations

from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samverkan.core.loader import load
from samverkan.core.schemas import SchemaSet
from samverkan.core.yamlsource import parse_front_matter, parse_yaml

PATH = "routines/sip/dokument.md"

FRAGMENTS = (
    "---\n", "...\n", "\n", "\r\n", "  ", "\t", "- ", ": ", ":", "id", "title", "revision", "changelog",
    "2026-02-30", "2017:612", "no", "true", "null", "~", "0x1F", "1e999", "-", "#", "'", '"', "[", "]", "{", "}",
    ",", "&a ", "*a", "*b", "<<: *a", "!!python/object:os.system", "!!binary", "!tag ", "? ", "|\n", ">-\n",
    "\ufeff", "\x00", "\x85", "\u2028", "å", "§", "\\", "%YAML 1.2\n", "@", "`",
)

yamlish = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=60).map("".join)
anything = st.text(max_size=400)


def assert_located(parsed, text: str, offset: int = 0) -> None:  # type: ignore[no-untyped-def]
    """Every problem names the file and a line in it (or the line just after its end)."""
    lines = len(text.splitlines()) + 2 + offset  # YAML also breaks lines at \x85 and \u2028
    for problem in parsed.problems:
        assert problem.path == PATH
        assert 1 <= problem.line <= lines, (problem, text)
        assert problem.code.startswith("E-") and problem.message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(yamlish, anything))
def test_front_matter_reader_never_raises(body):
    text = "---\n" + body if not body.startswith("---") else body
    for candidate in (body, text, text + "\n---\nText.\n"):
        parsed = parse_front_matter(candidate, PATH)
        assert_located(parsed, candidate)  # data None without problems: empty front matter, left to the schema


@settings(max_examples=200, deadline=None)
@given(st.one_of(yamlish, anything))
def test_yaml_reader_never_raises(text):
    parsed = parse_yaml(text, PATH, line_offset=1)
    assert_located(parsed, text, offset=1)


SCHEMAS = SchemaSet.load(REPO / "schema")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=st.binary(max_size=300) | yamlish.map(str.encode), role=st.binary(max_size=200) | yamlish.map(str.encode))
def test_loading_any_bytes_gives_located_problems_never_an_exception(tmp_path, document, role):
    (tmp_path / "routines" / "sip").mkdir(parents=True, exist_ok=True)
    (tmp_path / "roles").mkdir(exist_ok=True)
    (tmp_path / "routines" / "sip" / "dokument.md").write_bytes(b"---\n" + document)
    (tmp_path / "roles" / "roll.yml").write_bytes(role)
    loaded = load(tmp_path, SCHEMAS)
    assert {p.path for p in loaded.problems} <= {"routines/sip/dokument.md", "roles/roll.yml", "roles/laws.yml"}
    assert all(p.line >= 1 and p.message for p in loaded.problems)
