"""The runs of digits a personal number can start are found in a file's bytes exactly where the
regular expression finds them in its text, and the scan from them finds the same numbers."""

from __future__ import annotations

from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st
from samverkan.core import personnummer
from samverkan.core.fileread import analyse
from samverkan.core.schemas import SchemaSet

texts = st.lists(st.sampled_from(("0", "1", "9", " ", "-", "+", "\n", "å", "–", "😀", "811218-9801", "19811218-9801", "2017:612")), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_runs_found_in_the_bytes_are_those_in_the_text(text):
    starts = personnummer.number_starts(text.encode("utf-8"))
    assert starts == [run.start() for run in personnummer._SIX_DIGITS.finditer(text)]
    none = frozenset[str]()
    assert list(personnummer.find_personal_numbers(text, none, starts)) == list(personnummer.find_personal_numbers(text, none))


def test_a_file_with_windows_line_ends_is_scanned_on_its_own():
    data = "---\r\nid: A\r\n---\r\n\r\nPatienten 811218-9801.\r\n".encode()
    [problem] = [p for p in analyse("routines/a.md", "document", data, SchemaSet.load(REPO / "schema")).problems if p.code == personnummer.CODE]
    assert (problem.line, "(81xxxx-xxxx)" in problem.message) == (5, True)
