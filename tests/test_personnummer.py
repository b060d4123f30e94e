"""Personal identity and coordination numbers: found in every spelling, masked, and not confused with
the other numbers governing documents are full of."""

from __future__ import annotations

import pytest
from samverkan.core.personnummer import (
    NumberKind,
    default_allowed,
    find_personal_numbers,
    luhn_valid,
    mask_personal_numbers,
    personal_number_problems,
    read_allow_list,
)


def check_digit(nine: str) -> str:
    """The Luhn digit that completes ``nine`` (YYMMDDNNN), computed here independently of the module."""
    for digit in "0123456789":
        total = sum(sum(divmod(int(c) * (2 - i % 2), 10)) for i, c in enumerate(nine + digit))
        if total % 10 == 0:
            return digit
    raise AssertionError(nine)


COORDINATION = "811278-980" + check_digit("811278980")
"""Born 18 December 1981, day + 60: a samordningsnummer."""


@pytest.mark.parametrize("written", ["811218-9801", "19811218-9801", "8112189801", "811218+9801", "198112189801"])
def test_every_spelling_in_the_issue_is_found_and_masked(written):
    [match] = find_personal_numbers(f"Patienten {written} skrevs ut.", allowed=frozenset())
    assert match.kind is NumberKind.PERSONNUMMER
    assert (match.line, match.column) == (1, 11)
    assert len(match.masked) == len(written) and "9801" not in match.masked and "1218" not in match.masked
    assert match.masked.startswith(written[:4] if len(written.replace("-", "").replace("+", "")) == 12 else written[:2])


def test_a_coordination_number_is_the_birth_day_plus_sixty():
    [match] = find_personal_numbers(f"Samordningsnummer {COORDINATION}", allowed=frozenset())
    assert match.kind is NumberKind.SAMORDNINGSNUMMER and match.kind.is_coordination
    assert match.masked == "81xxxx-xxxx"


def test_line_and_column_are_counted_from_one_across_lines():
    text = "första raden\n\nen rad med 811218-9801 och\n  19811218-9801\n"
    assert [(m.line, m.column) for m in find_personal_numbers(text, allowed=frozenset())] == [(3, 12), (4, 3)]


@pytest.mark.parametrize(
    "text",
    [
        "811218-9802",  # wrong check digit
        "811318-9803",  # month 13
        "810230-9800",  # 30 February
        "811292-9804",  # day 92 is neither a day nor a day + 60
        "Ring 010-123 45 67 eller 08-123 456 78.",
        "Lag (2017:612) om samverkan, SFS 2001:453 och 2010:659.",
        "Diarienummer RS 2024/0715 och KS 2023/1187.",
        "Postnummer 123 45 och 981 38 Kiruna.",
        "Giltigt 2026-12-01 till 2028-11-30, beslut 20261201.",
        "Dokument EXL-UTS-001, 09-412377 och TST-012.",
        "Organisationsnummer 232100-0016 (regionen) och 212000-2411.",
        "Kod 1234567890123 och 81121898011.",  # longer digit runs are not numbers of ten or twelve
    ],
)
def test_other_numbers_are_not_taken_for_personal_numbers(text):
    assert list(find_personal_numbers(text, allowed=frozenset())) == []


def test_the_check_digit_helper_agrees_with_the_module():
    assert luhn_valid("811218980" + check_digit("811218980"))
    assert check_digit("811218980") == "1"  # the issue's example is a valid number


def test_an_allowed_test_number_is_not_reported_in_either_length():
    allowed = read_allow_list("# Skatteverkets testpersonnummer\n19811218-9801  # exempel\n\n")
    assert allowed == frozenset({"198112189801"})
    assert list(find_personal_numbers("811218-9801 och 198112189801", allowed=allowed)) == []
    assert [m.masked for m in find_personal_numbers(f"811218-9801 {COORDINATION}", allowed=allowed)] == ["81xxxx-xxxx"]


def test_the_shipped_allow_list_holds_only_twelve_digit_numbers():
    assert all(len(number) == 12 and number.isdigit() for number in default_allowed())


def test_masking_keeps_the_text_and_its_length_and_hides_the_number():
    text = "Pat. 811218-9801, tel 010-123 45 67, SFS 2017:612.\nNästa rad 198112189801."
    masked = mask_personal_numbers(text, allowed=frozenset())
    assert masked == "Pat. 81xxxx-xxxx, tel 010-123 45 67, SFS 2017:612.\nNästa rad 1981xxxxxxxx."
    assert mask_personal_numbers("inga nummer här 2026-12-01", allowed=frozenset()) == "inga nummer här 2026-12-01"


def test_the_tip_tells_the_owner_what_to_write_and_no_file_of_the_program():
    [problem] = personal_number_problems("Patient 811218-9801 skrivs in.", "routines/a.md")
    assert "tools/" not in problem.hint and ".txt" not in problem.hint
    assert "ÅÅÅÅMMDD-XXXX" in problem.hint
    assert list(personal_number_problems("Skriv numret som ÅÅÅÅMMDD-XXXX.", "routines/a.md")) == []  # the advice passes


def test_the_message_shows_the_number_masked_and_not_the_words_around_it():
    line = "Vid utskrivningen den 2026-05-04 var patienten Alva Ek 811218-9801 och hennes make 8112189801 på plats."
    first, second = personal_number_problems("Rubrik\n" + line + "\n", "routines/a.md")
    assert (first.line, second.line) == (2, 2)
    assert "(81xxxx-xxxx)" in first.message and "(81xxxxxxxx)" in second.message
    assert "9801" not in first.message + second.message
    assert "Alva" not in first.message + second.message and "tecken" not in first.message
