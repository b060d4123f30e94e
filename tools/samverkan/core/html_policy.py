"""The one HTML policy of the project: what a body may carry, used by `check`, the site and exports.

Bodies and descriptions are Markdown written by many owners, sometimes pasted from Word, and
every care worker in the county opens the result. So the HTML they become is cut down to an
allow-list of tags, attributes and URL schemes. ``clean`` applies it with ammonia (through
``nh3``), which parses HTML as a browser does; ``findings`` reports, line by line, what
``clean`` would remove, so that `check` can tell the owner before anything is published.

The allow-list (README, "Bad input and what the user sees"):

- the tags Markdown itself makes, plus tables, ``<br>``, ``<sup>``/``<sub>``, ``<abbr>``,
  ``<details>``/``<summary>``, ``<kbd>``, ``<mark>``, ``<ins>``/``<del>`` and ``<figure>``;
- no ``<script>``, ``<style>``, ``<iframe>``, ``<object>``, ``<embed>``, ``<form>``, ``<input>``,
  ``<meta>``, ``<link>``, ``<svg>``, ``<math>`` or any other tag;
- attributes: ``class``, ``id`` (not one of the theme's own ``__…`` ids), ``title``, ``lang``,
  ``dir`` everywhere, plus what a tag needs (``href``, ``src``/``alt``, ``colspan`` …) and the
  status dates on ``<span>`` and ``<div>`` (``data-valid-until`` …, ``hidden``); never an
  event handler (``on…``), and ``style`` only as ``text-align`` in table cells (Markdown's
  column alignment) and a width in per cent on ``<col>`` (pandoc's, in exports);
- URLs in ``href``, ``src`` and ``cite``: ``http``, ``https``, ``mailto``, ``tel`` or relative.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

import nh3

from samverkan.core import html_words

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div",
        "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
        "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table",
        "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "wbr",
    }
)  # fmt: skip
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir"})
STATUS_ATTRIBUTES = frozenset(
    {"data-valid-until", "data-valid-from", "data-doc-status", "data-expiry-window", "data-state-for", "hidden"}
)
"""The dates a status chip or notice carries for assets/status.js, which reads them as data and
writes only fixed words (never HTML); harmless in a body too."""
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan", "style"}),
    "th": frozenset({"colspan", "rowspan", "scope", "style"}),
    "ol": frozenset({"start", "type"}),
    "col": frozenset({"span", "style"}),
    "colgroup": frozenset({"span"}),
    "details": frozenset({"open"}),
    "div": frozenset({"role", "data-pagefind-ignore", "tabindex", "aria-label"} | STATUS_ATTRIBUTES),
    "span": STATUS_ATTRIBUTES,
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}),
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset(
    {"href", "src", "cite", "action", "formaction", "data", "poster", "srcset", "xlink:href", "background", "longdesc", "ping"}
)
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed", "textarea", "title", "xmp", "noembed", "noframes", "svg", "math"})
"""Removed together with what they hold: their content is code, not text for a reader."""

# The site's own widgets (search field on the start page, the expiry chart on the status page).
# Only pages made entirely from escaped metadata may hold them; see ``clean(widgets=True)``.
WIDGET_TAGS = frozenset({"form", "label", "input", "button", "svg", "title", "desc", "line", "rect", "text"})
WIDGET_ATTRIBUTES: dict[str, frozenset[str]] = {
    "form": frozenset({"action", "method", "role"}),
    "label": frozenset({"for"}),
    "input": frozenset({"name", "type", "placeholder", "autocomplete"}),
    "button": frozenset({"type"}),
    "svg": frozenset({"viewbox", "role", "aria-labelledby", "xmlns"}),
    "line": frozenset({"x1", "y1", "x2", "y2", "stroke"}),
    "rect": frozenset({"x", "y", "width", "height", "fill"}),
    "text": frozenset({"x", "y", "text-anchor", "font-size", "fill"}),
}

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_TEXT_ALIGN = re.compile(r"^\s*text-align\s*:\s*(left|right|center)\s*;?\s*$", re.IGNORECASE)
_COLUMN_WIDTH = re.compile(r"^\s*width\s*:\s*[0-9.]+%\s*;?\s*$", re.IGNORECASE)
_STYLES = {"td": _TEXT_ALIGN, "th": _TEXT_ALIGN, "col": _COLUMN_WIDTH}
"""The only styles kept: Markdown's column alignment, and pandoc's column widths in exports."""


def url_allowed(url: str) -> bool:
    """Whether a (decoded) URL is http(s), mailto, tel or relative, read the way a browser reads it:
    control characters and whitespace anywhere do not hide a scheme (``java\\tscript:``)."""
    match = _SCHEME.match(_CONTROL.sub("", url))
    return match is None or match.group(1).lower() in URL_SCHEMES


def attribute_problem(tag: str, name: str, value: str, widgets: bool = False) -> str | None:
    """Why ``name="value"`` may not stay on ``<tag>``, in Swedish (``tag`` ``*``: written as ``{: …}``); None when it may."""
    name = name.lower()
    if name.startswith("on"):
        return html_words.handler(tag, name)
    allowed = GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, frozenset()) | (WIDGET_ATTRIBUTES.get(tag, frozenset()) if widgets else frozenset())
    if name not in allowed:
        return html_words.unknown_attribute(tag, name)
    if name in URL_ATTRIBUTES and not url_allowed(value):
        scheme = _SCHEME.match(_CONTROL.sub("", value))
        return html_words.refused_scheme(tag, name, scheme.group(1).lower() if scheme else value[:20])
    if name == "id" and value.startswith("__"):
        return html_words.site_id(tag, value)
    if name == "style" and not (tag in _STYLES and _STYLES[tag].match(value)):
        return html_words.own_style(tag)
    return None


def tag_problem(tag: str, widgets: bool = False) -> str | None:
    """Why ``<tag>`` may not stay, in Swedish; None when it may."""
    if tag in ALLOWED_TAGS or (widgets and tag in WIDGET_TAGS):
        return None
    return html_words.refused_tag(tag)


# --- cleaning ---------------------------------------------------------------------------------------------


_CHECKED_BY_VALUE = URL_ATTRIBUTES | {"id", "style"}
"""Allowed attributes whose value may still break the policy; any other allowed one stays as it is."""


@cache
def _cleaner(widgets: bool) -> nh3.Cleaner:
    tags = ALLOWED_TAGS | (WIDGET_TAGS if widgets else frozenset())
    attributes = {tag: set(names) for tag, names in TAG_ATTRIBUTES.items()}
    attributes["*"] = set(GLOBAL_ATTRIBUTES)
    if widgets:
        for tag, names in WIDGET_ATTRIBUTES.items():
            attributes.setdefault(tag, set()).update(names)
        attributes["svg"].add("viewBox")  # SVG keeps the attribute's camel case after parsing

    # ammonia calls this for every attribute it kept by the lists above (hundreds of thousands on a
    # large site); only a URL, an id and a style can still be refused by their value.
    def keep(tag: str, name: str, value: str) -> str | None:
        name = name.lower()
        if name not in _CHECKED_BY_VALUE or (":" not in value and name in URL_ATTRIBUTES):
            return value  # a URL without a colon has no scheme: it is relative
        return None if attribute_problem(tag, name, value, widgets) else value

    return nh3.Cleaner(
        tags=set(tags),
        clean_content_tags=set(DROPPED_WITH_CONTENT - tags),
        attributes=attributes,
        attribute_filter=keep,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align", "width"},
    )


def clean(fragment: str, widgets: bool = False) -> str:
    """``fragment`` with everything outside the allow-list removed.

    ``widgets`` also keeps the site's own search field and chart; only for pages whose every
    word comes from escaped metadata, never for a page that shows a body or a description.
    """
    return _cleaner(widgets).clean(fragment)


# --- finding, for check ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """Something ``clean`` would remove from a text, and where."""

    line: int
    """1-based line within the scanned text."""
    message: str
    """Swedish description, without the location."""


class TolerantHTMLParser(HTMLParser):
    """``HTMLParser`` that reads any text the way a browser does, never raising."""

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        # Python before 3.13 raises AssertionError on a malformed '<![…'; a browser reads it as a
        # bogus comment up to the next '>', and so do we (-1 lets the parser treat the rest as text).
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1


class _Scanner(TolerantHTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        problem = tag_problem(tag)
        if problem:
            self.found.append(Finding(line, problem))
        for name, value in attrs:
            problem = attribute_problem(tag, name, value or "")
            # A tag that goes goes with its attributes; only a handler is worth a word of its own.
            if problem and (tag in ALLOWED_TAGS or name.lower().startswith("on")):
                self.found.append(Finding(line, problem))

    handle_startendtag = handle_starttag


def html_findings(text: str) -> list[Finding]:
    """Tags, attributes and URLs in HTML ``text`` that ``clean`` would remove, with their lines."""
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner.found


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*?)[ \t]*\}")
_ATTR_PAIR = re.compile(r"""([^\s=\"'{}]+)\s*=\s*("[^"]*"|'[^']*'|[^\s}]+)""")


def mask_code(markdown: str) -> str:
    """``markdown`` with code blocks and code spans blanked out (lines kept): HTML shown as code is text."""
    out, fence = [], ""
    for line in markdown.split("\n"):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            out.append("")
        elif opening:
            fence = opening.group(1)
            out.append("")
        else:
            # Most lines have no backtick: checked first, it spares a regex call per line of every text.
            out.append(_CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line) if "`" in line else line)
    return "\n".join(out)


_MARKDOWN_ANGLES = re.compile(
    r"<(?:[Hh][Tt][Tt][Pp][Ss]?|[Ff][Tt][Pp])://[^<>\n]*>"  # an autolink, <https://…>
    # An e-mail autolink, <namn@kommun.se>. No slash on either side: <img/x@y/onerror=…> is a tag to a browser.
    r"""|<(?:[Mm][Aa][Ii][Ll][Tt][Oo]:)?[^<>!\s"'=/]+@[^@<>\s"'/]+>"""
    r"|(?<=\]\()[ \t]*<[^<>\n]*>"  # an inline link's target in brackets, [text](<fil med mellanslag.pdf>)
    r"|(?<=\]:)[ \t]*<[^<>\n]*>"  # a reference definition's, [ref]: <fil.pdf>
)
"""Angle brackets that Markdown reads as part of a link, not as HTML: the link itself is checked in the rendered text."""


def _mask_markdown_angles(masked: str) -> str:
    return _MARKDOWN_ANGLES.sub(lambda m: " " * len(m.group(0)), masked) if "<" in masked else masked


def _attr_list_findings(masked: str) -> Iterator[Finding]:
    """``{: onclick=…}`` and friends: attr_list turns them into attributes of the element before them."""
    if "{" not in masked:
        return
    for number, line in enumerate(masked.split("\n"), 1):
        for block in _ATTR_LIST.finditer(line) if "{" in line else ():
            for name, value in _ATTR_PAIR.findall(block.group(1)):
                problem = attribute_problem("*", name, html.unescape(value.strip("\"'")))
                if problem:
                    yield Finding(number, problem)


def markdown_findings(markdown: str, rendered: str | None = None) -> list[Finding]:
    """What the allow-list would remove from a Markdown text, with lines in that text.

    Raw HTML and ``{: …}`` are found in the text itself. ``rendered`` (the text as HTML) adds
    what only Markdown makes, such as ``[x](javascript:…)``: each such finding gets the first
    line, not already explained, that holds its URL scheme or attribute as a browser would read
    it; line 1 when the text spells it in a way no line shows.
    """
    code_masked = mask_code(markdown)
    masked = _mask_markdown_angles(code_masked)
    found = html_findings(masked) + list(_attr_list_findings(masked))
    if rendered is None:
        return sorted(set(found), key=lambda f: (f.line, f.message))
    lines = [_CONTROL.sub("", html.unescape(line)).lower() for line in code_masked.split("\n")]
    unexplained = Counter(f.message for f in found)
    claimed = {(f.line, word) for f in found for word in _needles(f.message) or ("*",)}
    for finding in html_findings(rendered):
        if unexplained[finding.message]:
            unexplained[finding.message] -= 1
            continue
        words = _needles(finding.message)
        candidates = [n for n, line in enumerate(lines, 1) if any(w in line for w in words)]
        free = [n for n in candidates if (n, "*") not in claimed and not any((n, w) in claimed for w in words)]
        if candidates and not free:
            continue  # the same thing, already reported from the text itself (e.g. written as {: …})
        markdownish = [n for n in free if re.search(r"!\[" if "<img>" in finding.message else r"\]\s*[(:]|<[a-z]", lines[n - 1])]
        line = (markdownish or free or [1])[0]
        claimed |= {(line, w) for w in words}
        found.append(Finding(line, finding.message))
    return sorted(set(found), key=lambda f: (f.line, f.message))


def _needles(message: str) -> tuple[str, ...]:
    """The scheme (``'javascript:'``) or attribute name (``(onerror på <img>)``, ``{: onclick=…}``) a
    finding's message quotes, as a line would hold it."""
    found = re.findall(r"'([^']+)'|\((\S+) på <|\{: (\S+)=", message)
    return tuple(w.lower() for group in found for w in group if w)


def might_need_rendering(markdown: str) -> bool:
    """Whether Markdown could make a link, image or attribute out of ``markdown`` (else the raw scan is all)."""
    return bool(re.search(r"\]\s*[(:\[]|<[a-zA-Z][a-zA-Z0-9+.\-]*:|\{", markdown))


_MARKUP_IN_TEXT = re.compile(r"<\s*/?\s*[a-zA-Z!?]|\{\s*:|\{[^{}\n]*\bon[a-z]+\s*=|&#?[a-zA-Z0-9]+;")


def first_markup(text: str) -> str | None:
    """The first tag, entity or ``{: …}`` in a plain-text field (which the site shows as typed), as typed
    and cut short, to quote to its owner; None when there is none."""
    found = _MARKUP_IN_TEXT.search(text)
    if not found:
        return None
    start = found.start()
    end = min((i for i in (text.find(c, start) for c in ">};") if i >= 0), default=-1)
    return text[start : end + 1] if 0 <= end - start < 40 else text[start : start + 20] + "…"
