"""samverkan import: Word documents in, metadata found wherever it stands, nothing invented.

Every fixture is a .docx built here with python-docx under tmp_path; the two seed
documents are read from ../shared/seeds/ and never copied into the repository.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import struct
import zlib
from pathlib import Path

import docx
import pytest
from conftest import REPO, TODAY
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
import samverkan
from samverkan.cli import main
from samverkan.cli.transfer import catalog as build_catalog
from samverkan.core.loader import load
from samverkan.core.schemas import SchemaSet
from samverkan.transfer import importing
from samverkan.transfer.importing import interpret, values, writer

# Beside the repository, or beside the folder of its worktrees.
SEEDS = next((p for p in (REPO.parent / "shared" / "seeds", REPO.parent.parent / "shared" / "seeds") if p.is_dir()), REPO.parent / "shared" / "seeds")


# --- helpers ------------------------------------------------------------------------------------------


def content_root(tmp_path: Path) -> Path:
    """A content tree with the example roles, forums, parties and schemas but no documents."""
    root = tmp_path / "innehall"
    root.mkdir()
    shutil.copytree(REPO / "roles", root / "roles")
    shutil.copytree(REPO / "schema", root / "schema")
    (root / "routines").mkdir()
    return root


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return content_root(tmp_path)


@pytest.fixture(scope="module")
def known() -> values.Catalog:
    schemas = SchemaSet.load(REPO / "schema")
    return build_catalog(load(REPO, schemas), schemas)


@pytest.fixture
def cli(capsys):
    """Run ``samverkan`` in-process with today pinned; returns (status, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        try:
            status = main([*args] if "--today" in args else [*args, "--today", TODAY.isoformat()])
        except SystemExit as exc:
            status = int(exc.code or 0)
        out, err = capsys.readouterr()
        return status, out, err

    return run


def add_body(document: docx.Document) -> None:
    """Headings, a bullet list, a numbered list and a table: the text every fixture carries."""
    document.add_paragraph("Syfte", style="Heading 1")
    document.add_paragraph("Rutinen beskriver hur läkemedelslistan stäms av vid utskrivning.")
    document.add_paragraph("Första punkten", style="List Bullet")
    document.add_paragraph("Andra punkten", style="List Bullet")
    document.add_paragraph("Arbetsgång", style="Heading 1")
    document.add_paragraph("Steg ett", style="List Number")
    document.add_paragraph("Steg två", style="List Number")
    document.add_paragraph("Ansvar", style="Heading 2")
    table = document.add_table(rows=3, cols=2)
    for r, row in enumerate((("Roll", "Ansvar"), ("Sjuksköterska", "Stämmer av listan"), ("Läkare", "Ordinerar"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value


def save(document: docx.Document, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\x1f\x38\x64" * 2 + b"\x00" + b"\xb0\x00\x20" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def label_lines_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Rutin för läkemedelsavstämning vid utskrivning", style="Title")
    for line in (
        "Dokument ID: 01-794058",
        "Revisionsnr: 4",
        "Giltigt fr.o.m.: 2025-05-01",
        "Giltigt t.o.m. 30 april 2027",
        "Fastställd av: Länsgemensam chefsgrupp för vård och omsorg",
        "Beslutat 250419, protokoll § 7",
        "Upprättad av: Anna Ek (MAS) och Bo Berg",
        "Dokumentägare: Processledare, lakemedel@exempel.example",
    ):
        document.add_paragraph(line)
    add_body(document)
    document.add_paragraph("Målgrupp: sjuksköterskor på vårdavdelningar.")  # a section's own text stays
    return save(document, path)


def table_docx(path: Path) -> Path:
    document = docx.Document()
    meta = document.add_table(rows=3, cols=4)
    rows = (
        ("Dokumentnamn", "Överenskommelse om hemsjukvård", "Dokument-ID", "EXL-TAB-001"),
        ("Version", "2", "Giltig till", "2027-06-30"),
        ("Fastställare", "Styrgruppen för vård", "Diarienummer", "RS 2024/12"),
    )
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            meta.cell(r, c).text = value
    second = document.add_table(rows=2, cols=2)
    for c, (label, value) in enumerate((("Giltig fr.o.m.", "2025-07-01"), ("Dokumentägare", "hemsjukvard@exempel.example"))):
        second.cell(0, c).text = label
        second.cell(1, c).text = value
    add_body(document)
    return save(document, path)


def header_footer_docx(path: Path) -> Path:
    document = docx.Document()
    section = document.sections[0]
    head = section.header
    table = head.add_table(rows=1, cols=3, width=section.page_width - section.left_margin - section.right_margin)
    for c, value in enumerate(("Dokumentnamn\nRutin för hemsjukvård i ordinärt boende", "Dok.nr\n09-123456", "Version\n3")):
        cell = table.cell(0, c)
        label, _, rest = value.partition("\n")
        cell.paragraphs[0].text = label
        cell.add_paragraph(rest)
    section.footer.paragraphs[0].text = "Giltigt fr.o.m.: 2024-01-01\tGiltigt t.o.m.: 2025-12-31\tSida 1 av 1"
    document.core_properties.title = "Gammal titel i egenskaperna"
    document.core_properties.keywords = "hemsjukvård; inskrivning"
    add_body(document)
    return save(document, path)


def end_section_docx(path: Path) -> Path:
    """A cover page with labels on lines of their own, a references table, and a 'Dokumentinformation' section at the end."""
    document = docx.Document()
    head = document.sections[0].header
    head.paragraphs[0].text = "Giltig till:"
    head.add_paragraph("2026-06-30")
    document.add_paragraph("Riktlinje för fast vårdkontakt", style="Title")
    document.add_paragraph("Dokumentägare")
    document.add_paragraph("Processledare")
    add_body(document)
    document.add_paragraph("Referenser", style="Heading 1")
    table = document.add_table(rows=3, cols=2)
    for r, row in enumerate((("Dokumentnamn", "Plats"), ("Hälso- och sjukvårdslag (2017:30)", "Sveriges riksdag"), ("Lag (2017:612)", "Sveriges riksdag"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Dokumentinformation", style="Heading 1")
    document.add_paragraph("Beslutat: 2024-04-19 av Arbetsutskottet för vård och omsorg")
    document.add_paragraph("Dokument-ID: EXL-END-001")
    return save(document, path)


def bare_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Bakgrund", style="Heading 1")
    document.add_paragraph("Text utan några uppgifter om dokumentet.")
    document.add_paragraph("Arbetssätt", style="Heading 1")
    document.add_paragraph("Ännu mer text.")
    return save(document, path)


def toc_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Riktlinje för SIP", style="Title")
    document.add_paragraph("Innehåll", style="TOC Heading")
    toc = document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)

    def field_char(paragraph, kind: str) -> None:
        run = OxmlElement("w:r")
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run.append(char)
        paragraph._p.append(run)

    first = document.add_paragraph(style=toc)
    field_char(first, "begin")
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = ' TOC \\o "1-3" \\h \\z \\u '
    run.append(instr)
    first._p.append(run)
    field_char(first, "separate")
    first.add_run("Syfte\t3")
    document.add_paragraph("Arbetsgång ........ 4", style=toc)
    last = document.add_paragraph("Ansvar\t5", style=toc)
    field_char(last, "end")
    add_body(document)
    return save(document, path)


def image_docx(path: Path, tmp_path: Path) -> Path:
    picture = tmp_path / "bild.png"
    picture.write_bytes(tiny_png())
    document = docx.Document()
    document.add_paragraph("Rutin med organisationsbild", style="Title")
    document.add_paragraph("Organisation", style="Heading 1")
    document.add_picture(str(picture))
    document.add_paragraph("Bilden visar organisationen.")
    return save(document, path)


def front(path: Path) -> dict:
    data = writer.read_existing(path.read_text(encoding="utf-8"))
    assert data is not None, path.read_text(encoding="utf-8")
    return data


def body_of(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1].lstrip("\n")


# --- dates, labels and values -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-04-19", dt.date(2024, 4, 19)),
        ("240419", dt.date(2024, 4, 19)),
        ("19 april 2024", dt.date(2024, 4, 19)),
        ("Beslutat presidiekonferensen 180216", dt.date(2018, 2, 16)),
        ("20240419", dt.date(2024, 4, 19)),
        ("1 okt. 2025", dt.date(2025, 10, 1)),
        ("2024-02-30", None),
        ("300 000 kr", None),
        ("09-412377", None),
    ],
)
def test_dates_are_read_in_the_forms_swedish_documents_use(text, expected):
    assert values.parse_date(text) == expected


def test_labels_are_matched_loosely():
    assert values.label_field("Giltigt t.o.m.:") == "valid_until"
    assert values.label_field("GILTIG TILL") == "valid_until"
    assert values.label_field("Dok.nr") == "id"
    assert values.label_field("Dokument ID") == "id"
    assert values.label_field("Revisionsnr") == "revision"
    assert values.label_field("Fastställare") == "approved_by"
    assert values.label_field("Syfte") is None
    pairs = interpret.pairs_in_line("Dokument ID: 09-412377   Version: 5")
    assert [(p.field, p.value) for p in pairs] == [("id", "09-412377"), ("revision", "5")]


def test_people_are_split_into_authors():
    assert values.split_people("Anna Ek (MAS) och Bo Berg") == [{"name": "Anna Ek", "title": "MAS"}, {"name": "Bo Berg"}]
    assert values.split_people("Cecilia Dahl, utvecklingsledare") == [{"name": "Cecilia Dahl", "title": "utvecklingsledare"}]


# --- where the metadata stands --------------------------------------------------------------------------


def test_label_lines_in_the_body(tmp_path, known):
    converted = importing.convert(label_lines_docx(tmp_path / "rader.docx"), known)
    found = {key: (item.value, item.where) for key, item in converted.found.items()}
    assert found["id"] == ("01-794058", "brödtext")
    assert found["title"] == ("Rutin för läkemedelsavstämning vid utskrivning", "brödtext")
    assert found["type"] == ("routine", "brödtext")
    assert found["revision"] == (4, "brödtext")
    assert found["valid_from"] == ("2025-05-01", "brödtext")
    assert found["valid_until"] == ("2027-04-30", "brödtext")
    assert found["approved_by"] == ("chefsgrupp-vard-omsorg", "brödtext")
    assert found["decision"][0] == {"date": "2025-04-19", "reference": "protokoll § 7"}
    assert found["authors"][0] == [{"name": "Anna Ek", "title": "MAS"}, {"name": "Bo Berg"}]
    assert found["owner"][0] == {"contact": "lakemedel@exempel.example", "role": "processledare"}
    # The consumed lines are gone; the text and a section's own label-like line stay.
    assert "Dokument ID" not in converted.body and "Revisionsnr" not in converted.body
    assert converted.body.startswith("## Syfte\n")
    assert "Målgrupp: sjuksköterskor på vårdavdelningar." in converted.body
    assert "audience" not in converted.found


def test_metadata_in_tables(tmp_path, known):
    converted = importing.convert(table_docx(tmp_path / "tabell.docx"), known)
    found = {key: (item.value, item.where) for key, item in converted.found.items()}
    assert found["title"] == ("Överenskommelse om hemsjukvård", "tabell")
    assert found["id"] == ("EXL-TAB-001", "tabell")
    assert found["revision"] == (2, "tabell")
    assert found["valid_until"] == ("2027-06-30", "tabell")
    assert found["valid_from"] == ("2025-07-01", "tabell")
    assert found["case_number"] == ("RS 2024/12", "tabell")
    assert found["owner"] == ({"contact": "hemsjukvard@exempel.example"}, "tabell")
    assert found["type"] == ("agreement", "tabell")
    # A forum the content tree does not know is reported, not guessed.
    assert "approved_by" not in converted.found
    assert [(u.label, u.text, u.where) for u in converted.unused] == [("Fastställare", "Styrgruppen för vård", "tabell")]
    # Both metadata tables are gone, the text's own table stays.
    assert "EXL-TAB-001" not in converted.body and "Giltig fr.o.m." not in converted.body
    assert "| Sjuksköterska | Stämmer av listan |" in converted.body


def test_metadata_in_page_header_and_footer(tmp_path, known):
    converted = importing.convert(header_footer_docx(tmp_path / "sidhuvud.docx"), known)
    found = {key: (item.value, item.where) for key, item in converted.found.items()}
    assert found["title"] == ("Rutin för hemsjukvård i ordinärt boende", "sidhuvud")
    assert found["id"] == ("09-123456", "sidhuvud")
    assert found["revision"] == (3, "sidhuvud")
    assert found["valid_from"] == ("2024-01-01", "sidfot")
    assert found["valid_until"] == ("2025-12-31", "sidfot")
    assert found["keywords"] == (["hemsjukvård", "inskrivning"], "dokumentegenskaper")
    # The properties' older title loses to the page header, and is reported as not used.
    assert [(o.field, o.value, o.where) for o in converted.others] == [("title", "Gammal titel i egenskaperna", "dokumentegenskaper")]


def test_labels_on_lines_of_their_own_and_a_document_information_section(tmp_path, known):
    converted = importing.convert(end_section_docx(tmp_path / "slut.docx"), known)
    found = {key: (item.value, item.where) for key, item in converted.found.items()}
    assert found["valid_until"] == ("2026-06-30", "sidhuvud")
    assert found["owner"] == ({"role": "processledare"}, "brödtext")
    assert found["type"] == ("guideline", "brödtext")
    assert found["id"] == ("EXL-END-001", "brödtext")
    assert found["decision"][0] == {"date": "2024-04-19", "reference": "Beslutat 2024-04-19 av Arbetsutskottet för vård och omsorg"}
    assert found["approved_by"] == ("arbetsutskott-vard-omsorg", "brödtext")
    assert "title" in found and "Dokumentnamn" not in [f.label for f in converted.others]
    body = converted.body
    # The references table keeps its header row; the emptied 'Dokumentinformation' section is gone.
    assert "| Dokumentnamn | Plats |" in body
    assert "Dokumentinformation" not in body and "EXL-END-001" not in body
    assert "Processledare" not in body.split("## Syfte")[0]


def test_a_document_without_metadata_is_a_draft_with_a_new_id_and_every_gap_reported(root, cli):
    source = bare_docx(root / "in" / "utan-uppgifter.docx")
    status, out, err = cli("import", str(source), "--root", str(root))
    assert status == 0, err
    # Without a title the file name names the file; nothing was invented.
    path = root / "routines" / "importerade" / "utan-uppgifter.md"
    data = front(path)
    imported = data.pop("imported")
    assert data == {"id": "IMP-001", "status": "draft", "areas": [values.DEFAULT_AREA]}
    # The import is provenance, not a revision: no changelog line is made up.
    assert imported == {
        "source": "utan-uppgifter.docx",
        "sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
        "date": TODAY.isoformat(),
        "tool": f"samverkan {samverkan.__version__}",
    }
    assert path.read_text(encoding="utf-8").splitlines()[1] == values.SCHEMA_COMMENT
    assert body_of(path).startswith("## Bakgrund\n")
    assert "Nytt dokument IMP-001, status: draft" in out
    assert "Dokument-id (id): IMP-001 – nytt id" in out
    assert "Hittade uppgifter: inga." in out
    missing = ("Dokumentnamn (title)", "Dokumenttyp (type)", "Revisionsnummer (revision)", "Giltigt fr.o.m. (valid_from)",
               "Giltigt t.o.m. (valid_until)", "Dokumentägare (owner)", "Gäller för (applies_to)", "Ändringshistorik (changelog)")
    assert out.split("Saknas – fyll i (samverkan check visar raden):\n")[1].split("\n")[0].strip() == ", ".join(missing)
    assert "Inte hittat (frivilligt): Fastställt av (approved_by), Beslut (decision), Upprättat av (authors), Diarienummer (case_number)" in out
    # samverkan check names exactly those gaps, as a warning: an unfinished draft blocks nobody.
    status, out, _ = cli("check", "--root", str(root), "--format", "json")
    assert status == 0, out
    problems = [p for p in json.loads(out)["problems"] if p["path"] == "routines/importerade/utan-uppgifter.md"]
    assert [(p["code"], p["severity"], p["line"]) for p in problems] == [("W-DRAFT-INCOMPLETE", "warning", data_line(path, "id"))]
    assert problems[0]["message"] == "utkastet är inte färdigt och visas inte på webbplatsen än; uppgift saknas: " + ", ".join(missing)
    # Importing the same file again finds the earlier import and leaves it alone.
    text = path.read_text(encoding="utf-8")
    status, out, _ = cli("import", str(source), "--root", str(root))
    assert status == 1 and "KONFLIKT: dokumentet finns redan: routines/importerade/utan-uppgifter.md (id IMP-001)" in out
    assert path.read_text(encoding="utf-8") == text


def data_line(path: Path, key: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(f"{key}:"):
            return number
    raise AssertionError(key)


def test_new_ids_continue_the_import_series(root, cli):
    (root / "routines" / "importerade").mkdir()
    (root / "routines" / "importerade" / "gammal.md").write_text("---\nid: IMP-007\ntitle: Gammal\n---\n", encoding="utf-8")
    bare_docx(root / "in" / "alfa.docx")
    bare_docx(root / "in" / "beta.docx")
    status, out, err = cli("import", str(root / "in"), "--root", str(root))
    assert status == 0, out + err
    assert front(root / "routines" / "importerade" / "alfa.md")["id"] == "IMP-008"
    assert front(root / "routines" / "importerade" / "beta.md")["id"] == "IMP-009"
    assert "[1/2] alfa.docx" in err and "[2/2] beta.docx" in err


# --- the text -------------------------------------------------------------------------------------------


def test_table_of_contents_is_dropped_and_headings_start_at_level_two(tmp_path, known):
    converted = importing.convert(toc_docx(tmp_path / "innehall.docx"), known)
    body = converted.body
    assert "Innehåll" not in body
    assert "........" not in body and "Syfte 3" not in body
    assert body.startswith("## Syfte\n")
    assert "### Ansvar" in body
    assert "- Första punkten\n- Andra punkten" in body
    assert "1. Steg ett\n2. Steg två" in body
    assert "| Roll | Ansvar |" in body
    assert any("innehållsförteckningen" in note for note in converted.notes)


def test_images_are_saved_beside_the_document_and_linked_relatively(root, cli, tmp_path):
    source = image_docx(root / "in" / "bild.docx", tmp_path)
    status, out, err = cli("import", str(source), "--root", str(root), "--area", "SIP")
    assert status == 0, out + err
    path = root / "routines" / "sip" / "rutin-med-organisationsbild.md"
    images = sorted((root / "routines" / "sip" / "rutin-med-organisationsbild").iterdir())
    assert len(images) == 1 and images[0].read_bytes() == tiny_png()
    assert f"](rutin-med-organisationsbild/{images[0].name})" in body_of(path)
    assert front(path)["areas"] == ["SIP"]
    assert "1 bild sparad i routines/sip/rutin-med-organisationsbild/" in out
    # The loader accepts the image beside the document.
    status, out, _ = cli("check", "--root", str(root))
    assert "E-FILE" not in out


# --- Markdown → DOCX → Markdown ----------------------------------------------------------------------------

ROUND_TRIP = """---
# yaml-language-server: $schema=../../schema/document.schema.json
id: EXL-RT-001
title: Rutin för samordnad planering i tur och retur
type: routine
revision: 3
status: approved
valid_from: 2026-01-01
valid_until: 2027-12-31
owner:
  role: processledare
  contact: planering@exempel.example
approved_by: chefsgrupp-vard-omsorg
decision:
  date: 2025-12-10
  reference: Protokoll 2025-12-10 § 4
applies_to:
  - region-exempellan
  - kommun-solvik
areas:
  - utskrivning
changelog:
  - revision: 1
    date: 2023-01-10
    summary: Första versionen.
  - revision: 2
    date: 2024-06-01
    summary: Nya tider för kallelse.
  - revision: 3
    date: 2025-12-10
    summary: Anpassad till nytt IT-stöd.
---

## Syfte

Rutinen gäller för **alla** verksamheter. Läs mer hos [Socialstyrelsen](https://www.socialstyrelsen.se/).

## Arbetsgång

1. Skicka inskrivningsmeddelande.
2. Planera hemgången.

- Första punkten
    - Underpunkt
- Andra punkten

### Ansvar

| Roll | Ansvar |
| --- | --- |
| Processledare | Leder arbetet |
| Sjuksköterska | Stämmer av läkemedel |
"""


def test_round_trip_markdown_docx_markdown_keeps_structure_and_metadata(tmp_path, known):
    from samverkan.transfer import export

    root = content_root(tmp_path)
    (root / "routines" / "utskrivning").mkdir()
    (root / "routines" / "utskrivning" / "tur-och-retur.md").write_text(ROUND_TRIP, encoding="utf-8")
    schemas = SchemaSet.load(root / "schema")
    loaded = load(root, schemas)
    assert not [p for p in loaded.problems if p.is_error], loaded.problems
    doc = loaded.corpus.documents_by_id["EXL-RT-001"]
    with export.Exporter(loaded.corpus, TODAY, root=root) as exporter:
        word = tmp_path / "EXL-RT-001.docx"
        word.write_bytes(exporter.docx(doc))
    converted = importing.convert(word, build_catalog(loaded, schemas))
    found = {key: item.value for key, item in converted.found.items()}
    assert found["id"] == "EXL-RT-001"
    assert found["title"] == doc.title
    assert found["type"] == "routine"
    assert found["revision"] == 3
    assert found["valid_from"] == "2026-01-01" and found["valid_until"] == "2027-12-31"
    assert found["owner"] == {"role": "processledare", "contact": "planering@exempel.example"}
    assert found["approved_by"] == "chefsgrupp-vard-omsorg"
    assert found["decision"] == {"date": "2025-12-10", "reference": "Protokoll 2025-12-10 § 4"}
    assert found["applies_to"] == ["region-exempellan", "kommun-solvik"]
    assert found["changelog"] == [
        {"revision": 1, "date": "2023-01-10", "summary": "Första versionen."},
        {"revision": 2, "date": "2024-06-01", "summary": "Nya tider för kallelse."},
        {"revision": 3, "date": "2025-12-10", "summary": "Anpassad till nytt IT-stöd."},
    ]
    body = converted.body
    assert body.startswith("## Syfte\n")
    for expected in (
        "## Arbetsgång",
        "### Ansvar",
        "**alla**",
        "[Socialstyrelsen](https://www.socialstyrelsen.se/)",
        "1. Skicka inskrivningsmeddelande.\n2. Planera hemgången.",
        "- Första punkten\n    - Underpunkt\n- Andra punkten",
        "| Processledare | Leder arbetet |",
        "| Sjuksköterska | Stämmer av läkemedel |",
    ):
        assert expected in body, expected
    # The header block and the revision history went into the front matter, not the text.
    assert "Dokument-id" not in body and "Revisionshistorik" not in body and "Status" not in body
    assert [u.label for u in converted.unused] == ["Status"]


# --- the seeds: real regional documents ------------------------------------------------------------------


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not here ({SEEDS}); they live in shared/ beside the repository")
    return SEEDS


def test_seed_documents_import_and_report_what_they_found(root, cli, seeds):
    status, out, err = cli("import", str(seeds / "seed-002-visam.docx"), "--root", str(root))
    assert status == 0, out + err
    visam = root / "routines" / "importerade" / "visam-samverkansmodell-organisation-och-roller.md"
    data = front(visam)
    assert data["title"] == "ViSam samverkansmodell – organisation och roller"
    assert data["status"] == "draft" and data["id"] == "IMP-001"
    assert "Dokumentnamn (title): ViSam samverkansmodell – organisation och roller  [brödtext: rubrik med formatmallen Titel]" in out
    assert "Dokumenttyp (type)" in out.split("Saknas")[1]
    assert "Beslut (decision): date: 2024-04-19, reference: Chefsgruppen beslutar 240419  [\"Chefsgruppen beslutar 240419\"]" in out
    assert "Ändringshistorik (changelog): date: 2024-04-19  [\"Uppdaterad 2024-04-19\"]" in out
    assert "Upprättat av (authors): name: Fredrik Svensson; name: Maria Belik" in out
    assert "decision" not in data and "changelog" not in data  # suggestions stay in the report
    body = body_of(visam)
    assert "Innehåll" not in body
    assert "## 1. Inledning" in body and "### 2.1 Ordinarie samverkansstruktur" in body
    assert "#### 3.6.1 Arbetsgrupp för ViSam" in body
    # A numbered paragraph written without a heading style among numbered headings.
    assert "### 3.8 Instruktör i klinisk bedömning" in body
    assert "- Chefsgruppen beslutar 240419 att ställa sig bakom dokumentet.\n- Att man" in body

    status, out, err = cli("import", str(seeds / "seed-003-sip-vg.docx"), "--root", str(root), "--area", "SIP")
    assert status == 0, out + err
    sip = root / "routines" / "sip" / "uppdragsbeskrivning-for-starkt-arbete-med-sip-i-vastra.md"
    data = front(sip)
    assert data["title"] == "Uppdragsbeskrivning för stärkt arbete med SIP i Västra Götaland"
    assert data["type"] == "assignment" and data["areas"] == ["SIP"] and data["id"] == "IMP-002"
    assert "Dokumenttyp (type): assignment  [brödtext: dokumentnamnets första ord]" in out
    body = body_of(sip)
    assert body.startswith("## Syfte/Förväntade effekter\n")
    assert "| Beroende | Påverkan på uppdraget och hantering av beroendet |" in body
    assert "| SIP-koordinator | 1 000 000 | Samtliga kostnader" in body
    assert "- Stötta utvecklingsarbete" in body


# --- folders, conflicts, updates, dry runs -----------------------------------------------------------------


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "routines").rglob("*")) if p.is_file()}


def test_folder_import_continues_past_a_broken_file_and_never_overwrites(root, cli, tmp_path):
    folder = root / "in"
    label_lines_docx(folder / "a-rader.docx")
    (folder / "b-trasig.docx").write_bytes(b"PK\x03\x04 inte alls en Word-fil")
    (folder / "c-gammal.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    header_footer_docx(folder / "d-sidhuvud.docx")
    status, out, err = cli("import", str(folder), "--root", str(root))
    assert status == 1
    assert [line for line in err.splitlines() if line.startswith("[")] == [
        "[1/4] a-rader.docx", "[2/4] b-trasig.docx", "[3/4] c-gammal.doc", "[4/4] d-sidhuvud.docx",
    ]
    assert "b-trasig.docx: FEL – filen är ingen Word-fil (.docx) eller är skadad" in out
    assert "c-gammal.doc: FEL – det äldre Word-formatet .doc kan inte läsas" in out
    summary = out.split("Sammanfattning:")[1]
    assert "a-rader.docx" in summary and "importerad" in summary and "01-794058" in summary
    assert "4 filer: 2 importerade, 2 fel." in summary
    first = front(root / "routines" / "importerade" / "rutin-for-lakemedelsavstamning-vid-utskrivning.md")
    assert first["id"] == "01-794058" and first["revision"] == 4
    assert "changelog" not in first and first["imported"]["source"] == "a-rader.docx"
    assert front(root / "routines" / "importerade" / "rutin-for-hemsjukvard-i-ordinart-boende.md")["id"] == "09-123456"

    before = tree(root)
    status, out, err = cli("import", str(folder), "--root", str(root))
    assert status == 1
    assert tree(root) == before
    assert out.count("KONFLIKT: dokumentet finns redan") == 2
    assert "Kör med --update" in out


def test_update_raises_the_revision_and_adds_a_changelog_entry(root, cli):
    source = label_lines_docx(root / "in" / "rader.docx")
    assert cli("import", str(source), "--root", str(root))[0] == 0
    path = root / "routines" / "importerade" / "rutin-for-lakemedelsavstamning-vid-utskrivning.md"
    status, out, err = cli("import", str(source), "--root", str(root), "--update", "--today", "2026-12-05")
    assert status == 0, out + err
    data = front(path)
    assert data["id"] == "01-794058"
    assert data["revision"] == 5
    assert data["status"] == "draft"
    assert data["changelog"][-1] == {"revision": 5, "date": "2026-12-05", "summary": "Uppdaterad från Word-dokumentet rader.docx."}
    assert "Uppdaterade 01-794058: revision 5" in out


def test_dry_run_writes_nothing(root, cli, tmp_path):
    folder = root / "in"
    label_lines_docx(folder / "rader.docx")
    image_docx(folder / "bild.docx", tmp_path)
    before = tree(root)
    status, out, err = cli("import", str(folder), "--root", str(root), "--dry-run")
    assert status == 0, out + err
    assert tree(root) == before
    assert not (root / "routines" / "importerade").exists()
    assert "Skulle skapa 01-794058" in out
    assert "provkörning: inget skrevs" in out
    assert "1 bild skulle sparas" in out


def test_usage_errors(root, cli):
    status, _, err = cli("import", str(root / "finns-inte.docx"), "--root", str(root))
    assert status == 2 and "hittar inte" in err
    source = bare_docx(root / "in" / "x.docx")
    status, _, err = cli("import", str(source), "--root", str(root), "--area", "tandvård")
    assert status == 2 and "'tandvård' är inget område" in err
    status, _, err = cli("import", str(source), "--root", str(root), "--type", "policy")
    assert status == 2 and "'policy' är ingen dokumenttyp" in err
