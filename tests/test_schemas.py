"""The JSON Schemas are complete, documented in Swedish, agree with the model, and word every complaint in Swedish."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, REPO
from samverkan.core import model
from samverkan.core.loader import load
from samverkan.core.schemas import KINDS, SchemaSet
from samverkan.core.yamlsource import parse_front_matter

SCHEMA_DIR = REPO / "schema"


@pytest.fixture(scope="module")
def schemas() -> SchemaSet:
    return SchemaSet.load(SCHEMA_DIR)


def _all_schemas():
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMA_DIR.glob("*.schema.json"))}


def _fields(node, where="$"):
    """Every declared field (property or list item) in a schema, with its location."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{where}.{name}", sub
            yield from _fields(sub, f"{where}.{name}")
        if isinstance(node.get("items"), dict):
            yield f"{where}[]", node["items"]
            yield from _fields(node["items"], f"{where}[]")
        for name, sub in node.get("$defs", {}).items():
            yield f"{where}#{name}", sub
            yield from _fields(sub, f"{where}#{name}")


@pytest.mark.parametrize("name", sorted(_all_schemas()))
def test_schema_is_draft_2020_12_with_id_and_swedish_help_on_every_field(name):
    schema = _all_schemas()[name]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/" + name)
    missing = [where for where, sub in _fields(schema) if not (sub.get("title") and sub.get("description"))]
    assert missing == [], f"fields without title/description: {missing}"


def test_there_is_a_schema_for_every_kind_of_content():
    assert {n.removesuffix(".schema.json") for n in _all_schemas()} >= set(KINDS)


@pytest.mark.parametrize(
    ("enum", "schema", "path"),
    [
        (model.DocType, "document", ("properties", "type", "enum")),
        (model.Status, "document", ("properties", "status", "enum")),
        (model.PartyKind, "party", ("properties", "kind", "enum")),
        (model.Frequency, "common", ("$defs", "frequency", "enum")),
    ],
)
def test_model_enums_match_the_schema(enum, schema, path):
    node = _all_schemas()[f"{schema}.schema.json"]
    for key in path:
        node = node[key]
    assert [member.value for member in enum] == node
    assert all(member.label for member in enum)


def test_example_content_is_accepted_by_every_schema(schemas):
    result = load(REPO, schemas)
    unreadable = [p for p in result.problems if p.code in {"E-SCHEMA", "E-YAML", "E-DATE", "E-FILE"}]
    assert unreadable == []
    assert result.files_read == len(result.corpus.documents) + len(result.corpus.roles) + len(result.corpus.forums) + len(
        result.corpus.parties
    ) + 2  # + the law register and the thesaurus


VALID_DOC = (FIXTURES / "valid" / "routines" / "utskrivning" / "rutin.md").read_text(encoding="utf-8")


def _validate(schemas: SchemaSet, old: str, new: str):
    assert old in VALID_DOC
    parsed = parse_front_matter(VALID_DOC.replace(old, new, 1), "d.md")
    assert parsed.problems == ()
    return list(schemas.validate("document", parsed.data, parsed.source))


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("applies_to: [region-test, kommun-test]", "applies_to: []", 16, "Gäller för (applies_to) får inte vara tom"),
        ("areas: [utskrivning]", "areas: [utskrivning, utskrivning]", 17, "innehåller samma värde mer än en gång"),
        ("revision: 2", "revision: 0", 5, "Revisionsnummer (revision) ska vara minst 1"),
        ("revision: 2", "revision: 2.0", 5, "Revisionsnummer (revision) ska vara ett heltal, men är ett tal"),
        ("revision: 2", "review_interval_months: 500\nrevision: 2", 5, "får vara högst 120"),
        ('  - document: TST-002', '  - document: TST-002\n    law: "2017:612"', 22, "fyll i precis ett av alternativen"),
        ("title: Rutin för utskrivning", 'title: " "', 3, "Dokumentnamn (title) får inte vara tom"),
        ("role: processledare", "role: Processledare", 10, "'Processledare' har fel form"),
        ("contact: processledare@region-test.example", "contact: processledare", 11, "Kontakt (contact): 'processledare' har fel form"),
        ("url: https://www.socialstyrelsen.se/", "url: www.socialstyrelsen.se", 23, "Webbadress (url)"),
        ("status: approved", "status: [approved]", 6, "Status (status)"),
        ("owner:\n  role: processledare\n  contact: processledare@region-test.example\n", "owner: processledare\n", 9, "Dokumentägare (owner) ska vara en grupp av fält, men är text"),
    ],
)
def test_each_kind_of_schema_violation_is_worded_in_swedish(schemas, old, new, line, words):
    problems = _validate(schemas, old, new)
    assert problems, "the change should break the schema"
    first = problems[0]
    assert words in first.message
    assert first.line == line
    assert first.code in {"E-SCHEMA", "E-DATE"}
    assert not any(english in p.message for p in problems for english in (" is not ", " should ", "does not"))


@pytest.mark.parametrize(
    ("written", "tip"),
    [
        ("fastställd", "fastställd skrivs 'approved' i filen"),
        ("Upphävd", "upphävd skrivs 'withdrawn' i filen"),
        ("faststäld", "fastställd skrivs 'approved' i filen"),
        ("aproved", "menade du 'approved'?"),
    ],
)
def test_a_value_written_as_its_swedish_word_gets_the_value_it_means(schemas, written, tip):
    problem = _validate(schemas, "status: approved", f"status: {written}")[0]
    assert tip in problem.hint and problem.hint.endswith("status: " + tip.split("'")[1])


def test_a_field_not_indented_under_its_group_is_told_to_move_in(schemas):
    """`contact:` at the start of the line instead of under `owner:`: one problem, at that line, saying how to fix it."""
    problems = _validate(schemas, "  contact: processledare@region-test.example", "contact: processledare@region-test.example")
    assert [(p.line, p.message) for p in problems] == [(11, "fältet 'contact' hör till 'owner' men står inte indraget under det")]
    assert "under de andra fälten i 'owner'" in problems[0].hint
