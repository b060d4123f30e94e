"""E-HTML: markup in content that the site would strip, found before it is published.

Bodies and descriptions may hold the HTML of the allow-list in ``html_policy``; metadata
fields are plain text, so any markup in them would be shown as typed. Both are errors with
the line, so that the owner learns what readers would (not) see.
"""

from __future__ import annotations

from collections.abc import Iterator

from samverkan.core import model as m
from samverkan.core.html_policy import Finding, first_markup, markdown_findings, might_need_rendering
from samverkan.core.markdown_html import to_html
from samverkan.core.problems import Problem, error, json_path
from samverkan.core.yamlsource import Source

BODY_HINT = (
    "ta bort koden och skriv texten som i mallen, med rubriker, listor, tabeller och länkar; en länk börjar med "
    "https://, mailto: (e-post) eller tel: (telefon); en bild skrivs ![vad bilden visar](dokumentets-mapp/bild.png), "
    "med bilden i mappen bredvid dokumentet. Det enda av koden som går bra är radbrytning (<br>), "
    "upphöjd och nedsänkt text (<sup>, <sub>), förklarad förkortning (<abbr>) och utfällbar ruta (<details>)"
)
TEXT_HINT = "skriv bara vanlig text i fältet: ta bort koden; tecken som & och < skrivs som de är"

FIELD_LABELS = {
    "title": "Dokumentnamn",
    "decision.reference": "Beslutsreferens",
    "changelog.summary": "Ändring i ändringshistoriken",
    "authors.name": "Namn under Upprättat av",
    "authors.title": "Befattning under Upprättat av",
    "keywords": "Sökord",
    "audience": "Målgrupp",
    "case_number": "Diarienummer",
    "references.title": "Rubrik under Referenser",
    "name": "Namn",
    "appointed_by": "Utses av",
    "responsibilities": "Ansvar",
    "assignments.name": "Namn under Uppdrag",
    "assignments.unit": "Enhet under Uppdrag",
    "decides": "Beslutar om",
    "short_name": "Kortnamn",
    "laws.title": "Lagens namn",
    "laws.repealed.note": "Kommentar under Upphävd",
}
"""The Swedish name of each plain-text field as the editor shows it (the schema's ``title``), by key path."""


def markup(corpus: m.Corpus, options: object) -> Iterator[Problem]:
    # A document's body is checked where its file is read (core/body_checks.py).
    for d in corpus.documents:
        fields = list(_plain_fields(d))
        # One look at all of them at once; each on its own only when one of them might hold markup.
        if first_markup("\n".join(text for text, _ in fields if text)):
            for text, keys in fields:
                yield from _plain(d.source, text, *keys)
    for role in corpus.roles:
        yield from _description(role.source, role.description)
        yield from _plain(role.source, role.name, "name")
        yield from _plain(role.source, role.appointed_by, "appointed_by")
        for i, text in enumerate(role.responsibilities):
            yield from _plain(role.source, text, "responsibilities", i)
        for i, a in enumerate(role.assignments):
            yield from _plain(role.source, a.name, "assignments", i, "name")
            yield from _plain(role.source, a.unit, "assignments", i, "unit")
    for forum in corpus.forums:
        yield from _description(forum.source, forum.description)
        yield from _plain(forum.source, forum.name, "name")
        for i, text in enumerate(forum.decides):
            yield from _plain(forum.source, text, "decides", i)
    for party in corpus.parties:
        yield from _plain(party.source, party.name, "name")
        yield from _plain(party.source, party.short_name, "short_name")
    for index, law in enumerate(corpus.laws):
        yield from _plain(law.source, law.title, "laws", index, "title")
        yield from _plain(law.source, law.repealed.note if law.repealed else None, "laws", index, "repealed", "note")


def _plain_fields(d: m.Document) -> Iterator[tuple[str | None, tuple[str | int, ...]]]:
    """Every plain-text field of a document, with its keys."""
    yield d.title, ("title",)
    if d.decision:
        yield d.decision.reference, ("decision", "reference")
    for i, entry in enumerate(d.changelog):
        yield entry.summary, ("changelog", i, "summary")
    for i, author in enumerate(d.authors):
        yield author.name, ("authors", i, "name")
        yield author.title, ("authors", i, "title")
    for field in ("keywords", "audience"):
        for i, word in enumerate(getattr(d, field)):
            yield word, (field, i)
    yield d.case_number, ("case_number",)
    for i, ref in enumerate(d.references):
        if isinstance(ref, m.UrlRef):
            yield ref.title, ("references", i, "title")


def findings(markdown: str) -> list[Finding]:
    """What the site would remove from a Markdown text, with lines in the text; rendered only
    when Markdown could make a link, image or attribute of it."""
    if "<" not in markdown and "{" not in markdown and "]" not in markdown:
        return []  # no tag, no {: …} and no link or image: neither the scan nor the renderer could find anything
    return markdown_findings(markdown, to_html(markdown) if might_need_rendering(markdown) else None)


def body_markup(path: str, first_line: int, text: str) -> Iterator[Problem]:
    """E-HTML for what the site would remove from a document's text, which starts on ``first_line``."""
    return _markdown(path, first_line, text, "$")


def _markdown(path: str, first_line: int, text: str, where: str) -> Iterator[Problem]:
    # The long advice once, at the first finding; the others point to it, so each stays short to read.
    first = None
    for finding in sorted(findings(text), key=lambda found: found.line):
        line = first_line + finding.line - 1
        yield error(path, line, "E-HTML", finding.message, where, BODY_HINT if first is None else f"se tipset på rad {first}")
        first = first or line


def _description(source: Source, text: str | None) -> Iterator[Problem]:
    if text:
        # A block scalar (description: |) starts on the line after its key.
        first = source.line("description") + (1 if "\n" in text.strip() else 0)
        yield from _markdown(source.path, first, text, "$.description")


def _plain(source: Source, text: str | None, *keys: str | int) -> Iterator[Problem]:
    code = first_markup(text) if text else None
    if code:
        names = [k for k in keys if isinstance(k, str)]
        label = FIELD_LABELS.get(".".join(names), names[-1])
        where = json_path(keys)
        message = f"fältet {label} ({where[2:]}) innehåller koden '{code}', som webbplatsen visar tecken för tecken i stället för att följa den"
        yield error(source.path, source.line(*keys), "E-HTML", message, where, TEXT_HINT)
