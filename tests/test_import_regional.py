"""samverkan import of a region's whole collection: letters, TOCs, expired originals, PDFs, and nobody blocked.

The Word fixtures are built here with python-docx; the PDFs are printed from them as
`export` prints (pandoc → HTML → Chromium), plus one PDF whose metadata sits in a table in
the page header. After an import, expiring, export and the site keep working and name
the unfinished drafts.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import REPO
from sitebuild import build, mini_tree
from test_export import in_ci
from test_import import ROUND_TRIP, add_body, cli, content_root, front, save  # noqa: F401 - cli is a fixture
from samverkan.external import browser, pandoc
from samverkan.external.browser import Browser
from samverkan.transfer import importing
from samverkan.transfer.export import PRINT_CSS
from samverkan.transfer.importing import docx_reader, values


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return content_root(tmp_path)


# --- fixtures ------------------------------------------------------------------------------------------------


def letter_docx(path: Path) -> Path:
    """A response letter: a label in Word's Title style, a letterhead, then the subject line."""
    document = docx.Document()
    document.add_paragraph("Kontaktperson", style="Title")
    for line in ("Viktor Exempelsson", "Kanslienhet", "2024-09-06", "522578", "viktor.exempelsson@region.example"):
        document.add_paragraph(line)
    document.add_paragraph("Svar på revisorernas granskning avseende samverkan vid utskrivning").runs[0].bold = True
    document.add_paragraph("Revisorerna har granskat processen för samverkan vid utskrivning.")
    document.sections[0].footer.paragraphs[0].text = "Region Exempellän\tOrg.nr 232100-0000\tBankgiro 123-4567"
    return save(document, path)


def toc_table_docx(path: Path) -> Path:
    """'Innehåll' followed by a table of entries and page numbers, as some regions lay out their TOC."""
    document = docx.Document()
    document.add_paragraph("Rutin för samordnad planering", style="Title")
    document.add_paragraph("Innehåll")
    toc = document.add_table(rows=3, cols=2)
    for r, (entry, page) in enumerate((("Syfte", "2"), ("Arbetsgång", "3"), ("Ansvar", "4"))):
        toc.cell(r, 0).text, toc.cell(r, 1).text = entry, page
    add_body(document)
    return save(document, path)


def expired_docx(path: Path) -> Path:
    """Every field a region prints, its validity past, its history and references in tables, closing points numbered."""
    document = docx.Document()
    document.add_paragraph("Rutin för vårdplanering i hemmet", style="Title")
    for line in ("Dokument ID: 01-794058", "Giltigt t.o.m.: 2026-02-05", "Revisionsnr: 2"):
        document.add_paragraph(line)
    add_body(document)
    document.add_paragraph("Beslut", style="Heading 1")
    document.add_paragraph("1. Rutinen gäller från och med beslutet.")
    document.add_paragraph("2. Rutinen följs upp efter ett år.")
    document.add_paragraph("Dokumentinformation", style="Heading 1")
    document.add_paragraph("Detta dokument har tagits fram utifrån beslut i Länsgemensam chefsgrupp för vård och omsorg 230908.")
    document.add_paragraph("Dokumentet är framtaget på uppdrag av Utskott vuxna;")
    document.add_paragraph("Britt-Marie Exempel Lindström, MAS, Solviks kommun", style="List Bullet")
    document.add_paragraph("Elisabet Exempelsson, Samordnare, Region Exempellän", style="List Bullet")
    document.add_paragraph("Frågor om rutinen: hemsjukvard@exempel.example")
    document.add_paragraph("Referenser", style="Heading 1")
    refs = document.add_table(rows=3, cols=2)
    for r, row in enumerate((("Dokumentnamn", "Plats"), ("Socialtjänstlag (2001:453)", "Sveriges riksdag"), ("Lag (2017:612) om samverkan", "Sveriges riksdag"))):
        for c, value in enumerate(row):
            refs.cell(r, c).text = value
    return save(document, path)


def approved_document(root: Path) -> None:
    """One complete, approved document beside the imports: its export and expiry must keep working."""
    (root / "routines" / "utskrivning").mkdir(parents=True)
    (root / "routines" / "utskrivning" / "tur-och-retur.md").write_text(ROUND_TRIP, encoding="utf-8")


def print_pdf(browser: Browser, source: Path, target: Path, header: str = "", footer: str = "") -> Path:
    """Word → pandoc HTML with export's print stylesheet → Chromium PDF, as `samverkan export` prints."""
    html = pandoc.run(["--from", "docx", "--to", "html5", "--standalone", str(source)]).decode("utf-8")
    # Word's Title style is set larger than its headings; pandoc's HTML gives both the same size.
    html = html.replace("</head>", f"<style>{PRINT_CSS} h1.title {{ font-size: 26pt; }}</style></head>", 1)
    target.write_bytes(browser.pdf(html, header=header, footer=footer))
    return target


PAGE_NUMBERS = '<div style="font-size:8pt;width:100%;text-align:center">Sida <span class="pageNumber"></span> av <span class="totalPages"></span></div>'
ONE_LINE_HEADER = '<div style="font-size:8pt;width:100%;margin:0 18mm">Region Exempellän · Dokument ID: 09-777777 · Version: 2</div>'
CELL = '<td style="border:0.6pt solid #000;padding:2pt">{}</td>'
HEADER_TABLE = (
    '<table style="font-size:8pt;margin:0 18mm;border-collapse:collapse;width:100%">'
    + "".join(
        "<tr>" + "".join(CELL.format(c) for c in row) + "</tr>"
        for row in (("Dokument ID", "09-123456", "Revisionsnr", "3"), ("Giltigt fr.o.m.", "2024-01-01", "Giltigt t.o.m.", "2027-12-31"))
    )
    + "</table>"
)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """The PDFs, printed once for the module."""
    reason = browser.unavailable()
    if reason is not None:
        if in_ci():
            pytest.fail(f"{reason}. Under CI=true the browser tests must run; they are never skipped.", pytrace=False)
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("pdf")
    from test_import import bare_docx, label_lines_docx, toc_docx

    long = docx.Document()
    long.add_paragraph("Riktlinje för hemsjukvård", style="Title")
    for n in range(1, 7):
        long.add_paragraph(f"Avsnitt {n}", style="Heading 1")
        for _ in range(6):
            long.add_paragraph("Hemsjukvården planeras tillsammans med patienten och de närstående. " * 4)
    save(long, folder / "lang.docx")
    with Browser() as chromium:
        return {
            "rader": print_pdf(chromium, label_lines_docx(folder / "rader.docx"), folder / "rader.pdf", footer=PAGE_NUMBERS),
            "innehall": print_pdf(chromium, toc_table_docx(folder / "innehall.docx"), folder / "innehall.pdf", footer=PAGE_NUMBERS),
            "ensida": print_pdf(chromium, bare_docx(folder / "ensida.docx"), folder / "ensida.pdf", header=ONE_LINE_HEADER),
            "toc-falt": print_pdf(chromium, toc_docx(folder / "toc-falt.docx"), folder / "toc-falt.pdf", footer=PAGE_NUMBERS),
            "sidhuvud": print_pdf(chromium, folder / "lang.docx", folder / "sidhuvud.pdf", header=HEADER_TABLE, footer=PAGE_NUMBERS),
        }


@pytest.fixture(scope="module")
def known() -> values.Catalog:
    from samverkan.cli.transfer import catalog
    from samverkan.core.loader import load
    from samverkan.core.schemas import SchemaSet

    schemas = SchemaSet.load(REPO / "schema")
    return catalog(load(REPO, schemas), schemas)


# --- a letter -----------------------------------------------------------------------------------------------


def test_a_letter_gets_its_subject_as_title_and_its_letterhead_goes_to_the_report(root, cli):
    status, out, err = cli("import", str(letter_docx(root / "in" / "brev.docx")), "--root", str(root))
    assert status == 0, out + err
    path = root / "routines" / "importerade" / "svar-pa-revisorernas-granskning-avseende-samverkan-vid.md"
    assert front(path)["title"] == "Svar på revisorernas granskning avseende samverkan vid utskrivning"
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert body.strip().startswith("Revisorerna har granskat")
    for line in ("Kontaktperson", "Viktor Exempelsson", "522578", "viktor.exempelsson@region.example", "Bankgiro"):
        assert line not in body
    assert "osäkert dokumentnamn: 'Svar på revisorernas granskning avseende samverkan vid utskrivning' valdes framför 'Kontaktperson'" in out
    assert "brevhuvudet togs bort ur texten: Viktor Exempelsson · Kanslienhet · 2024-09-06 · 522578 · viktor.exempelsson@region.example" in out
    assert "owner.contact: viktor.exempelsson@region.example" in out.replace("Dokumentägare – kontakt (owner.contact)", "owner.contact")


# --- tables of contents ---------------------------------------------------------------------------------------


def test_a_table_of_contents_as_a_table_leaves_the_body_and_the_report_says_so(tmp_path, known):
    converted = importing.convert(toc_table_docx(tmp_path / "innehall.docx"), known)
    assert "Innehåll" not in converted.body and "| Syfte | 2 |" not in converted.body
    assert converted.body.startswith("## Syfte\n")
    assert "| Roll | Ansvar |" in converted.body
    assert "innehållsförteckningen togs bort (4 rader)" in converted.notes


# --- provenance, expiry, printed fields, numbered points -----------------------------------------------


def test_an_expired_original_is_reported_by_import_and_check_and_fields_are_found_or_suggested(root, cli):
    status, out, err = cli("import", str(expired_docx(root / "in" / "utgangen.docx")), "--root", str(root))
    assert status == 0, out + err
    path = root / "routines" / "importerade" / "rutin-for-vardplanering-i-hemmet.md"
    data = front(path)
    # Nothing invented: no changelog line for the import, which is provenance instead.
    assert "changelog" not in data and data["imported"]["source"] == "utgangen.docx"
    assert data["references"] == [{"law": "2001:453"}, {"law": "2017:612"}]
    assert "Utgånget: giltighetstiden i originalet gick ut 2026-02-05." in out
    assert "Beslut (decision): date: 2023-09-08, reference: beslut i Länsgemensam chefsgrupp för vård och omsorg 230908" in out
    assert "Fastställt av (approved_by): chefsgrupp-vard-omsorg" in out.split("Förslag ur texten")[1]
    assert "name: Britt-Marie Exempel Lindström, title: MAS, Solviks kommun; name: Elisabet Exempelsson" in out
    assert "hemsjukvard@exempel.example" in out.split("Förslag ur texten")[1]
    assert "decision" not in data and "authors" not in data and "owner" not in data
    body = path.read_text(encoding="utf-8")
    assert "1. Rutinen gäller från och med beslutet.\n2. Rutinen följs upp efter ett år." in body
    summary = out.split("Sammanfattning:")[1]
    assert "utgangen.docx" in summary and "2026-02-05" in summary

    status, out, _ = cli("check", "--root", str(root), "--format", "json")
    problems = {(p["code"], p["message"]) for p in json.loads(out)["problems"] if p["path"].endswith("rutin-for-vardplanering-i-hemmet.md")}
    assert ("W-ORIGINAL-EXPIRED", "giltighetstiden i originalet gick ut 2026-02-05") in problems
    assert any(code == "W-REPEALED-LAW" and message.startswith("hänvisar till Socialtjänstlag") for code, message in problems), problems
    assert status == 0


# --- nobody blocked -----------------------------------------------------------------------------------------


def test_unfinished_imports_block_neither_expiring_nor_export_and_approval_still_fails(root, cli, tmp_path):
    approved_document(root)
    assert cli("import", str(letter_docx(root / "in" / "brev.docx")), "--root", str(root))[0] == 0
    draft = next((root / "routines" / "importerade").glob("*.md"))
    rel = draft.relative_to(root).as_posix()

    status, out, err = cli("expiring", "--root", str(root))
    assert status == 0, err
    assert "Utkast som inte är färdiga" in out and rel in out
    status, out, err = cli("expiring", "--root", str(root), "--format", "json")
    assert [u["path"] for u in json.loads(out)["unfinished_drafts"]] == [rel]

    status, out, err = cli("export", "EXL-RT-001", "--to", "html", "--root", str(root), "-o", str(tmp_path / "a.html"))
    assert status == 0, err
    assert (tmp_path / "a.html").is_file() and rel in err
    status, _, err = cli("export", "IMP-001", "--to", "html", "--root", str(root), "-o", str(tmp_path / "b.html"))
    assert status == 2 and "är ett utkast som inte är färdigt" in err

    # Approving it as it is: every missing field is an error again.
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.replace("status: draft", "status: approved"), encoding="utf-8")
    status, out, _ = cli("check", "--root", str(root))
    assert status == 1 and f"{rel}:" in out and "E-SCHEMA" in out


@pytest.mark.slow
def test_the_site_builds_strict_names_unfinished_drafts_and_shows_provenance_and_expiry(tmp_path):
    tree = mini_tree(tmp_path)
    importerade = tree / "routines" / "importerade"
    importerade.mkdir(parents=True)
    (importerade / "ofardig.md").write_text(
        "---\nid: IMP-001\nstatus: draft\nareas:\n  - SIP\n---\n\nText.\n", encoding="utf-8"
    )
    complete = (tree / "routines" / "utskrivning" / "rutin.md").read_text(encoding="utf-8")
    complete = complete.replace("id: TST-001", "id: IMP-002").replace("status: approved", "status: draft")
    complete = complete.replace("valid_until: 2027-12-31", "valid_until: 2026-02-05")
    complete = complete.replace("\n---\n", "\nimported:\n  source: gammal-rutin.docx\n  sha256: " + "a" * 64 + "\n  date: 2026-11-30\n---\n", 1)
    (importerade / "importerad.md").write_text(complete, encoding="utf-8")
    result = build(tree / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "routines/importerade/ofardig.md:2: W-DRAFT-INCOMPLETE utkastet är inte färdigt" in result.stderr
    page = (tmp_path / "site" / "dokument" / "IMP-002" / "index.html").read_text(encoding="utf-8")
    assert "Importerad från" in page and "gammal-rutin.docx, 2026-11-30" in page
    assert "Giltighetstiden i originalet gick ut 2026-02-05." in page


# --- PDF ---------------------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_a_pdf_printed_from_word_imports_like_the_word_file(pdfs, known, tmp_path):
    from test_import import label_lines_docx

    from_pdf = importing.convert(pdfs["rader"], known)
    from_word = importing.convert(label_lines_docx(tmp_path / "rader.docx"), known)
    for key in ("id", "title", "type", "revision", "valid_from", "valid_until", "owner", "approved_by", "decision", "authors"):
        assert from_pdf.found[key].value == from_word.found[key].value, key
    body = from_pdf.body
    for expected in ("## Syfte\n", "- Första punkten\n- Andra punkten", "1. Steg ett\n2. Steg två", "### Ansvar", "| Sjuksköterska | Stämmer av listan |"):
        assert expected in body, expected
    assert "Sida 1" not in body and "Dokument ID" not in body


@pytest.mark.browser
@pytest.mark.parametrize(("name", "title"), [("innehall", "Rutin för samordnad planering"), ("toc-falt", "Riktlinje för SIP")])
def test_a_pdf_table_of_contents_is_removed(pdfs, known, name, title):
    converted = importing.convert(pdfs[name], known)
    assert converted.found["title"].value == title
    assert "Innehåll" not in converted.body and converted.body.startswith("## Syfte\n"), converted.body[:300]
    assert any(note.startswith("innehållsförteckningen togs bort") for note in converted.notes)


@pytest.mark.browser
def test_metadata_in_a_pdf_page_header_table_is_read_once_and_kept_out_of_the_text(pdfs, known):
    source = importing.read(pdfs["sidhuvud"])
    assert len(source.margins) == 1 and source.margins[0].where == "sidhuvud"
    converted = importing.convert(pdfs["sidhuvud"], known)
    found = {k: (f.value, f.where) for k, f in converted.found.items()}
    assert found["id"] == ("09-123456", "sidhuvud")
    assert found["revision"] == (3, "sidhuvud")
    assert found["valid_until"] == ("2027-12-31", "sidhuvud")
    assert found["title"][0] == "Riktlinje för hemsjukvård"
    body = converted.body
    assert "09-123456" not in body and "Sida " not in body
    assert body.count("## Avsnitt") == 6


@pytest.mark.browser
def test_a_one_page_pdf_header_line_is_read_as_the_page_header(pdfs, known):
    converted = importing.convert(pdfs["ensida"], known)
    found = {k: (f.value, f.where) for k, f in converted.found.items()}
    assert found["id"] == ("09-777777", "sidhuvud") and found["revision"] == (2, "sidhuvud")
    assert "Region Exempellän" not in converted.body and converted.body.startswith("## Bakgrund\n")


@pytest.mark.browser
def test_a_folder_of_word_and_pdf_files_gives_one_report(pdfs, root, cli):
    folder = root / "in"
    folder.mkdir()
    shutil.copy(pdfs["sidhuvud"], folder / "b-sidhuvud.pdf")
    expired_docx(folder / "a-utgangen.docx")
    status, out, err = cli("import", str(folder), "--root", str(root))
    assert status == 0, out + err
    summary = out.split("Sammanfattning:")[1].splitlines()
    assert summary[1].split() == ["Fil", "Resultat", "Id", "Hittade", "Förslag", "Saknas", "Utgånget", "Dokument", "eller", "orsak"]
    assert summary[2].split()[:2] == ["a-utgangen.docx", "importerad"] and "2026-02-05" in summary[2]
    assert summary[3].split()[:3] == ["b-sidhuvud.pdf", "importerad", "09-123456"] and summary[3].split()[6] == "nej"
    assert "2 filer: 2 importerade." in out


def test_the_import_report_warns_about_personal_identity_numbers(root, cli):
    document = docx.Document()
    document.add_paragraph("Rutin för avvikelser", style="Title")
    document.add_paragraph("Exempel", style="Heading 1")
    document.add_paragraph("Patienten 811218-9801 skrevs ut utan SIP. Ring 010-123 45 67.")
    status, out, _ = cli("import", str(save(document, root / "in" / "avvikelse.docx")), "--root", str(root))
    assert status == 0
    assert "texten innehåller 1 möjligt personnummer; ta bort dem innan dokumentet publiceras" in out
    assert "811218-9801" not in out


# --- untrusted files ---------------------------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_before_it_is_unpacked(root, cli):
    bomb = root / "in" / "bomb.docx"
    bomb.parent.mkdir()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1024 * 1024)
            for _ in range(docx_reader.MAX_PART_BYTES // len(chunk) + 1):
                part.write(chunk)
    assert bomb.stat().st_size < 1024 * 1024
    status, out, _ = cli("import", str(bomb), "--root", str(root))
    assert status == 1
    assert "bomb.docx: FEL – filen är för stor uppackad: word/document.xml blir 65 MB (gränsen är 64 MB per del)" in out


def test_pandoc_runs_with_a_memory_cap_and_says_so_in_swedish(monkeypatch, tmp_path):
    monkeypatch.setattr(pandoc, "MEMORY_LIMIT", "1m")
    with pytest.raises(pandoc.PandocFailed, match="kräver mer än 1 MB minne"):
        pandoc.run(["--from", "markdown", "--to", "html"], ("text " * 200_000).encode())


@pytest.mark.browser
def test_a_real_document_printed_to_pdf_keeps_its_words_headings_lists_and_tables(pdfs, known, tmp_path):
    from test_import import SEEDS

    seed = SEEDS / "seed-003-sip-vg.docx"
    if not seed.is_file():
        pytest.skip(f"the seed documents are not here ({SEEDS})")
    with Browser() as chromium:
        pdf = print_pdf(chromium, seed, tmp_path / "seed.pdf", footer=PAGE_NUMBERS)
    word, printed = importing.convert(seed, known).body, importing.convert(pdf, known).body

    def shape(body: str) -> list[str]:
        return [line.split(" ", 1)[0] if line.startswith(("#", "-", "|")) else "text" for line in body.splitlines() if line.strip()]

    assert shape(printed) == shape(word)
    assert [line for line in printed.splitlines() if line.startswith("#")] == [line for line in word.splitlines() if line.startswith("#")]
    assert set(word.split()) - set(printed.split()) <= {"|"}
