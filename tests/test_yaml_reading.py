"""Front matter is read with YAML 1.2 core scalars and exact line numbers."""

from samverkan.core.yamlsource import parse_front_matter, parse_yaml


def test_yaml_11_guesses_are_disabled():
    parsed = parse_yaml("a: no\nb: 2017:612\nc: 2026-02-30\nd: on\ne: 01-794058\nf: true\ng: 7\n", "x.yml")
    assert parsed.data == {"a": "no", "b": "2017:612", "c": "2026-02-30", "d": "on", "e": "01-794058", "f": True, "g": 7}
    assert parsed.problems == ()


def test_every_key_and_list_item_keeps_its_file_line():
    text = "---\n# kommentar\nid: X\nroles:\n  - a\n  - b\nowner:\n  role: r\n---\nBrödtext\n"
    parsed = parse_front_matter(text, "d.md")
    assert parsed.source.line("id") == 3
    assert parsed.source.line("roles", 1) == 6
    assert parsed.source.line("owner", "role") == 8
    assert parsed.source.line("owner", "missing") == 7  # falls back to the enclosing key
    assert parsed.body == "Brödtext\n"
    assert parsed.body_line == 10


def test_duplicate_key_is_reported_at_the_second_occurrence():
    parsed = parse_yaml("id: A\ntitle: T\nid: B\n", "x.yml")
    [problem] = parsed.problems
    assert (problem.line, problem.code) == (3, "E-YAML")
    assert "rad 1" in problem.hint


def test_syntax_error_has_a_swedish_reason_and_a_line():
    parsed = parse_front_matter("---\nid: A\nowner:\n  role: r\n contact: x\n---\n", "d.md")
    [problem] = parsed.problems
    assert (problem.code, problem.line) == ("E-YAML", 5)
    assert "indraget" in problem.message
    assert "expected" not in problem.message  # libyaml's English is for a reason without Swedish words only


def test_a_field_indented_one_space_too_far_is_told_as_indentation_with_the_line_shown():
    # libyaml calls this a colon out of place; advice to add quotation marks would lead the owner astray.
    parsed = parse_front_matter("---\nid: X\nowner:\n  role: r\n   contact: a@b.se\n---\n", "d.md")
    [problem] = parsed.problems
    assert (problem.code, problem.line) == ("E-YAML", 5)
    assert "indraget stämmer inte: raden börjar med 3 mellanslag, raden ovanför med 2 mellanslag" in problem.message
    assert "citattecken" not in problem.message + problem.hint
    assert "fel indrag" in problem.hint and "'   contact: a@b.se'" in problem.hint


def test_a_colon_inside_a_value_still_gets_the_quotation_advice():
    [problem] = parse_yaml("id: X\ntitle: Rutin: vård\n", "x.yml").problems
    assert problem.line == 2 and "sätt citattecken runt texten" in problem.message


def test_markdown_without_front_matter_is_not_a_document():
    [problem] = parse_front_matter("# Rubrik\n", "d.md").problems
    assert problem.code == "E-FILE"


def test_unclosed_front_matter():
    [problem] = parse_front_matter("---\nid: A\n", "d.md").problems
    assert problem.code == "E-YAML"
    assert "avslutas aldrig" in problem.message


def test_aliases_are_refused_not_followed():
    recursive = parse_yaml("keywords: &k [a, *k]\n", "x.yml")
    assert [(p.code, p.line) for p in recursive.problems] == [("E-YAML", 1)]
    nested = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n" for i in range(1, 40))
    parsed = parse_yaml(nested, "x.yml")  # would take longer than the universe's age if expanded
    assert parsed.problems and all(p.code == "E-YAML" for p in parsed.problems)
