"""Content is untrusted: the HTML allow-list, and what `check` says about markup before publishing.

The hostile fixture tree (tests/fixtures/hostile_html/) puts each way of running script that
owners' text could try into a body, a description or a metadata field.
"""

from __future__ import annotations

import pytest
import yaml
from conftest import FIXTURES, REPO, TODAY
from html_safety import executable
from samverkan.core.html_policy import clean, markdown_findings, url_allowed
from samverkan.core.markdown_html import EXTENSIONS, to_html

HOSTILE = FIXTURES / "hostile_html"

BODY_SPELLINGS = {
    "<script>alert(1)</script>": "",
    '<img src="bild.png" onerror="alert(2)">': '<img src="bild.png">',
    '<svg onload="alert(3)"></svg>': "",
    '<details ontoggle="alert(4)" open><summary>Mer</summary></details>': '<details open=""><summary>Mer</summary></details>',
    '<input onfocus="alert(5)" autofocus>': "",
    '<p onclick="alert(6)">Klicka</p>': "<p>Klicka</p>",
    '<iframe src="javascript:alert(7)"></iframe>': "",
    '<iframe srcdoc="<script>alert(8)</script>"></iframe>': "",
    '<object data="data:text/html,<script>alert(9)</script>"></object>': "",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(10)">': "",
    '<form action="javascript:alert(11)"><button>Skicka</button></form>': "Skicka",
    '<a href="javascript:alert(12)">x</a>': "<a>x</a>",
    '<a href="JaVaScRiPt:alert(13)">x</a>': "<a>x</a>",
    '<a href="java\tscript:alert(14)">x</a>': "<a>x</a>",
    '<a href="&#106;avascript:alert(15)">x</a>': "<a>x</a>",
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>': "<a>x</a>",
    '<img src="javascript:alert(17)" alt="x">': '<img alt="x">',
}


@pytest.mark.parametrize("spelling", BODY_SPELLINGS)
def test_the_allow_list_removes_every_way_of_running_script(spelling):
    assert clean(spelling) == BODY_SPELLINGS[spelling]
    assert markdown_findings(spelling), "check must report what the site removes"


def test_the_allow_list_keeps_what_owners_may_write():
    allowed = (
        '<table><thead><tr><th style="text-align:left">Vem</th></tr></thead><tbody><tr><td colspan="2">A<br>B</td></tr></tbody></table>'
        '<p>H<sub>2</sub>O, m<sup>2</sup>, <abbr title="samordnad individuell plan">SIP</abbr></p>'
        '<details><summary>Mer</summary><p>Text</p></details>'
        '<p><a href="https://www.socialstyrelsen.se/">a</a> <a href="mailto:a@b.se">b</a> <a href="tel:+4610123">c</a> '
        '<a href="../bilaga.pdf">d</a> <a href="#syfte">e</a></p>'
    )
    assert clean(allowed) == allowed
    assert markdown_findings(allowed) == []


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://a.se/", True), ("mailto:a@b.se", True), ("tel:010-123", True), ("bilaga.pdf", True), ("#x", True),
        ("javascript:x", False), (" JAVASCRIPT:x", False), ("java\nscript:x", False), ("data:text/html,x", False),
        ("vbscript:x", False), ("file:///etc/passwd", False),
    ],
)  # fmt: skip
def test_url_schemes(url, allowed):
    assert url_allowed(url) is allowed


def test_check_reads_markdown_with_the_sites_extensions():
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert sorted(names) == sorted(EXTENSIONS)


def test_code_is_text_not_html():
    text = "Skriv `<script>` som kod.\n\n```html\n<img src=x onerror=alert(1)>\n```\n"
    assert markdown_findings(text, to_html(text)) == []


# --- check on the hostile tree --------------------------------------------------------------------------


def _errors(check_json) -> dict[tuple[str, int], list[str]]:
    status, report = check_json(root=HOSTILE)
    assert status == 1
    found: dict[tuple[str, int], list[str]] = {}
    for p in report["problems"]:
        assert p["code"] == "E-HTML", p  # nothing else is wrong with the tree
        found.setdefault((p["path"], p["line"]), []).append(p["message"])
    return found


def test_check_locates_every_spelling_in_a_body(check_json):
    errors = _errors(check_json)
    body = (HOSTILE / "routines/utskrivning/gift.md").read_text(encoding="utf-8").split("\n")
    hostile_lines = {n for n, line in enumerate(body, 1) if ("alert(" in line or "data:" in line) and n > 27 and "`" not in line}
    reported = {line for path, line in errors if path == "routines/utskrivning/gift.md" and line > 27}
    assert reported == hostile_lines  # every line with script on it, and the code example not
    assert any("'javascript:'" in m for m in errors["routines/utskrivning/gift.md", 53])
    assert any("'data:'" in m for m in errors["routines/utskrivning/gift.md", 61])
    assert any("<img>" in m and "'javascript:'" in m for m in errors["routines/utskrivning/gift.md", 63])
    assert any("{: onclick=…}" in m for m in errors["routines/utskrivning/gift.md", 66])


@pytest.mark.parametrize(
    ("path", "line", "field"),
    [
        ("routines/utskrivning/gift.md", 3, "Dokumentnamn (title)"),
        ("routines/utskrivning/gift-2.md", 3, "Dokumentnamn (title)"),
        ("routines/utskrivning/gift-2.md", 16, "Rubrik under Referenser (references[0].title)"),
        ("routines/utskrivning/gift.md", 15, "Beslutsreferens (decision.reference)"),
        ("routines/utskrivning/gift.md", 22, "Ändring i ändringshistoriken (changelog[0].summary)"),
        ("routines/utskrivning/gift.md", 25, "Ändring i ändringshistoriken (changelog[1].summary)"),
        ("roles/giftroll.yml", 2, "Namn (name)"),
        ("roles/giftroll.yml", 14, "Namn under Uppdrag (assignments[0].name)"),
        ("roles/giftroll.yml", 15, "Enhet under Uppdrag (assignments[0].unit)"),
        ("roles/forums/giftforum.yml", 2, "Namn (name)"),
        ("roles/parties/giftpart.yml", 2, "Namn (name)"),
    ],
)
def test_check_names_the_metadata_field_with_markup_as_the_editor_does(check_json, path, line, field):
    [message] = _errors(check_json)[path, line]
    assert message.startswith(f"fältet {field} innehåller koden '")
    assert "{: …}" not in message and "HTML" not in message  # plain words, the typed code quoted


def test_a_refused_link_is_called_a_link():
    [finding] = markdown_findings("[Länk](javascript:alert(1))", to_html("[Länk](javascript:alert(1))"))
    assert finding.message.startswith("länken börjar med 'javascript:', men bara länkar till webbsidor, e-post och telefon fungerar")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<img src=x onerror=alert(1)>", "bilden har inbyggd kod som skulle köras hos den som läser (onerror på <img>)"),
        ("<script>alert(1)</script>", "texten har ett inbyggt program som skulle köras hos den som läser (<script>)"),
        ("<iframe src=https://a.se></iframe>", "texten har en inbäddad sida eller fil från en annan plats (<iframe>)"),
        ("Text\n{: onclick=alert(1) }", "texten har inbyggd kod som skulle köras hos den som läser ({: onclick=…})"),
        ('<p style="color:red">Text</p>', "stycket har egen formatering (style på <p>)"),
    ],
)  # fmt: skip
def test_a_finding_says_in_plain_words_what_it_is_and_quotes_the_code(text, message):
    [finding] = markdown_findings(text, to_html(text))
    assert finding.message.startswith(message)
    assert "attribut" not in finding.message and "HTML" not in finding.message


@pytest.mark.parametrize(
    "text",
    ["Se <https://www.1177.se/> och <HTTP://a.se/x>.", "Skriv till <namn@kommun.se>.", "Se [bilagan](<bilaga med mellanslag.pdf>).",
     "Se [bilagan][b].\n\n[b]: <bilaga.pdf>"],
)  # fmt: skip
def test_angle_brackets_that_markdown_reads_as_a_link_are_no_html(text):
    assert markdown_findings(text, to_html(text)) == []


@pytest.mark.parametrize("text", ["<div/x@y/style=position:fixed;top:0>Obs</div>", "Bild: <img/x@y/src=z/onerror=alert(1)>"])
def test_a_tag_with_an_at_sign_in_it_is_no_mail_link(text):
    assert markdown_findings(text, to_html(text)) != []


def test_a_refused_scheme_in_angle_brackets_is_found_at_its_line():
    text = "Rubrik\n\nSe [bilagan](<javascript:alert(1)>)."
    [finding] = markdown_findings(text, to_html(text))
    assert (finding.line, "'javascript:'" in finding.message) == (3, True)


@pytest.mark.parametrize(("path", "lines"), [("roles/giftroll.yml", (5, 6)), ("roles/forums/giftforum.yml", (5, 6))])
def test_check_locates_script_in_descriptions(check_json, path, lines):
    errors = _errors(check_json)
    assert all((path, line) in errors for line in lines)


def test_the_example_content_has_no_markup_problems(check_json):
    _, report = check_json()
    assert [p for p in report["problems"] if p["code"] == "E-HTML"] == []


def test_a_rendered_body_keeps_no_script():
    body = (HOSTILE / "routines/utskrivning/gift.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert executable(to_html(body)), "the fixture must hold live script before cleaning"
    assert executable(clean(to_html(body))) == []


def test_names_in_the_organisation_chart_stay_inside_their_labels():
    from samverkan.core.loader import load
    from samverkan.core.schemas import SchemaSet
    from samverkan.site.context import SiteContext
    from samverkan.site.people import organisation_chart

    corpus = load(HOSTILE, SchemaSet.load(REPO / "schema")).corpus
    chart = organisation_chart(corpus, SiteContext(today=TODAY, mermaid=True)).split("```mermaid\n")[1].split("```")[0]
    node_lines = [line for line in chart.splitlines() if "[" in line or "(" in line]
    assert len(node_lines) == 2  # one line each for the forum and the role, newlines in names or not
    assert all(line.count('"') == 2 and "<" not in line for line in node_lines)
    assert 'Forum {: onclick=#quot;alert(301)#quot;}' in chart


def test_the_long_advice_on_markup_comes_once_per_text_and_the_other_findings_point_to_it():
    from samverkan.core.html_checks import BODY_HINT, body_markup

    text = "Inledning.\n\n<script>alert(1)</script>\n\nMer text.\n\n<img src=\"a.png\" onerror=\"alert(2)\">\n\n<iframe src=\"x\"></iframe>\n"
    found = [(p.line, p.hint) for p in body_markup("routines/a/b.md", 20, text)]
    assert found == [(22, BODY_HINT), (26, "se tipset på rad 22"), (28, "se tipset på rad 22")]
