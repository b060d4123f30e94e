"""The import's interpreter on plain data: no files, no pandoc, no browser.

Every reader (Word, PDF) hands the interpreter the same neutral Source: pandoc AST blocks,
page margins as rows of cells, and properties. These tests build Sources by hand.
"""

from __future__ import annotations

import datetime as dt

import pytest
from samverkan.external import pandoc
from samverkan.transfer.importing import findings, values
from samverkan.transfer.importing.interpret import interpret_source
from samverkan.transfer.importing.source import Margin, Source, SourceFormat

CATALOG = values.Catalog(
    forums={"lansledning": "Länsledning", "chefsgrupp-vard-omsorg": "Länsgemensam chefsgrupp för vård och omsorg"},
    roles={"processledare": "Processledare"},
    laws={"2017:612": "Lag om samverkan vid utskrivning", "2001:453": "Socialtjänstlag"},
    titles={"title": "Dokumentnamn"},
)


def source(*blocks: dict, margins: tuple[Margin, ...] = (), styled: dict | None = None, fmt: SourceFormat = SourceFormat.DOCX) -> Source:
    return Source("fil.docx", "0" * 64, fmt, tuple(blocks), (1, 23), margins, styled or {})


def bullets(*items: str) -> dict:
    return {"t": "BulletList", "c": [[pandoc.plain(i)] for i in items]}


def table(*rows: tuple[str, ...]) -> dict:
    return pandoc.table([[[pandoc.plain(c)] for c in r] for r in rows[1:]], head=[[pandoc.plain(c)] for c in rows[0]])


def texts(converted) -> list[str]:
    return [pandoc.stringify(b).strip() for b in converted.blocks]


# --- fields in running text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Detta dokument har tagits fram utifrån beslut i Länsledning 230908.", ("2023-09-08", "lansledning")),
        ("Chefsgruppen beslutar 240419 att ställa sig bakom dokumentet.", ("2024-04-19", None)),
        ("Fastställd av Länsledning den 2024-04-19", ("2024-04-19", "lansledning")),
        ("Beslutat presidiekonferensen 180216", ("2018-02-16", None)),
    ],
)
def test_decisions_in_running_text_are_read_with_compact_dates(text, expected):
    found = findings.decisions(text, CATALOG.forums)
    decision = next(s for s in found if s.field == "decision")
    assert decision.value["date"] == expected[0]
    assert decision.value["reference"] in text
    assert [s.value for s in found if s.field == "approved_by"] == ([expected[1]] if expected[1] else [])


def test_no_decision_without_a_date_and_no_date_from_a_number():
    assert findings.decisions("Beslut om fortsatt arbete fattas senare.", CATALOG.forums) == []
    assert findings.decisions("Beslutet gäller 522578 personer", CATALOG.forums) == []


def test_updated_laws_and_addresses():
    assert findings.updated("Uppdaterad 2024-04-19") == "2024-04-19"
    assert findings.updated("Senast uppdaterad: 19 april 2024") == "2024-04-19"
    assert findings.updated("Rutinen uppdaterades efter 2024-04-19 års beslut") is None
    assert findings.laws(["Lag (2017:612) om samverkan", "SoL 2001:453, kap 2, 7§", "kl. 10:30 och 2017:612"]) == ["2017:612", "2001:453"]
    assert findings.laws(["Telefon 010-123 45 67", "Dnr RS 2024/0715", "Dokument ID 01-794058"]) == []
    assert findings.emails(["Frågor: lansledning@region.example.", "it-support@region.example och LANSLEDNING@region.example"]) == [
        "lansledning@region.example",
        "it-support@region.example",
    ]
    assert findings.person("Britt-Marie Blom Lindström, MAS, Bollnäs kommun") == {"name": "Britt-Marie Blom Lindström", "title": "MAS, Bollnäs kommun"}
    assert findings.person("Ansvara för att följa upp") is None


def test_running_text_gives_suggestions_and_certain_laws_but_writes_nothing_uncertain():
    converted = interpret_source(
        source(
            pandoc.header(1, "Syfte"),
            pandoc.para("Text om samverkan enligt lag (2017:612) och SoL (2001:453) samt 1999:999."),
            pandoc.header(1, "Dokumentinformation"),
            pandoc.para("Uppdaterad 2024-04-19"),
            pandoc.para("Detta dokument har tagits fram utifrån beslut i Länsledning 230908."),
            pandoc.para("Dokumentet är framtaget på uppdrag av Utskott vuxna;"),
            bullets("Britt-Marie Blom Lindström, MAS, Bollnäs kommun", "Elisabet Mickelsson, Samordnare, Region Exempellän"),
            pandoc.para("Frågor besvaras av samverkan@region.example."),
        ),
        CATALOG,
    )
    assert converted.found["references"].value == [{"law": "2017:612"}, {"law": "2001:453"}]
    assert [(u.label, u.text) for u in converted.unused] == [("SFS-nummer", "1999:999")]
    assert {"decision", "approved_by", "authors", "owner", "changelog"}.isdisjoint(converted.found)
    suggested = {s.field: s.value for s in converted.suggested}
    assert suggested["decision"] == {"date": "2023-09-08", "reference": "beslut i Länsledning 230908"}
    assert suggested["approved_by"] == "lansledning"
    assert suggested["changelog"] == {"date": "2024-04-19"}
    assert suggested["owner.contact"] == "samverkan@region.example"
    assert suggested["authors"] == [
        {"name": "Britt-Marie Blom Lindström", "title": "MAS, Bollnäs kommun"},
        {"name": "Elisabet Mickelsson", "title": "Samordnare, Region Exempellän"},
    ]


def test_author_labels_with_names_and_roles_are_found():
    converted = interpret_source(
        source(pandoc.para("Framtagen av: Anna Ek (MAS) och Bo Berg"), pandoc.header(1, "Syfte"), pandoc.para("Text.")), CATALOG
    )
    assert converted.found["authors"].value == [{"name": "Anna Ek", "title": "MAS"}, {"name": "Bo Berg"}]


# --- metadata in the page header, as a PDF gives it -----------------------------------------------------------


def test_metadata_in_a_header_table_and_an_expired_validity():
    header = Margin(values.WHERE_HEADER, (("Dokument ID", "01-794058", "Revisionsnr", "2"), ("Giltigt t.o.m.", "2026-02-05", "Sida 1 av 2", "")))
    converted = interpret_source(source(pandoc.header(1, "Syfte"), pandoc.para("Text."), margins=(header,), fmt=SourceFormat.PDF), CATALOG)
    found = {k: (f.value, f.where) for k, f in converted.found.items()}
    assert found["id"] == ("01-794058", "sidhuvud")
    assert found["revision"] == (2, "sidhuvud")
    assert found["valid_until"] == ("2026-02-05", "sidhuvud")
    assert dt.date.fromisoformat(found["valid_until"][0]) < dt.date(2026, 12, 1)


# --- a letter's title ---------------------------------------------------------------------------------------


def test_a_letter_is_named_by_its_subject_not_by_its_letterhead_label():
    converted = interpret_source(
        source(
            pandoc.para("Viktor Exempelsson"),
            pandoc.para("Kanslienhet"),
            pandoc.para("2024-09-06"),
            pandoc.para("522578"),
            pandoc.para("viktor.exempelsson@region.example"),
            pandoc.para("Svar på revisorernas granskning avseende samverkan vid utskrivning"),
            pandoc.para("Revisorerna har granskat processen."),
            styled={"title": "Kontaktperson"},
        ),
        CATALOG,
    )
    assert converted.found["title"].value == "Svar på revisorernas granskning avseende samverkan vid utskrivning"
    assert [o.value for o in converted.others if o.field == "title"] == ["Kontaktperson"]
    assert any(n.startswith("osäkert dokumentnamn: 'Svar på revisorernas") for n in converted.notes)
    # The letterhead left the body and is in the report; the text stays.
    assert texts(converted) == ["Revisorerna har granskat processen."]
    assert [u.text for u in converted.unused if u.label == "brevhuvud"] == [
        "Viktor Exempelsson", "Kanslienhet", "2024-09-06", "522578", "viktor.exempelsson@region.example",
    ]
    assert [s.value for s in converted.suggested if s.field == "owner.contact"] == ["viktor.exempelsson@region.example"]


def test_a_real_title_is_kept():
    converted = interpret_source(source(pandoc.header(1, "Syfte"), pandoc.para("Text."), styled={"title": "Rutin för SIP"}), CATALOG)
    assert converted.found["title"].value == "Rutin för SIP"
    assert not any("osäkert" in n for n in converted.notes)


# --- tables of contents and numbered paragraphs -----------------------------------------------


def test_a_table_of_contents_laid_out_as_a_table_is_removed_and_reported():
    converted = interpret_source(
        source(
            pandoc.para("Innehåll"),
            table(("Syfte och omfattning", "1"), ("Allmänt", "2"), ("Ansvar och roller", "3")),
            pandoc.header(1, "Syfte och omfattning"),
            pandoc.para("Text."),
            pandoc.header(1, "Allmänt"),
            table(("Roll", "Antal"), ("Processledare", "1"), ("Metodhandledare", "2")),
            pandoc.header(1, "Ansvar och roller"),
        ),
        CATALOG,
    )
    body = texts(converted)
    assert "Innehåll" not in body and "Syfte och omfattning" in body
    assert any(b.get("t") == "Table" for b in converted.blocks), "a table of numbers that is no TOC stays"
    assert "innehållsförteckningen togs bort (4 rader)" in converted.notes


def test_a_toc_table_without_heading_is_known_by_the_headings_it_lists():
    converted = interpret_source(
        source(table(("Syfte", "2"), ("Ansvar", "3")), pandoc.header(1, "Syfte"), pandoc.para("Text."), pandoc.header(1, "Ansvar")),
        CATALOG,
    )
    assert not any(b.get("t") == "Table" for b in converted.blocks)


def test_nothing_removed_means_nothing_reported():
    converted = interpret_source(source(pandoc.header(1, "Innehåll"), pandoc.para("Rutinens innehåll beskrivs här.")), CATALOG)
    assert not any("innehållsförteckning" in n for n in converted.notes)
    assert "Rutinens innehåll beskrivs här." in texts(converted)


def test_paragraphs_typed_with_numbers_become_a_numbered_list():
    converted = interpret_source(
        source(pandoc.header(1, "Beslut"), pandoc.para("1. Att anta rutinen."), pandoc.para("2. Att följa upp den."), pandoc.para("Slut.")),
        CATALOG,
    )
    lists = [b for b in converted.blocks if b.get("t") == "OrderedList"]
    assert len(lists) == 1 and [pandoc.stringify(i).strip() for i in lists[0]["c"][1]] == ["Att anta rutinen.", "Att följa upp den."]


def test_a_letter_without_a_title_style_is_named_by_its_subject_and_its_letterhead_table_leaves():
    converted = interpret_source(
        source(
            table(("Kontaktperson", "Datum"), ("Anna Exempel", "2024-09-06")),
            pandoc.para("Yttrande över remiss om samordnad vårdplanering"),
            pandoc.para("Regionen lämnar följande yttrande."),
        ),
        CATALOG,
    )
    assert converted.found["title"].value == "Yttrande över remiss om samordnad vårdplanering"
    assert texts(converted) == ["Regionen lämnar följande yttrande."]
    assert "brevhuvudet togs bort ur texten: Kontaktperson · Datum · Anna Exempel · 2024-09-06" in converted.notes
