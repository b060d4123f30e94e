"""The fast scan for personal numbers finds exactly what the full pattern finds, everywhere."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from samverkan.core import personnummer


@given(st.text(alphabet="0123456789-+ \nx", max_size=80))
def test_trying_only_where_six_digits_start_finds_the_same_numbers_as_trying_everywhere(text):
    fast = [m.span() for m in personnummer._numbers(text)]
    assert fast == [m.span() for m in personnummer._NUMBER.finditer(text)]


def test_the_scan_still_finds_a_number_after_a_long_run_of_other_digits():
    text = "ärende 1234567890123 och 811218-9801"
    assert [m.group(0) for m in personnummer._numbers(text)] == ["811218-9801"]
