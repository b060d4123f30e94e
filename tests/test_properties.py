"""Properties that must hold for any input, tried on generated input with Hypothesis.

- The HTML policy: whatever Markdown with HTML, attributes and URLs an owner writes, the
  cleaned page holds no handler and no script URL; and when `check` is silent, there was
  nothing to remove.
- Metadata: any text shown through the site's escaping stays one plain text, with no markup.
- The front-matter reader: any file either loads or gives located problems, never an exception.
"""

from __future__ import annotations

import html
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from conftest import FIXTURES, REPO
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from html_safety import executable
from samverkan.core.html_checks import findings
from samverkan.core.html_policy import clean
from samverkan.core.loader import load
from samverkan.core.markdown_html import to_html
from samverkan.core.schemas import SchemaSet
from samverkan.core.yamlsource import parse_front_matter
from samverkan.site.text import escape

# --- hostile Markdown --------------------------------------------------------------------------------------

SCRIPT_URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)", "&#106;avascript:alert(1)",
               "&#x6A;avascript:alert(1)", "jav&#x09;ascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x"]  # fmt: skip
SAFE_URLS = ["https://www.socialstyrelsen.se/", "mailto:a@b.se", "tel:+4610123", "bilaga.pdf", "#syfte", "../x.md"]
TAGS = ["p", "a", "img", "div", "span", "td", "details", "summary", "script", "svg", "iframe", "object", "form", "input",
        "meta", "style", "math", "embed", "button", "textarea", "select", "video", "audio", "source", "base", "link"]  # fmt: skip
ATTRIBUTES = ["onclick", "onerror", "onload", "onmouseover", "ontoggle", "onfocus", "OnClick", "href", "src", "action", "formaction",
              "data", "srcdoc", "xlink:href", "style", "id", "class", "title", "autofocus", "open"]  # fmt: skip

urls = st.sampled_from(SCRIPT_URLS + SAFE_URLS)
words = st.text(alphabet="abc åäö<>\"'=&;:/{}#.()[]!*_`\\", max_size=12)
values = st.one_of(urls, words, st.just("alert(1)"))
attribute = st.tuples(st.sampled_from(ATTRIBUTES), values).map(lambda a: f'{a[0]}="{a[1]}"' if '"' not in a[1] else f"{a[0]}='{a[1]}'")
element = st.builds(
    lambda tag, attrs, inner, closed: f"<{tag} {' '.join(attrs)}>{inner}" + (f"</{tag}>" if closed else ""),
    st.sampled_from(TAGS), st.lists(attribute, max_size=3), words, st.booleans(),
)  # fmt: skip
attr_list = st.lists(attribute, min_size=1, max_size=2).map(lambda a: "{: " + " ".join(a) + " }")
markdown_piece = st.one_of(
    element,
    words,
    st.builds(lambda t, u: f"[{t}]({u})", words, urls),
    st.builds(lambda t, u: f"![{t}]({u})", words, urls),
    st.builds(lambda u: f"<{u}>", urls),
    st.builds(lambda t, u: f"[{t}][r]\n\n[r]: {u}\n", words, urls),
    st.builds(lambda t, a: f"[{t}](https://a.se/){a}", words, attr_list),
    st.builds(lambda t, a: f"{t}\n{a}\n", words, attr_list),
    st.builds(lambda t, a: f"## {t} {a}\n", words, attr_list),
)
hostile_markdown = st.lists(st.tuples(markdown_piece, st.sampled_from(["", " ", "\n", "\n\n", "\n    "])), max_size=8).map(
    lambda parts: "".join(piece + sep for piece, sep in parts)
)

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(hostile_markdown)
def test_cleaned_markdown_never_holds_a_handler_or_a_script_url(text):
    assert executable(clean(to_html(text))) == []


@PROPERTY
@given(hostile_markdown)
@example("<p ><![](javascript:alert(1))")  # once crashed Python's HTMLParser inside check
def test_when_check_is_silent_there_was_nothing_to_remove(text):
    if not findings(text):  # exactly what check runs on a body
        assert executable(to_html(text)) == []


# --- metadata ----------------------------------------------------------------------------------------------


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text += data


plain_text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1).filter(str.strip)


@PROPERTY
@given(plain_text, st.sampled_from(["# {}", "| a |\n| --- |\n| {} |", "Fält\n:   {}", "- {}"]))
def test_metadata_shows_as_one_plain_text_wherever_it_goes(text, template):
    parser = _Elements()
    parser.feed(to_html(template.format(escape(text))))
    wrappers = {"# {}": ["h1"], "- {}": ["ul", "li"], "Fält\n:   {}": ["dl", "dt", "dd"]}.get(template, ["table", "thead", "tr", "th", "tbody", "tr", "td"])
    assert [tag for tag, _ in parser.tags] == wrappers  # no element of the text's own
    assert all(name == "id" for _, attrs in parser.tags for name, _ in attrs)  # the heading's anchor, nothing else
    assert " ".join(text.split()) in " ".join(parser.text.split())


# --- the front-matter reader ---------------------------------------------------------------------------------

VALID = (FIXTURES / "valid" / "routines" / "utskrivning" / "rutin.md").read_text(encoding="utf-8")
TRICKY = ["", " ", "\t", ":", ": x", "- ", "[", "{", "'", '"', "*a", "&a x", "!!python/object/apply:os.system ['x']", "2026-02-30",
          "2017:612", "no", "~", "---", "...", "|", ">", "%YAML 1.1", "\ufeff", "\x00", "é", "1e999", "0x1F"]  # fmt: skip


@st.composite
def front_matter_files(draw) -> str:
    """The valid document with some lines' values replaced, lines dropped or doubled, or plain noise."""
    if draw(st.booleans()):
        return draw(st.text(max_size=200))
    lines = VALID.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["value", "drop", "double", "insert"]))
        noise = draw(st.one_of(st.sampled_from(TRICKY), st.text(max_size=12)))
        if action == "value" and ":" in lines[i]:
            lines[i] = lines[i].split(":", 1)[0] + ": " + noise
        elif action == "drop":
            del lines[i]
        elif action == "double":
            lines.insert(i, lines[i])
        else:
            lines.insert(i, noise)
    return "\n".join(lines)


@PROPERTY
@given(front_matter_files())
def test_the_front_matter_reader_loads_or_locates_a_problem(text):
    parsed = parse_front_matter(text, "routines/x/y.md")  # never raises
    if parsed.data is None and not parsed.problems:
        assert () in parsed.source.lines  # an empty front matter: read, and the loader reports it
    assert all(p.path == "routines/x/y.md" and p.line >= 1 for p in parsed.problems)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matter_files())
def test_a_tree_with_any_document_loads_or_reports_located_problems(text):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(FIXTURES / "valid", root, dirs_exist_ok=True)
        (root / "routines" / "utskrivning" / "rutin.md").write_text(text, encoding="utf-8", errors="surrogatepass")
        loaded = load(root, _schemas())
    assert all(p.line >= 1 and (root / p.path).name for p in loaded.problems)
    path = "routines/utskrivning/rutin.md"
    assert any(p.path == path for p in loaded.problems) or any(d.source.path == path for d in loaded.corpus.documents)


_SCHEMAS: list[SchemaSet] = []


def _schemas() -> SchemaSet:
    if not _SCHEMAS:  # compiled once for all examples
        _SCHEMAS.append(SchemaSet.load(REPO / "schema"))
    return _SCHEMAS[0]


def test_the_generators_make_hostile_input():
    """Guard against a strategy that silently stopped generating what the properties are about."""
    live = to_html('<img src=x onerror="alert(1)"> [x](javascript:alert(1))')
    assert len(executable(live)) == 2
    assert html.unescape("&#106;avascript:") == "javascript:"
