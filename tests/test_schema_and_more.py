"""A document whose front matter the schema refuses is still checked as far as it reads.

tests/fixtures/schema-and-more/ holds one such document with a date that does not exist
(2026-13-01) and, besides it, every other kind of mistake an owner can make in the same file:
misspelled references, a reference of the wrong shape, unsafe HTML, a template instruction
left in, a personal number and a link out of the content folder; and one document whose
front matter does not read at all, with a script in its text. All are reported in one run,
and every document is counted.
"""

from __future__ import annotations

from conftest import FIXTURES
from test_check_command import _golden

TREE = FIXTURES / "schema-and-more"


def test_every_problem_of_a_refused_document_is_reported_at_once(run_check):
    status, out, _ = run_check("--no-base", root=TREE)
    assert status == 1
    _golden("check-schema-and-more.txt", out)


def test_what_is_found_in_the_document_the_schema_refuses(check_json):
    _, report = check_json("--no-base", root=TREE)
    found = {(p["line"], p["code"]) for p in report["problems"] if p["path"] == "routines/utskrivning/fel-datum.md"}
    assert found == {
        (7, "E-DATE"),  # valid_from: 2026-13-01, which kept the document out of the corpus
        (10, "E-REF"),  # owner role 'procesledare'
        (18, "E-REF"),  # party 'kommun-tset'
        (23, "E-SCHEMA"),  # role 'Fel Form': the schema says it, and no E-REF says it again
        (26, "E-REF"),  # document 'TST-099'
        (35, "E-HTML"),  # <img onerror>
        (39, "E-TEMPLATE-TEXT"),  # an approved document with the template's instruction left in
        (41, "E-PERSONNUMMER"),
        (43, "E-LINK"),  # a link out of the content folder
    }


def test_the_text_of_a_document_whose_front_matter_does_not_read_is_still_checked(check_json):
    _, report = check_json("--no-base", root=TREE)
    found = [(p["line"], p["code"]) for p in report["problems"] if p["path"] == "routines/utskrivning/trasig-yaml.md"]
    assert found == [(3, "E-YAML"), (8, "E-HTML")]


def test_every_document_file_is_counted_also_those_left_out(check_json):
    _, report = check_json("--no-base", root=TREE)
    assert report["summary"]["documents"] == 3  # one valid, one refused by the schema, one whose front matter does not read
